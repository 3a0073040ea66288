// The hub's verdict on a passkey signature it shows — a withdrawal's, a judge's record's — checked on
// each read against its signed directory log. Each kind of record says its verdicts in its own words;
// which verdicts are an error is said once, here.

import type { RequestDetail } from '../api/types.ts';
import type { MessageKey } from '../i18n/dictionary.ts';
import { useI18n } from '../i18n/i18n.tsx';

export type SignatureVerdict = NonNullable<RequestDetail['withdrawal']>['verdict'];

/** A signature the hub cannot verify: it does not, or its key is not in the hub's signed log. */
export const unverified = (v: SignatureVerdict | undefined): boolean => v === 'failed' || v === 'not_in_log';

/** The verdict as a term and its words (an error notice when unverified), two children of a `dl`. */
export function SignatureVerdictFact({
  label,
  verdict,
  texts,
  testId,
}: {
  label: string;
  verdict: SignatureVerdict;
  texts: Record<SignatureVerdict, MessageKey>;
  testId: string;
}) {
  const { t } = useI18n();
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId} data-state={verdict} className={unverified(verdict) ? 'notice notice-error' : undefined}>
        {t(texts[verdict])}
      </dd>
    </>
  );
}

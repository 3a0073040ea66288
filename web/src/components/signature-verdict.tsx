// The hub's verdict on a passkey signature it shows — a withdrawal's, a judge's record's — checked on
// each read against its signed directory log. Each kind of record says its verdicts in its own words;
// which verdicts are an error is said once, here.

import type { RequestDetail } from '../api/types.ts';
import type { MessageKey } from '../i18n/dictionary.ts';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * A withdrawal's verdicts, and a judge's record's: those, `not_judge` (its signer was no judge then) and `copy` (a
 * hearing's record whose signed statement another record already stands for: it verifies, and does not count).
 */
export type SignatureVerdict = NonNullable<RequestDetail['withdrawal']>['verdict'] | 'not_judge' | 'copy';

/** A signature the hub cannot verify: it does not, its key is not in the hub's signed log, or no judge's. */
export const unverified = (v: SignatureVerdict | undefined): boolean =>
  v === 'failed' || v === 'not_in_log' || v === 'not_judge';

/** The verdict as a term and its words (an error notice when unverified), two children of a `dl`. */
export function SignatureVerdictFact<V extends SignatureVerdict>({
  label,
  verdict,
  texts,
  testId,
}: {
  label: string;
  verdict: V;
  texts: Record<V, MessageKey>;
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

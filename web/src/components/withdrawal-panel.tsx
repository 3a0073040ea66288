// The requesting office's withdrawal of a request, as its parties read it: the reason as signed, when, by
// whom, and whether the withdrawing person's passkey signature verifies (checked by the hub on this read
// against its signed directory log; the provider's own installation checks it again against its pin).

import type { RequestDetail } from '../api/types.ts';
import type { MessageKey } from '../i18n/dictionary.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { FactRow, Section, TextFact, TimeFact } from './common.tsx';
import { SignatureVerdictFact } from './signature-verdict.tsx';

type Withdrawal = NonNullable<RequestDetail['withdrawal']>;

const VERDICT_TEXT: Record<Withdrawal['verdict'], MessageKey> = {
  verified: 'withdrawal.sig.verified',
  failed: 'withdrawal.sig.failed',
  unsigned: 'withdrawal.sig.unsigned',
  not_in_log: 'withdrawal.sig.notInLog',
};

export function WithdrawalPanel({ w }: { w: Withdrawal }) {
  const { t } = useI18n();
  return (
    <Section title={t('withdrawal.title')} id="withdrawal">
      <dl className="facts" data-testid="withdrawal">
        <TextFact label={t('withdrawal.reason')} text={w.reason} />
        <TimeFact label={t('withdrawal.at')} value={w.at} />
        {w.by && <FactRow label={t('withdrawal.by')}>{w.by.displayName}</FactRow>}
        <SignatureVerdictFact
          label={t('withdrawal.signature')}
          verdict={w.verdict}
          texts={VERDICT_TEXT}
          testId="withdrawal-signature"
        />
      </dl>
    </Section>
  );
}

// The requesting office's withdrawal of a request, as its parties read it: the reason as signed, when, by
// whom, and whether the withdrawing person's passkey signature verifies (checked by the hub on this read
// against its signed directory log; the provider's own installation checks it again against its pin).

import type { RequestDetail } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Section, TimeFact } from './common.tsx';

type Withdrawal = NonNullable<RequestDetail['withdrawal']>;

const VERDICT_TEXT = {
  verified: 'withdrawal.sig.verified',
  failed: 'withdrawal.sig.failed',
  unsigned: 'withdrawal.sig.unsigned',
  not_in_log: 'withdrawal.sig.notInLog',
} as const;

export function WithdrawalPanel({ w }: { w: Withdrawal }) {
  const { t } = useI18n();
  return (
    <Section title={t('withdrawal.title')} id="withdrawal">
      <dl className="facts" data-testid="withdrawal">
        <dt>{t('withdrawal.reason')}</dt>
        <dd className="prewrap">{w.reason}</dd>
        <TimeFact label={t('withdrawal.at')} value={w.at} />
        {w.by && (
          <>
            <dt>{t('withdrawal.by')}</dt>
            <dd>{w.by.displayName}</dd>
          </>
        )}
        <dt>{t('withdrawal.signature')}</dt>
        <dd
          data-testid="withdrawal-signature"
          data-state={w.verdict}
          className={w.verdict === 'failed' || w.verdict === 'not_in_log' ? 'notice notice-error' : undefined}
        >
          {t(VERDICT_TEXT[w.verdict])}
        </dd>
      </dl>
    </Section>
  );
}

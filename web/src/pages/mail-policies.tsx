import type { MailAnalysis } from '../api/types.ts';
import { FactRow, Section } from '../components/common.tsx';
import { useI18n } from '../i18n/i18n.tsx';

type Check = NonNullable<MailAnalysis['authentication']['verification']>;

// Each verdict as words of the dictionary: the codes are for programs.
const SPF = {
  pass: 'mail.spf.pass',
  fail: 'mail.spf.fail',
  softfail: 'mail.spf.softfail',
  neutral: 'mail.spf.neutral',
  none: 'mail.spf.none',
  permerror: 'mail.spf.permerror',
  not_supplied: 'mail.policy.notSupplied',
  not_evaluated: 'mail.policy.notEvaluated',
} as const;
const DMARC = {
  pass: 'mail.spf.pass',
  fail: 'mail.spf.fail',
  none: 'mail.spf.none',
  not_supplied: 'mail.policy.notSupplied',
  incomplete: 'mail.dmarc.incomplete',
  not_evaluated: 'mail.policy.notEvaluated',
} as const;
const POLICY = {
  none: 'mail.dmarc.policy.none',
  quarantine: 'mail.dmarc.policy.quarantine',
  reject: 'mail.dmarc.policy.reject',
} as const;

/** SPF where the message entered the receiving organisation, and DMARC of its From domain. */
export function MailPolicies({ check }: { check: Check }) {
  const { t, locale } = useI18n();
  const msg = (n: { message: string; messageJa: string }) => (locale === 'ja' ? n.messageJa : n.message);
  const { spf, dmarc } = check;
  return (
    <Section title={t('mail.policies')}>
      <p className="hint">{msg(check.recordsNote)}</p>
      <dl className="facts">
        <FactRow
          label={spf.domain ? t('mail.spf.of', { domain: spf.domain, ip: spf.ip ?? '—' }) : 'SPF'}
          testId="mail-spf"
        >
          <strong>{t(SPF[spf.verdict])}</strong> — {msg(spf)}
        </FactRow>
        <FactRow
          label={dmarc.fromDomain ? t('mail.dmarc.of', { domain: dmarc.fromDomain }) : 'DMARC'}
          testId="mail-dmarc"
        >
          <strong>{t(DMARC[dmarc.verdict])}</strong> — {msg(dmarc)}
          {dmarc.policy !== null && (
            <>
              <br />
              {t('mail.dmarc.policy', { domain: dmarc.recordDomain ?? '—' })}: {t(POLICY[dmarc.policy])}
              {dmarc.testMode ? ` ${t('mail.dmarc.testMode')}` : ''}
            </>
          )}
        </FactRow>
      </dl>
    </Section>
  );
}

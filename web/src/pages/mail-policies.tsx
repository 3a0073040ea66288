import type { MailVerification as Check } from '../api/types.ts';
import { FactRow, Section } from '../components/common.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { mailMessage } from '../lib/mail-message.ts';

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

/** An internationalised name with its Unicode form beside it. */
const shown = (domain: string, unicode: string | null) => (unicode === null ? domain : `${domain} (${unicode})`);

/** The record as supplied and the records a verdict needed that were not supplied. */
function RecordNotes({ check, testId }: { check: { record: string | null; missing: string[] }; testId: string }) {
  const { t } = useI18n();
  if (check.record === null && check.missing.length === 0) return null;
  return (
    <span data-testid={testId}>
      {check.record !== null && (
        <>
          <br />
          {t('mail.policy.record')}: <code>{check.record}</code>
        </>
      )}
      {check.missing.length > 0 && (
        <>
          <br />
          {t('mail.policy.missing')}: <code>{check.missing.join(', ')}</code>
        </>
      )}
    </span>
  );
}

/** SPF where the message entered the receiving organisation, and DMARC of its From domain. */
export function MailPolicies({ check }: { check: Check }) {
  const { t, locale } = useI18n();
  const msg = mailMessage(locale);
  const { spf, dmarc } = check;
  const policy = locale === 'ja' ? dmarc.policyMessageJa : dmarc.policyMessage;
  return (
    <Section title={t('mail.policies')}>
      <p className="hint">{msg(check.recordsNote)}</p>
      <dl className="facts">
        <FactRow
          label={
            spf.domain ? t('mail.spf.of', { domain: shown(spf.domain, spf.domainUnicode), ip: spf.ip ?? '—' }) : 'SPF'
          }
          testId="mail-spf"
        >
          <strong>{t(SPF[spf.verdict])}</strong> — {msg(spf)}
          <RecordNotes check={spf} testId="mail-spf-record" />
        </FactRow>
        <FactRow
          label={
            dmarc.fromDomain
              ? t('mail.dmarc.of', { domain: shown(dmarc.fromDomain, dmarc.fromDomainUnicode) })
              : 'DMARC'
          }
          testId="mail-dmarc"
        >
          <strong>{t(DMARC[dmarc.verdict])}</strong> — {msg(dmarc)}
          {policy !== null && (
            <>
              <br />
              {t('mail.dmarc.policyLabel')}: {policy}
            </>
          )}
          <RecordNotes check={dmarc} testId="mail-dmarc-record" />
        </FactRow>
      </dl>
    </Section>
  );
}

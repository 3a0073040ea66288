import type { MailVerification as Check } from '../api/types.ts';
import { Section } from '../components/common.tsx';
import { Table } from '../components/table.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { mailMessage } from '../lib/mail-message.ts';

const VERDICT = {
  pass: 'mail.verdict.pass',
  fail: 'mail.verdict.fail',
  not_verified: 'mail.verdict.not_verified',
  none: 'mail.verdict.none',
} as const;

const keyName = (s: { selector: string | null; domain: string | null }) =>
  `${s.selector ?? '?'}._domainkey.${s.domain ?? '?'}`;

/** Each DKIM signature and the ARC chain, checked against the key records the analyst supplied. */
export function MailSignatures({ check }: { check: Check }) {
  const { t, locale } = useI18n();
  const msg = mailMessage(locale);
  return (
    <Section title={t('mail.signatures')}>
      {check.dkim.length === 0 ? (
        <p className="muted">{t('mail.signaturesNone')}</p>
      ) : (
        <div data-testid="mail-dkim">
          <Table
            caption={t('mail.signatures')}
            rows={check.dkim}
            rowKey={(d) => `${d.domain}-${d.selector}-${d.algorithm}-${d.message}`}
            columns={[
              { head: t('mail.signer'), cell: (d) => d.domain ?? '—' },
              { head: t('mail.selector'), cell: (d) => d.selector ?? '—' },
              // The verdict is one word: kept whole beside the long sentence that explains it.
              { head: t('mail.verdict'), cell: (d) => <strong>{t(VERDICT[d.verdict])}</strong>, className: 'nowrap' },
              { head: t('common.details'), cell: (d) => msg(d) },
            ]}
          />
        </div>
      )}
      {check.arc.verdict !== 'none' && (
        <div data-testid="mail-arc">
          <p>
            {t('mail.arcChain', { instances: check.arc.instances.join(',') })}:{' '}
            <strong>{t(VERDICT[check.arc.verdict])}</strong> — {msg(check.arc)}
          </p>
          <ul>
            {check.arc.seals.map((s) => (
              <li key={s.instance}>
                {t('mail.seal', { instance: s.instance, key: keyName(s) })}: {t(VERDICT[s.verdict])}
              </li>
            ))}
          </ul>
        </div>
      )}
    </Section>
  );
}

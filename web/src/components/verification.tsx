import type { Verification } from '../api/types.ts';
import type { MessageKey } from '../i18n/dictionary.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Time } from './common.tsx';

const CHECK_ORDER = [
  'signature_approver',
  'signature_unit',
  'approver_authority',
  'key_validity',
  'revocation',
  'warrant_attestation',
  'replay',
  'addressee',
];

/** The provider's view of whether a request is genuine: one badge per check, with its explanation. */
export function VerificationPanel({ verification }: { verification: Verification | null }) {
  const { t, bi } = useI18n();
  if (!verification) {
    return <p className="muted">{t('verify.notYet')}</p>;
  }
  const checks = [...verification.checks].sort((a, b) => {
    const ia = CHECK_ORDER.indexOf(a.name);
    const ib = CHECK_ORDER.indexOf(b.name);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
  });
  return (
    <div data-testid="verification" data-ok={verification.ok ? 'true' : 'false'}>
      <p className={`verdict ${verification.ok ? 'verdict-ok' : 'verdict-fail'}`} role="status">
        {verification.ok ? `✓ ${t('verify.ok')}` : `✗ ${t('verify.failed')}`}
        <span className="muted small">
          {' '}
          — {t('verify.at')} <Time value={verification.verifiedAt} />
        </span>
      </p>
      <ul className="checks-list">
        {checks.map((c) => {
          const known = CHECK_ORDER.includes(c.name);
          return (
            <li key={c.name} className={`check check-${c.status}`} data-check={c.name} data-status={c.status}>
              <span className={`badge check-badge check-badge-${c.status}`}>
                {c.status === 'pass' ? '✓' : c.status === 'fail' ? '✗' : '–'}{' '}
                {t(`verify.status.${c.status}` as MessageKey)}
              </span>
              <details open={c.status === 'fail'}>
                <summary>{known ? t(`verify.check.${c.name}` as MessageKey) : c.name}</summary>
                <p>{bi(c.message)}</p>
              </details>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

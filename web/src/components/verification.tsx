import { type RequestKind, VERIFICATION_CHECK_LABELS, type VerificationCheckName } from '#shokai/vocabulary';
import type { Verification, VerificationCheck } from '../api/types.ts';
import type { MessageKey } from '../i18n/dictionary.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Time } from './common.tsx';

const STATUS_KEY: Record<VerificationCheck['status'], MessageKey> = {
  pass: 'verify.status.pass',
  fail: 'verify.status.fail',
  not_applicable: 'verify.status.not_applicable',
};

/** The order a reader checks them in: who signed, with what authority and keys, then the rest. */
const CHECK_ORDER: VerificationCheckName[] = [
  'signature_approver',
  'signature_unit',
  'approver_authority',
  'key_validity',
  'revocation',
  'warrant_attestation',
  'court_order',
  'replay',
  'content_rules',
  'addressee',
];

/** The provider's view of whether a request is genuine: one badge per check, with its explanation. */
export function VerificationPanel({
  verification,
  kind,
}: {
  verification: Verification | null;
  /** The request's kind: a civil disclosure is signed by the claimant's lawyer, not a unit head. */
  kind?: RequestKind;
}) {
  const byLawyer = kind === 'civil_disclosure';
  const { t, bi, duration } = useI18n();
  // Under a minute in words: "1分未満前" and "<1m before" do not read as sentences.
  const credentialAge = (ms: number) =>
    ms < 60_000 ? t('verify.credentialAgeSeconds') : t('verify.credentialAge', { age: duration(ms) });
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
      {verification.approverCredential && (
        <p className="small" data-testid="approver-credential">
          {credentialAge(verification.approverCredential.ageHoursAtSigning * 3600_000)} ·{' '}
          {verification.approverCredential.countersignedBy
            ? t(byLawyer ? 'verify.lawyerCountersignedBy' : 'verify.countersignedBy', {
                who: verification.approverCredential.countersignedBy,
              })
            : t(byLawyer ? 'verify.lawyerNotCountersigned' : 'verify.notCountersigned')}
        </p>
      )}
      <ul className="checks-list">
        {checks.map((c) => {
          return (
            <li key={c.name} className={`check check-${c.status}`} data-check={c.name} data-status={c.status}>
              <span className={`badge check-badge check-badge-${c.status}`}>
                {c.status === 'pass' ? '✓' : c.status === 'fail' ? '✗' : '–'} {t(STATUS_KEY[c.status])}
              </span>
              <details open={c.status === 'fail'}>
                <summary>{bi(VERIFICATION_CHECK_LABELS[c.name])}</summary>
                <p>{bi(c.message)}</p>
              </details>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

import { useEffect, useState } from 'react';
import { WHOM_VERDICT_LABELS } from '#shokai/vocabulary';
import { api } from '../api/client.ts';
import type { PolicyCheck, WhomAnswer } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { orgName } from './common.tsx';

// Whom to ask, inside the request editor: each address target names its holder (from the directory's
// declared networks, then the registry data) with a button to address the request to it, and warns
// when the chosen provider is not the holder. The server's policy check says the same (addressees).

/**
 * The holder of one address target, looked up (debounced) as the address, port and instant are typed.
 * `providerId` is the addressee chosen so far; `onChoose` makes the holder the addressee.
 */
export function AddresseeHint({
  address,
  port,
  at,
  providerId,
  providerName,
  providerIsAccess,
  onChoose,
}: {
  address: string;
  port: string;
  at: string;
  providerId: string;
  providerName: string | null;
  /**
   * The chosen provider gives internet access (ISP, mobile carrier, café, telecom carrier): only the holder can
   * answer.
   */
  providerIsAccess: boolean;
  onChoose: (organisationId: string) => void;
}) {
  const { t, bi, locale } = useI18n();
  const [answer, setAnswer] = useState<WhomAnswer | null>(null);
  useEffect(() => {
    const a = address.trim();
    if (!/^[0-9a-fA-F:.]+$/.test(a) || (!a.includes(':') && a.split('.').length !== 4)) {
      setAnswer(null);
      return;
    }
    let live = true;
    const p = /^\d{1,5}$/.test(port.trim()) ? Number(port.trim()) : undefined;
    const h = setTimeout(() => {
      api.whom({ address: a, ...(p !== undefined && p <= 65535 ? { port: p } : {}), ...(at ? { at } : {}) }).then(
        (r) => live && setAnswer(r),
        () => live && setAnswer(null),
      );
    }, 500);
    return () => {
      live = false;
      clearTimeout(h);
    };
  }, [address, port, at]);
  if (!answer) return null;
  const holder = answer.holder;
  const holderName = holder ? orgName(holder, locale) : null;
  const mismatch = holder !== null && providerId !== '' && holder.organisationId !== providerId;
  return (
    <div className="addressee-hint" data-testid="addressee-hint">
      <p>
        <span className="badge">{bi(WHOM_VERDICT_LABELS[answer.verdict])}</span>{' '}
        {holder ? (
          <>
            {t('addressee.holder')} <strong data-testid="addressee-holder">{holderName}</strong>{' '}
            <span className="muted">
              （{t('whom.matched')} {holder.matched}）
            </span>
          </>
        ) : (
          bi(answer.summary)
        )}
        {holder && holder.organisationId !== providerId && (
          <>
            {' '}
            <button type="button" className="secondary" onClick={() => onChoose(holder.organisationId)}>
              {t('addressee.choose', { name: holderName ?? '' })}
            </button>
          </>
        )}
      </p>
      {answer.verdict === 'not_public' && (
        <p className="notice notice-warn" role="status" data-testid="addressee-not-internet">
          ⚠ {answer.reasons.map((r) => bi(r.message)).join(' ')}
        </p>
      )}
      {mismatch && (
        <p className="notice notice-warn" role="status" data-testid="addressee-warning">
          ⚠{' '}
          {t(providerIsAccess ? 'addressee.mismatch' : 'addressee.mismatchRecords', {
            chosen: providerName ?? '',
            holder: holderName ?? '',
          })}
        </p>
      )}
    </div>
  );
}

/**
 * The findings about the address targets (the editor's policy check, the approver's preview): warnings
 * first, then refusals and notices.
 */
export function AddresseeFindings({ addressees }: { addressees: PolicyCheck['addressees'] }) {
  const { t, bi } = useI18n();
  // An address that is not an Internet source is warned of in its own words (not refused: the
  // provider may still answer what it recorded); the directory's "nobody declared it" adds nothing.
  const warned = addressees.filter((a) => a.notInternet !== null);
  const shown = addressees.filter((a) => a.holds !== 'yes' && !(a.notInternet && a.holds === 'unknown'));
  return (
    <>
      {warned.length > 0 && (
        <ul className="notice notice-warn notices" data-testid="policy-address-warnings">
          {warned.map((a) => (
            <li key={`${a.targetIndex}:${a.address}`}>
              ⚠ {t('editor.targetN', { n: a.targetIndex + 1 })}: {a.notInternet ? bi(a.notInternet) : ''}
            </li>
          ))}
        </ul>
      )}
      {shown.length > 0 && (
        <ul className="notices" data-testid="policy-addressees">
          {shown.map((a) => (
            <li key={`${a.targetIndex}:${a.address}`} className={a.refused ? 'refused' : undefined}>
              {a.refused ? `✗ ${t('addressee.refused', { n: a.targetIndex + 1 })} ` : 'ℹ '}
              {bi(a.message)}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

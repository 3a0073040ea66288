import { useState } from 'react';
import { api } from '../api/client.ts';
import type { RequestDetail } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { hasRole, useMe } from '../lib/session.tsx';
import { useAsync } from '../lib/use-async.ts';
import { Select } from './choices.tsx';
import { ErrorNotice, Section, TextField, Time } from './common.tsx';

/**
 * Need-to-know: a request is its issuing unit's. The unit head shares it, read only, with a colleague
 * of the agency who needs it, and ends the share when the need ends.
 */
export function SharesSection({ d }: { d: RequestDetail }) {
  const me = useMe();
  const { t } = useI18n();
  const head = hasRole(me, 'unit_head');
  const shares = useAsync(() => api.shares(d.id).then((r) => r.items), [d.id]);
  // the server's list: colleagues of another unit who work cases and hold no share yet (the rule the share applies)
  const colleagues = useAsync(
    () => (head ? api.shareCandidates(d.id).then((r) => r.items) : Promise.resolve([])),
    [head, d.id],
  );
  const [userId, setUserId] = useState('');
  const [error, setError] = useState<unknown>(null);
  const change = (p: Promise<unknown>) => {
    setError(null);
    setUserId('');
    p.then(() => {
      shares.reload();
      colleagues.reload();
    }, setError);
  };
  return (
    <Section title={t('shares.title')} id="shares">
      <ErrorNotice error={shares.error ?? colleagues.error ?? error} />
      {shares.data && shares.data.length === 0 && <p className="muted">{t('shares.none')}</p>}
      {shares.data && shares.data.length > 0 && (
        <ul>
          {shares.data.map((s) => (
            <li key={s.userId}>
              {s.displayName} ({s.login}) · <Time value={s.grantedAt} />{' '}
              {head && (
                <button type="button" className="link danger" onClick={() => change(api.unshare(d.id, s.userId))}>
                  {t('shares.remove', { name: s.displayName })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {head && colleagues.data && colleagues.data.length === 0 && <p className="muted">{t('shares.noColleague')}</p>}
      {head && colleagues.data && colleagues.data.length > 0 && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (userId) change(api.share(d.id, userId));
          }}
          aria-label={t('shares.add')}
        >
          <Select
            label={t('shares.user')}
            none="—"
            options={colleagues.data.map((u) => ({ value: u.userId, text: `${u.displayName} (${u.login})` }))}
            value={userId}
            onChange={setUserId}
          />
          <button type="submit" disabled={!userId}>
            {t('shares.add')}
          </button>
        </form>
      )}
    </Section>
  );
}

/**
 * The oversight body sees a request's metadata and timeline; its content opens only once the auditor
 * records why it is needed (an audit entry the issuing unit sees), for an hour.
 */
export function WithheldContent({ d, onOpened }: { d: RequestDetail; onOpened: () => void }) {
  const me = useMe();
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  return (
    <div data-testid="content-withheld">
      <p className="muted">{t('withheld.notice')}</p>
      {hasRole(me, 'auditor') && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setError(null);
            api.breakGlass(d.id, reason.trim()).then(onOpened, setError);
          }}
          aria-label={t('withheld.title')}
        >
          <ErrorNotice error={error} />
          <TextField label={t('withheld.reason')} multiline rows={2} required value={reason} onChange={setReason} />
          <p className="hint">{t('withheld.hint')}</p>
          <button type="submit" className="danger" disabled={reason.trim().length < 10}>
            {t('withheld.open')}
          </button>
        </form>
      )}
    </div>
  );
}

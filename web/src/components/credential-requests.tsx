// The second person of the two-person rule for signing credentials: a unit head's, judge's or provider
// officer's new passkey waits here until another administrator or the key officer of the organisation
// (never its owner) confirms it — having checked with the owner, by the fingerprint, that it is theirs —
// or refuses it.
import { useState } from 'react';
import { CREDENTIAL_REQUEST_STATE_LABELS } from '#shokai/vocabulary';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useMe } from '../lib/session.tsx';
import { useAsync } from '../lib/use-async.ts';
import { ErrorNotice, Loading, Section, TextField, Time } from './common.tsx';
import { SecondPersonButtons } from './second-person.tsx';

export function CredentialRequestsSection() {
  const me = useMe();
  const { t, bi } = useI18n();
  const list = useAsync(() => api.credentialRequests().then((r) => r.items), []);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const decide = (p: Promise<unknown>) => {
    setError(null);
    p.then(() => {
      setReason('');
      list.reload();
    }, setError);
  };
  const pending = list.data?.filter((r) => r.state === 'pending') ?? [];
  const decided = list.data?.filter((r) => r.state !== 'pending') ?? [];
  return (
    <Section title={t('credreq.title', { n: pending.length })}>
      <p className="hint">{t('credreq.intro')}</p>
      {list.loading && <Loading />}
      <ErrorNotice error={list.error ?? error} />
      {pending.length === 0 && list.data && <p className="muted">{t('credreq.nonePending')}</p>}
      {pending.length > 0 && (
        <ul className="grants" data-testid="pending-credentials">
          {pending.map((r) => (
            <li key={r.id} data-credential-request={r.id}>
              <strong>{r.user.displayName}</strong> ({r.user.login}) — <code>{r.fingerprint}</code> ·{' '}
              <Time value={r.requestedAt} />{' '}
              <SecondPersonButtons
                own={r.user.id === me.user.id}
                confirmLabel={t('credreq.confirm', { login: r.user.login })}
                refuseLabel={t('credreq.refuse')}
                reason={reason}
                onConfirm={() => decide(api.confirmCredential(r.id))}
                onRefuse={() => decide(api.refuseCredential(r.id, reason.trim()))}
              />
            </li>
          ))}
        </ul>
      )}
      {pending.length > 0 && <TextField label={t('grants.refusalReason')} value={reason} onChange={setReason} />}
      {decided.length > 0 && (
        <details>
          <summary>{t('credreq.history', { n: decided.length })}</summary>
          <ul>
            {decided.map((r) => (
              <li key={r.id}>
                {r.user.displayName} ({r.user.login}) — <code>{r.fingerprint}</code> —{' '}
                {bi(CREDENTIAL_REQUEST_STATE_LABELS[r.state])}
                {r.decidedAt && (
                  <>
                    {' '}
                    · <Time value={r.decidedAt} />
                  </>
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
    </Section>
  );
}

// The second person of the two-person rule for signing credentials: a unit head's, judge's or provider
// officer's new passkey waits here until another administrator or the key officer of the organisation
// (never its owner) confirms it — having checked with the owner, by the fingerprint, that it is theirs —
// or refuses it.
import { CREDENTIAL_REQUEST_STATE_LABELS } from '#shokai/vocabulary';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useMe } from '../lib/session.tsx';
import { useAsync } from '../lib/use-async.ts';
import { Time } from './common.tsx';
import { Fingerprint } from './fingerprint.tsx';
import { SecondPersonQueue } from './second-person.tsx';

export function CredentialRequestsSection() {
  const me = useMe();
  const { t, bi } = useI18n();
  const list = useAsync(() => api.credentialRequests().then((r) => r.items), []);
  return (
    <SecondPersonQueue
      list={list}
      title={(n) => t('credreq.title', { n })}
      intro={t('credreq.intro')}
      nonePending={t('credreq.nonePending')}
      history={(n) => t('credreq.history', { n })}
      testId="pending-credentials"
      itemAttribute="data-credential-request"
      describe={(r) => (
        <>
          <strong>{r.user.displayName}</strong> ({r.user.login}) — <Fingerprint value={r.fingerprint} /> ·{' '}
          <Time value={r.requestedAt} />
        </>
      )}
      describeDecided={(r) => (
        <>
          {r.user.displayName} ({r.user.login}) — <Fingerprint value={r.fingerprint} /> —{' '}
          {bi(CREDENTIAL_REQUEST_STATE_LABELS[r.state])}
        </>
      )}
      own={(r) => r.user.id === me.user.id}
      confirmLabel={(r) => t('credreq.confirm', { login: r.user.login })}
      refuseLabel={t('credreq.refuse')}
      confirm={(r) => api.confirmCredential(r.id)}
      refuse={(r, reason) => api.refuseCredential(r.id, reason)}
    />
  );
}

// The second person of the two-person rule for what acts in a provider's name without a person's passkey:
// an installation key (the organisation's key that signs its answers) or a machine client an administrator
// registered waits here until another administrator or the key officer of the provider (never the one who
// registered it) confirms it — having checked the fingerprint with the installation that made the key —
// or refuses it.
import { CREDENTIAL_REQUEST_STATE_LABELS, KEY_REGISTRATION_KIND_LABELS } from '#shokai/vocabulary';
import { api } from '../api/client.ts';
import type { OrganisationDetail } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useMe } from '../lib/session.tsx';
import { useAsync } from '../lib/use-async.ts';
import { Time } from './common.tsx';
import { Fingerprint } from './fingerprint.tsx';
import { SecondPersonQueue } from './second-person.tsx';

type Registration = Awaited<ReturnType<typeof api.keyRegistrations>>[number];

export function KeyRegistrationsSection({ org }: { org: OrganisationDetail }) {
  const me = useMe();
  const { t, bi } = useI18n();
  const list = useAsync(() => api.keyRegistrations(org.id), [org.id]);
  const what = (r: Registration) => (
    <>
      <strong>{bi(KEY_REGISTRATION_KIND_LABELS[r.kind])}</strong>
      {r.client && <> {r.client.name}</>} — <Fingerprint value={r.fingerprint} />
    </>
  );
  const by = (r: Registration) =>
    r.requestedBy ? t('keyreg.by', { login: r.requestedBy.login }) : t('keyreg.byOperator');
  return (
    <SecondPersonQueue
      list={list}
      title={(n) => t('keyreg.title', { n })}
      intro={t('keyreg.intro')}
      nonePending={t('keyreg.nonePending')}
      history={(n) => t('keyreg.history', { n })}
      testId="pending-key-registrations"
      itemAttribute="data-key-registration"
      describe={(r) => (
        <>
          {what(r)} · {by(r)} · <Time value={r.requestedAt} />
        </>
      )}
      describeDecided={(r) => (
        <>
          {what(r)} — {bi(CREDENTIAL_REQUEST_STATE_LABELS[r.state])}
        </>
      )}
      own={(r) => r.requestedBy?.id === me.user.id}
      confirmLabel={(r) => t('keyreg.confirm', { what: bi(KEY_REGISTRATION_KIND_LABELS[r.kind]) })}
      refuseLabel={t('credreq.refuse')}
      confirm={(r) => api.confirmKeyRegistration(r.id)}
      refuse={(r, reason) => api.refuseKeyRegistration(r.id, reason)}
    />
  );
}

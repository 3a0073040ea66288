// The signed-in person's own passkeys: each one they registered and where it stands (their signing key now,
// ended, revoked; awaiting a second person, refused, superseded), and registering one on this browser through
// the same ceremony the approval, warrant and answer pages offer (lib/passkey.ts).
import { KEY_REVOCATION_REASON_LABELS, PASSKEY_STATE_LABELS } from '#shokai/vocabulary';
import { api } from '../api/client.ts';
import { ErrorNotice, LoadState, Section, Time } from '../components/common.tsx';
import { Fingerprint } from '../components/fingerprint.tsx';
import { Table } from '../components/table.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useRegisterPasskey } from '../lib/passkey.ts';
import { useAction } from '../lib/use-action.ts';
import { useAsync } from '../lib/use-async.ts';

type Passkey = Awaited<ReturnType<typeof api.ownPasskeys>>['passkeys'][number];

/** Where a passkey stands, in words, with the instant and reason of its end or decision. */
function Standing({ p }: { p: Passkey }) {
  const { t, bi, instant } = useI18n();
  const lines: string[] = [];
  if (p.state === 'ended' && p.validTo) lines.push(t('passkeys.endedAt', { at: instant(p.validTo) }));
  if (p.state === 'revoked' && p.revokedAt) {
    const reason = p.revocationReason ? bi(KEY_REVOCATION_REASON_LABELS[p.revocationReason]) : '—';
    lines.push(t('passkeys.revokedAt', { at: instant(p.revokedAt), reason }));
  }
  if (p.decidedAt && p.state !== 'ended') lines.push(t('passkeys.decidedAt', { at: instant(p.decidedAt) }));
  if (p.refusalReason) lines.push(t('passkeys.refusal', { reason: p.refusalReason }));
  return (
    <>
      <strong>{bi(PASSKEY_STATE_LABELS[p.state])}</strong>
      {lines.map((l) => (
        <div key={l} className="hint">
          {l}
        </div>
      ))}
    </>
  );
}

export function PasskeysPage() {
  const { t } = useI18n();
  const own = useAsync(() => api.ownPasskeys(), []);
  const { busy, error, run } = useAction();
  const registration = useRegisterPasskey();

  const register = () =>
    run(async () => {
      await registration.register();
      await own.refresh();
    });

  return (
    <article aria-labelledby="passkeys-h" className="passkeys">
      <h1 id="passkeys-h">{t('passkeys.title')}</h1>
      <p className="muted">{t('passkeys.intro')}</p>
      <Section title={t('passkeys.registerTitle')} id="passkey-register">
        {own.data && !own.data.mayRegister ? (
          <p data-testid="passkey-not-signer">{t('passkeys.notSigner')}</p>
        ) : (
          <>
            <p className="hint">{t('passkeys.registerHint')}</p>
            <button type="button" className="primary" disabled={busy || !own.data} onClick={() => void register()}>
              {t('passkeys.registerButton')}
            </button>
          </>
        )}
        <ErrorNotice error={error} />
        {registration.registered && <p role="status">{registration.registered}</p>}
      </Section>
      <Section title={t('passkeys.list')} id="passkey-list">
        <LoadState of={own} />
        {own.data?.passkeys.length === 0 && <p className="muted">{t('passkeys.none')}</p>}
        {!!own.data?.passkeys.length && (
          <Table
            caption={t('passkeys.list')}
            testId="own-passkeys"
            rows={own.data.passkeys}
            rowKey={(p) => p.id}
            rowProps={(p) => ({ 'data-state': p.state, 'data-credential': p.credentialId })}
            columns={[
              { head: t('passkeys.key'), cell: (p) => <Fingerprint className="small" value={p.fingerprint} /> },
              { head: t('passkeys.credential'), cell: (p) => <code className="small break">{p.credentialId}</code> },
              { head: t('passkeys.created'), cell: (p) => <Time value={p.createdAt} long /> },
              { head: t('passkeys.state'), cell: (p) => <Standing p={p} /> },
            ]}
          />
        )}
      </Section>
    </article>
  );
}

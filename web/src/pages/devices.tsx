import { useState } from 'react';
import {
  bytesToB64u,
  deviceKeyFingerprint,
  enrolDevice,
  madeHere,
  removeAndRotate,
  startCustody,
} from '#shokai/custody';
import { DEVICE_KIND_LABELS } from '#shokai/vocabulary';
import { apiClient, unwrapCall } from '../api/client.ts';
import { ErrorNotice, Loading, Section, Time } from '../components/common.tsx';
import { FilePick } from '../components/file-pick.tsx';
import { Fingerprint } from '../components/fingerprint.tsx';
import { Table } from '../components/table.tsx';
import type { MessageKey } from '../i18n/dictionary.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { keepDevice, loadDevice, registerThisBrowser } from '../lib/device.ts';
import { RECOVERY_KEY_FORMAT, readRecoveryKey } from '../lib/recovery-key.ts';
import { saveBlob } from '../lib/save-file.ts';
import { hasRole, useMe } from '../lib/session.tsx';
import { useAction } from '../lib/use-action.ts';
import { useAsync } from '../lib/use-async.ts';
import { CompromisePanel } from './devices-compromise.tsx';

const loadCustody = () => unwrapCall(apiClient.GET('/v1/custody'));

/** Offers a file to save (the recovery key: kept offline by the head). */
function download(name: string, text: string): void {
  saveBlob(new Blob([text], { type: 'application/json' }), name);
}

/**
 * The member's devices and the unit's answer key: register this browser; a member holding the key
 * wraps it to a colleague's device after comparing its fingerprint; the head moves the key to the
 * devices (with a recovery key) and removes a member by rotating it. Keys are made here, never on the hub.
 */
export function DevicesPage() {
  const me = useMe();
  const { t, bi } = useI18n();
  // The unit's devices and this browser's own, loaded together: a load started later (after an action)
  // wins over an earlier one still out, whose answer would show the devices as they were.
  const view = useAsync(
    async () => ({ custody: await loadCustody(), mine: await loadDevice(me.user.id) }),
    [me.user.id],
  );
  const custody = view.data?.custody ?? null;
  const mine = view.data?.mine ?? null;
  const { busy, error, run } = useAction();
  const [done, setDone] = useState(false);
  // The recovery key file being read (its name said beside the button; cleared once read, so the same
  // file may be chosen again after a refusal).
  const [recoveryFile, setRecoveryFile] = useState<File | null>(null);
  // The colleague's device whose fingerprint is being compared before its key is wrapped to it.
  const [comparing, setComparing] = useState<string | null>(null);
  const head = hasRole(me, 'unit_head', 'provider_legal');

  const act = (fn: () => Promise<unknown>) => () => {
    setDone(false);
    return run(async () => {
      await fn();
      await view.refresh();
      setDone(true);
    });
  };

  const myView = custody?.devices.find((d) => d.id === mine?.id);
  const enrolled = myView?.state === 'enrolled';

  const start = async () => {
    if (!mine) return;
    const pair = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, [
      'deriveBits',
    ])) as CryptoKeyPair;
    const publicKey = bytesToB64u(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)));
    const privateKey = bytesToB64u(new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey)));
    const recovery = await unwrapCall(
      apiClient.POST('/v1/custody/devices', {
        body: { label: `${me.user.displayName} 回復鍵 / recovery key`, kind: 'recovery', publicKey },
      }),
    );
    download(
      `shokai-recovery-${recovery.id}.json`,
      JSON.stringify({ format: RECOVERY_KEY_FORMAT, deviceId: recovery.id, publicKey, privateKey }, null, 2),
    );
    // The key made here is kept in this browser's record even when the hub's answer does not come back.
    await startCustody(apiClient, mine, [{ id: recovery.id, publicKey }]).finally(() => keepDevice(me.user.id, mine));
  };
  const rotate = (userId: string) => async () => {
    if (!mine) return;
    await removeAndRotate(apiClient, mine, { userId }).finally(() => keepDevice(me.user.id, mine));
  };
  // The current key's fingerprint from this browser's own record when it made the key: the one a holder
  // of a compromised key compares on their device before sealing again to it.
  const madeCurrent = mine && custody?.custodyKey ? madeHere(mine, custody.custodyKey) : undefined;
  const keyShown = madeCurrent?.fingerprint ?? custody?.custodyKey?.fingerprint ?? '';

  const recover = async (file: File) => {
    if (!mine || !custody) return;
    const recovery = await readRecoveryKey(await file.text(), custody.devices);
    await enrolDevice(apiClient, recovery, mine);
  };

  return (
    <article id="devices" aria-labelledby="devices-h">
      <h1 id="devices-h">{t('devices.title')}</h1>
      <p className="muted">{t('devices.intro')}</p>
      <ErrorNotice error={error ?? view.error} />
      {done && <p className="notice">{t('devices.done')}</p>}
      <Section title={t('devices.key')}>
        {custody?.custodyKey ? (
          <p data-testid="custody-key" data-made-here={madeCurrent ? 'true' : 'false'}>
            {t('devices.fingerprint')} <Fingerprint value={keyShown} /> · <Time value={custody.custodyKey.validFrom} />
            {madeCurrent && <span className="hint"> {t('devices.key.madeHere')}</span>}
          </p>
        ) : (
          custody && <p data-testid="custody-key">{t('devices.keyLegacy')}</p>
        )}
      </Section>
      <Section title={t('devices.thisBrowser')}>
        {/* Until the first load answers, whether this browser is registered is unknown: no button to
          register it again (a second registration would replace its key in this browser). */}
        {view.data === undefined ? (
          view.loading && <Loading />
        ) : mine && myView ? (
          <p
            data-testid="this-device"
            data-device-id={mine.id}
            data-public-key={mine.publicKey}
            data-state={myView.state}
          >
            {t(`devices.state.${myView.state}` as MessageKey)} · {t('devices.fingerprint')}{' '}
            <Fingerprint value={myView.fingerprint} />
            {myView.state === 'pending' && <span className="hint"> {t('devices.pendingHint')}</span>}
          </p>
        ) : (
          <>
            <p>{t('devices.notRegistered')}</p>
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={act(() => registerThisBrowser(me.user.id, `${me.user.displayName} ${navigator.platform}`))}
            >
              {t('devices.register')}
            </button>
          </>
        )}
        {head && mine && !custody?.custodyKey && (
          <p>
            <button type="button" className="primary" disabled={busy} onClick={act(start)}>
              {t('devices.start')}
            </button>{' '}
            <span className="hint">{t('devices.startHint')}</span>
          </p>
        )}
        {head && mine && myView?.state === 'pending' && custody?.custodyKey && (
          <p className="field">
            <FilePick
              label={t('devices.recover')}
              accept="application/json"
              file={recoveryFile}
              onChange={(f) => {
                setRecoveryFile(f);
                if (f) void act(() => recover(f).finally(() => setRecoveryFile(null)))();
              }}
            />
          </p>
        )}
        {enrolled && mine && custody?.custodyKey && (
          <CompromisePanel device={mine} head={head} currentKey={custody.custodyKey} onChanged={view.refresh} />
        )}
      </Section>
      <Section title={t('devices.list')}>
        <Table
          className="list"
          testId="devices"
          rows={custody?.devices ?? []}
          rowKey={(d) => d.id}
          rowProps={(d) => ({ 'data-device': d.id, 'data-state': d.state })}
          columns={[
            { head: t('devices.holder'), className: 'keep-words', cell: (d) => d.holderName ?? '—' },
            { head: t('devices.label'), cell: (d) => d.label },
            { head: t('devices.kind'), cell: (d) => bi(DEVICE_KIND_LABELS[d.kind]) },
            { head: t('devices.fingerprint'), cell: (d) => <Fingerprint className="small" value={d.fingerprint} /> },
            {
              head: t('devices.state'),
              className: 'nowrap',
              cell: (d) => t(`devices.state.${d.state}` as MessageKey),
            },
            {
              head: t('admin.actions'),
              hideHead: true,
              cell: (d) => (
                <>
                  {d.state === 'pending' && enrolled && mine && (
                    <button
                      type="button"
                      disabled={busy || comparing === d.id}
                      onClick={() => {
                        setDone(false);
                        setComparing(d.id);
                      }}
                    >
                      {t('devices.enrolStart')}
                    </button>
                  )}
                  {head && enrolled && mine && d.state !== 'removed' && d.userId !== me.user.id && (
                    <button type="button" className="danger" disabled={busy} onClick={act(rotate(d.userId))}>
                      {t('devices.remove')}
                    </button>
                  )}
                </>
              ),
            },
          ]}
        />
        {comparing && mine && (
          <CompareFingerprint
            device={custody?.devices.find((x) => x.id === comparing && x.state === 'pending')}
            busy={busy}
            onMatch={(d) => act(() => enrolDevice(apiClient, mine, d).finally(() => setComparing(null)))()}
            onCancel={() => setComparing(null)}
          />
        )}
      </Section>
    </article>
  );
}

type ListedDevice = { id: string; publicKey: string; fingerprint: string; label: string; holderName?: string | null };

/**
 * Before a key is wrapped to a colleague's device, the fingerprint its own screen shows is compared with this one
 * (read out, side by side). The fingerprint shown is worked out here from the very key the wrap will be made to,
 * not taken from the hub's list: a hub that put another key in the colleague's name cannot show theirs beside it.
 * Where the two differ the hub's list is not what it says, and nothing is offered but to stop.
 */
function CompareFingerprint({
  device,
  busy,
  onMatch,
  onCancel,
}: {
  device: ListedDevice | undefined;
  busy: boolean;
  onMatch: (d: ListedDevice) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const publicKey = device?.publicKey;
  const computed = useAsync(() => (publicKey ? deviceKeyFingerprint(publicKey) : Promise.resolve(null)), [publicKey]);
  if (!device) return null;
  const fingerprint = computed.data ?? null;
  const differs = fingerprint !== null && fingerprint !== device.fingerprint;
  return (
    <fieldset className="notice" data-testid="enrol-compare">
      <legend>{t('devices.compareTitle')}</legend>
      <ErrorNotice error={computed.error} />
      {differs ? (
        <p className="error" data-testid="enrol-compare-differs">
          {t('devices.compareDiffers')}
        </p>
      ) : (
        <p>{t('devices.compare', { holder: device.holderName ?? '—', label: device.label })}</p>
      )}
      {fingerprint && !differs && (
        <p className="fingerprint-large">
          <Fingerprint value={fingerprint} />
        </p>
      )}
      <p>
        {fingerprint && !differs && (
          <>
            <button type="button" className="primary" disabled={busy} onClick={() => onMatch(device)}>
              {t('devices.enrol')}
            </button>{' '}
          </>
        )}
        <button type="button" disabled={busy} onClick={onCancel}>
          {t('devices.compareCancel')}
        </button>
      </p>
    </fieldset>
  );
}

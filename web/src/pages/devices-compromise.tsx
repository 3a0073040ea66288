import { useCallback, useEffect, useState } from 'react';
import { type DeviceHandle, madeHere } from '#shokai/custody';
import { markCompromised, type ResealProgress, resealOnDevice } from '#shokai/custody-reseal';
import { shownFingerprint } from '#shokai/shown-text';
import { apiClient, unwrapCall } from '../api/client.ts';
import { ErrorNotice } from '../components/common.tsx';
import { Fingerprint } from '../components/fingerprint.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { earlierKeysToMark } from '../lib/custody-keys.ts';
import { keepDevice } from '../lib/device.ts';
import { useMe } from '../lib/session.tsx';
import { useAction } from '../lib/use-action.ts';

const loadStatus = async (deviceId: string) => {
  const query = { params: { query: { device: deviceId } } };
  const [status, held] = await Promise.all([
    unwrapCall(apiClient.GET('/v1/custody/reseal-status', query)),
    unwrapCall(apiClient.GET('/v1/custody/devices/{id}/keys', { params: { path: { id: deviceId } } })),
  ]);
  return { ...status, earlier: earlierKeysToMark(held.items) };
};
type Status = Awaited<ReturnType<typeof loadStatus>>;

/**
 * A custody key found compromised: the head marks the current key (a new key is generated in this
 * browser and wrapped to the devices that remain); any holder whose browser still has the old key seals
 * again, here, what was sealed to it, and sees how many are left. The hub never sees a plaintext. An
 * earlier key (from before a rotation) this browser holds can be marked too: only marked, the current
 * key stays. The copies are sealed to the current key only if this browser made it (its own record), or
 * once its holder confirms that the key's fingerprint is the one the device that made it shows.
 */
export function CompromisePanel(props: {
  device: DeviceHandle;
  head: boolean;
  currentKey: { id: string; publicKey: string; fingerprint: string };
  onChanged: () => Promise<void>;
}) {
  const { t } = useI18n();
  const me = useMe();
  const { device, head, currentKey, onChanged } = props;
  const currentKeyId = currentKey.id;
  const madeCurrent = madeHere(device, currentKey) !== undefined;
  const [status, setStatus] = useState<Status | null>(null);
  // The key being confirmed: the current one, or an earlier one (only marked: the current key stays).
  const [confirming, setConfirming] = useState<string | null>(null);
  const [progress, setProgress] = useState<ResealProgress | null>(null);
  const { busy, error, setError, run } = useAction();

  const refresh = useCallback(async () => setStatus(await loadStatus(device.id)), [device.id]);
  useEffect(() => {
    refresh().catch(setError);
  }, [refresh, setError]);

  const mark = (keyId: string) =>
    run(async () => {
      // The key made here is kept in this browser's record even when the hub's answer does not come back.
      await markCompromised(apiClient, device, keyId).finally(() => keepDevice(me.user.id, device));
      setConfirming(null);
      await onChanged();
      await refresh();
    });
  // Not made here: the fingerprint shown is what the holder confirms, and the device seals only to a key
  // whose fingerprint (computed on the device from the key the hub names) is that one.
  const reseal = () =>
    run(async () => {
      const confirmed = madeCurrent ? undefined : currentKey.fingerprint;
      setProgress(await resealOnDevice(apiClient, device, (p) => setProgress(p), confirmed));
      await refresh();
    });

  const left = status?.left ?? 0;
  const here = status?.openableHere ?? 0;
  return (
    <div data-testid="custody-compromise">
      <h3>{t('devices.compromise.title')}</h3>
      <ErrorNotice error={error} />
      {status && status.compromisedKeys.length > 0 && (
        <p data-testid="reseal-status" data-left={left} data-here={here}>
          {t('devices.compromise.marked', {
            keys: status.compromisedKeys.map((k) => shownFingerprint(k.fingerprint)).join(', '),
          })}{' '}
          {left === 0 ? t('devices.reseal.none') : t('devices.reseal.left', { left: String(left), here: String(here) })}
        </p>
      )}
      {progress && (
        <p className="notice" data-testid="reseal-progress" data-left={progress.left}>
          {t('devices.reseal.progress', { done: String(progress.resealed), left: String(progress.left) })}
        </p>
      )}
      {here > 0 && (
        <div data-testid="reseal-target" data-made-here={madeCurrent ? 'true' : 'false'}>
          <p>
            {t(madeCurrent ? 'devices.reseal.targetMade' : 'devices.reseal.targetCompare')}{' '}
            <Fingerprint value={currentKey.fingerprint} />
          </p>
          <p>
            <button type="button" className="primary" disabled={busy} onClick={reseal}>
              {t(madeCurrent ? 'devices.reseal.run' : 'devices.reseal.runCompared')}
            </button>{' '}
            <span className="hint">{t('devices.reseal.hint')}</span>
          </p>
        </div>
      )}
      {left > 0 && here === 0 && <p className="hint">{t('devices.reseal.elsewhere')}</p>}
      {head &&
        (confirming ? (
          <p>
            <span>
              {confirming === currentKeyId
                ? t('devices.compromise.confirm')
                : t('devices.compromise.confirmEarlier', {
                    key: shownFingerprint(status?.earlier.find((k) => k.id === confirming)?.fingerprint ?? ''),
                  })}
            </span>{' '}
            <button type="button" className="danger" disabled={busy} onClick={() => mark(confirming)}>
              {t('devices.compromise.confirmButton')}
            </button>{' '}
            <button type="button" disabled={busy} onClick={() => setConfirming(null)}>
              {t('devices.compromise.cancel')}
            </button>
          </p>
        ) : (
          <>
            <p>
              <button type="button" className="danger" disabled={busy} onClick={() => setConfirming(currentKeyId)}>
                {t('devices.compromise.mark')}
              </button>{' '}
              <span className="hint">{t('devices.compromise.hint')}</span>
            </p>
            {(status?.earlier.length ?? 0) > 0 && (
              <div data-testid="earlier-keys">
                <p className="hint">{t('devices.compromise.earlierHint')}</p>
                <ul>
                  {status?.earlier.map((k) => (
                    <li key={k.id}>
                      <Fingerprint value={k.fingerprint} />{' '}
                      <button type="button" className="danger" disabled={busy} onClick={() => setConfirming(k.id)}>
                        {t('devices.compromise.markEarlier')}
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </>
        ))}
    </div>
  );
}

import { useCallback, useEffect, useState } from 'react';
import type { DeviceHandle } from '#shokai/custody';
import { markCompromised, type ResealProgress, resealOnDevice } from '#shokai/custody-reseal';
import { apiClient, unwrapCall } from '../api/client.ts';
import { ErrorNotice } from '../components/common.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useAction } from '../lib/use-action.ts';

type Status = Awaited<ReturnType<typeof loadStatus>>;
const loadStatus = (deviceId: string) =>
  unwrapCall(apiClient.GET('/v1/custody/reseal-status', { params: { query: { device: deviceId } } }));

/**
 * A custody key found compromised: the head marks the current key (a new key is generated in this
 * browser and wrapped to the devices that remain); any holder whose browser still has the old key seals
 * again, here, what was sealed to it, and sees how many are left. The hub never sees a plaintext.
 */
export function CompromisePanel(props: {
  device: DeviceHandle;
  head: boolean;
  currentKeyId: string;
  onChanged: () => Promise<void>;
}) {
  const { t } = useI18n();
  const { device, head, currentKeyId, onChanged } = props;
  const [status, setStatus] = useState<Status | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [progress, setProgress] = useState<ResealProgress | null>(null);
  const { busy, error, setError, run } = useAction();

  const refresh = useCallback(async () => setStatus(await loadStatus(device.id)), [device.id]);
  useEffect(() => {
    refresh().catch(setError);
  }, [refresh, setError]);

  const mark = () =>
    run(async () => {
      await markCompromised(apiClient, device, currentKeyId);
      setConfirming(false);
      await onChanged();
      await refresh();
    });
  const reseal = () =>
    run(async () => {
      setProgress(await resealOnDevice(apiClient, device, (p) => setProgress(p)));
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
          {t('devices.compromise.marked', { keys: status.compromisedKeys.map((k) => k.fingerprint).join(', ') })}{' '}
          {left === 0 ? t('devices.reseal.none') : t('devices.reseal.left', { left: String(left), here: String(here) })}
        </p>
      )}
      {progress && (
        <p className="notice" data-testid="reseal-progress" data-left={progress.left}>
          {t('devices.reseal.progress', { done: String(progress.resealed), left: String(progress.left) })}
        </p>
      )}
      {here > 0 && (
        <p>
          <button type="button" className="primary" disabled={busy} onClick={reseal}>
            {t('devices.reseal.run')}
          </button>{' '}
          <span className="hint">{t('devices.reseal.hint')}</span>
        </p>
      )}
      {left > 0 && here === 0 && <p className="hint">{t('devices.reseal.elsewhere')}</p>}
      {head &&
        (confirming ? (
          <p>
            <span>{t('devices.compromise.confirm')}</span>{' '}
            <button type="button" className="danger" disabled={busy} onClick={mark}>
              {t('devices.compromise.confirmButton')}
            </button>{' '}
            <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
              {t('devices.compromise.cancel')}
            </button>
          </p>
        ) : (
          <p>
            <button type="button" className="danger" disabled={busy} onClick={() => setConfirming(true)}>
              {t('devices.compromise.mark')}
            </button>{' '}
            <span className="hint">{t('devices.compromise.hint')}</span>
          </p>
        ))}
    </div>
  );
}

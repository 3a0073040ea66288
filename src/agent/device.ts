import { readFileSync } from 'node:fs';
import type { DeviceHandle } from '../client/custody.ts';
import { DEVICE_KEY_FORMAT, DeviceKeyFileSchema, deviceOfFile, newDeviceKeyFile } from '../client/device-file.ts';
import { DomainError } from '../domain/errors.ts';
import { requirePrivateFile } from './config.ts';
import type { HubLink } from './hub.ts';

// The installation's own device of the provider's record key: a P-256 key file beside the configuration
// (mode 0600), its public part registered at the hub by the installation's machine client as a machine
// device of the provider. It holds nothing until a person of the provider who holds the record key
// enrols it (`shokai device enrol`, or the custody page), comparing the fingerprint: from then on the
// hub hands the installation each request file sealed to that key, which only this file opens.

const unreadable = (path: string) =>
  new DomainError(
    'VALIDATION_FAILED',
    {
      ja: `deviceKeyFile: ${path} は端末の鍵ファイル（${DEVICE_KEY_FORMAT}）として読めません`,
      en: `deviceKeyFile: ${path} cannot be read as a device key file (${DEVICE_KEY_FORMAT})`,
    },
    { field: 'deviceKeyFile', value: path },
  );

/** The installation's device from its key file. */
export async function readAgentDevice(path: string): Promise<DeviceHandle> {
  let parsed: ReturnType<typeof DeviceKeyFileSchema.safeParse>;
  try {
    parsed = DeviceKeyFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    throw unreadable(path);
  }
  const device = parsed.success ? await deviceOfFile(parsed.data) : null;
  if (!device) throw unreadable(path);
  requirePrivateFile(path, 'deviceKeyFile');
  return device;
}

/**
 * Creates the device key here and registers its public part at the hub (as a machine device of the
 * provider); the private part is written to `path` (mode 0600) and never leaves this machine. The file is
 * made first, so that a path that exists or cannot be written registers nothing at the hub.
 */
export async function registerAgentDevice(
  hub: HubLink,
  path: string,
  label: string,
): Promise<{ deviceId: string; publicKey: string; fingerprint: string }> {
  const { file, fingerprint } = await newDeviceKeyFile(hub.api, label, { path, field: 'deviceKeyFile' });
  return { deviceId: file.deviceId, publicKey: file.publicKey, fingerprint };
}

import { z } from 'zod';
import {
  b64uToBytes,
  bytesToB64u,
  deviceKeyFingerprint,
  exportDevicePrivateKey,
  exportDevicePublicKey,
  generateDeviceKeyPair,
  importDevicePrivateKey,
} from '../crypto/device-seal.ts';
import { writeNewPrivateFile } from '../kernel/new-file.ts';
import type { ApiClient } from './client.ts';
import { type DeviceHandle, registerDevice } from './custody.ts';
import { MadeKeySchema } from './made-keys.ts';

// A device's key file (P-256, mode 0600 on its machine): what `shokai device init` writes for a person's
// command line, and `shokai agent device` for a provider's installation. The hub has only the public part.

export const DEVICE_KEY_FORMAT = 'shokai-device-key/v1';
export const DeviceKeyFileSchema = z.strictObject({
  format: z.literal(DEVICE_KEY_FORMAT),
  deviceId: z.string().min(1),
  publicKey: z.string().min(1),
  privateKey: z.string().min(1),
  /** The custody keys this device generated (made-keys.ts): absent in a file that made none. */
  madeKeys: z.array(MadeKeySchema).optional(),
});
export type DeviceKeyFile = z.infer<typeof DeviceKeyFileSchema>;

/** The device as its holder uses it (the private key imported non-extractable); null: not base64url. */
export async function deviceOfFile(f: DeviceKeyFile): Promise<DeviceHandle | null> {
  const pkcs8 = b64uToBytes(f.privateKey);
  if (!pkcs8) return null;
  const made = f.madeKeys ? { madeKeys: f.madeKeys } : {};
  return { id: f.deviceId, publicKey: f.publicKey, privateKey: await importDevicePrivateKey(pkcs8), ...made };
}

/**
 * A new device key, made here: its public part registered at the hub as a machine device of the caller's
 * organisation, and the key file for the caller to keep on this machine (mode 0600), with the fingerprint
 * a member holding the record key compares before enrolling it.
 */
export async function newDeviceKeyFile(
  api: ApiClient,
  label: string,
  at: { path: string; field: string },
): Promise<{ file: DeviceKeyFile; fingerprint: string }> {
  // The key file first (mode 0600, never over one that exists): a path that exists or cannot be made
  // registers nothing at the hub, where a device whose private key is lost would open nothing.
  return writeNewPrivateFile(
    at.path,
    at.field,
    async () => {
      const pair = await generateDeviceKeyPair(true);
      const publicKey = await exportDevicePublicKey(pair.publicKey);
      const d = await registerDevice(api, { label, kind: 'machine', publicKey });
      const file: DeviceKeyFile = {
        format: DEVICE_KEY_FORMAT,
        deviceId: d.id,
        publicKey,
        privateKey: bytesToB64u(await exportDevicePrivateKey(pair.privateKey)),
      };
      return { file, fingerprint: await deviceKeyFingerprint(publicKey) };
    },
    (made) => `${JSON.stringify(made.file, null, 2)}\n`,
  );
}

import { z } from 'zod';
import { b64uToBytes, importDevicePrivateKey } from '../crypto/device-seal.ts';
import type { DeviceHandle } from './custody.ts';

// A device's key file (P-256, mode 0600 on its machine): what `shokai device init` writes for a person's
// command line, and `shokai agent device` for a provider's installation. The hub has only the public part.

export const DEVICE_KEY_FORMAT = 'shokai-device-key/v1';
export const DeviceKeyFileSchema = z.strictObject({
  format: z.literal(DEVICE_KEY_FORMAT),
  deviceId: z.string().min(1),
  publicKey: z.string().min(1),
  privateKey: z.string().min(1),
});
export type DeviceKeyFile = z.infer<typeof DeviceKeyFileSchema>;

/** The device as its holder uses it (the private key imported non-extractable); null: not base64url. */
export async function deviceOfFile(f: DeviceKeyFile): Promise<DeviceHandle | null> {
  const pkcs8 = b64uToBytes(f.privateKey);
  if (!pkcs8) return null;
  return { id: f.deviceId, publicKey: f.publicKey, privateKey: await importDevicePrivateKey(pkcs8) };
}

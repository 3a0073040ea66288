// Devices in the tests of answer custody: a member's new device key pair, registered at the hub through
// the typed client, and the typed client's refusals by code.
import assert from 'node:assert/strict';
import { type ApiClient, ApiError } from '../../src/client/client.ts';
import { type DeviceHandle, registerDevice } from '../../src/client/custody.ts';
import { exportDevicePrivateKey, exportDevicePublicKey, generateDeviceKeyPair } from '../../src/crypto/device-seal.ts';

/**
 * A new device of the member signed in to `api`, registered and asserted pending: its handle, the hub's
 * view of it and, for a recovery key (the one extractable kind), its private part to keep offline.
 */
export async function newDevice(api: ApiClient, label: string, kind: 'browser' | 'machine' | 'recovery' = 'browser') {
  const pair = await generateDeviceKeyPair(kind === 'recovery');
  const publicKey = await exportDevicePublicKey(pair.publicKey);
  const d = await registerDevice(api, { label, kind, publicKey });
  assert.equal(d.state, 'pending');
  const handle: DeviceHandle = { id: d.id, publicKey, privateKey: pair.privateKey };
  return { handle, view: d, pkcs8: kind === 'recovery' ? await exportDevicePrivateKey(pair.privateKey) : undefined };
}

/** For `assert.rejects`: the typed client's error with `code`. */
export const apiErrorCode = (code: string) => (e: unknown) => e instanceof ApiError && e.code === code;

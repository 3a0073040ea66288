// Devices in the tests of answer custody: the hub the tests start from, a member's new device key pair,
// registered at the hub through the typed client, and the typed client's refusals by code.
import assert from 'node:assert/strict';
import { type ApiClient, ApiError, createApiClient } from '../../src/client/client.ts';
import { type DeviceHandle, registerDevice } from '../../src/client/custody.ts';
import { exportDevicePrivateKey, exportDevicePublicKey, generateDeviceKeyPair } from '../../src/crypto/device-seal.ts';
import type { Dialect } from './dialects.ts';
import { hubWith } from './exchange.ts';

/**
 * A hub whose agency keeps its answer key on the hub still (no device custody yet): the agency's drafter
 * (`sato`) and head (`tanaka`), each with a typed client too, and the board's legal officer.
 */
export async function custodyHub(dialect: Dialect) {
  const {
    hub,
    people: [sato, tanaka, board],
    orgs: { board: boardId },
  } = await hubWith(dialect, ['sato', 'tanaka', 'board.legal'], { deviceCustody: false });
  const satoApi = createApiClient({ baseUrl: hub.url, token: sato.token });
  const tanakaApi = createApiClient({ baseUrl: hub.url, token: tanaka.token });
  return { hub, sato, tanaka, board, boardId, satoApi, tanakaApi };
}

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

// Devices in the tests of answer custody: the hub the tests start from, a member's new device key pair,
// registered at the hub through the typed client, and the typed client's refusals by code; a command-line
// device enrolled by the head's; a hub that puts a box of its own in place of a re-sealed copy.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type ApiClient, ApiError, createApiClient, unwrap } from '../../src/client/client.ts';
import { type DeviceHandle, enrolDevice, registerDevice } from '../../src/client/custody.ts';
import {
  declarationTag,
  exportDevicePrivateKey,
  exportDevicePublicKey,
  generateDeviceKeyPair,
  type ResealDeclaration,
  sealBox,
  unwrapCustodyKey,
} from '../../src/crypto/device-seal.ts';
import { importDemoDevice } from '../../src/demo/custody.ts';
import type { DemoRequest } from '../../src/demo/seed.ts';
import { isDomainError } from '../../src/domain/errors.ts';
import type { Db } from '../../src/store/database.ts';
import { shokai } from './cli.ts';
import type { Dialect } from './dialects.ts';
import { type Client, demoDevice, hubWithHooks, standIn, type TestHub } from './exchange.ts';

/**
 * A hub whose agency keeps its answer key on the hub still (no device custody yet), for the tests of one
 * `describe` (see `hubWithHooks`): the agency's drafter (`sato`) and head (`tanaka`) and the board's legal
 * officer, each with a typed client too, and the demo organisations' ids.
 */
export function custodyHooks(dialect: Dialect) {
  const {
    hub,
    people: [sato, tanaka, board],
    orgs,
  } = hubWithHooks(dialect, ['sato', 'tanaka', 'board.legal'], { deviceCustody: false });
  const typed = (c: Client): ApiClient => {
    let api: ApiClient | undefined;
    return standIn(() => (api ??= createApiClient({ baseUrl: hub.url, token: c.token })));
  };
  return { hub, sato, tanaka, board, orgs, satoApi: typed(sato), tanakaApi: typed(tanaka), boardApi: typed(board) };
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

/** The demo's answered inquiry of the unit (its answer sealed to the unit's custody key). */
export function answeredInquiry(hub: Pick<TestHub, 'demo'>): DemoRequest {
  const r = hub.demo.requests.find((x) => x.state === 'answered' && x.kind === 'inquiry');
  assert.ok(r, 'the demo has an answered inquiry of the unit');
  return r;
}

/**
 * A command-line device made on this machine with `shokai device init` (`more`, its further arguments: a
 * label, say) for the person whose token `env` carries, enrolled through the API by the head's (tanaka's)
 * demo device: the key file's device id and public key.
 */
export async function cliDeviceEnrolledByHead(
  hub: Pick<TestHub, 'url' | 'demo' | 'as'>,
  keyFile: string,
  env: Record<string, string>,
  more: string[] = [],
): Promise<{ deviceId: string; publicKey: string }> {
  const init = await shokai(['device', 'init', '--url', hub.url, '--key-file', keyFile, ...more], env);
  assert.equal(init.status, 0, init.stderr);
  const file = JSON.parse(readFileSync(keyFile, 'utf8')) as { deviceId: string; publicKey: string };
  const head = demoDevice(hub, 'tanaka') ?? assert.fail('the head has a demo device');
  const api = createApiClient({ baseUrl: hub.url, token: (await hub.as('tanaka')).token });
  await enrolDevice(api, await importDemoDevice(head), { id: file.deviceId, publicKey: file.publicKey });
  return file;
}

/** For `assert.rejects`: the typed client's error with `code`. */
export const apiErrorCode = (code: string) => (e: unknown) => e instanceof ApiError && e.code === code;

/**
 * The hub puts a box of its own in place of the copy of an item sealed again (anyone can seal to the
 * key's public part): `kept` leaves the re-sealer's declaration as it was, `fitted` writes the forged
 * content's SHA-256 in it, `dropped` also removes the re-sealer's MAC. Returns what puts the copy back.
 */
export async function substituteCopy(
  db: Db,
  item: { kind: string; itemId: string; aad: string },
  forged: string,
  declaration: 'kept' | 'fitted' | 'dropped',
): Promise<() => Promise<void>> {
  const copies = db.selectFrom('resealed_boxes').where('kind', '=', item.kind).where('item_id', '=', item.itemId);
  const row = await copies.selectAll().executeTakeFirstOrThrow();
  const key = await db.selectFrom('keys').selectAll().where('id', '=', row.to_key_id).executeTakeFirstOrThrow();
  const box = JSON.stringify(await sealBox(key.public_key, key.id, forged, item.aad));
  const sha256 = createHash('sha256').update(forged).digest('hex');
  const update = (set: { box: string; content_sha256: string; declaration_tag: string | null }) =>
    db
      .updateTable('resealed_boxes')
      .set(set)
      .where('kind', '=', item.kind)
      .where('item_id', '=', item.itemId)
      .where('to_key_id', '=', row.to_key_id)
      .execute();
  await update({
    box,
    content_sha256: declaration === 'kept' ? row.content_sha256 : sha256,
    declaration_tag: declaration === 'dropped' ? null : row.declaration_tag,
  });
  return async () => {
    await update({ box: row.box, content_sha256: row.content_sha256, declaration_tag: row.declaration_tag });
  };
}

/** For `assert.rejects`: the device's own refusal of a copy not as its re-sealer declared, in both languages. */
export const copyRefused = (e: unknown) =>
  isDomainError(e) &&
  e.code === 'SIGNATURE_INVALID' &&
  /封緘し直/.test(e.messages.ja) &&
  /sealed again|re-seal/.test(e.messages.en);

/** A declaration's MAC made on `device` with the key the copy is sealed to (what `resealOnDevice` sends). */
export async function declarationOn(api: ApiClient, device: DeviceHandle, d: ResealDeclaration): Promise<string> {
  const { items } = await unwrap(api.GET('/v1/custody/devices/{id}/keys', { params: { path: { id: device.id } } }));
  const k = items.find((x) => x.keyId === d.keyId);
  assert.ok(k, `the device holds ${d.keyId}`);
  return declarationTag(await unwrapCustodyKey(device, k.keyId, k.wrapped), k.publicKey, d);
}

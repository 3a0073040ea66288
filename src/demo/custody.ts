import { principalOfLogin } from '../auth/auth-service.ts';
import {
  b64uToBytes,
  bytesToB64u,
  custodyKeyId,
  exportDevicePrivateKey,
  exportDevicePublicKey,
  generateDeviceKeyPair,
  importDevicePrivateKey,
  unwrapCustodyKeyBytes,
  type WebKey,
  wrapCustodyKey,
} from '../crypto/device-seal.ts';
import { deviceKeys, registerDevice } from '../exchange/custody.ts';
import { enrolDevice } from '../exchange/custody-keys.ts';
import { startCustody } from '../exchange/custody-migration.ts';
import type { AppContext } from '../kernel/context.ts';
import { run } from '../kernel/unit-of-work.ts';

// DEMO ONLY. The demo's members get device keys through the same ceremonies as real members (register,
// the head moves the unit's answer key to the devices, the head enrols the colleagues), scripted here
// on the members' behalf. A real device generates its key where it stays (a browser's non-extractable
// key, a client's key file); the demo's keys are generated extractable so that the demo can keep them
// in its own file (data/demo-logins.json, mode 0600) next to its passwords — never in the hub's store.

export interface DemoDevice {
  login: string;
  deviceId: string;
  kind: 'machine' | 'recovery';
  publicKey: string;
  /** PKCS#8, base64url: the demo's copy of the device's private key (demo only). */
  privateKey: string;
}

/** A demo device as a client holds it (its private key imported non-extractable). */
export async function importDemoDevice(d: DemoDevice): Promise<{ id: string; publicKey: string; privateKey: WebKey }> {
  const pkcs8 = b64uToBytes(d.privateKey);
  if (!pkcs8) throw new Error(`demo device ${d.deviceId}: the private key is not base64url`);
  return { id: d.deviceId, publicKey: d.publicKey, privateKey: await importDevicePrivateKey(pkcs8) };
}

/** Whose answer key goes to which demo devices: the one who moves it (a head, a provider's legal) and the others. */
const GROUPS: Array<{ head: string; members: string[] }> = [
  { head: 'tanaka', members: ['sato'] },
  { head: 'osaka.head', members: ['osaka'] },
  { head: 'board.legal', members: [] },
  { head: 'isp.legal', members: ['isp.operator'] },
  { head: 'cafe.staff', members: [] },
  { head: 'lawyer', members: [] },
];

async function newDemoDevice(
  ctx: AppContext,
  login: string,
  kind: DemoDevice['kind'],
  named?: string,
): Promise<DemoDevice> {
  const p = await principalOfLogin(ctx.store.db, login);
  const pair = await generateDeviceKeyPair(true);
  const publicKey = await exportDevicePublicKey(pair.publicKey);
  const label = named ?? (kind === 'recovery' ? `${login} 回復鍵（デモ）` : `${login} デモ端末`);
  const d = await run(ctx, registerDevice, p, { label, kind, publicKey });
  return {
    login,
    deviceId: d.id,
    kind,
    publicKey,
    privateKey: bytesToB64u(await exportDevicePrivateKey(pair.privateKey)),
  };
}

/** Wraps every key a demo device holds to another registered device, as a member's client does. */
export async function enrolWithDemoDevice(
  ctx: AppContext,
  holder: DemoDevice,
  target: { id: string; publicKey: string },
): Promise<void> {
  const p = await principalOfLogin(ctx.store.db, holder.login);
  const device = await importDemoDevice(holder);
  const items = await run(ctx, deviceKeys, p, holder.deviceId);
  const wraps = [];
  for (const k of items) {
    const bytes = await unwrapCustodyKeyBytes(device, k.keyId, k.wrapped);
    wraps.push({ keyId: k.keyId, wrapped: await wrapCustodyKey(bytes, k.keyId, target) });
    bytes.fill(0);
  }
  await run(ctx, enrolDevice, p, target.id, { wraps });
}

/** Moves every demo unit and provider to device custody; the answers seeded so far are sealed again. */
export async function enrolDemoDevices(ctx: AppContext): Promise<DemoDevice[]> {
  const out: DemoDevice[] = [];
  for (const g of GROUPS) out.push(...(await enrolDemoGroup(ctx, g)));
  return out;
}

/** A new custody key made on the head's device, wrapped to `devices` (the demo keeps no copy of it). */
export async function demoCustodyKey(devices: DemoDevice[]) {
  const key = await generateDeviceKeyPair(true);
  const publicKey = await exportDevicePublicKey(key.publicKey);
  const pkcs8 = await exportDevicePrivateKey(key.privateKey);
  const keyId = await custodyKeyId(publicKey);
  const wraps = [];
  for (const d of devices) {
    wraps.push({ deviceId: d.deviceId, wrapped: await wrapCustodyKey(pkcs8, keyId, { id: d.deviceId, ...d }) });
  }
  pkcs8.fill(0);
  return { publicKey, wraps };
}

/**
 * One owner moved to device custody: the head's machine and recovery key hold the new key, which the
 * head then passes to each member's machine (and to `extra` machines of the head's own, if any).
 */
export async function enrolDemoGroup(
  ctx: AppContext,
  g: { head: string; members: string[] },
  extra: string[] = [],
): Promise<DemoDevice[]> {
  const head = await newDemoDevice(ctx, g.head, 'machine');
  const recovery = await newDemoDevice(ctx, g.head, 'recovery');
  const p = await principalOfLogin(ctx.store.db, g.head);
  await run(ctx, startCustody, p, await demoCustodyKey([head, recovery]));
  const out = [head, recovery];
  const machines: Array<{ login: string; label?: string }> = [
    ...g.members.map((login) => ({ login })),
    ...extra.map((label) => ({ login: g.head, label })),
  ];
  for (const m of machines) {
    const d = await newDemoDevice(ctx, m.login, 'machine', m.label);
    await enrolWithDemoDevice(ctx, head, { id: d.deviceId, publicKey: d.publicKey });
    out.push(d);
  }
  return out;
}

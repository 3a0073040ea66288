// Where a custody key came from, as the device knows it (browser-safe: WebCrypto only). A device that
// generates a custody key (moving the owner to device custody, a rotation, a key marked compromised)
// records its id, public part and fingerprint on its holder's side — the browser's IndexedDB, the key
// file — beside its own key pair: the one record of a key's origin the hub cannot write. A device
// re-sealing what was sealed to a compromised key seals only to a key it made itself, or to one whose
// fingerprint its holder compared with the device that made it (shown there from this record).
import { z } from 'zod';
import {
  custodyKeyId,
  type DeviceBox,
  deviceKeyFingerprint,
  exportDevicePrivateKey,
  exportDevicePublicKey,
  generateDeviceKeyPair,
  wrapCustodyKey,
} from '../crypto/device-seal.ts';
import { inWords } from './device-errors.ts';

export const MadeKeySchema = z.strictObject({
  id: z.string().min(1),
  publicKey: z.string().min(1),
  fingerprint: z.string().min(1),
});
/** A custody key this device generated: its id, its public part and the fingerprint people compare. */
export type MadeKey = z.infer<typeof MadeKeySchema>;

/** The record a device keeps of the custody keys it generated (absent: none made since it was kept). */
export interface KeyMaker {
  madeKeys?: MadeKey[];
}

/** Records on `maker` (in place; its holder keeps it) a custody key it has just generated. */
export async function rememberMade(maker: KeyMaker, publicKey: string): Promise<MadeKey> {
  const made = { id: await custodyKeyId(publicKey), publicKey, fingerprint: await deviceKeyFingerprint(publicKey) };
  maker.madeKeys = [...(maker.madeKeys ?? []).filter((k) => k.id !== made.id), made];
  return made;
}

/** The record of `key` if this device made it (the same id and public part), else undefined. */
export function madeHere(maker: KeyMaker, key: { id: string; publicKey: string }): MadeKey | undefined {
  return maker.madeKeys?.find((k) => k.id === key.id && k.publicKey === key.publicKey);
}

/**
 * Whether this device may seal to `key` on its own say: it made the key, or its holder confirmed the
 * key's fingerprint (`confirmed`, as typed or pasted, `SHA-256 7140 dc09 …` or `7140:dc09:…`) after
 * comparing it with the device that made it. The fingerprint compared is computed here from the public
 * part, never taken from the hub.
 */
export async function originTrusted(
  maker: KeyMaker,
  key: { id: string; publicKey: string },
  confirmed?: string,
): Promise<{ trusted: boolean; fingerprint: string }> {
  const fingerprint = await deviceKeyFingerprint(key.publicKey);
  if (madeHere(maker, key)) return { trusted: true, fingerprint };
  return { trusted: confirmed !== undefined && bare(confirmed) === bare(fingerprint), fingerprint };
}

/** A fingerprint as its 32 hex digits: without the `SHA-256` label, the spaces or colons, in lower case. */
const bare = (fingerprint: string): string =>
  fingerprint
    .trim()
    .replace(/^SHA-?256/i, '')
    .replace(/[\s:]+/g, '')
    .toLowerCase();

async function wrapsFor(
  pkcs8: Uint8Array,
  keyId: string,
  devices: Array<{ id: string; publicKey: string }>,
): Promise<Array<{ deviceId: string; wrapped: DeviceBox }>> {
  return Promise.all(devices.map(async (d) => ({ deviceId: d.id, wrapped: await wrapCustodyKey(pkcs8, keyId, d) })));
}

/** A new answer key as the hub is sent it: its public part, and its private part wrapped to each device. */
export interface NewAnswerKey {
  publicKey: string;
  wraps: Array<{ deviceId: string; wrapped: DeviceBox }>;
}

/**
 * A new answer key, generated on `maker` (which records it, before it is sent: its holder keeps the record)
 * and wrapped to the devices given, for `send` to hand to the hub; its private part leaves this function
 * only wrapped to devices, and is zeroed here once `send` is done.
 */
export async function withNewAnswerKey<T>(
  maker: KeyMaker,
  devices: Array<{ id: string; publicKey: string }>,
  send: (key: NewAnswerKey) => Promise<T>,
): Promise<T> {
  const pair = await generateDeviceKeyPair(true);
  const publicKey = await exportDevicePublicKey(pair.publicKey);
  const pkcs8 = await exportDevicePrivateKey(pair.privateKey);
  try {
    const { id } = await rememberMade(maker, publicKey);
    return await send({ publicKey, wraps: await inWords(wrapsFor(pkcs8, id, devices)) });
  } finally {
    pkcs8.fill(0);
  }
}

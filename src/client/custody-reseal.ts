// After a custody key is found compromised (browser-safe: WebCrypto only). The head marks it
// compromised — the current key replaced by one generated here, wrapped to the devices that remain —
// and a holder whose device still has the old key seals again, HERE, what was sealed to it: the hub
// hands out each box with its context, this device opens it and seals the same bytes to the current key,
// and the hub keeps the copy. The hub sees neither a plaintext nor a private key.
import {
  custodyKeyId,
  declarationTag,
  importDevicePrivateKey,
  openBox,
  publicKeyOfPrivate,
  sealBox,
  unwrapCustodyKey,
  unwrapCustodyKeyBytes,
  type WebKey,
} from '../crypto/device-seal.ts';
import { sha256Hex } from './answer-seal.ts';
import { type ApiClient, type Schemas, unwrap } from './client.ts';
import type { DeviceHandle } from './custody.ts';
import {
  inWords,
  notAmongRemaining,
  resealTargetRefused,
  resealTargetUnconfirmed,
  sealedKeyMissing,
} from './device-errors.ts';
import { originTrusted, withNewAnswerKey } from './made-keys.ts';
import { checkCopy } from './resealed-copy.ts';

/**
 * The head marks a custody key compromised. The current key is replaced in the same act: a new key
 * generated on this device, wrapped to every enrolled device that remains (less `removeDeviceIds`), and
 * recorded on `device` (`madeKeys`: its holder keeps it, so that this device re-seals to it on its own say).
 */
export async function markCompromised(
  api: ApiClient,
  device: DeviceHandle,
  keyId: string,
  removeDeviceIds: string[] = [],
): Promise<Schemas['Custody'] & { leftToReseal: number }> {
  const state = await unwrap(api.GET('/v1/custody'));
  const remove = removeDeviceIds.length > 0 ? { removeDeviceIds } : {};
  if (state.custodyKey?.id !== keyId) {
    return unwrap(api.POST('/v1/custody/compromised', { body: { keyId, ...remove } }));
  }
  const gone = new Set(removeDeviceIds);
  const remaining = state.devices.filter((d) => d.state === 'enrolled' && !gone.has(d.id));
  if (!remaining.some((d) => d.id === device.id)) throw notAmongRemaining(device.id, 'compromised');
  return withNewAnswerKey(device, remaining, (key) =>
    unwrap(api.POST('/v1/custody/compromised', { body: { keyId, ...key, ...remove } })),
  );
}

/**
 * The key the hub names to seal the copies to, checked on this device before any plaintext is sealed
 * to it: its id is the one its public part derives, and it is a key of the owner's custody that this
 * device holds (its wrap here opens to the private part of that very public key). None of that is
 * beyond the hub, which knows every device's public key and can wrap a key of its own to it; so the key
 * must also be one this device made itself (its record, kept by its holder), or one whose fingerprint
 * the holder compared with the device that made it and confirmed (`confirmed`). Otherwise refused,
 * nothing sealed: a hub naming a key of its own would be handed every re-sealed plaintext.
 */
async function checkedTarget(
  api: ApiClient,
  device: DeviceHandle,
  to: { id: string; publicKey: string },
  confirmed: string | undefined,
): Promise<{ id: string; publicKey: string; key: WebKey }> {
  const named = await custodyKeyId(to.publicKey).catch(() => undefined);
  if (named !== to.id) throw resealTargetRefused(to.id, 'id');
  const { items } = await unwrap(api.GET('/v1/custody/devices/{id}/keys', { params: { path: { id: device.id } } }));
  const held = items.find((k) => k.keyId === to.id);
  if (!held) throw resealTargetRefused(to.id, 'held');
  const bytes = await unwrapCustodyKeyBytes(device, to.id, held.wrapped);
  try {
    if ((await publicKeyOfPrivate(bytes)) !== to.publicKey) throw resealTargetRefused(to.id, 'wrapped');
    const origin = await originTrusted(device, to, confirmed);
    if (!origin.trusted) throw resealTargetUnconfirmed(to.id, origin.fingerprint, confirmed !== undefined);
    // Kept to make the MAC over each copy's declaration, which readers check (the hub cannot make one).
    return { id: to.id, publicKey: to.publicKey, key: await importDevicePrivateKey(bytes, false) };
  } finally {
    bytes.fill(0);
  }
}

export interface ResealProgress {
  /** Sealed again by this run. */
  resealed: number;
  /** Already sealed again before (posted twice: nothing changed). */
  already: number;
  /** Still sealed only to compromised keys (for the owner, on any device). */
  left: number;
  /** Of those, what this device could open (0 when it is done here). */
  openableHere: number;
}

/**
 * Seals again, on this device, what the hub says is left sealed to a compromised key that this device
 * holds, batch by batch, until nothing it can open is left. Resumable: the hub keeps the progress, so
 * running it again (here or on another device holding the old key) continues where it stopped.
 * `onProgress` is told after each batch. The copies are sealed only to a key this device made, or to
 * the one whose fingerprint is `confirmed` (compared by its holder with the device that made it; see
 * checkedTarget): otherwise refused before anything is sealed, the refusal naming the fingerprint.
 */
export function resealOnDevice(
  api: ApiClient,
  device: DeviceHandle,
  onProgress?: (p: ResealProgress) => void,
  confirmed?: string,
): Promise<ResealProgress> {
  // A refusal of the key work (this device's key does not open its wrap, a box that does not open) in words.
  return inWords(resealBatches(api, device, onProgress, confirmed));
}

async function resealBatches(
  api: ApiClient,
  device: DeviceHandle,
  onProgress: ((p: ResealProgress) => void) | undefined,
  confirmed: string | undefined,
): Promise<ResealProgress> {
  const progress: ResealProgress = { resealed: 0, already: 0, left: 0, openableHere: 0 };
  let checked: { id: string; publicKey: string; key: WebKey } | undefined;
  for (;;) {
    const work = await unwrap(api.GET('/v1/custody/reseal', { params: { query: { device: device.id } } }));
    progress.left = work.left;
    progress.openableHere = work.openableHere;
    if (work.items.length === 0 || !work.toKey) break;
    if (checked?.id !== work.toKey.id || checked.publicKey !== work.toKey.publicKey) {
      checked = await checkedTarget(api, device, work.toKey, confirmed);
    }
    const to = checked;
    const keys = new Map<string, { publicKey: string; key: WebKey }>();
    for (const k of work.keys) {
      keys.set(k.id, { publicKey: k.publicKey, key: await unwrapCustodyKey(device, k.id, k.wrapped) });
    }
    const items = [];
    for (const it of work.items) {
      const k = keys.get(it.sealed.recipientKeyId);
      if (!k) throw sealedKeyMissing(it.kind, it.itemId);
      const plain = await openBox(k.key, k.publicKey, it.sealed, it.aad);
      // A copy sealed again before (its key found compromised in turn) is passed on only as declared.
      await checkCopy({ id: it.sealed.recipientKeyId, ...k }, plain, it.aad, it, it.resealed);
      try {
        const contentSha256 = await sha256Hex(plain);
        const declared = { kind: it.kind, itemId: it.itemId, aad: it.aad, keyId: to.id, contentSha256 };
        items.push({
          kind: it.kind,
          itemId: it.itemId,
          sealed: await sealBox(to.publicKey, to.id, plain, it.aad),
          contentSha256,
          declarationTag: await declarationTag(to.key, to.publicKey, declared),
        });
      } finally {
        plain.fill(0);
      }
    }
    const r = await unwrap(api.POST('/v1/custody/reseal', { body: { deviceId: device.id, items } }));
    progress.resealed += r.accepted;
    progress.already += r.already;
    progress.left = r.left;
    progress.openableHere = Math.max(0, work.openableHere - items.length);
    onProgress?.({ ...progress });
    // A batch that changed nothing would be handed out again: stop rather than loop.
    if (r.accepted === 0) break;
  }
  return progress;
}

import { z } from 'zod';
import { b64uSchema, CUSTODY_KEY_ALGORITHM, type DeviceBox, DeviceBoxSchema } from '../crypto/device-seal.ts';
import { type CustodyOwner, holdsOnlyOwnDevice, type Principal } from '../domain/access.ts';
import { provisionNoticeAad } from '../domain/ancillary-order.ts';
import { hubAttachmentAad, storedFileAad } from '../domain/attachments.ts';
import { DomainError } from '../domain/errors.ts';
import { parseOrThrow } from '../domain/validation.ts';
import type { Bilingual } from '../domain/vocabulary.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { KeyRow } from '../store/schema.ts';
import { encryptionKeysOf, wrapsOfDevice } from './custody.repository.ts';
import { custodyKeyOf, enrolledDeviceOf, forbidden, notOnDevices, ownerOrRefuse } from './custody.ts';
import type { ResealedCopy } from './custody-reads.ts';
import {
  boxesOfOwnerSealedTo,
  insertResealed,
  type OwnedBox,
  type ResealKind,
  resealedBox,
  resealedOfOwner,
  resealedSha256,
  sealedTextOf,
} from './reseal.repository.ts';
import { archiveAad } from './retention.ts';

// Re-sealing what was sealed to a custody key revoked as compromised (docs/decisions.md, "Re-sealing
// after a compromised custody key"). A holder's device that still has the old key opens each box and
// seals the same content again to the owner's current key; the hub hands out the boxes, keeps the copies
// beside the originals, and never sees a plaintext or a private key. Progress is what is left on the hub,
// so the work resumes from any device that holds the old key, and posting a copy twice changes nothing.

/** The context (aad) a provision notice is sealed with (one definition, in the domain: the agent seals with it too). */
export { provisionNoticeAad };

/**
 * The context a box of this item was sealed with (a re-sealed copy is sealed with the same one, and a box the
 * move to device custody seals again keeps it: custody-migration.ts).
 */
export function aadOf(b: Pick<OwnedBox, 'kind' | 'itemId' | 'requestId' | 'file'>): string {
  if (b.kind === 'answer') return b.itemId;
  if (b.kind === 'archive') return archiveAad(b.itemId);
  if (b.kind === 'notice') return provisionNoticeAad(b.itemId);
  const f = b.file;
  return f ? storedFileAad(b.requestId ?? '', { id: b.itemId, ...f }) : hubAttachmentAad(b.itemId);
}

/** An item still to re-seal: every box of it (the original, earlier copies) is sealed to a compromised key. */
interface Pending {
  box: OwnedBox;
  /** The boxes of it a device could open from, by the key each is sealed to: the original or a copy. */
  sources: Map<string, 'original' | 'copy'>;
}

const itemKey = (kind: string, itemId: string) => `${kind}/${itemId}`;

/** The owner's compromised custody keys, its current key, and what is left to re-seal. */
async function pendingOf(
  uow: UnitOfWork,
  owner: CustodyOwner,
): Promise<{ compromised: KeyRow[]; current: KeyRow | undefined; pending: Pending[] }> {
  const compromised = (await encryptionKeysOf(uow.tx, owner.ownerType, owner.ownerId)).filter(
    (k) => k.algorithm === CUSTODY_KEY_ALGORITHM && k.revocation_reason === 'compromised',
  );
  const current = await custodyKeyOf(uow, owner);
  if (compromised.length === 0) return { compromised, current, pending: [] };
  const bad = new Set(compromised.map((k) => k.id));
  const copies = new Map<string, string[]>();
  for (const r of await resealedOfOwner(uow.tx, owner.ownerType, owner.ownerId)) {
    const k = itemKey(r.kind, r.item_id);
    copies.set(k, [...(copies.get(k) ?? []), r.to_key_id]);
  }
  const pending: Pending[] = [];
  for (const box of await boxesOfOwnerSealedTo(uow.tx, owner.ownerType, owner.ownerId, [...bad])) {
    const original = box.keyId;
    const later = copies.get(itemKey(box.kind, box.itemId)) ?? [];
    if (!bad.has(original) || !later.every((k) => bad.has(k))) continue;
    // The original first: a device holding its key seals again from it rather than from a copy (one kept
    // before 049 has no MAC and would be refused on the device, stopping the re-sealing after it).
    const sources = new Map<string, 'original' | 'copy'>([[original, 'original']]);
    for (const k of later) if (k !== original) sources.set(k, 'copy');
    pending.push({ box, sources });
  }
  return { compromised, current, pending };
}

/** How many items are left sealed only to compromised keys of the owner. */
export async function leftToReseal(uow: UnitOfWork, owner: CustodyOwner): Promise<number> {
  return (await pendingOf(uow, owner)).pending.length;
}

const ownerColumns = (o: CustodyOwner) => ({ owner_type: o.ownerType, owner_id: o.ownerId });

function requirePersonHolder(p: Principal): CustodyOwner {
  const owner = ownerOrRefuse(p);
  if (holdsOnlyOwnDevice(p)) {
    throw forbidden(
      '封緘し直しは人が自分の端末で行います（事業者の設置は行いません）',
      "re-sealing is done by a person on their own device (not by a provider's installation)",
    );
  }
  return owner;
}

export interface ResealWork {
  ownerType: 'unit' | 'organisation';
  ownerId: string;
  /** The keys revoked as compromised (fingerprints shown; ids to match the device's wraps). */
  compromisedKeys: Array<{ id: string; fingerprint: string; revokedAt: string | null }>;
  /** The current key the copies are sealed to (null: none held on devices). */
  toKey: { id: string; publicKey: string; fingerprint: string } | null;
  /** Items still sealed only to compromised keys, in all. */
  left: number;
  /** Of those, the ones this device holds a key for. */
  openableHere: number;
  /** The next batch this device can re-seal: each box with the context it was sealed with. */
  items: Array<{
    kind: ResealKind;
    itemId: string;
    requestId: string | null;
    aad: string;
    sealed: DeviceBox;
    /** When the box handed out is a copy sealed again before: what its re-sealer declared (checked there). */
    resealed: ResealedCopy;
  }>;
  /** The compromised keys these boxes are sealed to, wrapped to this device. */
  keys: Array<{ id: string; publicKey: string; wrapped: DeviceBox }>;
}

export const RESEAL_BATCH = 20;

/**
 * What is left to re-seal for the caller's owner, and the next boxes their device can open (up to
 * `RESEAL_BATCH`). Handing the boxes out is audited as a read of them for re-sealing.
 */
export async function resealWork(
  uow: UnitOfWork,
  p: Principal,
  deviceId: string,
  batchSize = RESEAL_BATCH,
): Promise<ResealWork> {
  const owner = requirePersonHolder(p);
  const device = await enrolledDeviceOf(uow, p, deviceId);
  const { compromised, current, pending } = await pendingOf(uow, owner);
  const wraps = new Map((await wrapsOfDevice(uow.tx, device.id)).map((w) => [w.key_id, w]));
  const here = pending.flatMap((x) => {
    const keyId = [...x.sources.keys()].find((id) => wraps.has(id));
    return keyId ? [{ x, keyId }] : [];
  });
  const batch = [];
  for (const b of current ? here.slice(0, batchSize) : []) {
    const { kind, itemId } = b.x.box;
    if (b.x.sources.get(b.keyId) === 'original') {
      const text = await sealedTextOf(uow.tx, kind, itemId, owner.ownerType);
      if (text !== null) batch.push({ ...b, sealed: text, resealed: null });
      continue;
    }
    const copy = await resealedBox(uow.tx, { kind, item_id: itemId, ...ownerColumns(owner), to_key_id: b.keyId });
    if (copy) {
      const resealed = { contentSha256: copy.content_sha256, declarationTag: copy.declaration_tag };
      batch.push({ ...b, sealed: copy.box, resealed });
    }
  }
  const used = [...new Set(batch.map((b) => b.keyId))];
  if (batch.length > 0) {
    await uow.auditBy(p, 'custody.reseal_handed_out', [owner.ownerType, owner.ownerId], {
      device: device.fingerprint,
      items: batch.map((b) => itemKey(b.x.box.kind, b.x.box.itemId)),
    });
  }
  return {
    ...owner,
    compromisedKeys: compromised.map((k) => ({ id: k.id, fingerprint: k.fingerprint, revokedAt: k.revoked_at })),
    toKey: current ? { id: current.id, publicKey: current.public_key, fingerprint: current.fingerprint } : null,
    left: pending.length,
    openableHere: here.length,
    items: batch.map((b) => ({
      kind: b.x.box.kind,
      itemId: b.x.box.itemId,
      requestId: b.x.box.requestId,
      aad: aadOf(b.x.box),
      sealed: DeviceBoxSchema.parse(JSON.parse(b.sealed)) as DeviceBox,
      resealed: b.resealed,
    })),
    keys: used.flatMap((id) => {
      const w = wraps.get(id);
      return w
        ? [{ id, publicKey: w.key.public_key, wrapped: DeviceBoxSchema.parse(JSON.parse(w.wrapped)) as DeviceBox }]
        : [];
    }),
  };
}

/** How many are left, in all and for this device, with no box handed out (to show the progress). */
export const resealStatus = (uow: UnitOfWork, p: Principal, deviceId: string): Promise<ResealWork> =>
  resealWork(uow, p, deviceId, 0);

/** What each kind of item is called in a message. */
const KIND_WORDS: Record<ResealKind, Bilingual> = {
  answer: { ja: '回答', en: 'an answer' },
  attachment: { ja: '添付ファイル', en: 'an attached file' },
  archive: { ja: '保管データ', en: 'an archive' },
  notice: { ja: '提供命令の通知', en: 'a provision notice' },
};

/** The n-th item of a batch as a message names it: `2 件目の項目（回答）` / `item 2 (an answer)`. */
const itemInWords = (i: number, kind: ResealKind): Bilingual => ({
  ja: `${i + 1} 件目の項目（${KIND_WORDS[kind].ja}）`,
  en: `item ${i + 1} (${KIND_WORDS[kind].en})`,
});

const otherContent = (field: string, item: Bilingual, kept: string, given: string) =>
  new DomainError(
    'CONFLICT',
    {
      ja: `${item.ja}は、既に別の内容（SHA-256 ${kept}）で封緘し直されています`,
      en: `${item.en} was already re-sealed with other content (SHA-256 ${kept})`,
    },
    { field: `${field}.contentSha256`, value: given },
  );

const SHA256_HEX = /^[0-9a-f]{64}$/;

const Sha256Hex = z
  .string()
  .refine((s) => SHA256_HEX.test(s), {
    message: 'expected the SHA-256 of the content as 64 lower-case hexadecimal digits',
    params: { code: 'VALIDATION_FAILED', ja: '内容の SHA-256 を16進数の小文字 64 桁で指定してください' },
  })
  .meta({ pattern: SHA256_HEX.source });

export const ResealInput = z.strictObject({
  /** The caller's device that opened the boxes (it holds the compromised key). */
  deviceId: z.string().min(1).max(100),
  items: z
    .array(
      z.strictObject({
        kind: z.enum(['answer', 'attachment', 'archive', 'notice']),
        itemId: z.string().min(1).max(200),
        /** The same content sealed to the current key, with the original's context. */
        sealed: DeviceBoxSchema,
        /** SHA-256 of the content as the device opened it. */
        contentSha256: Sha256Hex,
        /**
         * The device's MAC over what it declares (kind, item, context, key, SHA-256), keyed by the key the
         * copy is sealed to: readers check it, and the hub, without that key, can make none.
         */
        declarationTag: b64uSchema(32),
      }),
    )
    .min(1)
    .max(RESEAL_BATCH),
});

export interface ResealResult {
  accepted: number;
  /** Posted before (the same copy): nothing changed. */
  already: number;
  left: number;
}

/**
 * Keeps copies a holder's device sealed again to the current key. Each must be of an item still left,
 * whose box the device holds the key for, sealed to the current key; a file's must carry the SHA-256
 * the signed request or answer names. The same copy posted again is counted, not stored twice.
 */
export async function acceptResealed(uow: UnitOfWork, p: Principal, raw: unknown): Promise<ResealResult> {
  const owner = requirePersonHolder(p);
  const input = parseOrThrow(ResealInput, raw);
  const device = await enrolledDeviceOf(uow, p, input.deviceId);
  const { current, pending } = await pendingOf(uow, owner);
  if (!current) throw notOnDevices(owner);
  const byItem = new Map(pending.map((x) => [itemKey(x.box.kind, x.box.itemId), x]));
  const done = new Map(
    (await resealedOfOwner(uow.tx, owner.ownerType, owner.ownerId))
      .filter((r) => r.to_key_id === current.id)
      .map((r) => [itemKey(r.kind, r.item_id), r]),
  );
  const held = new Set((await wrapsOfDevice(uow.tx, device.id)).map((w) => w.key_id));
  const at = uow.now.toISOString();
  let accepted = 0;
  let already = 0;
  const kept: string[] = [];
  for (const [i, it] of input.items.entries()) {
    const field = `items[${i}]`;
    const item = itemInWords(i, it.kind);
    const bad = (ja: string, en: string, f: string, value?: string) =>
      new DomainError('VALIDATION_FAILED', { ja: `${item.ja}は、${ja}`, en: `${item.en} ${en}` }, { field: f, value });
    if (it.sealed.recipientKeyId !== current.id) {
      throw bad(
        '現在の回答鍵宛てに封緘されていません',
        'is not sealed to the current answer key',
        `${field}.sealed.recipientKeyId`,
        it.sealed.recipientKeyId,
      );
    }
    const prior = done.get(itemKey(it.kind, it.itemId));
    if (prior) {
      if (prior.content_sha256 !== it.contentSha256) {
        throw otherContent(field, item, prior.content_sha256, it.contentSha256);
      }
      already++;
      continue;
    }
    const x = byItem.get(itemKey(it.kind, it.itemId));
    if (!x) {
      throw new DomainError(
        'NOT_FOUND',
        {
          ja: `${item.ja}は、漏えいした鍵で封緘されたこの所属の${KIND_WORDS[it.kind].ja}ではありません`,
          en: `${item.en} is not an item of this unit sealed to a compromised key`,
        },
        { field: `${field}.itemId`, value: it.itemId },
      );
    }
    const from = [...x.sources.keys()].find((id) => held.has(id));
    if (!from) {
      throw forbidden(
        `この端末は、${item.ja}が封緘された鍵を保管していません`,
        `this device does not hold the key ${item.en} is sealed to`,
        { field: `${field}.itemId`, value: it.itemId },
      );
    }
    if (x.box.file && x.box.file.sha256 !== it.contentSha256) {
      throw bad(
        'ファイルの SHA-256 が、署名された要請・回答が記載するものと一致しません',
        'does not match the SHA-256 the signed request or answer names for the file',
        `${field}.contentSha256`,
        it.contentSha256,
      );
    }
    const row = {
      kind: it.kind,
      item_id: it.itemId,
      owner_type: owner.ownerType,
      owner_id: owner.ownerId,
      from_key_id: from,
      to_key_id: current.id,
      box: JSON.stringify(it.sealed),
      content_sha256: it.contentSha256,
      declaration_tag: it.declarationTag,
      device_id: device.id,
      resealed_by: p.id,
      resealed_at: at,
    };
    if (!(await insertResealed(uow.tx, row))) {
      // Another holder's device kept one for this item a moment ago: the same content, or a conflict.
      const theirs = (await resealedSha256(uow.tx, row)) ?? '';
      if (theirs !== it.contentSha256) throw otherContent(field, item, theirs, it.contentSha256);
      already++;
      continue;
    }
    done.set(itemKey(it.kind, it.itemId), row);
    kept.push(itemKey(it.kind, it.itemId));
    accepted++;
  }
  const left = accepted + already > 0 ? await leftToReseal(uow, owner) : pending.length;
  if (accepted > 0) {
    await uow.auditBy(p, 'custody.resealed', [owner.ownerType, owner.ownerId], {
      device: device.fingerprint,
      to: current.fingerprint,
      items: kept,
      left,
    });
  }
  return { accepted, already, left };
}

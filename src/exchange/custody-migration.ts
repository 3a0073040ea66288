import { canonicalJson } from '../crypto/canonical.ts';
import { sealBox } from '../crypto/device-seal.ts';
import { CryptoError } from '../crypto/errors.ts';
import { open, SealedBoxSchema } from '../crypto/seal.ts';
import { unwrapPrivateKey } from '../directory/keys.ts';
import type { CustodyOwner, Principal } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { shownInput } from '../domain/shown-text.ts';
import { parseOrThrow } from '../domain/validation.ts';
import type { Bilingual } from '../domain/vocabulary.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import { forgetErasedPages } from '../store/erasure.ts';
import { lockOwnerKeys } from '../store/owner-locks.ts';
import type { KeyRow } from '../store/schema.ts';
import { encryptionKeysOf, eraseWrappedPrivateKeys } from './custody.repository.ts';
import { type CustodyState, custodyKeyOf, custodyState, ownerOrRefuse, requireManage } from './custody.ts';
import { NewCustodyKeyInput, newCustodyKey } from './custody-keys.ts';
import { itemsOfOwner, type OwnedItem, replaceBox } from './custody-move.repository.ts';
import { aadOf } from './custody-reseal.ts';
import { sealedTextOf } from './reseal.repository.ts';

// The migration of an owner (a unit, a provider) from the hub's custody to its members' devices.

/**
 * Moves an owner's answers from the hub's custody to the devices (the migration of a unit): the head
 * registers the new key generated on their device, wrapped to their devices (and the recovery key).
 * Answers, the files of the owner's requests, the unit's retention archives and the provision notices sealed
 * to a provider, where sealed to the hub-held key, are sealed again to the new key — the last time the hub can
 * open them — and the hub-held private parts are erased.
 */
export async function startCustody(
  uow: UnitOfWork,
  p: Principal,
  raw: unknown,
): Promise<CustodyState & { resealed: number }> {
  const owner = ownerOrRefuse(p);
  requireManage(p);
  const input = parseOrThrow(NewCustodyKeyInput, raw);
  // No box is sealed to the owner's keys while they move (a seal under way ends first), nor a second move.
  await lockOwnerKeys(uow.tx, uow.dialect, owner, 'exclusive');
  if (await custodyKeyOf(uow, owner)) {
    throw new DomainError('CONFLICT', {
      ja: '回答鍵は既に端末で保管されています（構成員の除外は鍵の更新で行います）',
      en: 'the answer key is already held on devices (remove a member by rotating it)',
    });
  }
  const legacy = (await encryptionKeysOf(uow.tx, owner.ownerType, owner.ownerId)).filter(
    (k) => k.private_key_wrapped !== null,
  );
  const { key, devices } = await newCustodyKey(uow, p, owner, input);
  const resealed = await resealLegacyAnswers(uow, owner, key, legacy);
  await eraseWrappedPrivateKeys(
    uow.tx,
    legacy.map((k) => k.id),
  );
  uow.afterCommit(() => forgetErasedPages(uow.ctx.store));
  await uow.auditBy(p, 'custody.started', [owner.ownerType, owner.ownerId], {
    keyFingerprint: key.fingerprint,
    devices: devices.map((d) => d.fingerprint),
    resealed,
    erasedServerKeys: legacy.map((k) => k.fingerprint),
  });
  return { ...(await custodyState(uow, p)), resealed };
}

/** What an item is, for people: by its request's reference (a file also by its name). */
function wordsOf(item: OwnedItem): Bilingual {
  const ref = item.reference;
  if (item.kind === 'answer') return { ja: `照会 ${ref} の回答`, en: `the answer to request ${ref}` };
  if (item.kind === 'archive') return { ja: `照会 ${ref} の保存記録`, en: `the retention archive of request ${ref}` };
  if (item.kind === 'notice') return { ja: `提供命令 ${ref} の通知`, en: `the notice of provision order ${ref}` };
  const name = shownInput(item.file?.fileName ?? '');
  return { ja: `照会 ${ref} の添付ファイル「${name}」`, en: `the attachment "${name}" of request ${ref}` };
}

/**
 * Seals every item of the owner sealed to a hub-held key (`legacy`) again to `key`, with the context it was
 * sealed with, one box at a time (a file's box is megabytes): answers, the files of its requests, a unit's
 * retention archives, the provision notices sealed to a provider. A box that names a hub-held key but does not
 * open with it, or is not a box at all, stops the whole move (nothing is written: one transaction), named.
 */
async function resealLegacyAnswers(
  uow: UnitOfWork,
  owner: CustodyOwner,
  key: KeyRow,
  legacy: KeyRow[],
): Promise<number> {
  const held = new Map(legacy.map((k) => [k.id, k]));
  let n = 0;
  for (const item of await itemsOfOwner(uow.tx, owner.ownerType, owner.ownerId)) {
    const text = await sealedTextOf(uow.tx, item.kind, item.itemId, owner.ownerType);
    if (text === null) continue;
    const refused = (): DomainError => {
      const what = wordsOf(item);
      return new DomainError(
        'CONFLICT',
        {
          ja: `${what.ja}がハブ保管の鍵で開けません（封緘が壊れているか改変されています）。端末保管への移行は行っていません`,
          en:
            `${what.en} does not open with the hub-held key (its sealing is damaged or altered): ` +
            'nothing was moved to the devices',
        },
        { kind: item.kind, itemId: item.itemId, ...(item.requestId ? { requestId: item.requestId } : {}) },
      );
    };
    const parsed = parsedOrNull(text);
    const recipient = recipientOf(parsed);
    if (recipient === undefined) throw refused();
    const k = held.get(recipient);
    if (!k) continue;
    const box = SealedBoxSchema.safeParse(parsed);
    if (!box.success) throw refused();
    const aad = aadOf(item);
    let plain: Buffer;
    try {
      plain = open(unwrapPrivateKey(uow.ctx, k), box.data, aad);
    } catch (e) {
      if (!(e instanceof CryptoError)) throw e;
      throw refused();
    }
    const sealed = await sealBox(key.public_key, key.id, plain, aad);
    plain.fill(0);
    await replaceBox(uow.tx, item, owner.ownerType, canonicalJson(sealed));
    n++;
  }
  return n;
}

/** A stored box's JSON, or null where the text is not JSON at all. */
function parsedOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The key a stored box names (read leniently: a damaged box still says whose it is); undefined: not a box. */
function recipientOf(parsed: unknown): string | undefined {
  const id =
    typeof parsed === 'object' && parsed !== null ? (parsed as { recipientKeyId?: unknown }).recipientKeyId : undefined;
  return typeof id === 'string' ? id : undefined;
}

import { canonicalJson } from '../crypto/canonical.ts';
import { sealBox } from '../crypto/device-seal.ts';
import { open, SealedBoxSchema } from '../crypto/seal.ts';
import { unwrapPrivateKey } from '../directory/keys.ts';
import type { CustodyOwner, Principal } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { shownInput } from '../domain/shown-text.ts';
import { parseOrThrow } from '../domain/validation.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { KeyRow } from '../store/schema.ts';
import {
  answersOfOwner,
  archivesOfUnit,
  attachmentsOfOwner,
  encryptionKeysOf,
  eraseWrappedPrivateKeys,
  updateArchive,
  updateSealed,
} from './custody.repository.ts';
import { type CustodyState, custodyKeyOf, custodyState, ownerOrRefuse, requireManage } from './custody.ts';
import { NewCustodyKeyInput, newCustodyKey } from './custody-keys.ts';
import { archiveAad } from './retention.ts';

// The migration of an owner (a unit, a provider) from the hub's custody to its members' devices.

/**
 * Moves an owner's answers from the hub's custody to the devices (the migration of a unit): the head
 * registers the new key generated on their device, wrapped to their devices (and the recovery key).
 * Answers sealed to the hub-held key are sealed again to the new key — the last time the hub can open
 * them — and the hub-held private parts are erased.
 */
export async function startCustody(
  uow: UnitOfWork,
  p: Principal,
  raw: unknown,
): Promise<CustodyState & { resealed: number }> {
  const owner = ownerOrRefuse(p);
  requireManage(p);
  const input = parseOrThrow(NewCustodyKeyInput, raw);
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
  await uow.auditBy(p, 'custody.started', [owner.ownerType, owner.ownerId], {
    keyFingerprint: key.fingerprint,
    devices: devices.map((d) => d.fingerprint),
    resealed,
    erasedServerKeys: legacy.map((k) => k.fingerprint),
  });
  return { ...(await custodyState(uow, p)), resealed };
}

async function resealLegacyAnswers(
  uow: UnitOfWork,
  owner: CustodyOwner,
  key: KeyRow,
  legacy: KeyRow[],
): Promise<number> {
  const held = new Map(legacy.map((k) => [k.id, k]));
  /** The same plaintext sealed again to the new key; null when the box is not sealed to a hub-held key. */
  const again = async (text: string, aad: string): Promise<string | null> => {
    const box = SealedBoxSchema.safeParse(JSON.parse(text));
    const k = box.success ? held.get(box.data.recipientKeyId) : undefined;
    if (!box.success || !k) return null;
    const plain = open(unwrapPrivateKey(uow.ctx, k), box.data, aad);
    const sealed = await sealBox(key.public_key, key.id, plain, aad);
    plain.fill(0);
    return canonicalJson(sealed);
  };
  // Attachments are sealed with a context this module does not know: refuse rather than lose them.
  for (const f of await attachmentsOfOwner(uow.tx, owner.ownerType, owner.ownerId)) {
    const box = f.sealed ? SealedBoxSchema.safeParse(JSON.parse(f.sealed)) : undefined;
    if (box?.success && held.has(box.data.recipientKeyId)) {
      throw new DomainError(
        'CONFLICT',
        {
          ja:
            `照会 ${f.reference} の添付ファイル「${shownInput(f.file_name)}」がハブ保管の鍵で封緘されているため、` +
            '端末保管へ移行できません',
          en:
            `the attachment "${shownInput(f.file_name)}" of request ${f.reference} is sealed to a hub-held key: ` +
            'the move to the devices would lose it',
        },
        { attachmentId: f.id, requestId: f.request_id },
      );
    }
  }
  const column = owner.ownerType === 'unit' ? 'sealed' : 'sealed_for_provider';
  let n = 0;
  for (const a of await answersOfOwner(uow.tx, owner.ownerType, owner.ownerId)) {
    const text = a[column];
    const box = text ? await again(text, a.request_id) : null;
    if (!box) continue;
    await updateSealed(uow.tx, a.id, column, box);
    n++;
  }
  // The retention archives of the unit's closed requests are sealed to its key too.
  if (owner.ownerType === 'unit') {
    for (const r of await archivesOfUnit(uow.tx, owner.ownerId)) {
      const box = await again(r.archive, archiveAad(r.request_id));
      if (!box) continue;
      await updateArchive(uow.tx, r.request_id, box);
      n++;
    }
  }
  return n;
}

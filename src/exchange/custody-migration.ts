import { canonicalJson } from '../crypto/canonical.ts';
import { sealBox } from '../crypto/device-seal.ts';
import { CryptoError } from '../crypto/errors.ts';
import { open, SealedBoxSchema } from '../crypto/seal.ts';
import { unwrapPrivateKey } from '../directory/keys.ts';
import type { CustodyOwner, Principal } from '../domain/access.ts';
import { storedFileAad } from '../domain/attachments.ts';
import { DomainError, type ErrorDetails } from '../domain/errors.ts';
import { shownInput } from '../domain/shown-text.ts';
import { parseOrThrow } from '../domain/validation.ts';
import type { Bilingual } from '../domain/vocabulary.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { KeyRow } from '../store/schema.ts';
import {
  answersOfOwner,
  archivesOfUnit,
  attachmentsOfOwner,
  encryptionKeysOf,
  eraseWrappedPrivateKeys,
  updateArchive,
  updateFileSealed,
  updateSealed,
} from './custody.repository.ts';
import { type CustodyState, custodyKeyOf, custodyState, ownerOrRefuse, requireManage } from './custody.ts';
import { NewCustodyKeyInput, newCustodyKey } from './custody-keys.ts';
import { archiveAad } from './retention.ts';

// The migration of an owner (a unit, a provider) from the hub's custody to its members' devices.

/**
 * Moves an owner's answers from the hub's custody to the devices (the migration of a unit): the head
 * registers the new key generated on their device, wrapped to their devices (and the recovery key).
 * Answers, the files of the owner's requests and the unit's retention archives sealed to the hub-held key
 * are sealed again to the new key — the last time the hub can open them — and the hub-held private parts
 * are erased.
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
  /**
   * The same plaintext sealed again to the new key; null when the box is not sealed to a hub-held key. A box
   * that does not open (damaged or altered in the store) stops the whole move, naming `what` it holds.
   */
  const again = async (text: string, aad: string, what: Bilingual, details: ErrorDetails): Promise<string | null> => {
    const box = SealedBoxSchema.safeParse(JSON.parse(text));
    const k = box.success ? held.get(box.data.recipientKeyId) : undefined;
    if (!box.success || !k) return null;
    let plain: Buffer;
    try {
      plain = open(unwrapPrivateKey(uow.ctx, k), box.data, aad);
    } catch (e) {
      if (!(e instanceof CryptoError)) throw e;
      throw new DomainError(
        'CONFLICT',
        {
          ja: `${what.ja}がハブ保管の鍵で開けません（封緘が壊れているか改変されています）。端末保管への移行は行っていません`,
          en:
            `${what.en} does not open with the hub-held key (its sealing is damaged or altered): ` +
            'nothing was moved to the devices',
        },
        details,
      );
    }
    const sealed = await sealBox(key.public_key, key.id, plain, aad);
    plain.fill(0);
    return canonicalJson(sealed);
  };
  // The files of the owner's requests, each with the context it was sealed with (the hub's or its sender's).
  let n = 0;
  for (const f of await attachmentsOfOwner(uow.tx, owner.ownerType, owner.ownerId)) {
    const aad = storedFileAad(f.request_id, {
      id: f.id,
      sha256: f.sha256,
      mediaType: f.media_type,
      byteSize: f.byte_size,
      sealedBy: f.sealed_by,
    });
    const what = {
      ja: `照会 ${f.reference} の添付ファイル「${shownInput(f.file_name)}」`,
      en: `the attachment "${shownInput(f.file_name)}" of request ${f.reference}`,
    };
    const box = await again(f.sealed, aad, what, { attachmentId: f.id, requestId: f.request_id });
    if (!box) continue;
    await updateFileSealed(uow.tx, f.id, owner.ownerType, box);
    n++;
  }
  const column = owner.ownerType === 'unit' ? 'sealed' : 'sealed_for_provider';
  for (const a of await answersOfOwner(uow.tx, owner.ownerType, owner.ownerId)) {
    const text = a[column];
    const what = { ja: `照会 ${a.reference} の回答`, en: `the answer to request ${a.reference}` };
    const box = text ? await again(text, a.request_id, what, { requestId: a.request_id }) : null;
    if (!box) continue;
    await updateSealed(uow.tx, a.id, column, box);
    n++;
  }
  // The retention archives of the unit's closed requests are sealed to its key too.
  if (owner.ownerType === 'unit') {
    for (const r of await archivesOfUnit(uow.tx, owner.ownerId)) {
      const what = { ja: `照会 ${r.reference} の保存記録`, en: `the retention archive of request ${r.reference}` };
      const box = await again(r.archive, archiveAad(r.request_id), what, { requestId: r.request_id });
      if (!box) continue;
      await updateArchive(uow.tx, r.request_id, box);
      n++;
    }
  }
  return n;
}

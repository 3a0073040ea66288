import { CUSTODY_KEY_ALGORITHM, DEVICE_SEAL_ALG, type DeviceBox, sealBox } from '../crypto/device-seal.ts';
import { open, SEAL_ALG, type SealedBox, SealedBoxSchema, seal } from '../crypto/seal.ts';
import { currentKey, keyById } from '../directory/key.repository.ts';
import { createKey, requireCurrentKey, unwrapPrivateKey } from '../directory/keys.ts';
import type { Principal, Side } from '../domain/access.ts';
import type { AttachmentPurpose } from '../domain/attachments.ts';
import { DomainError } from '../domain/errors.ts';
import type { Bilingual } from '../domain/vocabulary.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import { lockOwnerKeys } from '../store/owner-locks.ts';
import type { KeyRow, RequestRow } from '../store/schema.ts';

// The one way the exchange seals and opens what it keeps for a party: answers, attachments and
// retention archives all go through here, so when a party's keys move (to the members' devices) all
// of them follow.

/**
 * Seals to an owner's current encryption key: a key held on the members' devices (ECDH P-256, the
 * hub cannot open it), or — for an owner not yet migrated — the legacy hub-held X25519 key.
 */
export async function sealTo(key: KeyRow, plaintext: Uint8Array | string, aad: string): Promise<SealedBox | DeviceBox> {
  if (key.algorithm === CUSTODY_KEY_ALGORITHM) return sealBox(key.public_key, key.id, plaintext, aad);
  return seal(key.public_key, key.id, plaintext, aad);
}

/** The algorithm of a box sealed to this key: to the members' devices, or to a legacy hub-held key. */
export function sealAlgorithmFor(key: KeyRow): typeof DEVICE_SEAL_ALG | typeof SEAL_ALG {
  return key.algorithm === CUSTODY_KEY_ALGORITHM ? DEVICE_SEAL_ALG : SEAL_ALG;
}

/** A public key as a sending side seals to it. */
export interface RecipientKey {
  id: string;
  publicKey: string;
  algorithm: string;
  fingerprint: string;
}
export const recipientOf = (k: KeyRow): RecipientKey => ({
  id: k.id,
  publicKey: k.public_key,
  algorithm: k.algorithm,
  fingerprint: k.fingerprint,
});

/**
 * Refuses a box sealed on the sender's side that is not addressed to the owner's CURRENT key with
 * that key's algorithm (`sealed`: the requesting unit's; `sealedForProvider`: the provider's record key).
 */
export function refuseUnlessSealedTo(
  field: 'sealed' | 'sealedForProvider',
  box: { recipientKeyId: string; alg: string },
  key: KeyRow,
): void {
  if (box.recipientKeyId === key.id && box.alg === sealAlgorithmFor(key)) return;
  const whose =
    field === 'sealed' ? { ja: '要請元所属', en: "the requesting unit's" } : { ja: '宛先事業者', en: "the provider's" };
  throw new DomainError(
    'VALIDATION_FAILED',
    {
      ja: `封緘先 ${box.recipientKeyId} は${whose.ja}の現在の鍵 ${key.id} ではありません（鍵が更新されています。鍵を取得し直して封緘してください）`,
      en:
        `it is sealed to ${box.recipientKeyId}, not to ${whose.en} current ` +
        `key ${key.id} (the key was rotated: fetch the keys again and seal anew)`,
    },
    { field: `${field}.recipientKeyId`, value: box.recipientKeyId },
  );
}

/** The provider's own encryption key; a provider registered before providers had one gets it now. */
export async function providerRecordKey(uow: UnitOfWork, p: Principal, organisationId: string): Promise<KeyRow> {
  await lockOwnerKeys(uow.tx, uow.dialect, { ownerType: 'organisation', ownerId: organisationId }, 'shared');
  const existing = await currentKey(uow.tx, 'organisation', organisationId, 'encryption', uow.now);
  if (existing) return existing;
  const created = await createKey(uow, p, {
    organisationId,
    ownerType: 'organisation',
    ownerId: organisationId,
    purpose: 'encryption',
  });
  return requireCurrentKey(uow.tx, 'organisation', created.ownerId, 'encryption', uow.now);
}

/**
 * Opens on the hub what was sealed to a hub-held key; a box sealed to keys held on devices is refused
 * (OPEN_ON_DEVICE): only the members' devices can open it. `what` names it in the refusals.
 */
export async function openOnHub(
  uow: UnitOfWork,
  sealedText: string,
  aad: string,
  id: string,
  what: Bilingual,
): Promise<Buffer> {
  const parsed = JSON.parse(sealedText) as { alg?: unknown };
  if (parsed.alg === DEVICE_SEAL_ALG) {
    throw new DomainError(
      'OPEN_ON_DEVICE',
      {
        ja: `この${what.ja}は所属の端末でのみ開封できます（ハブは開封できません）。登録済みの端末で開いてください`,
        en: `this ${what.en} opens only on the enrolled devices (the hub cannot open it): open it on your device`,
      },
      { id },
    );
  }
  const box = SealedBoxSchema.parse(parsed);
  const key = await keyById(uow.tx, box.recipientKeyId);
  if (!key) {
    throw new DomainError(
      'KEY_UNKNOWN',
      { ja: `${what.ja}の封緘に使われた鍵が見つかりません`, en: `the key the ${what.en} was sealed to is missing` },
      { keyId: box.recipientKeyId },
    );
  }
  return open(unwrapPrivateKey(uow.ctx, key), box, aad);
}

/** The provider's own signing key, if it holds one (a key whose private part the hub does not hold). */
export async function providerHeldKey(uow: UnitOfWork, organisationId: string): Promise<KeyRow | undefined> {
  const k = await requireCurrentKey(uow.tx, 'organisation', organisationId, 'signing', uow.now).catch(() => undefined);
  return k && !k.private_key_wrapped ? k : undefined;
}

/** Whether the provider holds a credential of its own (then the hub no longer seals its answers). */
export async function providerHasOwnCredential(uow: UnitOfWork, p: Principal, providerId: string): Promise<boolean> {
  if (await providerHeldKey(uow, providerId)) return true;
  const personal = await requireCurrentKey(uow.tx, 'user', p.id, 'signing', uow.now).catch(() => undefined);
  return !!personal?.credential_id;
}

/**
 * Whether the sending side seals its files itself, so the hub takes none in clear: a provider once it
 * holds its own credential (as for its answers); an agency once its unit's key is on the members'
 * devices and the request names a provider to seal to.
 */
async function senderSealsFiles(uow: UnitOfWork, p: Principal, row: RequestRow, side: Side): Promise<boolean> {
  if (side === 'provider') return providerHasOwnCredential(uow, p, row.provider_organisation_id ?? '');
  if (!row.provider_organisation_id) return false;
  await lockOwnerKeys(uow.tx, uow.dialect, { ownerType: 'unit', ownerId: row.unit_id }, 'shared');
  const unitKey = await currentKey(uow.tx, 'unit', row.unit_id, 'encryption', uow.now);
  return unitKey?.algorithm === CUSTODY_KEY_ALGORITHM;
}

/** What a file of each purpose is called in the refusal below. */
const FILES_OF: Record<AttachmentPurpose, Bilingual> = {
  request: { ja: '要請の添付ファイル', en: 'request files' },
  clarification: { ja: '確認のやり取りの添付ファイル', en: 'clarification files' },
  answer: { ja: '回答の添付ファイル', en: 'answer files' },
};

/**
 * Refuses a file in clear from a side that seals its files itself (the hub would see it), naming the
 * way to upload it sealed (`purpose`, 400).
 */
export async function refuseClearFileIfSenderSeals(
  uow: UnitOfWork,
  p: Principal,
  row: RequestRow,
  side: Side,
  purpose: AttachmentPurpose,
): Promise<void> {
  if (!(await senderSealsFiles(uow, p, row, side))) return;
  const files = FILES_OF[purpose];
  const provider = side === 'provider';
  const why = provider
    ? { ja: 'この事業者は自身の鍵で署名します', en: 'this provider signs with its own credential' }
    : { ja: 'この所属の鍵は構成員の端末に保管されています', en: "this unit's key is held on its members' devices" };
  const where = provider ? { ja: '事業者側', en: "on the provider's side" } : { ja: 'ブラウザ', en: 'in your browser' };
  const way =
    purpose === 'answer'
      ? {
          ja: '画面の「回答の添付」、shokai provider answer --file',
          en: 'the answer-file picker in the web, shokai provider answer --file',
        }
      : { ja: '要請画面の「添付する」', en: 'the file control on the request page' };
  const route = `POST /v1/requests/{id}/attachments/sealed?purpose=${purpose}`;
  throw new DomainError(
    'VALIDATION_FAILED',
    {
      ja: `${why.ja}。${files.ja}は${where.ja}で封緘してアップロードしてください（${way.ja}、または ${route}）。ハブは平文のファイルを受け取りません`,
      en:
        `${why.en}: seal ${files.en} ${where.en} and upload them ` +
        `sealed (${way.en}, or ${route}); the hub takes no file in clear`,
    },
    { field: 'purpose', value: purpose },
  );
}

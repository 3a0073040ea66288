import { CUSTODY_KEY_ALGORITHM, DEVICE_SEAL_ALG, type DeviceBox, sealBox } from '../crypto/device-seal.ts';
import { open, SEAL_ALG, type SealedBox, SealedBoxSchema, seal } from '../crypto/seal.ts';
import { currentKey, keyById } from '../directory/key.repository.ts';
import { createKey, requireCurrentKey, unwrapPrivateKey } from '../directory/keys.ts';
import type { Principal } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import type { Bilingual } from '../domain/vocabulary.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { KeyRow } from '../store/schema.ts';

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

/**
 * Refuses a box sealed on the provider's side that is not addressed to the owner's CURRENT key with
 * that key's algorithm (`sealed`: the requesting unit's; `sealedForProvider`: the provider's own).
 */
export function refuseUnlessSealedTo(
  field: 'sealed' | 'sealedForProvider',
  box: { recipientKeyId: string; alg: string },
  key: KeyRow,
): void {
  if (box.recipientKeyId === key.id && box.alg === sealAlgorithmFor(key)) return;
  const whose =
    field === 'sealed'
      ? { ja: '要請元所属', en: "the requesting unit's" }
      : { ja: '事業者自身', en: "the provider's own" };
  throw new DomainError(
    'VALIDATION_FAILED',
    {
      ja: `封緘先 ${box.recipientKeyId} は${whose.ja}の現在の鍵 ${key.id} ではありません（鍵が更新されています。鍵を取得し直して封緘してください）`,
      en: `it is sealed to ${box.recipientKeyId}, not to ${whose.en} current key ${key.id} (the key was rotated: fetch the keys again and seal anew)`,
    },
    { field: `${field}.recipientKeyId`, value: box.recipientKeyId },
  );
}

/** The provider's own encryption key; a provider registered before providers had one gets it now. */
export async function providerRecordKey(uow: UnitOfWork, p: Principal, organisationId: string): Promise<KeyRow> {
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

import { z } from 'zod';
import { CUSTODY_KEY_ALGORITHM } from '../crypto/device-seal.ts';
import { unwrapKey, wrapKey } from '../crypto/key-wrap.ts';
import { generateEncryptionKeyPair, generateSigningKeyPair, keyFingerprint } from '../crypto/keys.ts';
import { type Caller, ownOrNotFound, requirePermission, requireSameOrganisation } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { HUB_KEY_REFUSAL_FIELD, HUB_KEY_REFUSAL_WORDS, hubKeyRefusal } from '../domain/hub-keys.ts';
import {
  KEY_PURPOSES,
  KEY_REVOCATION_REASONS,
  type KeyOwnerType,
  type KeyPurpose,
  type PublicKeyRecord,
} from '../domain/key-trust.ts';
import { shownInput } from '../domain/shown-text.ts';
import { parseOrThrow } from '../domain/validation.ts';
import type { Bilingual } from '../domain/vocabulary.ts';
import { type AppContext, keyWrapAad } from '../kernel/context.ts';
import { newId } from '../kernel/ids.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { Db, Tx } from '../store/database.ts';
import { lockOwnerKeys } from '../store/owner-locks.ts';
import type { KeyRow } from '../store/schema.ts';
import { STORED, storedValue } from '../store/stored-values.ts';
import { findOrganisation, findUnit, findUser } from './directory.repository.ts';
import {
  currentKey,
  endCurrentKeys,
  insertKey,
  keyById,
  keysOfOrganisation,
  keysOfOwner,
  markKeyRevoked,
  newKeyRow,
  toPublicKey,
} from './key.repository.ts';
import { notInDirectory } from './lookups.ts';

/**
 * Creates a key for an owner. Server-custodied keys keep their private part wrapped by the KEK; a
 * client-held key (e.g. a provider's own system) registers only the public key. Rotation: the owner's
 * previous current key of the same purpose ends now.
 */
export async function createKey(
  uow: UnitOfWork,
  by: Caller,
  input: {
    organisationId: string;
    ownerType: KeyOwnerType;
    ownerId: string;
    purpose: KeyPurpose;
    publicKey?: string;
    /** A client-held key of another algorithm (a custody key: 'ECDH-P256'), its fingerprint and derived id. */
    algorithm?: { name: string; fingerprint: string; id: string };
  },
): Promise<PublicKeyRecord> {
  const id = input.algorithm?.id ?? newId('key');
  const at = uow.now.toISOString();
  let publicKey: string;
  let wrapped: string | null = null;
  if (input.publicKey) {
    publicKey = input.publicKey;
  } else {
    const pair = input.purpose === 'signing' ? generateSigningKeyPair() : generateEncryptionKeyPair();
    publicKey = pair.publicKey;
    wrapped = wrapKey(uow.ctx.kek, pair.privateKey, keyWrapAad(id));
  }
  await endCurrentKeys(uow.tx, input.ownerType, input.ownerId, input.purpose, at);
  const row = newKeyRow(at, {
    id,
    organisation_id: input.organisationId,
    owner_type: input.ownerType,
    owner_id: input.ownerId,
    purpose: input.purpose,
    algorithm: input.algorithm?.name ?? (input.purpose === 'signing' ? 'Ed25519' : 'X25519'),
    public_key: publicKey,
    private_key_wrapped: wrapped,
    fingerprint: input.algorithm?.fingerprint ?? keyFingerprint(publicKey),
  });
  await insertKey(uow.tx, row);
  await uow.auditBy(by, 'key.created', ['key', id], {
    ownerType: input.ownerType,
    ownerId: input.ownerId,
    purpose: input.purpose,
    fingerprint: row.fingerprint,
    custody: wrapped ? 'server' : 'client',
  });
  return toPublicKey(row);
}

/** Unwraps a server-custodied private key for one operation; the caller audits the use. */
export function unwrapPrivateKey(ctx: AppContext, row: KeyRow): string {
  if (!row.private_key_wrapped) {
    throw new DomainError(
      'KEY_UNKNOWN',
      {
        ja: `鍵 ${row.id} の秘密鍵はこのサーバーにありません`,
        en: `the private part of key ${row.id} is not held by this server`,
      },
      { keyId: row.id },
    );
  }
  return unwrapKey(ctx.kek, row.private_key_wrapped, keyWrapAad(row.id));
}

/**
 * The owner's current encryption key, to seal to now: held (store/owner-locks.ts) until the transaction ends
 * against a move of the owner's boxes to device custody, which would erase a hub-held key it reads.
 */
export async function keyToSealTo(uow: UnitOfWork, ownerType: KeyOwnerType, ownerId: string): Promise<KeyRow> {
  await lockOwnerKeys(uow.tx, uow.dialect, { ownerType, ownerId }, 'shared');
  return requireCurrentKey(uow.tx, ownerType, ownerId, 'encryption', uow.now);
}

/** The owner's current key, or a clear error naming what is missing (the owner by name). */
export async function requireCurrentKey(
  db: Db | Tx,
  ownerType: KeyOwnerType,
  ownerId: string,
  purpose: KeyPurpose,
  at: Date,
): Promise<KeyRow> {
  const k = await currentKey(db, ownerType, ownerId, purpose, at);
  if (!k) {
    const owner = await ownerInWords(db, ownerType, ownerId);
    const kind = purpose === 'signing' ? { ja: '署名', en: 'signing' } : { ja: '暗号化', en: 'encryption' };
    throw new DomainError(
      'KEY_UNKNOWN',
      {
        ja: `${owner.ja}に有効な${kind.ja}鍵がありません`,
        en: `${owner.en} has no valid ${kind.en} key`,
      },
      { ownerType, ownerId, purpose },
    );
  }
  return k;
}

/** The key a signature names, by its id (any purpose, revoked or not): KEY_UNKNOWN when the store lacks it. */
export async function requireSigningKey(db: Db | Tx, keyId: string): Promise<KeyRow> {
  const k = await keyById(db, keyId);
  if (!k) {
    throw new DomainError(
      'KEY_UNKNOWN',
      { ja: `署名鍵 ${keyId} が見つかりません`, en: `signing key ${keyId} is missing` },
      { keyId },
    );
  }
  return k;
}

/** A key's owner as a message names it: the unit, organisation or person by name, else in words. */
async function ownerInWords(db: Db | Tx, ownerType: KeyOwnerType, ownerId: string): Promise<Bilingual> {
  if (ownerType === 'unit') {
    const u = await findUnit(db, ownerId);
    return u ? { ja: `所属「${u.name_ja}」`, en: `the unit "${u.name_en}"` } : { ja: 'この所属', en: 'this unit' };
  }
  if (ownerType === 'organisation') {
    const o = await findOrganisation(db, ownerId);
    return o ? { ja: `「${o.name_ja}」`, en: `"${o.name_en}"` } : { ja: 'この組織', en: 'this organisation' };
  }
  if (ownerType === 'user') {
    const u = await findUser(db, ownerId);
    return u ? { ja: `${u.display_name} さん`, en: u.display_name } : { ja: 'この利用者', en: 'this user' };
  }
  return ownerType === 'client'
    ? { ja: 'この連携システム', en: 'this machine client' }
    : { ja: 'このハブのシステム', en: "the hub's system" };
}

/** Public keys of an organisation: the directory is public, private parts never leave the store. */
export async function listKeys(uow: UnitOfWork, organisationId: string): Promise<PublicKeyRecord[]> {
  return (await keysOfOrganisation(uow.tx, organisationId)).map(toPublicKey);
}

/** The organisation of a key's owner a key officer names (a unit, a person, or the organisation itself). */
const OWNER_ORGANISATION = {
  organisation: async (tx: Tx, id: string) => (await findOrganisation(tx, id))?.id,
  unit: async (tx: Tx, id: string) => (await findUnit(tx, id))?.organisation_id,
  user: async (tx: Tx, id: string) => (await findUser(tx, id))?.organisation_id,
} as const;

/**
 * The caller's organisation, which owns the key named: a unit or person of another organisation is not found,
 * as a missing one is; an organisation (public in the directory) that is not the caller's is refused as such.
 */
async function ownerOrganisation(
  tx: Tx,
  caller: Caller,
  ownerType: keyof typeof OWNER_ORGANISATION,
  ownerId: string,
): Promise<string> {
  const org = await OWNER_ORGANISATION[ownerType](tx, ownerId);
  const notFound = () => notInDirectory(ownerType, ownerId, 'ownerId');
  if (ownerType !== 'organisation') return ownOrNotFound(caller, org, (id) => id, notFound);
  if (!org) throw notFound();
  requireSameOrganisation(caller, org);
  return org;
}

export const RotateKeyInput = z.strictObject({
  ownerType: z.enum(['unit', 'user', 'organisation']),
  ownerId: z.string().min(1).max(200),
  purpose: z.enum(KEY_PURPOSES),
});
export const RevokeKeyInput = z.strictObject({ reason: z.enum(KEY_REVOCATION_REASONS) });

/**
 * Creates or rotates a key of a unit, user or organisation of the caller's organisation — only a key the
 * trust model leaves with the hub (domain/hub-keys.ts): never one its owner holds on their own device.
 */
export async function rotateKey(uow: UnitOfWork, caller: Caller, raw: unknown): Promise<PublicKeyRecord> {
  requirePermission(caller, 'key.manage');
  const input = parseOrThrow(RotateKeyInput, raw);
  const organisationId = await ownerOrganisation(uow.tx, caller, input.ownerType, input.ownerId);
  const org = await findOrganisation(uow.tx, organisationId);
  const history = await keysOfOwner(uow.tx, input.ownerType, input.ownerId, input.purpose);
  const refusal = hubKeyRefusal({
    ownerType: input.ownerType,
    purpose: input.purpose,
    organisationKind: org ? storedValue(STORED.organisationKind, org.kind, org.id) : 'agency',
    ownCredential: history.some((k) => k.credential_id),
    deviceCustody: history.some((k) => k.algorithm === CUSTODY_KEY_ALGORITHM),
  });
  if (refusal) {
    const field = HUB_KEY_REFUSAL_FIELD[refusal];
    throw new DomainError('VALIDATION_FAILED', HUB_KEY_REFUSAL_WORDS[refusal], {
      field,
      value: input[field],
      reason: refusal,
    });
  }
  return createKey(uow, caller, { organisationId, ...input });
}

export async function revokeKey(
  uow: UnitOfWork,
  caller: Caller,
  keyId: string,
  raw: unknown,
): Promise<PublicKeyRecord> {
  requirePermission(caller, 'key.manage');
  const { reason } = parseOrThrow(RevokeKeyInput, raw);
  // Another organisation's key is not found, as a missing one is: which of the two is not told.
  const row = ownOrNotFound(
    caller,
    await keyById(uow.tx, keyId),
    (k) => k.organisation_id,
    () =>
      new DomainError(
        'NOT_FOUND',
        { ja: `鍵 ${shownInput(keyId)} は存在しません`, en: `key ${shownInput(keyId)} does not exist` },
        { field: 'keyId', value: keyId },
      ),
  );
  if (row.revoked_at) {
    throw new DomainError(
      'CONFLICT',
      { ja: `鍵 ${keyId} は既に失効しています`, en: `key ${keyId} is already revoked` },
      {
        keyId,
      },
    );
  }
  const at = uow.now.toISOString();
  await markKeyRevoked(uow.tx, keyId, at, reason);
  await uow.auditBy(caller, 'key.revoked', ['key', keyId], { reason });
  return toPublicKey({ ...row, revoked_at: at, revocation_reason: reason });
}

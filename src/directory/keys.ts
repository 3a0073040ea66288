import { type AppContext, keyWrapAad } from '../app/context.ts';
import { type Audit, newId } from '../app/unit-of-work.ts';
import type { ActorRef } from '../audit/audit-log.ts';
import { unwrapKey, wrapKey } from '../crypto/key-wrap.ts';
import { generateEncryptionKeyPair, generateSigningKeyPair, keyFingerprint } from '../crypto/keys.ts';
import { DomainError } from '../domain/errors.ts';
import type { Db, Tx } from '../store/database.ts';
import type { KeyRow } from '../store/schema.ts';

export type KeyOwnerType = 'unit' | 'user' | 'organisation' | 'client';
export type KeyPurpose = 'signing' | 'encryption';

/** A key as the directory publishes it: never the private part. */
export interface PublicKeyRecord {
  id: string;
  organisationId: string | null;
  ownerType: string;
  ownerId: string;
  purpose: string;
  algorithm: string;
  publicKey: string;
  fingerprint: string;
  validFrom: string;
  validTo: string | null;
  revokedAt: string | null;
  revocationReason: string | null;
  createdAt: string;
}

export function toPublicKey(r: KeyRow): PublicKeyRecord {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    ownerType: r.owner_type,
    ownerId: r.owner_id,
    purpose: r.purpose,
    algorithm: r.algorithm,
    publicKey: r.public_key,
    fingerprint: r.fingerprint,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    revokedAt: r.revoked_at,
    revocationReason: r.revocation_reason,
    createdAt: r.created_at,
  };
}

/**
 * Creates a key for an owner. Server-custodied keys (custody 'server') keep their private part wrapped
 * by the KEK; a client-held key (custody 'client', e.g. a provider's own system) registers only the
 * public key. Rotation: the owner's previous current key of the same purpose ends now.
 */
export async function createKey(
  ctx: AppContext,
  tx: Tx,
  audit: Audit,
  now: Date,
  actor: ActorRef,
  input: { organisationId: string; ownerType: KeyOwnerType; ownerId: string; purpose: KeyPurpose; publicKey?: string },
): Promise<PublicKeyRecord> {
  const id = newId('key');
  const at = now.toISOString();
  let publicKey: string;
  let wrapped: string | null = null;
  if (input.publicKey) {
    publicKey = input.publicKey;
  } else {
    const pair = input.purpose === 'signing' ? generateSigningKeyPair() : generateEncryptionKeyPair();
    publicKey = pair.publicKey;
    wrapped = wrapKey(ctx.kek, pair.privateKey, keyWrapAad(id));
  }
  await tx
    .updateTable('keys')
    .set({ valid_to: at })
    .where('owner_type', '=', input.ownerType)
    .where('owner_id', '=', input.ownerId)
    .where('purpose', '=', input.purpose)
    .where('valid_to', 'is', null)
    .execute();
  const row: KeyRow = {
    id,
    organisation_id: input.organisationId,
    owner_type: input.ownerType,
    owner_id: input.ownerId,
    purpose: input.purpose,
    algorithm: input.purpose === 'signing' ? 'Ed25519' : 'X25519',
    public_key: publicKey,
    private_key_wrapped: wrapped,
    fingerprint: keyFingerprint(publicKey),
    valid_from: at,
    valid_to: null,
    revoked_at: null,
    revocation_reason: null,
    created_at: at,
  };
  await tx.insertInto('keys').values(row).execute();
  await audit({
    actor,
    action: 'key.created',
    subjectType: 'key',
    subjectId: id,
    details: {
      ownerType: input.ownerType,
      ownerId: input.ownerId,
      purpose: input.purpose,
      fingerprint: row.fingerprint,
      custody: wrapped ? 'server' : 'client',
    },
  });
  return toPublicKey(row);
}

/** The owner's key of a purpose that is valid at `at` and not revoked by then. */
export async function currentKey(
  db: Db | Tx,
  ownerType: KeyOwnerType,
  ownerId: string,
  purpose: KeyPurpose,
  at: Date,
): Promise<KeyRow | undefined> {
  const iso = at.toISOString();
  return db
    .selectFrom('keys')
    .selectAll()
    .where('owner_type', '=', ownerType)
    .where('owner_id', '=', ownerId)
    .where('purpose', '=', purpose)
    .where('valid_from', '<=', iso)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', iso)]))
    .where((eb) => eb.or([eb('revoked_at', 'is', null), eb('revoked_at', '>', iso)]))
    .orderBy('valid_from', 'desc')
    .executeTakeFirst();
}

export async function keyById(db: Db | Tx, id: string): Promise<KeyRow | undefined> {
  return db.selectFrom('keys').selectAll().where('id', '=', id).executeTakeFirst();
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

/** The owner's current key, or a clear error naming what is missing. */
export async function requireCurrentKey(
  db: Db | Tx,
  ownerType: KeyOwnerType,
  ownerId: string,
  purpose: KeyPurpose,
  at: Date,
): Promise<KeyRow> {
  const k = await currentKey(db, ownerType, ownerId, purpose, at);
  if (!k) {
    throw new DomainError(
      'KEY_UNKNOWN',
      {
        ja: `${ownerType} ${ownerId} に有効な${purpose === 'signing' ? '署名' : '暗号化'}鍵がありません`,
        en: `${ownerType} ${ownerId} has no valid ${purpose} key`,
      },
      { ownerType, ownerId, purpose },
    );
  }
  return k;
}

export async function revokeKey(
  tx: Tx,
  audit: Audit,
  now: Date,
  actor: ActorRef,
  keyId: string,
  reason: string,
): Promise<PublicKeyRecord> {
  const row = await keyById(tx, keyId);
  if (!row)
    throw new DomainError(
      'NOT_FOUND',
      { ja: `鍵 ${keyId} は存在しません`, en: `key ${keyId} does not exist` },
      { field: 'keyId', value: keyId },
    );
  if (row.revoked_at)
    throw new DomainError(
      'CONFLICT',
      { ja: `鍵 ${keyId} は既に失効しています`, en: `key ${keyId} is already revoked` },
      { keyId },
    );
  const at = now.toISOString();
  await tx.updateTable('keys').set({ revoked_at: at, revocation_reason: reason }).where('id', '=', keyId).execute();
  await audit({ actor, action: 'key.revoked', subjectType: 'key', subjectId: keyId, details: { reason } });
  return toPublicKey({ ...row, revoked_at: at, revocation_reason: reason });
}

import type { ExpressionBuilder } from 'kysely';
import type { KeyOwnerType, KeyPurpose, PublicKeyRecord } from '../domain/key-trust.ts';
import type { Db, Tx } from '../store/database.ts';
import type { Database, KeyRow, WebAuthnChallengeRow } from '../store/schema.ts';

// All SQL about keys: the directory's public keys and, for server-custodied keys, their wrapped private parts.

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
    ...(r.credential_id && r.rp_id ? { credential: { id: r.credential_id, rpId: r.rp_id } } : {}),
  };
}

/** A new key's row: valid from `at`, open-ended, never revoked. */
export function newKeyRow(
  at: string,
  key: Omit<KeyRow, 'valid_from' | 'valid_to' | 'revoked_at' | 'revocation_reason' | 'created_at'>,
): KeyRow {
  return { ...key, valid_from: at, valid_to: null, revoked_at: null, revocation_reason: null, created_at: at };
}

/** The filter of an owner's keys of one purpose (current or not). */
function ownKeys(ownerType: KeyOwnerType, ownerId: string, purpose: KeyPurpose) {
  return (eb: ExpressionBuilder<Database, 'keys'>) => eb.and({ owner_type: ownerType, owner_id: ownerId, purpose });
}

export async function insertKey(tx: Tx | Db, row: KeyRow): Promise<void> {
  await tx.insertInto('keys').values(row).execute();
}

/**
 * Makes a key its owner holds (a provider's installation key, a person's passkey) the owner's signing
 * key from the row's `valid_from`: the previous one ends then, and every private part the hub held for
 * the owner's signing is destroyed, so the hub keeps no way of signing as them.
 */
export async function insertOwnerHeldSigningKey(
  tx: Tx,
  ownerType: 'organisation' | 'user',
  row: KeyRow,
): Promise<void> {
  await endCurrentKeys(tx, ownerType, row.owner_id, 'signing', row.valid_from);
  await dropPrivateParts(tx, ownerType, row.owner_id, 'signing');
  await insertKey(tx, row);
}

/** Ends, at `at`, the owner's current key of a purpose (rotation: the next one starts now). */
export async function endCurrentKeys(
  tx: Tx,
  ownerType: KeyOwnerType,
  ownerId: string,
  purpose: KeyPurpose,
  at: string,
): Promise<void> {
  await tx
    .updateTable('keys')
    .set({ valid_to: at })
    .where(ownKeys(ownerType, ownerId, purpose))
    .where('valid_to', 'is', null)
    .execute();
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
    .where(ownKeys(ownerType, ownerId, purpose))
    .where('valid_from', '<=', iso)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', iso)]))
    .where((eb) => eb.or([eb('revoked_at', 'is', null), eb('revoked_at', '>', iso)]))
    .orderBy('valid_from', 'desc')
    .executeTakeFirst();
}

/** Every key an owner has held for one purpose, current or not (a key's history: ended and revoked ones too). */
export async function keysOfOwner(
  db: Db | Tx,
  ownerType: KeyOwnerType,
  ownerId: string,
  purpose: KeyPurpose,
): Promise<KeyRow[]> {
  return db
    .selectFrom('keys')
    .selectAll()
    .where(ownKeys(ownerType, ownerId, purpose))
    .execute();
}

export async function keyById(db: Db | Tx, id: string): Promise<KeyRow | undefined> {
  return db.selectFrom('keys').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markKeyRevoked(tx: Tx, id: string, at: string, reason: string): Promise<void> {
  await tx.updateTable('keys').set({ revoked_at: at, revocation_reason: reason }).where('id', '=', id).execute();
}

/** Every key of an organisation, newest first (public parts are what callers publish). */
export async function keysOfOrganisation(db: Db | Tx, organisationId: string): Promise<KeyRow[]> {
  return db
    .selectFrom('keys')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('created_at', 'desc')
    .execute();
}

/** The server's own signing keys (audit checkpoints), every one it ever had. */
export async function systemSigningKeys(db: Db | Tx): Promise<KeyRow[]> {
  return db
    .selectFrom('keys')
    .selectAll()
    .where('owner_type', '=', 'system')
    .where('purpose', '=', 'signing')
    .execute();
}

/** A person's passkeys (signing keys held on an authenticator), every one they registered, newest first. */
export async function passkeysOfUser(db: Db | Tx, userId: string): Promise<KeyRow[]> {
  return db
    .selectFrom('keys')
    .selectAll()
    .where(ownKeys('user', userId, 'signing'))
    .where('credential_id', 'is not', null)
    .orderBy('created_at', 'desc')
    .execute();
}

/** The key row of a registered WebAuthn credential, by its credential id. */
export async function keyByCredentialId(db: Db | Tx, credentialId: string): Promise<KeyRow | undefined> {
  return db.selectFrom('keys').selectAll().where('credential_id', '=', credentialId).executeTakeFirst();
}

/** Keeps the highest signature counter an authenticator reported (clone detection). */
export async function setSignCount(tx: Tx, keyId: string, signCount: number): Promise<void> {
  await tx.updateTable('keys').set({ sign_count: signCount }).where('id', '=', keyId).execute();
}

/**
 * Destroys the hub-held private parts of an owner's keys of a purpose: once the owner holds their own
 * credential, the hub keeps no way of signing as them. The public parts stay, so what they signed
 * before still verifies.
 */
export async function dropPrivateParts(
  tx: Tx,
  ownerType: KeyOwnerType,
  ownerId: string,
  purpose: KeyPurpose,
): Promise<void> {
  await tx
    .updateTable('keys')
    .set({ private_key_wrapped: null })
    .where(ownKeys(ownerType, ownerId, purpose))
    .execute();
}

export async function insertChallenge(tx: Tx, row: WebAuthnChallengeRow): Promise<void> {
  await tx.insertInto('webauthn_challenges').values(row).execute();
}

/** Takes (reads and deletes) a user's pending challenge: each is good for one ceremony. */
export async function takeChallenge(
  tx: Tx,
  challenge: string,
  userId: string,
  purpose: string,
): Promise<WebAuthnChallengeRow | undefined> {
  const row = await tx
    .selectFrom('webauthn_challenges')
    .selectAll()
    .where('challenge', '=', challenge)
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .executeTakeFirst();
  if (row) await tx.deleteFrom('webauthn_challenges').where('challenge', '=', challenge).execute();
  return row;
}

/** Forgets challenges that expired unused. */
export async function dropExpiredChallenges(tx: Tx, now: string): Promise<void> {
  await tx.deleteFrom('webauthn_challenges').where('expires_at', '<=', now).execute();
}

import type { KeyOwnerType, KeyPurpose, PublicKeyRecord } from '../domain/key-trust.ts';
import type { Db, Tx } from '../store/database.ts';
import type { KeyRow } from '../store/schema.ts';

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
  };
}

export async function insertKey(tx: Tx | Db, row: KeyRow): Promise<void> {
  await tx.insertInto('keys').values(row).execute();
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
    .where('owner_type', '=', ownerType)
    .where('owner_id', '=', ownerId)
    .where('purpose', '=', purpose)
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

/** The organisation owning a machine client's key, if the client exists. */
export async function clientOrganisation(db: Db | Tx, clientId: string): Promise<string | undefined> {
  const k = await db
    .selectFrom('keys')
    .select('organisation_id')
    .where('owner_type', '=', 'client')
    .where('owner_id', '=', clientId)
    .executeTakeFirst();
  return k?.organisation_id ?? undefined;
}

import type { Db, Tx } from '../store/database.ts';
import type { KeyRegistrationRow } from '../store/schema.ts';

// All SQL about installation keys and machine clients awaiting a second person's confirmation.

type Q = Db | Tx;

export async function insertKeyRegistration(tx: Q, row: KeyRegistrationRow): Promise<void> {
  await tx.insertInto('key_registrations').values(row).execute();
}

export async function findKeyRegistration(db: Q, id: string): Promise<KeyRegistrationRow | undefined> {
  return db.selectFrom('key_registrations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** An organisation's registrations of one kind still awaiting a decision. */
export async function pendingKeyRegistrations(
  db: Q,
  organisationId: string,
  kind: string,
): Promise<KeyRegistrationRow[]> {
  return db
    .selectFrom('key_registrations')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('kind', '=', kind)
    .where('state', '=', 'pending')
    .execute();
}

/** Whether this public key awaits a decision anywhere (one key, one registration). */
export async function pendingWithPublicKey(db: Q, publicKey: string): Promise<boolean> {
  const r = await db
    .selectFrom('key_registrations')
    .select('id')
    .where('public_key', '=', publicKey)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return r !== undefined;
}

/** The public key of a registration still awaiting a second person, by the key id it was given. */
export async function pendingPublicKeyOf(db: Q, keyId: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('key_registrations')
    .select('public_key')
    .where('key_id', '=', keyId)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return r?.public_key;
}

import type { Db, Tx } from '../store/database.ts';
import type { CredentialRequestRow } from '../store/schema.ts';

// All SQL about credentials awaiting a second person's confirmation.

type Q = Db | Tx;

export async function insertCredentialRequest(tx: Q, row: CredentialRequestRow): Promise<void> {
  await tx.insertInto('credential_requests').values(row).execute();
}

export async function findCredentialRequest(db: Q, id: string): Promise<CredentialRequestRow | undefined> {
  return db.selectFrom('credential_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The requests still awaiting a decision. */
function pending(db: Q) {
  return db.selectFrom('credential_requests').selectAll().where('state', '=', 'pending');
}

export async function pendingCredentialByCredentialId(
  db: Q,
  credentialId: string,
): Promise<CredentialRequestRow | undefined> {
  return pending(db).where('credential_id', '=', credentialId).executeTakeFirst();
}

/** A person's requests still pending (a new request supersedes them). */
export async function pendingOfUser(db: Q, userId: string): Promise<CredentialRequestRow[]> {
  return pending(db).where('user_id', '=', userId).execute();
}

/** A person's credentials that never became a key (awaiting, refused or superseded), newest first. */
export async function unconfirmedOfUser(db: Q, userId: string): Promise<CredentialRequestRow[]> {
  return db
    .selectFrom('credential_requests')
    .selectAll()
    .where('user_id', '=', userId)
    .where('state', '!=', 'confirmed')
    .orderBy('requested_at', 'desc')
    .limit(50)
    .execute();
}

// A lock on an owner's encryption keys for the length of a transaction. Sealing to an owner's current key
// takes it shared; moving the owner's answers to device custody (which seals every box of the owner again and
// erases the hub-held key) takes it exclusive. So on PostgreSQL, where transactions run side by side (READ
// COMMITTED), a box is never sealed to a hub-held key that a move running beside it is erasing: a seal begun
// first commits before the move lists what to seal again; one begun after waits for the move and then reads
// the new key. SQLite writes one transaction at a time, so it needs none.
import { sql } from 'kysely';
import type { Tx } from './database.ts';
import type { StoreDialect } from './location.ts';

export type OwnerKeyLock = 'shared' | 'exclusive';

/** Takes the lock on `ownerType`/`ownerId`'s encryption keys until the transaction ends (PostgreSQL). */
export async function lockOwnerKeys(
  tx: Tx,
  dialect: StoreDialect,
  owner: { ownerType: string; ownerId: string },
  mode: OwnerKeyLock,
): Promise<void> {
  if (dialect !== 'postgres') return;
  const key = `shokai/owner-keys/${owner.ownerType}/${owner.ownerId}`;
  if (mode === 'shared') await sql`SELECT pg_advisory_xact_lock_shared(hashtextextended(${key}, 0))`.execute(tx);
  else await sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(tx);
}

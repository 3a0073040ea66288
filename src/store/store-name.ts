import { sql } from 'kysely';
import type { Store } from './database.ts';
import { storeIdentity } from './location.ts';

/**
 * The name the audit pin file gives a store (see `storeIdentity`). SQLite: its file's real path.
 * PostgreSQL: the server's own name for itself — the cluster's system identifier (`pg_control_system()`,
 * readable by any role), the database and the schema — so one database reached under two host names
 * (`localhost` and `127.0.0.1`, a DNS alias, a socket) is one store, and a wipe of it is recognised
 * whichever name the next start uses. Where the server does not tell (a managed service that hides the
 * function), the address as written, as before.
 */
export async function storeName(store: Store): Promise<string | undefined> {
  const addressed = storeIdentity(store.location);
  if (store.location.kind !== 'postgres') return addressed;
  try {
    const { rows } = await sql<{ cluster: string; db: string }>`
      select system_identifier::text as cluster, current_database() as db from pg_control_system()`.execute(store.db);
    const row = rows[0];
    if (!row) return addressed;
    const schema = store.location.schema ? `?schema=${store.location.schema}` : '';
    return `postgres-cluster:${row.cluster}/${row.db}${schema}`;
  } catch {
    return addressed;
  }
}

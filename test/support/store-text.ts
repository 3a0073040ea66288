// Everything a store holds, as text: every row of every table of this store, for tests that search it
// for a marker that must (or must not) be stored in clear.
import { sql } from 'kysely';
import type { Store } from '../../src/store/database.ts';

/**
 * Every row of every table of `store`, as one text (bytes as Latin-1, so a marker in a blob is found).
 * On PostgreSQL only this store's schema is listed, by name: the test database holds the schemas of other
 * tests running at the same time, which may be dropped while a catalogue-wide listing reads them.
 */
export async function storeText(store: Pick<Store, 'db' | 'dialect'>): Promise<string> {
  const db = store.db;
  const tables =
    store.dialect === 'postgres'
      ? (
          await sql<{ name: string }>`SELECT tablename AS name FROM pg_catalog.pg_tables
            WHERE schemaname = current_schema() ORDER BY tablename`.execute(db)
        ).rows
      : await db.introspection.getTables();
  // A listing that found nothing would make every "not stored in clear" assertion pass by itself.
  if (!tables.some((t) => t.name === 'requests')) throw new Error('storeText: the store lists no requests table');
  const out: string[] = [];
  for (const table of tables) {
    const rows = await db
      .selectFrom(table.name as 'attachments')
      .selectAll()
      .execute();
    out.push(
      JSON.stringify(rows, (_k, v: unknown) =>
        v instanceof Uint8Array
          ? Buffer.from(v).toString('latin1')
          : (v as { type?: string })?.type === 'Buffer'
            ? Buffer.from((v as { data: number[] }).data).toString('latin1')
            : v,
      ),
    );
  }
  return out.join('\n');
}

// Everything a store holds, as text: every row of every table of this store, for tests that search it
// for a marker that must (or must not) be stored in clear.
import { sql } from 'kysely';
import type { Store } from '../../src/store/database.ts';

/**
 * Every row of every table of `store`, as one text (bytes as Latin-1, so a marker in a blob is found).
 * On PostgreSQL only this store's schema is read: the test database holds the schemas of other tests
 * running at the same time, whose tables this store's connection cannot select.
 */
export async function storeText(store: Pick<Store, 'db' | 'dialect'>): Promise<string> {
  const db = store.db;
  const own =
    store.dialect === 'postgres'
      ? (await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db)).rows[0]?.schema
      : undefined;
  const tables = (await db.introspection.getTables()).filter((t) => own === undefined || t.schema === own);
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

import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../location.ts';

// Re-sealing after a custody key is found compromised, two changes (docs/decisions.md, "Re-sealed
// copies checked on opening, and the boxes' keys in a column"):
// - Every stored box an owner's key was given names that key in a column of its own (null: a box sealed
//   the legacy way, to a key the hub holds, or none), indexed, so what is left to re-seal is one query
//   per kind instead of reading the start of every box. Filled here from the boxes as stored; the code
//   writes it with every box from now on.
// - A copy sealed again keeps the re-sealing device's MAC over what it declared (kind, item, context,
//   key, SHA-256), keyed by the key the copy is sealed to; readers check it. Copies kept before have
//   none (null) and are refused on opening: the hub's word alone is not enough.
// Down drops the columns and their indexes; nothing else changes.

const DEVICE_SEAL_ALG = 'ECDH-P256-HKDF-SHA256-A256GCM';
const KEY_ID = /^[A-Za-z0-9_.:-]{1,256}$/;

/** The box columns, each with the key column added beside it and the table's primary key. */
const BOX_COLUMNS = [
  { table: 'answers', id: 'id', box: 'sealed', key: 'sealed_key_id' },
  { table: 'answers', id: 'id', box: 'sealed_for_provider', key: 'sealed_for_provider_key_id' },
  { table: 'attachments', id: 'id', box: 'sealed_for_agency', key: 'sealed_for_agency_key_id' },
  { table: 'attachments', id: 'id', box: 'sealed_for_provider', key: 'sealed_for_provider_key_id' },
  { table: 'retention_records', id: 'request_id', box: 'archive', key: 'archive_key_id' },
  { table: 'provision_notices', id: 'id', box: 'sealed', key: 'sealed_key_id' },
] as const;

/** The key a stored box is sealed to when it is a device box (as written: JSON with alg and recipientKeyId). */
function keyOfBox(text: string | null): string | null {
  if (text === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const alg = 'alg' in parsed ? parsed.alg : undefined;
  const id = 'recipientKeyId' in parsed ? parsed.recipientKeyId : undefined;
  return alg === DEVICE_SEAL_ALG && typeof id === 'string' && KEY_ID.test(id) ? id : null;
}

export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.alterTable('resealed_boxes').addColumn('declaration_tag', 'text').execute();
  for (const c of BOX_COLUMNS) {
    await db.schema.alterTable(c.table).addColumn(c.key, 'text').execute();
    const ids = await sql<{ id: string }>`SELECT ${sql.ref(c.id)} AS id FROM ${sql.table(c.table)}
      WHERE ${sql.ref(c.box)} IS NOT NULL`.execute(db);
    // One box at a time: a file's box is megabytes.
    for (const { id } of ids.rows) {
      const row = await sql<{ box: string | null }>`SELECT ${sql.ref(c.box)} AS box FROM ${sql.table(c.table)}
        WHERE ${sql.ref(c.id)} = ${id}`.execute(db);
      const key = keyOfBox(row.rows[0]?.box ?? null);
      if (key === null) continue;
      await sql`UPDATE ${sql.table(c.table)} SET ${sql.ref(c.key)} = ${key} WHERE ${sql.ref(c.id)} = ${id}`.execute(db);
    }
    await db.schema.createIndex(`${c.table}_${c.key}`).on(c.table).column(c.key).execute();
  }
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  for (const c of [...BOX_COLUMNS].reverse()) {
    await db.schema.dropIndex(`${c.table}_${c.key}`).execute();
    await db.schema.alterTable(c.table).dropColumn(c.key).execute();
  }
  await db.schema.alterTable('resealed_boxes').dropColumn('declaration_tag').execute();
}

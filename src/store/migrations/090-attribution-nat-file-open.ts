import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../location.ts';

// A file's open NAT rows, found without reading the table: the ingest joins the rows a file left open with the
// unstarted ones read before them once, at the file's last commit (src/attribution/store/same-start.ts,
// fileOpenNatSql: `WHERE file = ? AND open = 1`). Without an index that is a scan of the whole NAT table at the end
// of every file, a RADIUS file's too. A partial index holds only the open rows (few: a row is open from its start
// until its end is read), so what it costs the ingest is one entry while a row is open. Down drops both. Frozen
// with this migration: the statements are its own.
const TABLES = ['attr_nat_block', 'attr_nat_session'] as const;

export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  for (const t of TABLES) {
    await sql`CREATE INDEX ${sql.id(`${t}_file_open`)} ON ${sql.table(t)} (file) WHERE open = 1`.execute(db);
  }
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  for (const t of TABLES) await sql`DROP INDEX ${sql.id(`${t}_file_open`)}`.execute(db);
}

import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../location.ts';

// A NAT row whose first record is not the translation's start: an INTERIM or a RELEASE (a DESTROY) met first in
// its file, kept by the store where it had no open row for it to extend or end — the allocation is in a file
// read later, or was never logged. `unstarted` says so (1), where every record of the row is such a record; a
// row with its start logged has 0. When the file with the allocation is read after it, the allocation's open
// row takes what that row says and the row goes (src/attribution/store/same-start.ts), as the INTERIM or the
// RELEASE would have extended or ended it had that file come first. Rows stored before keep 0: not known, so
// never joined (the time between stays possible, as before).
//
// And `attr_file.read_to`: the last line of the file a committed batch read. A run that goes on with a file reads
// again the lines from its resume point (records still pending then) up to it, and what those lines give was
// stored before: the ingest's count of records kept as one holding with another's row counts none of them (a
// re-read is not a second record). Null for a file registered before: not known, so a run going on with it, or
// reading it again, counts nothing it reads again. Down drops both columns. Frozen with this migration: the
// statements are its own.
const TABLES = ['attr_nat_block', 'attr_nat_session'] as const;

export async function up<DB>(db: Kysely<DB>, dialect: StoreDialect): Promise<void> {
  const pg = dialect === 'postgres';
  const type = sql.raw(pg ? 'int2' : 'integer');
  for (const t of TABLES) {
    await sql`ALTER TABLE ${sql.table(t)} ADD COLUMN unstarted ${type} NOT NULL DEFAULT 0`.execute(db);
  }
  await sql`ALTER TABLE attr_file ADD COLUMN read_to ${sql.raw(pg ? 'int8' : 'integer')}`.execute(db);
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await sql`ALTER TABLE attr_file DROP COLUMN read_to`.execute(db);
  for (const t of TABLES) await sql`ALTER TABLE ${sql.table(t)} DROP COLUMN unstarted`.execute(db);
}

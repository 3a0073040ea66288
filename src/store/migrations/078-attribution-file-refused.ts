import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../location.ts';

// What an ingest refused of each log file, and the zone it read the file in. `skipped`: the lines refused
// (a record the engine could not read is not in the store, so every lookup over a store holding such a file
// says so, and a re-run of the file with the option that refused them can read them). `zone`: the --zone
// the file was read with, '' for none; null for a file registered before this migration (not recorded).
// A file read without --zone stored only lines that carried their own offset, so reading it again with a
// zone gives the same rows for them and reads the lines refused for want of one.
//
// Up fills `skipped` of the files already registered from the audit log: each ingest run's entry
// (`attribution.ingested`) lists its files by SHA-256 with the lines it skipped. A run that stored none of
// a file's lines (every line refused) left it unregistered (forgetFile), so it counts for nothing; a later
// run of the same content is counted afresh, and so is a run that read the file again (`readAgain`). A
// file no audited run names (ingested through the library) keeps null: not known. Down drops both
// columns. Frozen with this migration: the statements are its own.
interface RunFile {
  sha256?: unknown;
  records?: unknown;
  skipped?: unknown;
  alreadyIngested?: unknown;
  readAgain?: unknown;
}

export async function up<DB>(db: Kysely<DB>, dialect: StoreDialect): Promise<void> {
  const i8 = dialect === 'postgres' ? 'int8' : 'integer';
  await db.schema.alterTable('attr_file').addColumn('skipped', i8).execute();
  await db.schema.alterTable('attr_file').addColumn('zone', 'text').execute();
  const runs = await sql<{ details: string }>`SELECT details FROM audit_entries
    WHERE action = 'attribution.ingested' ORDER BY seq`.execute(db);
  const refused = new Map<string, number>();
  for (const run of runs.rows) {
    let files: unknown;
    try {
      files = (JSON.parse(run.details) as { files?: unknown }).files;
    } catch {
      continue;
    }
    if (!Array.isArray(files)) continue;
    for (const f of files as RunFile[]) {
      if (typeof f.sha256 !== 'string' || f.alreadyIngested === true) continue;
      const skipped = typeof f.skipped === 'number' ? f.skipped : 0;
      const records = typeof f.records === 'number' ? f.records : 0;
      const before = refused.get(f.sha256);
      // A first run that stored nothing and refused lines was forgotten: the file was not kept.
      if (before === undefined && records === 0 && skipped > 0) continue;
      // A run that read the file again from its first line counted its refused lines afresh.
      refused.set(f.sha256, (f.readAgain === true ? 0 : (before ?? 0)) + skipped);
    }
  }
  for (const [sha256, skipped] of refused) {
    await sql`UPDATE attr_file SET skipped = ${skipped} WHERE sha256 = ${sha256}`.execute(db);
  }
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.alterTable('attr_file').dropColumn('zone').execute();
  await db.schema.alterTable('attr_file').dropColumn('skipped').execute();
}

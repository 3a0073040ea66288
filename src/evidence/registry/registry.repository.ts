import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Bilingual } from '../../domain/vocabulary.ts';
import type { Db, StoreDialect, Tx } from '../../store/database.ts';
import type { RegistrySourceRow } from '../../store/schema.ts';
import { storedField, storedValue } from '../../store/stored-values.ts';
import { SNAPSHOT_FORMAT } from './snapshot.ts';
import type { TableRecord } from './table.ts';
import {
  type ParsedRegistryFile,
  REGISTRY_FORMATS,
  type RegistryAsnBlock,
  type RegistryRange,
  type RegistrySource,
} from './types.ts';

// Registry data in the main store (tables registry_*, migration 004-registry-tables): the imported
// files, their ranges and ASN blocks, and the built index saved as one binary snapshot.

/**
 * The revision of the registry tables the snapshot fingerprint names. It was the registry's own
 * schema version before the tables entered the migration list; kept at 2 so that snapshots saved
 * then stay valid.
 */
const TABLES_REVISION = 2;

const key = (family: number, v: bigint): string => v.toString(16).padStart(family === 4 ? 8 : 32, '0');

/** What a range says of whom its addresses went to: its columns keep it as it is, both ways. */
type RangeFacts = Pick<RegistryRange, 'registry' | 'country' | 'status' | 'holder' | 'handle' | 'abuse'>;
const rangeFacts = ({ registry, country, status, holder, handle, abuse }: RangeFacts): RangeFacts => ({
  registry,
  country,
  status,
  holder,
  handle,
  abuse,
});

export interface ImportSummary {
  file: string;
  format: RegistrySource['format'];
  sha256: string;
  registry: string | null;
  dataDate: string | null;
  ranges: number;
  asns: number;
  skipped: number;
  replacedSources: number;
  /** Why lines or objects were skipped, each naming its line or object (the first MAX_PROBLEMS). */
  problems: Bilingual[];
  /** Reasons past the first MAX_PROBLEMS, counted but not kept. */
  problemsNotKept: number;
}

/** The delegated statistics stored for a registry: their data date and file, if any. */
export async function storedStatistics(
  tx: Tx,
  registry: string,
): Promise<{ dataDate: string | null; fileName: string } | undefined> {
  const row = await tx
    .selectFrom('registry_sources')
    .select(['data_date', 'file_name'])
    .where('format', '=', 'delegated')
    .where('registry', '=', registry)
    .orderBy('data_date', 'desc')
    .executeTakeFirst();
  return row === undefined ? undefined : { dataDate: row.data_date, fileName: row.file_name };
}

/**
 * Store one parsed file inside the caller's transaction. Re-importing the same file (same SHA-256)
 * replaces it; a delegated file replaces the earlier delegated file of the same registry, so each
 * RIR's statistics appear once. Every import deletes the saved index snapshot.
 */
export async function importParsed(
  tx: Tx,
  dialect: StoreDialect,
  fileName: string,
  content: string | Uint8Array,
  parsed: ParsedRegistryFile,
  now: Date,
): Promise<ImportSummary> {
  const sha256 = createHash('sha256').update(content).digest('hex');
  const batch = dialect === 'sqlite' ? 500 : 1000;
  let q = tx.selectFrom('registry_sources').select('id').where('sha256', '=', sha256);
  if (parsed.format === 'delegated' && parsed.registry) {
    const reg = parsed.registry;
    q = tx
      .selectFrom('registry_sources')
      .select('id')
      .where((eb) =>
        eb.or([eb('sha256', '=', sha256), eb.and([eb('format', '=', 'delegated'), eb('registry', '=', reg)])]),
      );
  }
  // every import invalidates the saved index (the next load rebuilds it, or the CLI does at once)
  await tx.deleteFrom('registry_snapshot').execute();
  const old = (await q.execute()).map((r) => r.id);
  if (old.length > 0) {
    await tx.deleteFrom('registry_ranges').where('source_id', 'in', old).execute();
    await tx.deleteFrom('registry_asns').where('source_id', 'in', old).execute();
    await tx.deleteFrom('registry_sources').where('id', 'in', old).execute();
  }
  const src = await tx
    .insertInto('registry_sources')
    .values({
      format: parsed.format,
      file_name: basename(fileName),
      sha256,
      registry: parsed.registry,
      data_date: parsed.dataDate,
      imported_at: now.toISOString(),
      record_count: parsed.ranges.length + parsed.asns.length,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const sourceId = Number(src.id);
  for (let i = 0; i < parsed.ranges.length; i += batch) {
    const rows = parsed.ranges.slice(i, i + batch).map((r) => ({
      source_id: sourceId,
      family: r.family,
      start_key: key(r.family, r.start),
      end_key: key(r.family, r.end),
      ...rangeFacts(r),
      asns: r.asns.length > 0 ? r.asns.join(',') : null,
      opaque_id: r.opaqueId,
      record_date: r.recordDate,
      registered_date: r.registeredDate ?? null,
    }));
    await tx.insertInto('registry_ranges').values(rows).execute();
  }
  for (let i = 0; i < parsed.asns.length; i += batch) {
    const rows = parsed.asns.slice(i, i + batch).map((a) => ({
      source_id: sourceId,
      registry: a.registry,
      country: a.country,
      first_asn: a.first,
      asn_count: a.count,
      opaque_id: a.opaqueId,
    }));
    await tx.insertInto('registry_asns').values(rows).execute();
  }
  return {
    file: fileName,
    format: parsed.format,
    sha256,
    registry: parsed.registry,
    dataDate: parsed.dataDate,
    ranges: parsed.ranges.length,
    asns: parsed.asns.length,
    skipped: parsed.skipped,
    replacedSources: old.length,
    problems: parsed.problems,
    problemsNotKept: parsed.problemsNotKept,
  };
}

const REGISTRY_FORMAT = storedField(REGISTRY_FORMATS, '登録情報のファイル形式', "a registry file's format");

function toSource(s: Pick<RegistrySourceRow, 'format' | 'file_name' | 'sha256' | 'data_date' | 'imported_at'>) {
  const source: RegistrySource = {
    format: storedValue(REGISTRY_FORMAT, s.format, s.sha256),
    file: s.file_name,
    sha256: s.sha256,
    dataDate: s.data_date,
    importedAt: s.imported_at,
  };
  return source;
}

/** SHA-256 over the source rows (and the snapshot format): changes with every import. */
export async function sourcesFingerprint(db: Db): Promise<string> {
  const rows = await db.selectFrom('registry_sources').selectAll().orderBy('id').execute();
  const h = createHash('sha256').update(`registry-snapshot ${SNAPSHOT_FORMAT} schema ${TABLES_REVISION}\n`);
  for (const s of rows)
    h.update(
      `${JSON.stringify([
        Number(s.id),
        s.format,
        s.file_name,
        s.sha256,
        s.registry,
        s.data_date,
        s.imported_at,
        Number(s.record_count),
      ])}\n`,
    );
  return h.digest('hex');
}

/** Every stored range as a table record (with its source), and every ASN block. */
export async function readRegistryRows(db: Db): Promise<{ records: TableRecord[]; asns: RegistryAsnBlock[] }> {
  const sources = await db.selectFrom('registry_sources').selectAll().execute();
  const byId = new Map<number, RegistrySource>();
  for (const s of sources) byId.set(Number(s.id), toSource(s));
  const rows = await db.selectFrom('registry_ranges').selectAll().execute();
  const records: TableRecord[] = [];
  for (const r of rows) {
    const source = byId.get(Number(r.source_id));
    if (!source) continue;
    records.push({
      family: r.family === 6 ? 6 : 4,
      start: BigInt(`0x${r.start_key}`),
      end: BigInt(`0x${r.end_key}`),
      ...rangeFacts(r),
      asns: r.asns ? r.asns.split(',').map(Number) : [],
      opaqueId: r.opaque_id,
      recordDate: r.record_date,
      ...(r.registered_date !== null ? { registeredDate: r.registered_date } : {}),
      source,
    });
  }
  const asnRows = await db.selectFrom('registry_asns').selectAll().execute();
  const asns: RegistryAsnBlock[] = asnRows.map((a) => ({
    registry: a.registry,
    country: a.country,
    first: Number(a.first_asn),
    count: Number(a.asn_count),
    opaqueId: a.opaque_id,
  }));
  return { records, asns };
}

/** The saved snapshot of this format built from the sources with this fingerprint, if any. */
export async function findSnapshot(db: Db, fingerprint: string): Promise<Uint8Array | null> {
  const row = await db
    .selectFrom('registry_snapshot')
    .select('data')
    .where('format_version', '=', SNAPSHOT_FORMAT)
    .where('fingerprint', '=', fingerprint)
    .executeTakeFirst();
  return row?.data ?? null;
}

/** Replaces the saved snapshot (there is at most one). */
export async function replaceSnapshot(tx: Db, fingerprint: string, data: Uint8Array, now: Date): Promise<void> {
  await tx.deleteFrom('registry_snapshot').execute();
  await tx
    .insertInto('registry_snapshot')
    .values({ format_version: SNAPSHOT_FORMAT, fingerprint, built_at: now.toISOString(), byte_size: data.length, data })
    .execute();
}

/**
 * Runs reads that must see one state of the tables: in the caller's transaction when `db` is one
 * (a unit of work), else in a transaction of their own (repeatable read on PostgreSQL; a SQLite
 * transaction is a snapshot).
 */
export async function consistentRead<T>(db: Db, dialect: StoreDialect, fn: (db: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  const tx = db.transaction();
  return (dialect === 'postgres' ? tx.setIsolationLevel('repeatable read') : tx).execute(fn);
}

/** Runs writes in the caller's transaction when `db` is one, else in a transaction of their own. */
export async function inWriteTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  return db.transaction().execute(fn);
}

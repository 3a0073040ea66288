import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import Database from 'better-sqlite3';
import { type Generated, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { parseStoreLocation, type StoreLocation } from '../../store/location.ts';
import { openPgPool } from '../../store/pg-pool.ts';
import { decodeSnapshot, encodeSnapshot, SNAPSHOT_FORMAT } from './snapshot.ts';
import { RegistryTable, type TableRecord } from './table.ts';
import type { ParsedRegistryFile, RegistryAsnBlock, RegistrySource } from './types.ts';

/** Registry data lives in the main store, in tables prefixed `registry_`. */
export interface RegistryTables {
  registry_schema_version: { version: number };
  registry_sources: {
    id: Generated<number>;
    format: string;
    file_name: string;
    sha256: string;
    registry: string | null;
    data_date: string | null;
    imported_at: string;
    record_count: number;
  };
  registry_ranges: {
    source_id: number;
    family: number;
    /** Start and end as fixed-width lower-case hex (8 digits IPv4, 32 IPv6): sortable in both dialects. */
    start_key: string;
    end_key: string;
    registry: string | null;
    country: string | null;
    status: string | null;
    holder: string | null;
    handle: string | null;
    abuse: string | null;
    asns: string | null;
    opaque_id: string | null;
    record_date: string | null;
  };
  /** At most one row: the built index as a binary snapshot (`snapshot.ts`), valid for one set of sources. */
  registry_snapshot: {
    format_version: number;
    /** SHA-256 over the registry_sources rows it was built from: a snapshot of other sources is never used. */
    fingerprint: string;
    built_at: string;
    byte_size: number;
    data: Uint8Array;
  };
  registry_asns: {
    source_id: number;
    registry: string;
    country: string | null;
    first_asn: number;
    asn_count: number;
    opaque_id: string | null;
  };
}

export const REGISTRY_SCHEMA_VERSION = 2;

export interface RegistryStore {
  db: Kysely<RegistryTables>;
  dialect: 'sqlite' | 'postgres';
  close(): Promise<void>;
}

export async function openRegistryStore(storeUrl: string): Promise<RegistryStore> {
  const loc: StoreLocation = parseStoreLocation(storeUrl);
  let store: RegistryStore;
  if (loc.kind === 'sqlite') {
    if (loc.path !== ':memory:') mkdirSync(dirname(loc.path), { recursive: true });
    const database = new Database(loc.path);
    database.pragma('journal_mode = WAL');
    database.pragma('busy_timeout = 5000');
    const db = new Kysely<RegistryTables>({ dialect: new SqliteDialect({ database }) });
    store = { db, dialect: 'sqlite', close: () => db.destroy() };
  } else {
    const pool = await openPgPool(loc, 4);
    const db = new Kysely<RegistryTables>({ dialect: new PostgresDialect({ pool }) });
    store = { db, dialect: 'postgres', close: () => db.destroy() };
  }
  await migrateRegistry(store);
  return store;
}

/** Create or upgrade the registry tables; migrations branch on the dialect only for column types. */
export async function migrateRegistry(store: RegistryStore): Promise<void> {
  const { db, dialect } = store;
  await db.schema
    .createTable('registry_schema_version')
    .ifNotExists()
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  const row = await db.selectFrom('registry_schema_version').select('version').executeTakeFirst();
  const current = row?.version ?? 0;
  if (current >= REGISTRY_SCHEMA_VERSION) return;
  await db.transaction().execute(async (tx) => {
    if (current < 1) {
      await tx.schema
        .createTable('registry_sources')
        .ifNotExists()
        .addColumn('id', dialect === 'postgres' ? 'serial' : 'integer', (c) =>
          dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('registry', 'text')
        .addColumn('data_date', 'text')
        .addColumn('imported_at', 'text', (c) => c.notNull())
        .addColumn('record_count', 'integer', (c) => c.notNull())
        .execute();
      await tx.schema
        .createTable('registry_ranges')
        .ifNotExists()
        .addColumn('source_id', 'integer', (c) => c.notNull().references('registry_sources.id').onDelete('cascade'))
        .addColumn('family', 'integer', (c) => c.notNull())
        .addColumn('start_key', 'text', (c) => c.notNull())
        .addColumn('end_key', 'text', (c) => c.notNull())
        .addColumn('registry', 'text')
        .addColumn('country', 'text')
        .addColumn('status', 'text')
        .addColumn('holder', 'text')
        .addColumn('handle', 'text')
        .addColumn('abuse', 'text')
        .addColumn('asns', 'text')
        .addColumn('opaque_id', 'text')
        .addColumn('record_date', 'text')
        .execute();
      await tx.schema
        .createIndex('registry_ranges_source')
        .ifNotExists()
        .on('registry_ranges')
        .column('source_id')
        .execute();
      await tx.schema
        .createTable('registry_asns')
        .ifNotExists()
        .addColumn('source_id', 'integer', (c) => c.notNull().references('registry_sources.id').onDelete('cascade'))
        .addColumn('registry', 'text', (c) => c.notNull())
        .addColumn('country', 'text')
        .addColumn('first_asn', 'bigint', (c) => c.notNull())
        .addColumn('asn_count', 'integer', (c) => c.notNull())
        .addColumn('opaque_id', 'text')
        .execute();
      await tx.schema
        .createIndex('registry_asns_source')
        .ifNotExists()
        .on('registry_asns')
        .column('source_id')
        .execute();
    }
    if (current < 2) {
      await tx.schema
        .createTable('registry_snapshot')
        .ifNotExists()
        .addColumn('format_version', 'integer', (c) => c.notNull())
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('built_at', 'text', (c) => c.notNull())
        .addColumn('byte_size', 'integer', (c) => c.notNull())
        .addColumn('data', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
        .execute();
    }
    await tx.deleteFrom('registry_schema_version').execute();
    await tx.insertInto('registry_schema_version').values({ version: REGISTRY_SCHEMA_VERSION }).execute();
  });
}

const key = (family: number, v: bigint): string => v.toString(16).padStart(family === 4 ? 8 : 32, '0');

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
  problems: string[];
}

/**
 * Store one parsed file. Re-importing the same file (same SHA-256) replaces it; a delegated file
 * replaces the earlier delegated file of the same registry, so each RIR's statistics appear once.
 */
export async function importParsed(
  store: RegistryStore,
  fileName: string,
  content: string | Uint8Array,
  parsed: ParsedRegistryFile,
  now = new Date(),
): Promise<ImportSummary> {
  const sha256 = createHash('sha256').update(content).digest('hex');
  const batch = store.dialect === 'sqlite' ? 500 : 1000;
  let replaced = 0;
  await store.db.transaction().execute(async (tx) => {
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
      replaced = old.length;
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
        registry: r.registry,
        country: r.country,
        status: r.status,
        holder: r.holder,
        handle: r.handle,
        abuse: r.abuse,
        asns: r.asns.length > 0 ? r.asns.join(',') : null,
        opaque_id: r.opaqueId,
        record_date: r.recordDate,
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
  });
  return {
    file: fileName,
    format: parsed.format,
    sha256,
    registry: parsed.registry,
    dataDate: parsed.dataDate,
    ranges: parsed.ranges.length,
    asns: parsed.asns.length,
    skipped: parsed.skipped,
    replacedSources: replaced,
    problems: parsed.problems,
  };
}

type Reading = Pick<RegistryStore['db'], 'selectFrom'>;

function toSource(s: {
  format: string;
  file_name: string;
  sha256: string;
  data_date: string | null;
  imported_at: string;
}): RegistrySource {
  return {
    format: s.format as RegistrySource['format'],
    file: s.file_name,
    sha256: s.sha256,
    dataDate: s.data_date,
    importedAt: s.imported_at,
  };
}

/** SHA-256 over the source rows (and the snapshot format): changes with every import. */
async function sourcesFingerprint(db: Reading): Promise<string> {
  const rows = await db.selectFrom('registry_sources').selectAll().orderBy('id').execute();
  const h = createHash('sha256').update(`registry-snapshot ${SNAPSHOT_FORMAT} schema ${REGISTRY_SCHEMA_VERSION}\n`);
  for (const s of rows)
    h.update(
      `${JSON.stringify([Number(s.id), s.format, s.file_name, s.sha256, s.registry, s.data_date, s.imported_at, Number(s.record_count)])}\n`,
    );
  return h.digest('hex');
}

/** Run reads that must see one consistent state of the tables (repeatable read on PostgreSQL; a SQLite transaction is a snapshot). */
async function consistentRead<T>(store: RegistryStore, fn: (db: Reading) => Promise<T>): Promise<T> {
  const tx = store.db.transaction();
  return (store.dialect === 'postgres' ? tx.setIsolationLevel('repeatable read') : tx).execute(fn);
}

/** Read every stored row as records (the slow path: with the build, 2–4 s for all five RIRs' files). */
async function readRows(
  db: Reading,
): Promise<{ records: TableRecord[]; asns: RegistryAsnBlock[]; fingerprint: string }> {
  const fingerprint = await sourcesFingerprint(db);
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
      registry: r.registry,
      country: r.country,
      status: r.status,
      holder: r.holder,
      handle: r.handle,
      abuse: r.abuse,
      asns: r.asns ? r.asns.split(',').map(Number) : [],
      opaqueId: r.opaque_id,
      recordDate: r.record_date,
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
  return { records, asns, fingerprint };
}

/** Build the table from the rows read in one consistent transaction (the build itself runs after it). */
async function buildFromRows(store: RegistryStore): Promise<{ table: RegistryTable; fingerprint: string }> {
  const { records, asns, fingerprint } = await consistentRead(store, readRows);
  return { table: RegistryTable.build(records, asns), fingerprint };
}

/** Store a snapshot of `table`, unless the sources changed since it was read (then the snapshot would be stale). */
async function saveSnapshot(store: RegistryStore, table: RegistryTable, fingerprint: string): Promise<number | null> {
  const data = encodeSnapshot(table);
  return store.db.transaction().execute(async (tx) => {
    if ((await sourcesFingerprint(tx)) !== fingerprint) return null;
    await tx.deleteFrom('registry_snapshot').execute();
    await tx
      .insertInto('registry_snapshot')
      .values({
        format_version: SNAPSHOT_FORMAT,
        fingerprint,
        built_at: new Date().toISOString(),
        byte_size: data.length,
        data,
      })
      .execute();
    return data.length;
  });
}

export interface LoadOptions {
  /** Use the saved snapshot when it matches the stored sources (default true). False: always rebuild from rows, and save nothing. */
  snapshot?: boolean;
  /** After rebuilding from rows, save a snapshot for the next load (default true; failures to save are reported, not thrown). */
  save?: boolean;
}

export interface LoadReport {
  table: RegistryTable;
  /** Where the index came from. */
  from: 'snapshot' | 'rows';
  /** Bytes of the snapshot read or written (null: none). */
  snapshotBytes: number | null;
  /** Why a snapshot was not used or not saved, if it wasn't. */
  note: string | null;
  ms: number;
}

/**
 * Load the lookup table: from the saved binary snapshot when one matches the stored sources, else
 * by building it from every stored row (and then saving a snapshot for the next time).
 */
export async function loadRegistryTableWithReport(
  store: RegistryStore,
  options: LoadOptions = {},
): Promise<LoadReport> {
  const t0 = performance.now();
  const useSnapshot = options.snapshot !== false;
  let note: string | null = useSnapshot ? null : 'snapshot disabled';
  if (useSnapshot) {
    const found = await consistentRead(store, async (db) => {
      const fingerprint = await sourcesFingerprint(db);
      const row = await db
        .selectFrom('registry_snapshot')
        .select(['data', 'byte_size'])
        .where('format_version', '=', SNAPSHOT_FORMAT)
        .where('fingerprint', '=', fingerprint)
        .executeTakeFirst();
      return row ?? null;
    });
    if (found) {
      try {
        const table = decodeSnapshot(found.data);
        if (table)
          return {
            table,
            from: 'snapshot',
            snapshotBytes: found.data.byteLength,
            note: null,
            ms: performance.now() - t0,
          };
        note = 'snapshot of another format';
      } catch (err) {
        note = `snapshot unreadable (${(err as Error).message})`;
      }
    } else note = 'no snapshot for the stored sources';
  }
  const { table, fingerprint } = await buildFromRows(store);
  let snapshotBytes: number | null = null;
  if (useSnapshot && options.save !== false) {
    try {
      snapshotBytes = await saveSnapshot(store, table, fingerprint);
      if (snapshotBytes === null) note = `${note}; not saved: the sources changed meanwhile`;
    } catch (err) {
      note = `${note}; not saved: ${(err as Error).message}`;
    }
  }
  return { table, from: 'rows', snapshotBytes, note, ms: performance.now() - t0 };
}

/** Load every stored range into the in-memory lookup table (from the saved snapshot when it is current). */
export async function loadRegistryTable(store: RegistryStore, options: LoadOptions = {}): Promise<RegistryTable> {
  return (await loadRegistryTableWithReport(store, options)).table;
}

/** Rebuild the index from the stored rows and save its snapshot now (after imports). Returns the snapshot size in bytes. */
export async function refreshRegistrySnapshot(store: RegistryStore): Promise<number | null> {
  const { table, fingerprint } = await buildFromRows(store);
  return saveSnapshot(store, table, fingerprint);
}

/** Counts per source, for reports. */
export async function registrySummary(store: RegistryStore): Promise<
  Array<{
    file: string;
    format: string;
    registry: string | null;
    dataDate: string | null;
    importedAt: string;
    records: number;
  }>
> {
  const rows = await store.db.selectFrom('registry_sources').selectAll().orderBy('id').execute();
  return rows.map((s) => ({
    file: s.file_name,
    format: s.format,
    registry: s.registry,
    dataDate: s.data_date,
    importedAt: s.imported_at,
    records: Number(s.record_count),
  }));
}

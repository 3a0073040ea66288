import type { Db, StoreDialect } from '../../store/database.ts';
import {
  consistentRead,
  findSnapshot,
  inWriteTransaction,
  readRegistryRows,
  replaceSnapshot,
  sourcesFingerprint,
} from './registry.repository.ts';
import { decodeSnapshot, encodeSnapshot } from './snapshot.ts';
import { RegistryTable, type TableRecord } from './table.ts';
import type { RegistryAsnBlock } from './types.ts';

// The in-memory registry index: loaded from its saved binary snapshot when one matches the stored
// sources, else built from every stored row (and the snapshot saved for the next load). The index
// is derived data: rebuilding or saving it changes no fact, so it is not audited; imports and
// lookups are (registry-service.ts).

/** Where to read: the main store (`Store` has both fields) or a unit of work's transaction and dialect. */
export interface RegistryReader {
  db: Db;
  dialect: StoreDialect;
}

/** Rows and the fingerprint of the sources they belong to, read as one state of the tables. */
async function readRows(db: Db): Promise<{ records: TableRecord[]; asns: RegistryAsnBlock[]; fingerprint: string }> {
  // In a repeatable-read or SQLite transaction the fingerprint cannot change while the rows are read;
  // in a read-committed unit of work (PostgreSQL) an import may commit in between: read again.
  for (let attempt = 1; ; attempt++) {
    const fingerprint = await sourcesFingerprint(db);
    const rows = await readRegistryRows(db);
    if ((await sourcesFingerprint(db)) === fingerprint) return { ...rows, fingerprint };
    if (attempt === 3) throw new Error('the registry data kept changing while it was read: try again');
  }
}

/** Build the table from the rows read as one state (the build itself runs after the reads). */
async function buildFromRows(src: RegistryReader): Promise<{ table: RegistryTable; fingerprint: string }> {
  const { records, asns, fingerprint } = await consistentRead(src.db, src.dialect, readRows);
  return { table: RegistryTable.build(records, asns), fingerprint };
}

/** Store a snapshot of `table`, unless the sources changed since it was read (then the snapshot would be stale). */
export async function saveRegistrySnapshot(
  src: RegistryReader,
  table: RegistryTable,
  fingerprint: string,
): Promise<number | null> {
  const data = encodeSnapshot(table);
  return inWriteTransaction(src.db, async (tx) => {
    if ((await sourcesFingerprint(tx)) !== fingerprint) return null;
    await replaceSnapshot(tx, fingerprint, data, new Date());
    return data.length;
  });
}

export interface LoadOptions {
  /**
   * Use the saved snapshot when it matches the stored sources (default true). False: always rebuild from rows,
   * and save nothing.
   */
  snapshot?: boolean;
  /**
   * After rebuilding from rows, save a snapshot for the next load (default true; failures to save are reported,
   * not thrown).
   */
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
  /** The stored sources the table was built from (what `saveRegistrySnapshot` checks). */
  fingerprint: string;
  ms: number;
}

/**
 * Load the lookup table: from the saved binary snapshot when one matches the stored sources, else
 * by building it from every stored row (and then saving a snapshot for the next time).
 */
export async function loadRegistryTableWithReport(src: RegistryReader, options: LoadOptions = {}): Promise<LoadReport> {
  const t0 = performance.now();
  const useSnapshot = options.snapshot !== false;
  let note: string | null = useSnapshot ? null : 'snapshot disabled';
  if (useSnapshot) {
    const found = await consistentRead(src.db, src.dialect, async (db) => {
      const fingerprint = await sourcesFingerprint(db);
      const data = await findSnapshot(db, fingerprint);
      return data === null ? null : { data, fingerprint };
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
            fingerprint: found.fingerprint,
            ms: performance.now() - t0,
          };
        note = 'snapshot of another format';
      } catch (err) {
        note = `snapshot unreadable (${(err as Error).message})`;
      }
    } else note = 'no snapshot for the stored sources';
  }
  const { table, fingerprint } = await buildFromRows(src);
  let snapshotBytes: number | null = null;
  if (useSnapshot && options.save !== false) {
    try {
      snapshotBytes = await saveRegistrySnapshot(src, table, fingerprint);
      if (snapshotBytes === null) note = `${note}; not saved: the sources changed meanwhile`;
    } catch (err) {
      note = `${note}; not saved: ${(err as Error).message}`;
    }
  }
  return { table, from: 'rows', snapshotBytes, note, fingerprint, ms: performance.now() - t0 };
}

/** Load every stored range into the in-memory lookup table (from the saved snapshot when it is current). */
export async function loadRegistryTable(src: RegistryReader, options: LoadOptions = {}): Promise<RegistryTable> {
  return (await loadRegistryTableWithReport(src, options)).table;
}

/**
 * Rebuild the index from the stored rows and save its snapshot now (after imports). Returns the snapshot size in
 * bytes.
 */
export async function refreshRegistrySnapshot(src: RegistryReader): Promise<number | null> {
  const { table, fingerprint } = await buildFromRows(src);
  return saveRegistrySnapshot(src, table, fingerprint);
}

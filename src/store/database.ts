import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, type SqliteDatabase, SqliteDialect, sql, type Transaction } from 'kysely';
import type pg from 'pg';
import { parseStoreLocation, type StoreDialect, type StoreLocation } from './location.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { openPgPool } from './pg-pool.ts';
import type { Database } from './schema.ts';

export type { StoreDialect } from './location.ts';
export type Tx = Transaction<Database>;
export type Db = Kysely<Database>;

/**
 * The driver under Kysely: the same better-sqlite3 connection or the same pg pool. Only bulk paths
 * that need raw SQL for speed use it (the attribution engine's repositories); on SQLite a statement
 * run on it inside a unit of work belongs to that unit's transaction (one connection).
 */
export type NativeHandle = { dialect: 'sqlite'; sqlite: SQLite.Database } | { dialect: 'postgres'; pool: pg.Pool };

/** The main store: one Kysely instance over SQLite (embedded default) or PostgreSQL. */
export interface Store {
  readonly db: Db;
  readonly dialect: StoreDialect;
  readonly location: StoreLocation;
  readonly native: NativeHandle;
  /** Runs fn in one transaction; retried when SQLite is busy or PostgreSQL reports a serialisation conflict. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function openStore(location: StoreLocation | string, options: { migrate?: boolean } = {}): Promise<Store> {
  const loc = typeof location === 'string' ? parseStoreLocation(location) : location;
  let db: Db;
  let native: NativeHandle;
  if (loc.kind === 'sqlite') {
    if (loc.path !== ':memory:') {
      const dir = dirname(loc.path);
      if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
    }
    const isNew = loc.path === ':memory:' || !existsSync(loc.path);
    const sqlite = new SQLite(loc.path);
    if (isNew && loc.path !== ':memory:') chmodSync(loc.path, 0o600);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // What a change erases is overwritten, not left in the free space of a page (src/store/erasure.ts).
    sqlite.pragma('secure_delete = ON');
    // For the attribution tables (billions of rows, batches of a million lines): a larger page cache,
    // temporary b-trees in memory, fewer WAL checkpoints during an ingest, and reads through mmap.
    sqlite.pragma('cache_size = -262144');
    sqlite.pragma('temp_store = MEMORY');
    sqlite.pragma('wal_autocheckpoint = 16384');
    sqlite.pragma('mmap_size = 8589934592');
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    native = { dialect: 'sqlite', sqlite };
  } else {
    const pool = await openPgPool(loc);
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    native = { dialect: 'postgres', pool };
  }
  const store: Store = {
    db,
    dialect: loc.kind,
    location: loc,
    native,
    transaction: (fn) => runTransaction(db, loc.kind, fn),
    close: () => db.destroy(),
  };
  if (options.migrate !== false) await migrate(store);
  return store;
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * better-sqlite3 behind a bounded cache of prepared statements, keyed by SQL text. Kysely prepares
 * every query anew, and preparing costs more than running the small indexed queries of a request
 * (measured: bench/exchange.ts, docs/performance.md). A statement is reused only while idle (not
 * being iterated); SQLite re-prepares a cached statement by itself after a schema change.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      const cached = cache.get(text);
      if (cached && !cached.busy) return cached;
      const stmt = sqlite.prepare(text);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      cache.set(text, stmt);
      return stmt;
    },
  };
}

async function runTransaction<T>(db: Db, dialect: StoreDialect, fn: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(fn);
    } catch (err) {
      if (attempt < 5 && isRetryable(err, dialect)) {
        await new Promise((r) => setTimeout(r, attempt * 5));
        continue;
      }
      throw err;
    }
  }
}

function isRetryable(err: unknown, dialect: StoreDialect): boolean {
  const code = (err as { code?: unknown }).code;
  if (dialect === 'sqlite') return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT';
  return code === '40001' || code === '40P01';
}

/** Applies the migrations not yet applied, each in its own transaction. Returns the names applied. */
export async function migrate(store: Store): Promise<string[]> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at text NOT NULL)`.execute(
    store.db,
  );
  const done = await sql<{ name: string }>`SELECT name FROM schema_migrations`.execute(store.db);
  const applied = new Set(done.rows.map((r) => r.name));
  const ran: string[] = [];
  for (const m of MIGRATIONS) {
    if (applied.has(m.name)) continue;
    await store.db.transaction().execute(async (tx) => {
      await m.up(tx, store.dialect);
      const appliedAt = new Date().toISOString();
      await sql`INSERT INTO schema_migrations (name, applied_at) VALUES (${m.name}, ${appliedAt})`.execute(tx);
    });
    ran.push(m.name);
  }
  return ran;
}

/** Undoes one applied migration with its `down`, in one transaction (an operator's way back, and tests). */
export async function undoMigration(store: Store, name: string): Promise<void> {
  const m = MIGRATIONS.find((x) => x.name === name);
  if (!m) throw new Error(`no migration named "${name}"`);
  await store.db.transaction().execute(async (tx) => {
    await m.down(tx, store.dialect);
    await sql`DELETE FROM schema_migrations WHERE name = ${name}`.execute(tx);
  });
}

/**
 * Takes back applied migrations, newest first, each in its own transaction, until `target` is the
 * newest applied (all of them when no target is given). Returns the names taken back.
 */
export async function migrateDown(store: Store, target?: string): Promise<string[]> {
  if (target !== undefined && !MIGRATIONS.some((m) => m.name === target)) {
    throw new Error(`no migration named "${target}"; known: ${MIGRATIONS.map((m) => m.name).join(', ')}`);
  }
  const done = await sql<{ name: string }>`SELECT name FROM schema_migrations`.execute(store.db);
  const applied = new Set(done.rows.map((r) => r.name));
  const reverted: string[] = [];
  for (const m of [...MIGRATIONS].reverse()) {
    if (m.name === target) break;
    if (!applied.has(m.name)) continue;
    await undoMigration(store, m.name);
    reverted.push(m.name);
  }
  return reverted;
}

/** Whether the store was ever migrated (holds the schema); false for an empty database. */
export async function storeHasSchema(store: Store): Promise<boolean> {
  try {
    await sql`SELECT count(*) FROM schema_migrations`.execute(store.db);
    return true;
  } catch {
    return false;
  }
}

/** Whether the store answers a trivial query (for /healthz). */
export async function storeIsReady(store: Store): Promise<boolean> {
  try {
    await sql`SELECT 1`.execute(store.db);
    return true;
  } catch {
    return false;
  }
}

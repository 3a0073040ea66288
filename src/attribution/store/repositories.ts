import type { Store } from '../../store/database.ts';
import { MemoryIndexedStore } from './memory-index.ts';
import { PostgresAttributionRepository } from './postgres.repository.ts';
import { SqliteAttributionRepository } from './sqlite.repository.ts';

export type AttributionRepository = SqliteAttributionRepository | PostgresAttributionRepository;

const repositories = new WeakMap<Store, AttributionRepository>();

/**
 * The attribution repository over the main store's own connection (SQLite) or pool (PostgreSQL); its
 * tables come from the store's migrations. One per store: its statements are prepared once and its
 * caches (interned account ids, coverage) kept.
 */
export function attributionRepository(store: Store): AttributionRepository {
  let repo = repositories.get(store);
  if (!repo) {
    repo =
      store.native.dialect === 'sqlite'
        ? new SqliteAttributionRepository(store.native.sqlite)
        : new PostgresAttributionRepository(store.native.pool);
    repositories.set(store, repo);
  }
  return repo;
}

/**
 * The in-memory snapshot of the store's attribution data (`shokai logs lookup --snapshot`), loaded from
 * SQLite; null on PostgreSQL, where the lookup stays on SQL.
 */
export async function attributionSnapshot(store: Store): Promise<MemoryIndexedStore | null> {
  const repo = attributionRepository(store);
  return repo instanceof SqliteAttributionRepository ? MemoryIndexedStore.load(repo) : null;
}

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseStoreLocation, type StoreLocation } from '../../store/location.ts';
import { openPgPool } from '../../store/pg-pool.ts';
import { PostgresAttributionStore } from './postgres.ts';
import { SqliteAttributionStore } from './sqlite.ts';
import type { AttributionStore } from './types.ts';

/** Open (creating and migrating its attr_ tables if needed) the attribution store at a location. */
export async function openAttributionStore(location: StoreLocation | string): Promise<AttributionStore> {
  const loc = typeof location === 'string' ? parseStoreLocation(location) : location;
  if (loc.kind === 'sqlite') {
    // The folder of the default location (./data) may not exist yet; it is made as the main store makes it.
    if (loc.path !== ':memory:') mkdirSync(dirname(loc.path), { recursive: true, mode: 0o700 });
    return new SqliteAttributionStore(loc.path);
  }
  return PostgresAttributionStore.open(await openPgPool(loc, 4));
}

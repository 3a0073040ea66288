import pg from 'pg';
import type { StoreLocation } from './location.ts';

// PostgreSQL returns int8 as strings by default; our counters and epoch values fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));

/**
 * Open a pg Pool for a location; with a schema, the schema is created if missing and every
 * connection's search_path points at it. Fails with a clear message if the server cannot be reached.
 */
export async function openPgPool(loc: Extract<StoreLocation, { kind: 'postgres' }>, max = 10): Promise<pg.Pool> {
  const options = loc.schema ? `-c search_path=${loc.schema}` : undefined;
  const pool = new pg.Pool({ connectionString: loc.url, max, ...(options ? { options } : {}) });
  try {
    const c = await pool.connect();
    try {
      if (loc.schema) await c.query(`CREATE SCHEMA IF NOT EXISTS "${loc.schema}"`);
    } finally {
      c.release();
    }
  } catch (err) {
    await pool.end().catch(() => undefined);
    const u = new URL(loc.url);
    u.password = u.password ? '***' : '';
    throw new Error(`cannot reach PostgreSQL at ${u.host}${u.pathname}: ${(err as Error).message}`, { cause: err });
  }
  return pool;
}

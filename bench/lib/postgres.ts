// PostgreSQL for the benchmarks that run a store there: only on this machine (127.0.0.1), and a schema of
// their own, dropped when they end.
import pg from 'pg';

/** Drops `schema` (and all it holds) at `url`, if it exists. */
export async function dropSchema(url: string, schema: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await c.end();
  }
}

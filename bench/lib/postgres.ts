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

/**
 * The PostgreSQL a benchmark uses: SHOKAI_BENCH_POSTGRES_URL, else the tests' URL, else the local server's `test`
 * database — refused unless it is on this machine (benchmarks talk only to 127.0.0.1).
 */
export function benchPostgresUrl(): string {
  const url =
    process.env.SHOKAI_BENCH_POSTGRES_URL ??
    process.env.SHOKAI_TEST_POSTGRES_URL ??
    'postgres://postgres@127.0.0.1:5432/test';
  if (!/^postgres(ql)?:\/\/[^/]*@?(127\.0\.0\.1|localhost)(:\d+)?\//.test(url))
    throw new Error('the benchmark only talks to PostgreSQL on 127.0.0.1');
  return url;
}

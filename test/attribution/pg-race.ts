// What the PostgreSQL race tests of ingest share: two stores on one database (each with its own connections, as two
// `shokai logs ingest` processes have) and a third connection that holds one ingest where the test wants it and
// watches who waits for whom.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { attributionRepository } from '../../src/attribution/store/repositories.ts';
import { openStore } from '../../src/store/database.ts';
import type { StoreLocation } from '../../src/store/location.ts';

/** Polls `check` until it is true; fails after 30 s (the interleaving did not happen). */
export async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (await check()) return;
    await sleep(25);
  }
  assert.fail(`timed out waiting: ${what}`);
}

/** The backend waiting for `pid` (0: none). */
export async function waiterOf(watch: pg.Client, pid: number): Promise<number> {
  const r = await watch.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE $1 = ANY (pg_blocking_pids(pid))',
    [pid],
  );
  return r.rows[0]?.pid ?? 0;
}

/** Two stores' attribution repositories on the PostgreSQL schema of `location`, and the watching connection. */
export async function twoIngesters(location: StoreLocation) {
  if (location.kind !== 'postgres') throw new Error('PostgreSQL only');
  const st1 = await openStore(location);
  const st2 = await openStore(location);
  const watch = new pg.Client({ connectionString: location.url });
  await watch.connect();
  const watchPid = (await watch.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  return {
    schema: location.schema,
    r1: attributionRepository(st1),
    r2: attributionRepository(st2),
    watch,
    watchPid,
    /** Opens a transaction on the watching connection locking the file's row: its ingest's last statement waits. */
    async holdFile(fileId: number): Promise<void> {
      await watch.query('BEGIN');
      await watch.query(`SELECT 1 FROM "${location.schema ?? 'public'}".attr_file WHERE id = $1 FOR UPDATE`, [fileId]);
    },
    async close(): Promise<void> {
      await watch.end();
      await st1.close();
      await st2.close();
    },
  };
}

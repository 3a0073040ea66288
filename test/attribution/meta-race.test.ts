import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { ingestFiles } from '../../src/attribution/ingest.ts';
import { fileSha256 } from '../../src/attribution/lines.ts';
import { Resolver } from '../../src/attribution/resolver.ts';
import { attributionRepository } from '../../src/attribution/store/repositories.ts';
import { openStore } from '../../src/store/database.ts';
import { scratchLocations, testDialects } from '../support/dialects.ts';
import { said } from './answers.ts';

// Two ingests on PostgreSQL committing batches of unrelated series at once (no series lock shared): each folds
// its batch into the summary (attr_meta) it read before the other committed. The stored summary must hold both
// (a prefix length lost is a wrong "none" for every address of that length): what the files read one after the
// other store. PostgreSQL only: SQLite's writers run one at a time (meta-fresh.test.ts has its connections).

const HEADER = 'type,start,end,address,port_low,port_high,inside_address,account';
const DAY = 'assign,2026-03-29T00:00:00+09:00,2026-03-30T00:00:00+09:00';
const FIRST = `${HEADER}\n${DAY},10.0.0.0/24,,,,alice\n`;
const SECOND = `${HEADER}\n${DAY},10.1.0.1,,,,bob\n`;
const NOON = '2026-03-29T12:00:00+09:00';

/** Polls `check` until it is true; fails after 30 s (the interleaving did not happen). */
async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (await check()) return;
    await sleep(25);
  }
  assert.fail(`timed out waiting: ${what}`);
}

for (const dialect of testDialects().filter((d) => d === 'postgres')) {
  describe(`the summary of two ingests at once (${dialect})`, () => {
    const scratch = scratchLocations('shokai-metarace-');

    /** The stored summary and the answers: `race` holds the first's commit until the second waits for it. */
    async function outcome(race: boolean) {
      const loc = await scratch.fresh(dialect);
      if (loc.location.kind !== 'postgres') throw new Error('PostgreSQL only');
      const schema = loc.location.schema;
      const st1 = await openStore(loc.location);
      const st2 = await openStore(loc.location);
      const [r1, r2] = [attributionRepository(st1), attributionRepository(st2)];
      const watch = new pg.Client({ connectionString: loc.location.url });
      await watch.connect();
      const [fa, fb] = [join(scratch.dir, `${schema}-a.csv`), join(scratch.dir, `${schema}-b.csv`)];
      writeFileSync(fa, FIRST);
      writeFileSync(fb, SECOND);
      try {
        if (race) {
          // the first ingest's batch waits, after its summary, at its file's row this transaction locks; the
          // second's batch then waits for the first's summary rows; then the first commits
          const begun = await r1.beginFile(fileSha256(fa), fa, 'generic-csv', null, '');
          await watch.query('BEGIN');
          await watch.query(`SELECT 1 FROM "${schema}".attr_file WHERE id = $1 FOR UPDATE`, [begun.id]);
          const watchPid = (await watch.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
          const first = ingestFiles(r1, [fa], { format: 'generic-csv' });
          let firstPid = 0;
          await until('the first ingest to wait after its summary', async () => {
            const r = await watch.query<{ pid: number }>(
              'SELECT pid FROM pg_stat_activity WHERE $1 = ANY (pg_blocking_pids(pid))',
              [watchPid],
            );
            firstPid = r.rows[0]?.pid ?? 0;
            return firstPid !== 0;
          });
          const second = ingestFiles(r2, [fb], { format: 'generic-csv' });
          await until('the second ingest to wait for the first', async () => {
            const r = await watch.query('SELECT 1 FROM pg_stat_activity WHERE $1 = ANY (pg_blocking_pids(pid))', [
              firstPid,
            ]);
            return (r.rowCount ?? 0) > 0;
          });
          await watch.query('COMMIT');
          for (const r of await Promise.all([first, second])) assert.deepEqual(r.errors, []);
        } else {
          await ingestFiles(r1, [fa], { format: 'generic-csv' });
          await ingestFiles(r2, [fb], { format: 'generic-csv' });
        }
        const meta = await watch.query<{ key: string; value: string }>(
          `SELECT key, value FROM "${schema}".attr_meta ORDER BY key`,
        );
        const answers = [];
        for (const ip of ['10.0.0.5', '10.1.0.1']) answers.push(said(await new Resolver(r2).resolve({ ip, at: NOON })));
        return { meta: meta.rows, answers };
      } finally {
        await watch.end();
        await st1.close();
        await st2.close();
      }
    }

    test('both batches stay in the summary, as when the files are read one after the other', async () => {
      const serial = await outcome(false);
      assert.deepEqual(
        serial.answers.map((a) => [a[0], a[1]]),
        [
          ['unique', ['alice']],
          ['unique', ['bob']],
        ],
      );
      assert.deepEqual(serial.meta.find((m) => m.key === 'plens4')?.value, '32,24');
      assert.deepEqual(await outcome(true), serial);
    });
  });
}

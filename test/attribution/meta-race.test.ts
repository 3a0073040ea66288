import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ingestFiles } from '../../src/attribution/ingest.ts';
import { fileSha256 } from '../../src/attribution/lines.ts';
import { Resolver } from '../../src/attribution/resolver.ts';
import { scratchLocations, testDialects } from '../support/dialects.ts';
import { said } from './answers.ts';
import { twoIngesters, until, waiterOf } from './pg-race.ts';

// Two ingests on PostgreSQL committing batches of unrelated series at once (no series lock shared): each folds
// its batch into the summary (attr_meta) it read before the other committed. The stored summary must hold both
// (a prefix length lost is a wrong "none" for every address of that length): what the files read one after the
// other store. PostgreSQL only: SQLite's writers run one at a time (meta-fresh.test.ts has its connections).

const HEADER = 'type,start,end,address,port_low,port_high,inside_address,account';
const DAY = 'assign,2026-03-29T00:00:00+09:00,2026-03-30T00:00:00+09:00';
const FIRST = `${HEADER}\n${DAY},10.0.0.0/24,,,,alice\n`;
const SECOND = `${HEADER}\n${DAY},10.1.0.1,,,,bob\n`;
const NOON = '2026-03-29T12:00:00+09:00';

for (const dialect of testDialects().filter((d) => d === 'postgres')) {
  describe(`the summary of two ingests at once (${dialect})`, () => {
    const scratch = scratchLocations('shokai-metarace-');

    /** The stored summary and the answers: `race` holds the first's commit until the second waits for it. */
    async function outcome(race: boolean) {
      const { schema, r1, r2, watch, watchPid, holdFile, close } = await twoIngesters(
        (await scratch.fresh(dialect)).location,
      );
      const [fa, fb] = [join(scratch.dir, `${schema}-a.csv`), join(scratch.dir, `${schema}-b.csv`)];
      writeFileSync(fa, FIRST);
      writeFileSync(fb, SECOND);
      try {
        if (race) {
          // the first ingest's batch waits, after its summary, at its file's row this transaction locks; the
          // second's batch then waits for the first's summary rows; then the first commits
          const begun = await r1.beginFile(fileSha256(fa), fa, 'generic-csv', null, '');
          await holdFile(begun.id);
          const first = ingestFiles(r1, [fa], { format: 'generic-csv' });
          let firstPid = 0;
          await until('the first ingest to wait after its summary', async () => {
            firstPid = await waiterOf(watch, watchPid);
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
        await close();
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

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ingestFiles } from '../../src/attribution/ingest.ts';
import { fileSha256 } from '../../src/attribution/lines.ts';
import { Batch } from '../../src/attribution/model.ts';
import { Resolver } from '../../src/attribution/resolver.ts';
import { scratchLocations, testDialects } from '../support/dialects.ts';
import { said } from './answers.ts';
import { B, conntrackEvent, FLOW_PORT, FLOW_PUB, insideCsv } from './helpers.ts';
import { twoIngesters, until, waiterOf } from './pg-race.ts';

// The commit that ends a file joins the NAT rows the file left open (stored by its earlier batches) with the
// unstarted rows of their holdings (postgres.repository.ts takeLaterNats). Those series are locked with the
// batch's own (lockSeries), so that commit waits for another ingest's batch on them, as every batch touching a
// series does. And a NAT end whose open row another transaction changed while the end's statement waited
// (natCloseSql's `raced`) runs again and sees what that transaction committed. PostgreSQL only: SQLite's writers
// run one at a time.

for (const dialect of testDialects().filter((d) => d === 'postgres')) {
  describe(`a file's last commit and its open NAT rows (${dialect})`, () => {
    const scratch = scratchLocations('shokai-fileendlock-');

    async function opened() {
      const { schema, r1, r2, watch, watchPid, holdFile, close } = await twoIngesters(
        (await scratch.fresh(dialect)).location,
      );
      const write = (name: string, lines: string[]) => {
        const file = join(scratch.dir, `${schema}-${name}`);
        writeFileSync(file, `${lines.join('\n')}\n`);
        return file;
      };
      const ingest = async (repo: typeof r1, file: string) => {
        const r = await ingestFiles(repo, [file], { format: 'conntrack' });
        assert.deepEqual(r.errors, []);
      };
      await ingestFiles(r1, [write('inside.csv', [insideCsv('alice', 'carol')])], { format: 'generic-csv' });
      const rows = async () =>
        (
          await watch.query(
            `SELECT plo, t0 - ${B} AS t0, t1 - ${B} AS t1, open, unstarted FROM "${schema}".attr_nat_session
            ORDER BY plo, t0, t1`,
          )
        ).rows;
      return { schema, r1, r2, watch, watchPid, holdFile, write, ingest, rows, close };
    }

    test("the commit that ends a file waits for another batch on the series of the file's open rows", async () => {
      const o = await opened();
      try {
        const started = o.write('start', [conntrackEvent('start', 0)]);
        await o.ingest(o.r1, started);
        const file = await o.r1.beginFile(fileSha256(started), started, 'conntrack', null, '');
        // another ingest's batch closes the flow, holding its series' lock, and waits at its own file's row
        const ended = o.write('end', [conntrackEvent('end', 600)]);
        const endFile = await o.r2.beginFile(fileSha256(ended), ended, 'conntrack', null, '');
        await o.holdFile(endFile.id);
        const other = o.ingest(o.r2, ended);
        let otherPid = 0;
        await until('the other batch to wait at its file', async () => {
          otherPid = await waiterOf(o.watch, o.watchPid);
          return otherPid !== 0;
        });
        // the start file's last commit (no record of its own): its open row's series is the other batch's
        let ended1 = false;
        const last = o.r1.commitBatch(file.id, new Batch(), 2, true, 0).finally(() => {
          ended1 = true;
        });
        await until('the last commit to wait for the other batch, or to end', async () => {
          return ended1 || (await waiterOf(o.watch, otherPid)) !== 0;
        });
        assert.equal(ended1, false, "the last commit ran beside a batch holding its open rows' series");
        await o.watch.query('COMMIT');
        await Promise.all([other, last]);
        assert.deepEqual(await o.rows(), [{ plo: FLOW_PORT, t0: 0, t1: 600, open: 0, unstarted: 0 }]);
      } finally {
        await o.close();
      }
    });

    /** The rows and answers after an end read while `race` another transaction closes the same row. */
    async function closedBeside(race: boolean) {
      const o = await opened();
      try {
        await o.ingest(o.r1, o.write('start', [conntrackEvent('start', 0)]));
        const close = `UPDATE "${o.schema}".attr_nat_session SET t1 = ${B + 600}, open = 0 WHERE open = 1`;
        const ended = o.write('end', [conntrackEvent('end', 600)]);
        if (race) {
          // the end's statement waits for the row this transaction closes, then finds it closed
          await o.watch.query('BEGIN');
          await o.watch.query(close);
          const reading = o.ingest(o.r2, ended);
          await until('the end to wait for the row', async () => (await waiterOf(o.watch, o.watchPid)) !== 0);
          await o.watch.query('COMMIT');
          await reading;
        } else {
          await o.watch.query(close);
          await o.ingest(o.r2, ended);
        }
        const answers = [];
        for (const off of [300, 600, 601]) {
          const at = new Date((B + off) * 1000).toISOString();
          answers.push(said(await new Resolver(o.r2).resolve({ ip: FLOW_PUB, port: FLOW_PORT, at })));
        }
        return { rows: await o.rows(), answers };
      } finally {
        await o.close();
      }
    }

    test('an end whose open row another transaction closed while it waited is seen as applied', async () => {
      const serial = await closedBeside(false);
      assert.deepEqual(serial.rows, [{ plo: FLOW_PORT, t0: 0, t1: 600, open: 0, unstarted: 0 }]);
      assert.deepEqual(await closedBeside(true), serial);
    });
  });
}

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { emptyIngestSummary, ingestFiles } from '../../src/attribution/ingest.ts';
import { testDialects } from '../support/dialects.ts';
import { crashingAt, stores } from './fresh-stores.ts';
import { B } from './helpers.ts';

// Records of one key are kept as one row (same-start.ts): a lease exported with its renewal as a second line, a
// Start logged twice, a NAT log repeating a block. The ingest now says how many records were so kept with
// another's row — the same whatever the batches, counting a record read again (a resumed run, a file read again
// with --zone, the same file again) never.

/** A PBA line: `event` of the block from `plo` for 100.64.0.`host`, `offset` seconds after B. */
const pba = (event: 'ALLOC' | 'RELEASE', plo: number, host: number, offset: number): string =>
  `RT_NAT - RT_SRC_NAT_PBA_${event} [internal-ip="100.64.0.${host}" block-port-low="${plo}" ` +
  `block-port-high="${plo + 511}" reflexive-ip="198.51.100.7" epoch-time-64="${(B + offset).toString(16)}"]`;

// Block A is allocated on line 1 and released on line 10: pending in the parser all along, so a run going on
// after a crash reads again from line 1. Block B is allocated twice from one second (lines 2 and 4) and released
// at two times: its second record is kept as one with the first. Block C's two records (lines 6–7, 8–9) are the
// same: the second changes nothing and is counted all the same.
const LINES = [
  pba('ALLOC', 1024, 1, 0),
  pba('ALLOC', 1536, 2, 10),
  pba('RELEASE', 1536, 2, 100),
  pba('ALLOC', 1536, 2, 10),
  pba('RELEASE', 1536, 2, 200),
  pba('ALLOC', 2048, 3, 20),
  pba('RELEASE', 2048, 3, 300),
  pba('ALLOC', 2048, 3, 20),
  pba('RELEASE', 2048, 3, 300),
  pba('RELEASE', 1024, 1, 400),
];
const TEXT = `${LINES.join('\n')}\n`;

/** The generic CSV: alice's lease and its renewal, bob's twice; a line without an offset refused without --zone. */
const CSV = [
  'type,start,end,address,port_low,port_high,inside_address,account',
  'assign,2026-03-29T01:00:00+09:00,2026-03-29T02:00:00+09:00,100.64.1.1,,,,alice',
  'assign,2026-03-29T01:00:00+09:00,2026-03-29T03:00:00+09:00,100.64.1.1,,,,alice',
  'assign,2026-03-29T01:00:00+09:00,2026-03-29T02:00:00+09:00,100.64.1.2,,,,bob',
  'assign,2026-03-29T01:00:00+09:00,2026-03-29T02:00:00+09:00,100.64.1.2,,,,bob',
  'assign,2026-03-29T04:00:00,2026-03-29T05:00:00,100.64.1.3,,,,carol',
].join('\n');

for (const dialect of testDialects()) {
  describe(`records kept as one holding, counted at ingest, on ${dialect}`, () => {
    const fresh = stores(dialect, 'shokai-kept-as-one-');

    test('the count is the same whatever the batches', async () => {
      for (const batchLines of [1, 2, 3, 4, 7, 1_000_000]) {
        const s = await fresh();
        const r = await s.ingest('pba.1', TEXT, 'juniper-pba', { batchLines });
        assert.deepEqual([r.errors, r.ingested, r.keptAsOne], [[], 10, 2], `batches of ${batchLines} lines`);
        assert.equal(r.files[0]!.keptAsOne, 2);
        await s.close();
      }
    });

    test('the same file again, or a copy: already ingested, none counted', async () => {
      const s = await fresh();
      assert.equal((await s.ingest('pba.1', TEXT, 'juniper-pba')).keptAsOne, 2);
      const again = await s.ingest('pba.1', TEXT, 'juniper-pba');
      assert.deepEqual([again.alreadyIngested.length, again.keptAsOne], [1, 0]);
      const copy = await s.ingest('copy-of-pba.1', TEXT, 'juniper-pba');
      assert.deepEqual([copy.alreadyIngested.length, copy.keptAsOne], [1, 0]);
    });

    test('records of another file sharing a key with a row stored before are counted', async () => {
      const s = await fresh();
      await s.ingest('pba.1', TEXT, 'juniper-pba');
      // block C's records again, and a block of no one else's key
      const other = [LINES[5], LINES[6], pba('ALLOC', 4096, 9, 50), pba('RELEASE', 4096, 9, 60)];
      const r = await s.ingest('pba.2', `${other.join('\n')}\n`, 'juniper-pba');
      assert.deepEqual([r.ingested, r.keptAsOne], [4, 1]);
    });

    test('a run going on after a crash does not count the lines it reads again', async () => {
      for (const [batchLines, failAt] of [
        [2, 4],
        [3, 3],
        [1, 8],
      ] as const) {
        const s = await fresh();
        const file = join(s.dir, 'pba.1');
        writeFileSync(file, TEXT);
        const opts = { format: 'juniper-pba', batchLines } as const;
        const summary = emptyIngestSummary();
        await assert.rejects(ingestFiles(crashingAt(s.repo, failAt), [file], opts, summary), /simulated crash/);
        // block A pending since line 1: the run goes on from there, reading block B's lines (and C's) again
        const resumed = await ingestFiles(s.repo, [file], opts);
        const where = `batches of ${batchLines}, crashed at commit ${failAt}`;
        assert.equal(summary.keptAsOne + resumed.keptAsOne, 2, where);
        await s.close();
      }
    });

    test('a file read again with --zone counts none of the records it stored before', async () => {
      const s = await fresh();
      const first = await s.ingest('rows.csv', CSV, 'generic-csv');
      assert.deepEqual([first.ingested, first.skipped, first.keptAsOne], [4, 1, 2]);
      const again = await s.ingest('rows.csv', CSV, 'generic-csv', { zone: 'Asia/Tokyo' });
      assert.deepEqual([again.readAgain.length, again.skipped, again.keptAsOne], [1, 0, 0]);
    });
  });
}

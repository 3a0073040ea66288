// Migration 080 marks a NAT row whose first record is not its start (an INTERIM or a RELEASE met first in its
// file, kept where the store had no open row for it): the allocation's open row, stored later, takes what such a
// row says; and keeps a file's last line read (for the count of records kept as one). Down and up keep every
// row; a row stored before 080 has 0 (not known) and is never joined, so the time between stays possible as
// before; one stored after is joined; a file registered before has no last line read.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { ingestFiles } from '../../src/attribution/ingest.ts';
import type { LogFormat } from '../../src/attribution/parsers/index.ts';
import { Resolver } from '../../src/attribution/resolver.ts';
import { attributionRepository } from '../../src/attribution/store/repositories.ts';
import { migrate, openStore, type Store, undoMigration } from '../../src/store/database.ts';
import { B, insideCsv } from '../attribution/helpers.ts';
import { scratchLocations, testDialects } from '../support/dialects.ts';

const MIGRATION = '080-attribution-unstarted-read-to';
const INSIDE = insideCsv('alice', 'zed');

/** A PBA line of the block 1024–1535 of 198.51.100.7 for 100.64.0.11, `offset` seconds after B (01:00 JST). */
const pba = (event: string, offset: number): string =>
  `RT_NAT - RT_SRC_NAT_PBA_${event} [internal-ip="100.64.0.11" block-port-low="1024" block-port-high="1535" ` +
  `reflexive-ip="198.51.100.7" epoch-time-64="${(B + offset).toString(16)}"]\n`;

/** The port block rows, without unstarted (the columns before 080), in key order. */
async function blocks(store: Store): Promise<unknown[]> {
  const r = await sql<Record<string, unknown>>`SELECT pub, plo, t0, inside, phi, t1, open, file, line, eline, hold,
    reach FROM attr_nat_block ORDER BY pub, plo, t0, inside, phi, hold`.execute(store.db);
  return r.rows.map((x) => Object.fromEntries(Object.entries(x).map(([k, v]) => [k, Number(v ?? -1)])));
}

for (const dialect of testDialects()) {
  describe(`migration 080 on ${dialect}`, () => {
    const scratch = scratchLocations('shokai-080-');

    async function ingest(store: Store, name: string, text: string, format: LogFormat): Promise<void> {
      const file = join(scratch.dir, `${Math.random().toString(36).slice(2)}-${name}`);
      writeFileSync(file, text);
      assert.deepEqual((await ingestFiles(attributionRepository(store), [file], { format })).errors, []);
    }
    const said = async (store: Store, hhmm: string): Promise<[string, string[]]> => {
      const q = { ip: '198.51.100.7', port: 1100, at: `2026-03-29T${hhmm}:00+09:00` };
      const r = await new Resolver(attributionRepository(store)).resolve(q);
      return [r.verdict, r.candidates.map((c) => c.account ?? '').sort()];
    };

    test('down and up keep every row; a row stored before 080 is not joined, one stored after is', async () => {
      const store = await openStore((await scratch.fresh(dialect)).location);
      try {
        await ingest(store, 'inside.csv', INSIDE, 'generic-csv');
        // the INTERIM and RELEASE of a block read before its allocation's file
        await ingest(store, 'pba.2', pba('INTERIM', 1800) + pba('RELEASE', 3000), 'juniper-pba');
        const before = await blocks(store);
        assert.equal(before.length, 1);
        await undoMigration(store, MIGRATION);
        assert.deepEqual(await blocks(store), before);
        assert.deepEqual(await migrate(store), [MIGRATION]);
        assert.deepEqual(await blocks(store), before);
        const marked = await sql<{ n: number | string }>`SELECT count(*) AS n FROM attr_nat_block
          WHERE unstarted <> 0`.execute(store.db);
        assert.equal(Number(marked.rows[0]!.n), 0, 'rows stored before 080 are not known to be unstarted');
        const recorded = await sql<{ n: number | string }>`SELECT count(*) AS n FROM attr_file
          WHERE read_to IS NOT NULL`.execute(store.db);
        assert.equal(Number(recorded.rows[0]!.n), 0, 'the last line read of files registered before: not known');
        // the allocation read now: the row stored before is not joined, the time between stays possible
        await ingest(store, 'pba.1', pba('ALLOC', 0), 'juniper-pba');
        assert.deepEqual(await said(store, '01:10'), ['ambiguous', ['alice']]);
        assert.equal((await blocks(store)).length, 2);
        // the same read after 080 (another block, another store's worth of files): joined, confirmed
        await ingest(store, 'pba.4', pba('INTERIM', 5400) + pba('RELEASE', 6000), 'juniper-pba');
        await ingest(store, 'pba.3', pba('ALLOC', 3600), 'juniper-pba');
        assert.deepEqual(await said(store, '02:10'), ['unique', ['alice']]);
        assert.equal((await blocks(store)).length, 3);
      } finally {
        await store.close();
      }
    });
  });
}

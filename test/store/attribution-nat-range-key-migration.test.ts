// Migration 077 puts phi into the NAT tables' key: two port ranges logged from one public address, port_low,
// start and inside address are two rows (one row could keep only one of them, or their hull — ports after
// a release that no record gave). Up keeps every row (and its reach) under the new key; down takes the old
// key back while no two rows share it, and refuses, in both languages, keeping them, while some do.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { ingestFiles } from '../../src/attribution/ingest.ts';
import { Resolver } from '../../src/attribution/resolver.ts';
import { attributionRepository } from '../../src/attribution/store/repositories.ts';
import { migrate, openStore, type Store, undoMigration } from '../../src/store/database.ts';
import { scratchLocations, testDialects } from '../support/dialects.ts';

const MIGRATION = '077-attribution-nat-range-key';
const HEADER = 'type,start,end,address,port_low,port_high,inside_address,account';
const ROWS = [
  'nat,2026-03-29T01:00:00+09:00,2026-03-29T02:00:00+09:00,203.0.113.7,40192,40447,100.64.3.9,',
  'nat,2026-03-29T01:00:00+09:00,2026-03-29T01:30:00+09:00,203.0.113.7,40448,40448,100.64.3.9,',
  'nat,2026-03-29T01:10:00+09:00,,203.0.113.7,40448,40448,100.64.3.10,',
  'assign,2026-03-29T00:00:00+09:00,2026-03-29T03:00:00+09:00,100.64.3.9,,,,alice',
  'assign,2026-03-29T00:00:00+09:00,2026-03-29T03:00:00+09:00,100.64.3.10,,,,bob',
];
/** The same block's port_low, start and inside address with another range: a second row under the new key. */
const OTHER_RANGE = 'nat,2026-03-29T01:00:00+09:00,2026-03-29T01:05:00+09:00,203.0.113.7,40192,40319,100.64.3.9,';

async function natRows(store: Store): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const t of ['attr_nat_block', 'attr_nat_session']) {
    const r = await sql<Record<string, unknown>>`SELECT pub, plo, t0, inside, phi, t1, open, file, line, eline, reach
      FROM ${sql.table(t)} ORDER BY pub, plo, t0, inside, phi`.execute(store.db);
    out.push(...r.rows.map((x) => ({ table: t, ...x })));
  }
  return out;
}

/** Inserts a copy of the block row with another phi: whether the key takes it. */
async function anotherRange(store: Store): Promise<boolean> {
  try {
    await sql`INSERT INTO attr_nat_block (pub, plo, t0, inside, phi, t1, open, file, line, eline)
      SELECT pub, plo, t0, inside, phi - 1, t1, open, file, line, eline FROM attr_nat_block
      WHERE plo = 40192`.execute(store.db);
    await sql`DELETE FROM attr_nat_block WHERE plo = 40192 AND phi = 40446`.execute(store.db);
    return true;
  } catch {
    return false;
  }
}

for (const dialect of testDialects()) {
  describe(`migration 077 on ${dialect}`, () => {
    const scratch = scratchLocations('shokai-077-');

    async function storeWith(rows: string[]): Promise<Store> {
      const store = await openStore((await scratch.fresh(dialect)).location);
      const file = join(scratch.dir, `rows-${Math.random().toString(36).slice(2)}.csv`);
      writeFileSync(file, `${[HEADER, ...rows].join('\n')}\n`);
      const s = await ingestFiles(attributionRepository(store), [file], { format: 'generic-csv' });
      assert.deepEqual(s.errors, []);
      return store;
    }

    test('down and up keep every row; the key takes another range only with 077', async () => {
      const store = await storeWith(ROWS);
      try {
        const rows = await natRows(store);
        assert.equal(rows.length, 3);
        assert.ok(
          rows.some((r) => (r as { reach: unknown }).reach !== null),
          'a row with a reach',
        );
        await undoMigration(store, MIGRATION);
        assert.deepEqual(await natRows(store), rows);
        assert.equal(await anotherRange(store), false, 'the old key holds one range');
        assert.deepEqual(await migrate(store), [MIGRATION]);
        assert.deepEqual(await natRows(store), rows);
        assert.equal(await anotherRange(store), true, 'the new key holds both');
      } finally {
        await store.close();
      }
    });

    test('down refuses while two ranges share the old key, and keeps them', async () => {
      const store = await storeWith([...ROWS, OTHER_RANGE]);
      try {
        const rows = await natRows(store);
        assert.equal(rows.length, 4);
        const ask = () =>
          new Resolver(attributionRepository(store)).resolve({
            ip: '203.0.113.7',
            port: 40400,
            at: '2026-03-29T01:40:00+09:00',
          });
        const before = await ask();
        assert.deepEqual([before.verdict, before.candidates.map((c) => c.account)], ['unique', ['alice']]);
        await assert.rejects(undoMigration(store, MIGRATION), (e: Error) => {
          assert.match(e.message, /1 NAT key\(s\).*077 cannot be taken back/);
          assert.match((e as { messages?: { ja: string } }).messages?.ja ?? '', /077 は取り消せません/);
          return true;
        });
        assert.deepEqual(await natRows(store), rows, 'nothing changed');
        assert.deepEqual((await ask()).verdict, 'unique');
      } finally {
        await store.close();
      }
    });
  });
}

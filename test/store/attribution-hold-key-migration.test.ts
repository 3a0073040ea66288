// Migration 079 puts `hold` into the key of the interval tables: two holdings of one key whose ends were not
// logged (two RADIUS sessions of one user on one address from one second) are two rows, and an end read later
// closes the one it names. Up keeps every row (and its reach) with hold 0, and an end read after it closes
// such a row as before; down takes the old key back while no two rows share it, and refuses, in both
// languages, keeping them, while some do.
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
import { B, iso } from '../attribution/helpers.ts';
import { radius } from '../attribution/radius-fixtures.ts';
import { scratchLocations, testDialects } from '../support/dialects.ts';

const MIGRATION = '079-attribution-hold-key';
/** The migration after it, taken back first and applied again after (its column is on the tables 079 rebuilds). */
const NEXT = '080-attribution-unstarted-read-to';
const NAS = '192.0.2.2';
const CSV = [
  'type,start,end,address,port_low,port_high,inside_address,account',
  `nat,${iso(B)},${iso(B + 3600)},203.0.113.7,40192,40447,100.64.3.9,`,
  `nat,${iso(B + 600)},,203.0.113.7,40192,40447,100.64.3.10,`,
  `assign,${iso(B - 3600)},${iso(B + 7200)},100.64.3.9,,,,alice`,
  `assign,${iso(B)},${iso(B + 60)},100.64.9.9,,,,carol`,
].join('\n');
const TABLES = ['attr_assign', 'attr_nat_block', 'attr_nat_session'] as const;

/** Every interval row, without hold (the columns before 079), in key order. */
async function rows(store: Store): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const t of TABLES) {
    const key = t === 'attr_assign' ? 'addr, plen, t0, account' : 'pub, plo, t0, inside, phi';
    const cols = `${key}, t1, open, file, line, eline, reach`;
    const r = await sql<Record<string, unknown>>`SELECT ${sql.raw(cols)} FROM ${sql.table(t)}
      ORDER BY ${sql.raw(key)}`.execute(store.db);
    out.push(...r.rows.map((x) => ({ table: t, ...x, addr: x.addr ? Buffer.from(x.addr as Uint8Array) : x.addr })));
  }
  return out;
}

/** Inserts a copy of bob's row under another hold: whether the key takes it. */
async function anotherHolding(store: Store): Promise<boolean> {
  try {
    await sql`INSERT INTO attr_assign (addr, plen, t0, account, t1, open, file, line, eline, hold)
      SELECT addr, plen, t0, account, t1, open, file, line, eline, 7 FROM attr_assign
      WHERE t0 = ${B} AND open = 1`.execute(store.db);
    await sql`DELETE FROM attr_assign WHERE hold = 7`.execute(store.db);
    return true;
  } catch {
    return false;
  }
}

for (const dialect of testDialects()) {
  describe(`migration 079 on ${dialect}`, () => {
    const scratch = scratchLocations('shokai-079-');

    async function ingest(store: Store, name: string, text: string, format: LogFormat): Promise<void> {
      const file = join(scratch.dir, `${Math.random().toString(36).slice(2)}-${name}`);
      writeFileSync(file, text);
      const s = await ingestFiles(attributionRepository(store), [file], { format });
      assert.deepEqual(s.errors, []);
    }

    async function storeWith(detail: string[]): Promise<Store> {
      const store = await openStore((await scratch.fresh(dialect)).location);
      await ingest(store, 'rows.csv', `${CSV}\n`, 'generic-csv');
      await ingest(store, 'detail', detail.join('\n'), 'radius-detail');
      return store;
    }

    const ask = (store: Store, hhmm: string) =>
      new Resolver(attributionRepository(store)).resolve({ ip: '100.64.9.9', at: `2026-03-29T${hhmm}:00+09:00` });
    const said = async (store: Store, hhmm: string) => {
      const r = await ask(store, hhmm);
      return [r.verdict, r.candidates.map((c) => c.account ?? '').sort()];
    };

    test('down and up keep every row; an end read after 079 closes a row stored before it', async () => {
      // bob's one session, open at the file's end
      const store = await storeWith([radius(B, 'Start', 'bob', 'B1', NAS)]);
      try {
        const before = await rows(store);
        assert.equal(before.length, 5);
        assert.ok(
          before.some((r) => (r as { reach: unknown }).reach !== null),
          'a row with a reach',
        );
        assert.equal(await anotherHolding(store), true, 'the key holds two holdings with 079');
        await undoMigration(store, NEXT);
        await undoMigration(store, MIGRATION);
        assert.deepEqual(await rows(store), before);
        assert.equal(await anotherHolding(store), false, 'the old key holds one');
        assert.deepEqual(await migrate(store), [MIGRATION, NEXT]);
        assert.deepEqual(await rows(store), before);
        const holds = await sql<{ n: number | string }>`SELECT count(*) AS n FROM attr_assign WHERE hold <> 0`.execute(
          store.db,
        );
        assert.equal(Number(holds.rows[0]!.n), 0, 'rows stored before 079 name no holding');
        assert.deepEqual(await said(store, '02:30'), ['ambiguous', ['bob']]);
        // bob's Stop, read after the migration, names his session: it closes the row that names none
        await ingest(store, 'detail.2', radius(B + 300, 'Stop', 'bob', 'B1', NAS, 300), 'radius-detail');
        assert.deepEqual(await said(store, '01:01'), ['ambiguous', ['bob', 'carol']]);
        assert.deepEqual(await said(store, '01:04'), ['unique', ['bob']]);
        assert.deepEqual(await said(store, '02:30'), ['none', []]);
      } finally {
        await store.close();
      }
    });

    test('down refuses while two holdings share the old key, and keeps them', async () => {
      const store = await storeWith([radius(B, 'Start', 'bob', 'B1', NAS), radius(B, 'Start', 'bob', 'B2', NAS)]);
      try {
        const before = await rows(store);
        assert.equal(before.length, 6, 'one row a session');
        const answer = await said(store, '02:30');
        assert.deepEqual(answer, ['ambiguous', ['bob']]);
        await undoMigration(store, NEXT);
        await assert.rejects(undoMigration(store, MIGRATION), (e: Error) => {
          assert.match(e.message, /^1 key\(s\) .*079 cannot be taken back$/);
          assert.match((e as { messages?: { ja: string } }).messages?.ja ?? '', /079 は取り消せません/);
          return true;
        });
        assert.deepEqual(await rows(store), before, 'nothing changed');
        assert.deepEqual(await said(store, '02:30'), answer);
      } finally {
        await store.close();
      }
    });
  });
}

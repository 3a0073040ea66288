import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { ingestFiles } from '../../src/attribution/ingest.ts';
import { type AssignRow, Batch, closeOf } from '../../src/attribution/model.ts';
import { type AttributionQuery, Resolver } from '../../src/attribution/resolver.ts';
import { MemoryIndexedStore } from '../../src/attribution/store/memory-index.ts';
import { SqliteAttributionRepository } from '../../src/attribution/store/sqlite.repository.ts';
import type { AttributionStore } from '../../src/attribution/store/types.ts';
import { migrate, undoMigration } from '../../src/store/database.ts';
import { type Dialect, freshLocation, testDialects } from '../support/dialects.ts';
import { type AttributionTestStore, openAttribution } from './setup.ts';

// Holdings of one address (or prefix, or public port) that overlap in time: an older, longer holding
// must be read beside the newer ones the window falls in, whatever order the rows were stored in.
// Each store answers through the resolver over its repository and, on SQLite, over the in-memory index
// too: all must agree.

const HEADER = 'type,start,end,address,port_low,port_high,inside_address,account';
const day = (hm: string): string => `2026-03-29T${hm}:00+09:00`;
const assign = (from: string, to: string, addr: string, account: string): string =>
  `assign,${day(from)},${day(to)},${addr},,,,${account}`;
const nat = (from: string, to: string, pub: string, lo: number, hi: number, inside: string): string =>
  `nat,${day(from)},${day(to)},${pub},${lo},${hi},${inside},`;

const ALICE = assign('00:00', '23:00', '100.64.0.10', 'alice');
const CAROL = assign('10:00', '10:30', '100.64.0.10', 'carol');
const DAVE = assign('11:50', '12:30', '100.64.0.10', 'dave');
/** Another address's holding, so that the records go on after the window of the last question. */
const OTHER = assign('00:00', '23:59', '100.64.0.99', 'zed');

interface Answer {
  verdict: string;
  accounts: string[];
  reasons: string[];
}

/**
 * A fresh store with OTHER ingested, then each list of rows as its own file (its own batch), in the order
 * given.
 */
async function withStore(
  dialect: Dialect,
  files: string[][],
  use: (opened: AttributionTestStore, ask: (q: AttributionQuery) => Promise<Answer>) => Promise<void>,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'shokai-overlap-'));
  const loc = await freshLocation(dialect, dir);
  const opened = await openAttribution(loc.location);
  try {
    for (const [i, rows] of [[OTHER], ...files].entries()) {
      const file = join(dir, `rows-${i}.csv`);
      writeFileSync(file, `${[HEADER, ...rows].join('\n')}\n`);
      const s = await ingestFiles(opened.repo, [file], { format: 'generic-csv' });
      assert.deepEqual(s.errors, []);
    }
    const answer = async (store: AttributionStore, q: AttributionQuery): Promise<Answer> => {
      const r = await new Resolver(store).resolve(q);
      return {
        verdict: r.verdict,
        accounts: r.candidates.map((c) => c.account ?? '').sort(),
        reasons: r.reasons.map((x) => x.text.en),
      };
    };
    await use(opened, async (q) => {
      const fromRepo = await answer(opened.repo, q);
      if (opened.repo instanceof SqliteAttributionRepository) {
        const snapshot = await MemoryIndexedStore.load(opened.repo);
        assert.deepEqual(await answer(snapshot, q), fromRepo, 'the in-memory index answers as the repository');
      }
      return fromRepo;
    });
  } finally {
    await opened.close();
    await loc.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The reproduced case: alice holds the address all day, carol and dave briefly inside it. */
async function assertAliceBesideOthers(ask: (q: AttributionQuery) => Promise<Answer>): Promise<void> {
  const at = (hm: string) => ask({ ip: '100.64.0.10', at: day(hm) });
  const noon = await at('12:00');
  assert.deepEqual([noon.verdict, noon.accounts], ['ambiguous', ['alice', 'dave']]);
  const eleven = await at('11:00');
  assert.deepEqual([eleven.verdict, eleven.accounts], ['unique', ['alice']]);
  const carol = await at('10:15');
  assert.deepEqual([carol.verdict, carol.accounts], ['ambiguous', ['alice', 'carol']]);
  const before = await at('09:00');
  assert.deepEqual([before.verdict, before.accounts], ['unique', ['alice']]);
  // after every holding: the previous record is alice's, which ended last (23:00), not dave's (12:30)
  const late = await at('23:30');
  assert.deepEqual([late.verdict, late.accounts], ['none', []]);
  assert.ok(
    late.reasons.some((r) => r.includes('previous record ended at 2026-03-29 23:00:00 +09:00')),
    JSON.stringify(late.reasons),
  );
}

for (const dialect of testDialects()) {
  describe(`holdings of one address that overlap in time, on ${dialect}`, () => {
    test('an older, longer holding is read beside the newer ones (one file)', async () => {
      await withStore(dialect, [[ALICE, CAROL, DAVE]], async (_s, ask) => assertAliceBesideOthers(ask));
    });

    test('the older, longer holding stored after the newer ones raises their reach', async () => {
      await withStore(dialect, [[CAROL, DAVE], [ALICE]], async (_s, ask) => assertAliceBesideOthers(ask));
      await withStore(dialect, [[DAVE], [ALICE], [CAROL]], async (_s, ask) => assertAliceBesideOthers(ask));
    });

    test('migration 067 fills the reach of rows stored before it, and down takes the column away', async () => {
      await withStore(dialect, [[ALICE, CAROL, DAVE]], async (s, ask) => {
        const store = s.ctx.store;
        const reaches = async () =>
          (
            await sql<{ reach: number | null }>`SELECT reach FROM attr_assign WHERE plen = 32 AND account <> (
              SELECT id FROM attr_account WHERE name = 'zed') ORDER BY t0`.execute(store.db)
          ).rows.map((r) => (r.reach === null ? null : Number(r.reach)));
        const alice23 = Date.parse(day('23:00')) / 1000;
        // alice's own end is her reach (null); carol's and dave's is alice's end
        assert.deepEqual(await reaches(), [null, alice23, alice23]);
        await undoMigration(store, '067-attribution-reach');
        const cols = await sql<{ n: number }>`SELECT count(*) AS n FROM attr_assign`.execute(store.db);
        assert.equal(Number(cols.rows[0]!.n), 4);
        await assert.rejects(sql`SELECT reach FROM attr_assign`.execute(store.db));
        assert.deepEqual(await migrate(store), ['067-attribution-reach']);
        assert.deepEqual(await reaches(), [null, alice23, alice23]);
        await assertAliceBesideOthers(ask);
      });
    });

    test('public port sessions and port blocks: an older, longer translation is read too', async () => {
      const rows = [
        // A&PDM: one public port translated for two inside addresses at once
        nat('00:00', '23:00', '203.0.113.5', 40000, 40000, '100.64.1.1'),
        nat('11:50', '12:30', '203.0.113.5', 40000, 40000, '100.64.1.2'),
        // a block allocated twice on two CGNs
        nat('00:00', '23:00', '203.0.113.6', 1024, 2047, '100.64.1.3'),
        nat('10:00', '10:30', '203.0.113.6', 1024, 2047, '100.64.1.4'),
        assign('00:00', '23:59', '100.64.1.1', 'alice'),
        assign('00:00', '23:59', '100.64.1.2', 'dave'),
        assign('00:00', '23:59', '100.64.1.3', 'erin'),
        assign('00:00', '23:59', '100.64.1.4', 'frank'),
      ];
      await withStore(dialect, [rows.slice(1), rows.slice(0, 1)], async (_s, ask) => {
        const session = await ask({ ip: '203.0.113.5', port: 40000, at: day('12:00') });
        assert.deepEqual([session.verdict, session.accounts], ['ambiguous', ['alice', 'dave']]);
        const sessionEarly = await ask({ ip: '203.0.113.5', port: 40000, at: day('11:00') });
        assert.deepEqual([sessionEarly.verdict, sessionEarly.accounts], ['unique', ['alice']]);
        const block = await ask({ ip: '203.0.113.6', port: 1500, at: day('11:00') });
        assert.deepEqual([block.verdict, block.accounts], ['unique', ['erin']]);
        const both = await ask({ ip: '203.0.113.6', port: 1500, at: day('10:15') });
        assert.deepEqual([both.verdict, both.accounts], ['ambiguous', ['erin', 'frank']]);
        // without a port: every series of the address is walked
        const noPort = await ask({ ip: '203.0.113.6', at: day('11:00') });
        assert.deepEqual([noPort.verdict, noPort.accounts], ['ambiguous', ['erin']]);
      });
    });

    test('an IPv6 prefix held twice at once: the older, longer holding is read', async () => {
      const rows = [
        assign('10:00', '10:30', '2001:db8:1200:100::/56', 'carol'),
        assign('11:50', '12:30', '2001:db8:1200:100::/56', 'dave'),
        assign('00:00', '23:00', '2001:db8:1200:100::/56', 'alice'),
      ];
      await withStore(dialect, [rows.slice(0, 2), rows.slice(2)], async (_s, ask) => {
        const noon = await ask({ ip: '2001:db8:1200:1ab::1', at: day('12:00') });
        assert.deepEqual([noon.verdict, noon.accounts], ['ambiguous', ['alice', 'dave']]);
        const eleven = await ask({ ip: '2001:db8:1200:1ab::1', at: day('11:00') });
        assert.deepEqual([eleven.verdict, eleven.accounts], ['unique', ['alice']]);
      });
    });

    test("a holding's end read in a later batch raises the reach of the newer rows", async () => {
      await withStore(dialect, [], async (s, ask) => {
        const t = (hm: string) => Date.parse(day(hm)) / 1000;
        const row = (from: string, to: string, account: string, open: boolean): AssignRow => ({
          addr: new Uint8Array([100, 64, 0, 10]),
          plen: 32,
          account,
          t0: t(from),
          t1: t(to),
          open,
          line: 1,
          eline: 1,
        });
        const file = await s.repo.beginFile('a'.repeat(64), 'radius', 'generic-csv', null);
        const first = new Batch();
        // alice seen from 00:00 to 01:00, her end not yet read
        first.assigns.push(row('00:00', '01:00', 'alice', true), row('10:00', '10:30', 'carol', false));
        first.assigns.push(row('11:50', '12:30', 'dave', false));
        await s.repo.commitBatch(file.id, first, 2, false, 3);
        const open = await ask({ ip: '100.64.0.10', at: day('12:00') });
        assert.deepEqual([open.verdict, open.accounts], ['unique', ['dave']]);
        const second = new Batch();
        second.closes.push(closeOf(row('00:00', '23:00', 'alice', false)));
        await s.repo.commitBatch(file.id, second, 3, true, 1);
        await assertAliceBesideOthers(ask);
      });
    });

    test('the stored reach is the latest end among the rows starting no later, after random batches', async () => {
      await withStore(dialect, [], async (s) => {
        let seed = 7;
        const rand = (n: number): number => {
          seed = (seed * 1103515245 + 12345) % 2147483648;
          return seed % n;
        };
        const file = await s.repo.beginFile('b'.repeat(64), 'random', 'generic-csv', null);
        const base = Date.parse(day('00:00')) / 1000;
        for (let batchNo = 0; batchNo < 12; batchNo++) {
          const batch = new Batch();
          for (let i = 0; i < 15; i++) {
            const t0 = base + rand(200) * 60;
            const t1 = t0 + rand(3) * rand(120) * 60;
            const open = rand(4) === 0;
            const account = `u${rand(5)}`;
            const row = { t0, t1, open, line: 1, eline: 1 };
            batch.assigns.push({ ...row, addr: new Uint8Array([100, 64, 2, rand(2)]), plen: 32, account });
            batch.nats.push({
              ...row,
              kind: 'block',
              pub: 0xcb007105,
              plo: 1024 * (1 + rand(2)),
              phi: 2047,
              inside: rand(9),
            });
          }
          if (batchNo > 0) {
            // ends read later, earlier or later than the last sighting
            const t = base + rand(200) * 60;
            const ended = { t0: t, t1: t + rand(90) * 60, open: false, line: 2, eline: 2 };
            batch.closes.push(
              closeOf({ ...ended, addr: new Uint8Array([100, 64, 2, rand(2)]), plen: 32, account: 'u1' }),
            );
          }
          await s.repo.commitBatch(file.id, batch, batchNo + 2, false, 30);
        }
        for (const table of ['attr_assign', 'attr_nat_block'] as const) {
          // the series as one text value, in either dialect
          const series = table === 'attr_assign' ? sql`hex(addr) || '/' || plen` : sql`pub || '/' || plo`;
          const stored = await sql<{ s: string; t0: number; t1: number; reach: number | null }>`SELECT
              ${table === 'attr_assign' && dialect === 'postgres' ? sql`encode(addr, 'hex') || '/' || plen` : series}
              AS s, t0, t1, reach FROM ${sql.table(table)} ORDER BY s, t0`.execute(s.ctx.store.db);
          const rows = stored.rows;
          const key = (r: { s: string }): string => r.s;
          assert.ok(rows.length > 50, `${rows.length} rows`);
          for (const r of rows) {
            const ends = rows.filter((u) => key(u) === key(r) && Number(u.t0) <= Number(r.t0)).map((u) => Number(u.t1));
            const latest = Math.max(...ends);
            const reach = r.reach === null ? Number(r.t1) : Number(r.reach);
            assert.equal(reach, latest, `${table} ${key(r)} ${r.t0}`);
            if (r.reach !== null) assert.ok(Number(r.reach) > Number(r.t1), 'a reach equal to its own end is null');
          }
        }
      });
    });
    const cutTitle =
      'a walk stopped at its row limit before an older holding that may reach the window names no single holder';
    test(cutTitle, async () => {
      // dave newest, then thirty short holdings of bob, then alice's long one: a walk of 16 rows reads dave
      // and bob's, never alice's, though her holding covers noon.
      const bob = Array.from({ length: 30 }, (_, i) => {
        const m = String(i).padStart(2, '0');
        return assign(`01:${m}`, `01:${m}`, '100.64.0.10', 'bob');
      });
      await withStore(dialect, [[ALICE, ...bob, DAVE]], async (opened, ask) => {
        const q = { ip: '100.64.0.10', at: day('12:00') };
        const short = await new Resolver(opened.repo, { maxSeriesRows: 16 }).resolve(q);
        assert.deepEqual(
          [short.verdict, short.candidates.map((c) => c.account)],
          ['ambiguous', ['dave']],
          'not unique: alice was not read',
        );
        const cut = short.reasons.find((r) => r.code === 'records_cut');
        assert.match(cut?.text.ja ?? '', /16 件を超えて.*読み切れていません/);
        assert.match(cut?.text.en ?? '', /more than 16 records .* not all were read/);
        const full = await ask(q);
        assert.deepEqual([full.verdict, full.accounts], ['ambiguous', ['alice', 'dave']]);
        assert.ok(!full.reasons.some((r) => /not all were read/.test(r)));
      });
    });
  });
}

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ingestFiles } from '../../src/attribution/ingest.ts';
import { type AttributionQuery, type Resolution, Resolver } from '../../src/attribution/resolver.ts';
import { MemoryIndexedStore } from '../../src/attribution/store/memory-index.ts';
import { SqliteAttributionRepository } from '../../src/attribution/store/sqlite.repository.ts';
import { testDialects } from '../support/dialects.ts';
import { type Opened, stores } from './fresh-stores.ts';
import { B, iso } from './helpers.ts';
import { radius } from './radius-fixtures.ts';

// Two records of one stored key — the same address, start and account; the same public address, port_low,
// start and inside address — with different ends. The store kept the first and dropped the second: the
// verdict followed line order, and a user's second holding of an address, hidden behind the first, let
// another holder's answer read `unique`. Now the row keeps the latest end (and any record's openness), and
// a NAT record of another port range is a row of its own: both orders give the same answer, `ambiguous`
// with both candidates, and the same records again add nothing.

const HEADER = 'type,start,end,address,port_low,port_high,inside_address,account';
const at = (hhmm: string): string => `2026-03-29T${hhmm}:00+09:00`;

/** The verdict and each candidate as `account@inside from..to`, sorted: what an order must not change. */
function answer(r: Resolution): [string, string[]] {
  return [r.verdict, r.candidates.map((c) => `${c.account}@${c.insideAddress} ${c.from}..${c.to}`).sort()];
}

function accounts(r: Resolution): string[] {
  return r.candidates.map((c) => c.account ?? '').sort();
}

// alice holds 100.64.9.9 01:00–02:00; bob has two sessions on it from 01:00, ending 01:05 and 01:50.
const ALICE = [
  'assign,2026-03-29T01:00:00+09:00,2026-03-29T02:00:00+09:00,100.64.9.9,,,,alice',
  // the NAT chain's holders
  'assign,2026-03-29T00:00:00+09:00,2026-03-29T03:00:00+09:00,100.64.3.9,,,,alice',
  'assign,2026-03-29T00:00:00+09:00,2026-03-29T03:00:00+09:00,100.64.3.10,,,,bob',
  'assign,2026-03-29T00:00:00+09:00,2026-03-29T03:00:00+09:00,100.64.3.20,,,,carol',
  // 100.64.9.20: alice 01:00–02:00; bob from 01:00, one record ending 01:05, one whose end was not logged
  'assign,2026-03-29T01:00:00+09:00,2026-03-29T02:00:00+09:00,100.64.9.20,,,,alice',
];
/** Pairs of records of one key: each test stores them in both orders. */
const PAIRS: Array<[string, string]> = [
  [
    'assign,2026-03-29T01:00:00+09:00,2026-03-29T01:05:00+09:00,100.64.9.9,,,,bob',
    'assign,2026-03-29T01:00:00+09:00,2026-03-29T01:50:00+09:00,100.64.9.9,,,,bob',
  ],
  // one block to 100.64.3.9 logged twice from 01:00, released 01:05 and 02:00; 40192–40319 also to 100.64.3.10
  [
    'nat,2026-03-29T01:00:00+09:00,2026-03-29T01:05:00+09:00,203.0.113.7,40192,40447,100.64.3.9,',
    'nat,2026-03-29T01:00:00+09:00,2026-03-29T02:00:00+09:00,203.0.113.7,40192,40447,100.64.3.9,',
  ],
  [
    'assign,2026-03-29T01:00:00+09:00,2026-03-29T01:05:00+09:00,100.64.9.20,,,,bob',
    'assign,2026-03-29T01:00:00+09:00,,100.64.9.20,,,,bob',
  ],
  // two ranges from one port_low, start and inside address: 40192–40447 until 01:05, 40192–40319 until 02:00
  [
    'nat,2026-03-29T01:00:00+09:00,2026-03-29T01:05:00+09:00,203.0.113.8,40192,40447,100.64.3.20,',
    'nat,2026-03-29T01:00:00+09:00,2026-03-29T02:00:00+09:00,203.0.113.8,40192,40319,100.64.3.20,',
  ],
];
const OTHERS = ['nat,2026-03-29T01:00:00+09:00,2026-03-29T02:00:00+09:00,203.0.113.7,40192,40319,100.64.3.10,'];

function csv(order: 0 | 1, comment = ''): string {
  const pairs = PAIRS.flatMap(([x, y]) => (order === 0 ? [x, y] : [y, x]));
  return `${[HEADER, ...ALICE, ...pairs, ...OTHERS].join('\n')}\n${comment}`;
}

const QUESTIONS: Record<string, AttributionQuery> = {
  lease: { ip: '100.64.9.9', at: at('01:30') },
  nat: { ip: '203.0.113.7', port: 40211, at: at('01:30') },
  open: { ip: '100.64.9.20', at: at('01:30') },
  narrow: { ip: '203.0.113.8', port: 40211, at: at('01:30') },
  wide: { ip: '203.0.113.8', port: 40400, at: at('01:30') },
};

async function answers(s: Opened): Promise<Record<string, Resolution>> {
  const out: Record<string, Resolution> = {};
  for (const [k, q] of Object.entries(QUESTIONS)) out[k] = await s.resolve(q);
  return out;
}

for (const dialect of testDialects()) {
  describe(`records of one key with different ends on ${dialect}`, () => {
    const open = stores(dialect, 'shokai-same-start-');

    test('RADIUS: a user with two sessions from one second on an address held by another is ambiguous', async () => {
      const records = {
        alice: radius(B, 'Start', 'alice', 'A1', '192.0.2.1'),
        bob1: radius(B, 'Start', 'bob', 'B1', '192.0.2.2'),
        bob2: radius(B, 'Start', 'bob', 'B2', '192.0.2.3'),
        stop1: radius(B + 300, 'Stop', 'bob', 'B1', '192.0.2.2', 300),
        stop2: radius(B + 3000, 'Stop', 'bob', 'B2', '192.0.2.3', 3000),
        aliceStop: radius(B + 3600, 'Stop', 'alice', 'A1', '192.0.2.1', 3600),
      };
      const seen: Array<[string, string[]]> = [];
      for (const stops of [
        [records.stop1, records.stop2],
        [records.stop2, records.stop1],
      ]) {
        const s = await open();
        const text = [records.alice, records.bob1, records.bob2, ...stops, records.aliceStop].join('\n');
        const summary = await s.ingest('detail', text, 'radius-detail');
        assert.deepEqual(summary.errors, []);
        const r = await s.resolve(QUESTIONS.lease!);
        assert.equal(r.verdict, 'ambiguous', JSON.stringify(answer(r)));
        assert.deepEqual(accounts(r), ['alice', 'bob']);
        const bob = r.candidates.find((c) => c.account === 'bob')!;
        assert.equal(bob.to, iso(B + 3000), 'bob held it until his later session stopped');
        seen.push(answer(r));
      }
      assert.deepEqual(seen[1], seen[0], 'the order of the stops changes nothing');
      // the later session's end, read from a later file (its start stored before), widens the row the same way
      const s = await open();
      await s.ingest('detail.1', [records.alice, records.bob1, records.bob2].join('\n'), 'radius-detail');
      await s.ingest('detail.2', [records.stop2, records.stop1, records.aliceStop].join('\n'), 'radius-detail');
      assert.deepEqual(answer(await s.resolve(QUESTIONS.lease!)), seen[0]);
    });

    test('generic CSV: both orders of the same records give the same answers, none of them guessed', async () => {
      const [first, second] = [await open(), await open()];
      for (const [s, order] of [
        [first, 0],
        [second, 1],
      ] as const) {
        const summary = await s.ingest('rows.csv', csv(order), 'generic-csv');
        assert.deepEqual(summary.errors, []);
      }
      const a = await answers(first);
      const b = await answers(second);
      for (const k of Object.keys(QUESTIONS)) assert.deepEqual(answer(b[k]!), answer(a[k]!), k);
      // bob held 100.64.9.9 until 01:50 beside alice
      assert.deepEqual([a.lease!.verdict, accounts(a.lease!)], ['ambiguous', ['alice', 'bob']]);
      assert.equal(a.lease!.candidates.find((c) => c.account === 'bob')!.to, iso(B + 3000));
      // port 40211 went to 100.64.3.9 until 02:00 and to 100.64.3.10
      assert.deepEqual([a.nat!.verdict, accounts(a.nat!)], ['ambiguous', ['alice', 'bob']]);
      // bob's holding with no logged end may have gone on past 01:05
      assert.notEqual(a.open!.verdict, 'unique');
      assert.ok(accounts(a.open!).includes('bob'), JSON.stringify(answer(a.open!)));
      // two port ranges from one start: each is what its record says, no wider
      assert.deepEqual([a.narrow!.verdict, accounts(a.narrow!)], ['unique', ['carol']]);
      assert.notEqual(a.wide!.verdict, 'unique', JSON.stringify(answer(a.wide!)));
      assert.ok(!accounts(a.wide!).includes('carol'), 'no record gave 40400 to 100.64.3.20 after 01:05');
      const stats = await first.repo.stats();
      assert.deepEqual([stats.assigns, stats.natBlocks], [7, 4], 'one row a key, each port range its own');
      assert.deepEqual(await second.repo.stats(), stats);
    });

    test('the same records again add nothing, in any order and file', async () => {
      const s = await open();
      await s.ingest('rows.csv', csv(0), 'generic-csv');
      const before = await answers(s);
      const stats = await s.repo.stats();
      const again = await s.ingest('rows.csv', csv(0), 'generic-csv');
      assert.equal(again.alreadyIngested.length, 1);
      // another file (another hash) with the same records, the pairs the other way round
      const other = await s.ingest('rows-again.csv', csv(1, '# exported again\n'), 'generic-csv');
      assert.deepEqual([other.errors, other.alreadyIngested], [[], []]);
      assert.deepEqual(await s.repo.stats(), { ...stats, files: stats.files + 1 });
      const now = await answers(s);
      for (const k of Object.keys(QUESTIONS)) assert.deepEqual(answer(now[k]!), answer(before[k]!), k);
    });

    if (dialect === 'sqlite') {
      test('the in-memory snapshot answers as the store', async () => {
        const s = await open();
        await s.ingest('rows.csv', csv(1), 'generic-csv');
        assert.ok(s.repo instanceof SqliteAttributionRepository);
        const snapshot = await MemoryIndexedStore.load(s.repo);
        const a = await answers(s);
        for (const [k, q] of Object.entries(QUESTIONS)) {
          assert.deepEqual(answer(await new Resolver(snapshot).resolve(q)), answer(a[k]!), k);
        }
      });
    }

    test('property: shuffled records and batch boundaries never change an answer', async () => {
      let seed = 20261206;
      const rnd = (n: number): number => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return seed % n;
      };
      const rows: string[] = [];
      const questions: AttributionQuery[] = [];
      for (let k = 0; k < 40; k++) {
        const pub = `198.18.0.${k + 1}`;
        const inside = [1, 2].map((j) => `100.72.${k}.${j}`);
        // a key recorded one to three times (other ends, other port ranges, open or not), now and then
        // beside another inside address's range or another user's holding
        const end = (t0: number, step: number): string => (rnd(5) === 0 ? '' : iso(t0 + step * (1 + rnd(40))));
        const j0 = rnd(2);
        const t0 = B + 60 * rnd(2);
        for (let i = 0, n = 1 + rnd(3); i < n; i++) {
          rows.push(`nat,${iso(t0)},${end(t0, 60)},${pub},1000,${1000 + [127, 255][rnd(2)]!},${inside[j0]},`);
        }
        if (rnd(2) === 0) {
          const t = B + 60 * rnd(30);
          const plo = [1000, 1128][rnd(2)]!;
          rows.push(`nat,${iso(t)},${end(t, 60)},${pub},${plo},${plo + 127},${inside[1 - j0]},`);
        }
        for (const j of [0, 1]) {
          for (let i = 0, n = 1 + rnd(3); i < n; i++) {
            rows.push(`assign,${iso(B - 600)},${end(B - 600, 120)},${inside[j]},,,,u${j}`);
          }
          if (rnd(3) === 0) {
            const t = B + 60 * rnd(30);
            rows.push(`assign,${iso(t)},${end(t, 60)},${inside[j]},,,,u${2 + rnd(2)}`);
          }
        }
        for (let q = 0; q < 4; q++) {
          const port = [1000, 1100, 1127, 1128, 1200][rnd(5)]!;
          questions.push({ ip: pub, port, at: iso(B + 60 * rnd(25)), tolerance: rnd(3) === 0 ? 30 : 0 });
        }
      }
      const shuffled = rows.slice();
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = rnd(i + 1);
        [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
      }
      const results: Array<Array<[string, string[]]>> = [];
      for (const [list, batchLines] of [
        [rows, 1_000_000],
        [shuffled, 7],
        [shuffled.slice().reverse(), 1_000_000],
      ] as const) {
        const s = await open();
        const file = join(s.dir, 'rows.csv');
        writeFileSync(file, `${[HEADER, ...list].join('\n')}\n`);
        const summary = await ingestFiles(s.repo, [file], { format: 'generic-csv', batchLines });
        assert.deepEqual(summary.errors, []);
        const out: Array<[string, string[]]> = [];
        for (const q of questions) out.push(answer(await s.resolve(q)));
        results.push(out);
      }
      const verdicts = results[0]!.map((x) => x[0]);
      assert.ok(verdicts.includes('ambiguous') && verdicts.includes('unique'), [...new Set(verdicts)].join());
      for (let i = 0; i < questions.length; i++) {
        const q = JSON.stringify(questions[i]);
        assert.deepEqual(results[1]![i], results[0]![i], q);
        assert.deepEqual(results[2]![i], results[0]![i], q);
      }
    });
  });
}

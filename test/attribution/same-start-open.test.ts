import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type AttributionQuery, type Resolution, Resolver } from '../../src/attribution/resolver.ts';
import { MemoryIndexedStore } from '../../src/attribution/store/memory-index.ts';
import { SqliteAttributionRepository } from '../../src/attribution/store/sqlite.repository.ts';
import type { AttributionStore } from '../../src/attribution/store/types.ts';
import { type Dialect, testDialects } from '../support/dialects.ts';
import { stores as freshStores } from './fresh-stores.ts';

// Rows of one series with the same start: an open holding (alice from 01:00, no end logged) beside a closed
// one (bob 01:00–03:00). The resolver's scan cut the open row's possible end at the start of any row read
// before it, one of the same start included, so the verdict followed the order the rows came in: `unique bob`
// at 01:30 one way, `ambiguous` the other; and after bob's end the walk stopped before reading alice, so
// 04:00 answered no one one way and alice the other. Only a row starting strictly later cuts the possible
// end, and the walk reads on while an unread row may share the start.

const HEADER = 'type,start,end,address,port_low,port_high,inside_address,account';
const at = (hhmm: string): AttributionQuery => ({ ip: '100.64.9.9', at: `2026-03-29T${hhmm}:00+09:00` });
const ALICE = 'assign,2026-03-29T01:00:00+09:00,,100.64.9.9,,,,alice';
const BOB = 'assign,2026-03-29T01:00:00+09:00,2026-03-29T03:00:00+09:00,100.64.9.9,,,,bob';

/** Fresh stores of one dialect holding the given CSV lines; all closed and dropped after the suite. */
function stores(dialect: Dialect): (lines: string[]) => Promise<AttributionStore> {
  const fresh = freshStores(dialect, 'shokai-same-start-open-');
  return async (lines) => {
    const s = await fresh();
    const summary = await s.ingest('rows.csv', `${[HEADER, ...lines].join('\n')}\n`, 'generic-csv');
    assert.deepEqual(summary.errors, []);
    return s.repo;
  };
}

function verdict(r: Resolution): [string, string[]] {
  return [r.verdict, r.candidates.map((c) => c.account ?? '').sort()];
}

for (const dialect of testDialects()) {
  describe(`an open row beside a closed one of the same start on ${dialect}`, () => {
    const open = stores(dialect);

    test('both line orders give the same answers, never `unique` for one of the two', async () => {
      for (const lines of [
        [ALICE, BOB],
        [BOB, ALICE],
      ]) {
        const repo = await open(lines);
        const order = lines[0] === ALICE ? 'alice first' : 'bob first';
        const answers = async (store: AttributionStore) => {
          const resolver = new Resolver(store);
          return [
            verdict(await resolver.resolve(at('01:30'))),
            // after bob's end, alice's holding (no end logged) may still go on
            verdict(await resolver.resolve(at('04:00'))),
          ];
        };
        const got = await answers(repo);
        assert.deepEqual(got[0], ['ambiguous', ['alice', 'bob']], `01:30, ${order}`);
        assert.deepEqual(got[1], ['ambiguous', ['alice']], `04:00, ${order}`);
        if (repo instanceof SqliteAttributionRepository) {
          const snapshot = await MemoryIndexedStore.load(repo);
          assert.deepEqual(await answers(snapshot), got, `the in-memory snapshot, ${order}`);
        }
      }
    });

    test('controls: bob alone is unique; a row starting later still ends the open one', async () => {
      const alone = new Resolver(await open([BOB]));
      assert.deepEqual(verdict(await alone.resolve(at('01:30'))), ['unique', ['bob']]);
      const later = 'assign,2026-03-29T02:00:00+09:00,2026-03-29T03:00:00+09:00,100.64.9.9,,,,bob';
      for (const lines of [
        [ALICE, later],
        [later, ALICE],
      ]) {
        const resolver = new Resolver(await open(lines));
        assert.deepEqual(verdict(await resolver.resolve(at('02:30'))), ['unique', ['bob']], lines[0]);
        assert.deepEqual(verdict(await resolver.resolve(at('01:30'))), ['ambiguous', ['alice']], lines[0]);
      }
    });
  });
}

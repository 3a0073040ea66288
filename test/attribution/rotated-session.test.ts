import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AttributionQuery } from '../../src/attribution/resolver.ts';
import { testDialects } from '../support/dialects.ts';
import { saidBoth } from './answers.ts';
import { type Opened, oneStoreAtATime } from './fresh-stores.ts';
import { B, iso } from './helpers.ts';
import { radius } from './radius-fixtures.ts';

// A RADIUS session open at a file's end (the log rotated under it) whose next record, in the next file, is an
// Interim-Update, then its Stop. The next file's parser meets the session first at the Interim-Update and read
// it as a holding from Timestamp − Acct-Session-Time, which the Stop ended there; the first file's row, named
// by the session and still open, was another row: after the Stop the session stayed possible for a day
// (`ambiguous` bob, possibleTo a day on), though the records prove it ended at the Stop. Now the Stop and the
// Interim-Update read in a later file apply to the holding they name, in whatever order the files are read.

const NAS = '192.0.2.2';
const at = (hhmm: string): AttributionQuery => ({ ip: '100.64.9.9', at: `2026-03-29T${hhmm}:00+09:00` });
const DAY = 86400;

/** bob's session B1 from 01:00 (B): an Interim-Update at 01:30, the Stop at 01:50; `skew` shifts what the later
 * records' Acct-Session-Time says of the start (a second off: the NAS's and the server's clocks, a delay). */
function session(skew = 0): { start: string; interim: string; stop: string } {
  return {
    start: radius(B, 'Start', 'bob', 'B1', NAS),
    interim: radius(B + 1800, 'Interim-Update', 'bob', 'B1', NAS, 1800 - skew),
    stop: radius(B + 3000, 'Stop', 'bob', 'B1', NAS, 3000 - skew),
  };
}

/** Every order of the files given. */
function orders<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => orders([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));
}

const ENDED = {
  before: ['none', [], []],
  held: ['unique', ['bob'], [`bob ${iso(B)}..${iso(B + 3000)} possible ${iso(B + 3000)} `]],
  after: ['none', [], []],
};

for (const dialect of testDialects()) {
  describe(`a RADIUS session spanning a log rotation on ${dialect}`, () => {
    // one store open at a time: the tests open many, one after another
    const open = oneStoreAtATime(dialect, 'shokai-rotated-session-');
    const ingest = async (s: Opened, name: string, ...records: string[]): Promise<void> => {
      assert.deepEqual((await s.ingest(name, records.join('\n'), 'radius-detail')).errors, []);
    };
    /** The answers before, during (before and after the Interim-Update) and after the session. */
    const asked = async (s: Opened): Promise<Array<Awaited<ReturnType<typeof saidBoth>>>> => {
      const out = [];
      for (const hhmm of ['00:30', '01:10', '01:40', '02:00']) out.push(await saidBoth(s.repo, at(hhmm)));
      return out;
    };

    test('Start in detail.1, Interim-Update and Stop in detail.2: ended at the Stop, in both orders', async () => {
      const r = session();
      for (const order of orders(['detail.1', 'detail.2'])) {
        const s = await open();
        for (const name of order) {
          if (name === 'detail.1') await ingest(s, name, r.start);
          else await ingest(s, name, r.interim, r.stop);
        }
        const [before, during, later, after] = await asked(s);
        assert.deepEqual(before, ENDED.before, order.join());
        assert.deepEqual(during, ENDED.held, `${order.join()}: confirmed from the Start to the Stop`);
        assert.deepEqual(later, ENDED.held, order.join());
        assert.deepEqual(after, ENDED.after, `${order.join()}: the Stop ended it`);
      }
    });

    test('detail.1 alone: the session open, possible for a day after its Start', async () => {
      const s = await open();
      await ingest(s, 'detail.1', session().start);
      const [, during] = await asked(s);
      const open1 = `bob ${iso(B)}..${iso(B)} possible ${iso(B + DAY)} no_stop`;
      assert.deepEqual(during, ['ambiguous', ['bob'], [open1]]);
    });

    test('the Interim-Update in a file of its own confirms the session to 01:30, without an end', async () => {
      const r = session();
      const records: Record<string, string> = { 'detail.1': r.start, 'detail.2': r.interim, 'detail.3': r.stop };
      for (const order of orders(['detail.1', 'detail.2'])) {
        const s = await open();
        for (const name of order) await ingest(s, name, records[name]!);
        const [, during, later, after] = await asked(s);
        const seen = `bob ${iso(B)}..${iso(B + 1800)} possible ${iso(B + 1800 + DAY)}`;
        assert.deepEqual(during, ['unique', ['bob'], [`${seen} `]], `${order.join()}: confirmed to 01:30`);
        assert.deepEqual(later, ['ambiguous', ['bob'], [`${seen} no_stop`]], `${order.join()}: possible after`);
        assert.deepEqual(after, later, order.join());
      }
      // and its Stop in a third file: ended there, whatever the order of the three
      for (const order of orders(['detail.1', 'detail.2', 'detail.3'])) {
        const s = await open();
        for (const name of order) await ingest(s, name, records[name]!);
        assert.deepEqual(await asked(s), [ENDED.before, ENDED.held, ENDED.held, ENDED.after], order.join());
      }
    });

    test("a Stop stamped before a later file's Interim-Update: the later record decides, in both orders", async () => {
      // records that disagree (a clock, a server that logged late): the sighting at 01:40 is not undone by a
      // Stop at 01:30, and no end is made up, so the session stays possible after 01:40
      const r = session();
      const lateInterim = radius(B + 2400, 'Interim-Update', 'bob', 'B1', NAS, 2400);
      const early = radius(B + 1800, 'Stop', 'bob', 'B1', NAS, 1800);
      for (const order of orders(['detail.1', 'detail.2'])) {
        const s = await open();
        for (const name of order) {
          if (name === 'detail.1') await ingest(s, name, r.start, lateInterim);
          else await ingest(s, name, early);
        }
        const late = `bob ${iso(B)}..${iso(B + 2400)} possible ${iso(B + 2400 + DAY)} no_stop`;
        assert.deepEqual(await saidBoth(s.repo, at('01:50')), ['ambiguous', ['bob'], [late]], order.join());
      }
    });

    test('a file read while still written, then whole: the Stop ends the session, in both orders', async () => {
      const r = session();
      for (const order of [
        ['part', 'whole'],
        ['whole', 'part'],
      ]) {
        const s = await open();
        for (const name of order) {
          if (name === 'part') await ingest(s, 'detail', r.start);
          else await ingest(s, 'detail', r.start, r.interim, r.stop);
        }
        assert.deepEqual(await asked(s), [ENDED.before, ENDED.held, ENDED.held, ENDED.after], order.join());
      }
    });

    test('a Start logged twice (a retransmission), then its Stop: ended at the Stop', async () => {
      const r = session();
      const s = await open();
      await ingest(s, 'detail', r.start, r.start, r.interim, r.stop);
      assert.deepEqual(await asked(s), [ENDED.before, ENDED.held, ENDED.held, ENDED.after]);
    });

    for (const skew of [1, -1]) {
      const when = skew > 0 ? 'later' : 'earlier';
      test(`the later records put the start a second ${when}: ended all the same`, async () => {
        const r = session(skew);
        for (const order of orders(['detail.1', 'detail.2'])) {
          const s = await open();
          for (const name of order) {
            if (name === 'detail.1') await ingest(s, name, r.start);
            else await ingest(s, name, r.interim, r.stop);
          }
          // read Start first, the session is the Start's row; the other way round, the row kept from the later
          // records too, whose start is a second off
          const from = order[0] === 'detail.1' ? B : B + skew;
          const held = ['unique', ['bob'], [`bob ${iso(from)}..${iso(B + 3000)} possible ${iso(B + 3000)} `]];
          assert.deepEqual(await asked(s), [ENDED.before, held, held, ENDED.after], order.join());
        }
        // the Interim-Update alone in detail.2: the session seen at 01:30, possible for a day from then
        for (const order of orders(['detail.1', 'detail.2'])) {
          const s = await open();
          for (const name of order) await ingest(s, name, name === 'detail.1' ? r.start : r.interim);
          const [verdict, accounts, spans] = await saidBoth(s.repo, at('01:40'));
          assert.deepEqual([verdict, accounts], ['ambiguous', ['bob']], order.join());
          assert.match(spans[0]!, new RegExp(`possible ${iso(B + 1800 + DAY)} no_stop$`), order.join());
        }
      });
    }

    test('the same Interim-Update and Stop read again, from another file, change nothing', async () => {
      const r = session();
      const s = await open();
      await ingest(s, 'detail.1', r.start);
      await ingest(s, 'detail.2', r.interim, r.stop);
      const first = await asked(s);
      await ingest(s, 'detail.2-copy', `${r.interim}\n`, r.stop);
      await ingest(s, 'detail.2-stop', r.stop);
      assert.deepEqual(await asked(s), first);
      assert.equal((await s.repo.stats()).assigns, 1, 'one row: the session');
    });

    test('property: sessions across rotated files, starts a second off, files in any order', async () => {
      let seed = 20261206;
      const rnd = (n: number): number => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return (seed >>> 12) % n;
      };
      const records: Array<{ t: number; text: string }> = [];
      // what a lookup at t must say: the user whose session is confirmed then (unique), or who may still hold
      // it after a session's last record without a Stop (ambiguous), or no one; `near` are the seconds of
      // the records' starts and ends, where a second off may change the answer
      const truth: Array<{ address: string; from: number; to: number; user: string; stopped: boolean }> = [];
      const near: number[] = [];
      for (let k = 0; k < 16; k++) {
        const address = `100.81.0.${k + 1}`;
        let cursor = B + 60 * rnd(10);
        for (let i = 0, n = 1 + rnd(3); i < n; i++) {
          const user = `u${k}-${i}`;
          const sid = `S${k}-${i}`;
          const start = cursor;
          const length = 600 + 60 * rnd(50);
          const stopped = i < n - 1 || rnd(3) > 0;
          const later = (t: number, status: string): void => {
            // what Acct-Session-Time says of the start: a second off either way, or exact
            const said = t - start - (rnd(3) - 1);
            records.push({ t, text: radius(t, status, user, sid, '192.0.2.9', said, address) });
          };
          records.push({ t: start, text: radius(start, 'Start', user, sid, '192.0.2.9', undefined, address) });
          const interims = rnd(3);
          for (let j = 1; j <= interims; j++)
            later(start + Math.floor((length * j) / (interims + 1)), 'Interim-Update');
          const last = stopped ? start + length : start + Math.floor((length * interims) / (interims + 1));
          if (stopped) later(last, 'Stop');
          truth.push({ address, from: start, to: last, user, stopped });
          near.push(start, last);
          cursor = last + 60 + 60 * rnd(20);
        }
      }
      records.sort((x, y) => x.t - y.t);
      const first = records[0]!.t;
      const span = records[records.length - 1]!.t - first;
      const cuts = [first + rnd(span), first + rnd(span)].sort((x, y) => x - y);
      const files = [0, 1, 2].map((f) =>
        records
          .filter((r) => (f === 0 ? r.t < cuts[0]! : f === 1 ? r.t >= cuts[0]! && r.t < cuts[1]! : r.t >= cuts[1]!))
          .map((r) => r.text)
          .join('\n'),
      );
      const questions: Array<{ q: AttributionQuery; want: [string, string[]] }> = [];
      while (questions.length < 64) {
        const address = `100.81.0.${1 + rnd(16)}`;
        const t = first - 600 + rnd(span + 7200);
        if (near.some((x) => Math.abs(x - t) <= 2)) continue;
        const mine = truth.filter((x) => x.address === address && x.from <= t && (t <= x.to || !x.stopped));
        const confirmed = mine.length === 1 && t <= mine[0]!.to;
        const want: [string, string[]] =
          mine.length === 0 ? ['none', []] : [confirmed ? 'unique' : 'ambiguous', mine.map((x) => x.user)];
        questions.push({ q: { ip: address, at: iso(t) }, want });
      }
      for (const [order, batchLines] of [
        [[0, 1, 2], 1_000_000],
        [[2, 1, 0], 1_000_000],
        [[1, 2, 0], 5],
        [[2, 0, 1], 1_000_000],
      ] as const) {
        const s = await open();
        for (const f of order) {
          const run = await s.ingest(`detail.${f + 1}`, files[f]!, 'radius-detail', { batchLines });
          assert.deepEqual(run.errors, []);
        }
        for (const { q, want } of questions) {
          const [verdict, accounts] = await saidBoth(s.repo, q);
          assert.deepEqual([verdict, accounts], want, `${order.join()}: ${JSON.stringify(q)}`);
        }
      }
    });
  });
}

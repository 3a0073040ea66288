import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AttributionQuery } from '../../src/attribution/resolver.ts';
import { testDialects } from '../support/dialects.ts';
import { saidBoth } from './answers.ts';
import { type Opened, oneStoreAtATime } from './fresh-stores.ts';
import { aliceSpan as alice, B, insideCsv } from './helpers.ts';

// A Juniper port block allocated in one file (the log rotated under it) whose INTERIM record, and then its
// RELEASE, come in a later file. The later file's parser met the block first at the INTERIM and opened a row
// there; the first file's row, open and last seen at the allocation, was cut by it, so the time between read as
// *possible* for the inside address, not confirmed. Now the INTERIM read in a later file is a sighting of the
// block's open row, and the files read the other way round come to the same: the block is confirmed from its
// allocation through the INTERIM to its release, in whatever order the files are read.

const PUB = '198.51.100.7';
const at = (hhmm: string): AttributionQuery => ({ ip: PUB, port: 1100, at: `2026-03-29T${hhmm}:00+09:00` });
/** The end of alice's holding of the inside address (00:00 the next day): no span of hers goes past it. */
const END = 23 * 3600;

/** A PBA line: `event` of the block 1024–1535 of PUB for `inside`, `offset` seconds after B (01:00 JST). */
function pba(event: 'ALLOC' | 'INTERIM' | 'RELEASE', offset: number, inside = '100.64.0.11'): string {
  return (
    `<14>1 2026-03-29T01:00:00+09:00 srx RT_NAT - RT_SRC_NAT_PBA_${event} [junos@2636 internal-ip="${inside}" ` +
    `block-port-low="1024" block-port-high="1535" reflexive-ip="${PUB}" epoch-time-64="${(B + offset).toString(16)}"]`
  );
}

/** alice holds 100.64.0.11 and carol 100.64.0.12 the whole day (the inside side is never in question here). */
const INSIDE = insideCsv('alice', 'carol', 'zed');

/** Every order of the files given. */
function orders<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => orders([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));
}

for (const dialect of testDialects()) {
  describe(`a Juniper port block spanning a log rotation on ${dialect}`, () => {
    const open = oneStoreAtATime(dialect, 'shokai-rotated-block-', INSIDE);
    const ingest = async (s: Opened, name: string, lines: string[], batchLines?: number): Promise<void> => {
      const opts = batchLines === undefined ? {} : { batchLines };
      assert.deepEqual((await s.ingest(name, `${lines.join('\n')}\n`, 'juniper-pba', opts)).errors, []);
    };
    type Said = Awaited<ReturnType<typeof saidBoth>>;
    /** The answers at 01:10 (before the INTERIM), 01:40 (after it) and 02:00 (after the RELEASE). */
    const asked = async (s: Opened): Promise<[Said, Said, Said]> => [
      await saidBoth(s.repo, at('01:10')),
      await saidBoth(s.repo, at('01:40')),
      await saidBoth(s.repo, at('02:00')),
    ];
    /**
     * For each order of the files: a fresh store, the files ingested in that order (PBA lines, `batchLines` a
     * batch), then `check` with the answers at 01:10, 01:40 and 02:00 and the order's name for messages.
     */
    const inEveryOrder = async (
      files: Record<string, string[]>,
      check: (said: [Said, Said, Said], order: string, s: Opened) => Promise<void> | void,
      batchLines?: number,
    ) => {
      for (const order of orders(Object.keys(files))) {
        const s = await open();
        for (const name of order) await ingest(s, name, files[name]!, batchLines);
        await check(await asked(s), order.join(), s);
      }
    };
    /** alice's block held 01:00–01:50, confirmed throughout (01:10, 01:40), and nobody's at 02:00. */
    const heldThroughout = ([during, later, after]: [Said, Said, Said], order: string) => {
      const held = ['unique', ['alice'], [alice(0, 3000)]];
      assert.deepEqual([during, later, after[0]], [held, held, 'none'], order);
    };

    test('ALLOC in pba.1, INTERIM and RELEASE in pba.2: confirmed to the RELEASE, in both orders', async () => {
      const files: Record<string, string[]> = {
        'pba.1': [pba('ALLOC', 0)],
        'pba.2': [pba('INTERIM', 1800), pba('RELEASE', 3000)],
      };
      await inEveryOrder(files, ([during, later, after], order) => {
        const held = ['unique', ['alice'], [alice(0, 3000)]];
        assert.deepEqual(during, held, `${order}: confirmed from the allocation, before the INTERIM`);
        assert.deepEqual(later, held, `${order}: and after it`);
        assert.deepEqual(after[0], 'none', `${order}: released at 01:50`);
      });
    });

    test('ALLOC, INTERIM, RELEASE each in a file of its own: the same, in all six orders', async () => {
      const files: Record<string, string[]> = {
        'pba.1': [pba('ALLOC', 0)],
        'pba.2': [pba('INTERIM', 1800)],
        'pba.3': [pba('RELEASE', 3000)],
      };
      await inEveryOrder(files, heldThroughout);
    });

    test('the INTERIM alone in the later file: confirmed to it, possible after, in both orders', async () => {
      const files: Record<string, string[]> = {
        'pba.1': [pba('ALLOC', 0)],
        'pba.2': [pba('INTERIM', 1800), pba('INTERIM', 2400)],
      };
      await inEveryOrder(
        files,
        ([during, later, after], order) => {
          assert.deepEqual(during, ['unique', ['alice'], [alice(0, 2400, END)]], `${order}: confirmed`);
          assert.deepEqual(later, during, order);
          assert.deepEqual(after, ['ambiguous', ['alice'], [alice(0, 2400, END, 'no_stop')]], order);
        },
        1,
      );
    });

    test('a block newly allocated in the later file is a new row: the time between stays possible', async () => {
      // pba.2 allocates the block afresh at 01:30 (its release in pba.1 was never logged): no sighting of
      // the first allocation, so nothing confirms the time between; an INTERIM after it is the new one's
      const files: Record<string, string[]> = {
        'pba.1': [pba('ALLOC', 0)],
        'pba.2': [pba('ALLOC', 1800), pba('INTERIM', 2400), pba('RELEASE', 3000)],
      };
      await inEveryOrder(files, ([during, later, after], order) => {
        const cut = ['ambiguous', ['alice'], [alice(0, 0, END, 'no_stop')]];
        assert.deepEqual(during, cut, `${order}: possible only, between the two allocations`);
        assert.deepEqual(later, ['unique', ['alice'], [alice(1800, 3000)]], order);
        assert.deepEqual(after[0], 'none', order);
      });
    });

    test('an INTERIM for another inside address in the later file is another allocation', async () => {
      const files: Record<string, string[]> = {
        'pba.1': [pba('ALLOC', 0)],
        'pba.2': [pba('INTERIM', 1800, '100.64.0.12'), pba('RELEASE', 3000, '100.64.0.12')],
      };
      await inEveryOrder(files, ([during, later, after], order) => {
        assert.deepEqual(during, ['ambiguous', ['alice'], [alice(0, 0, END, 'no_stop')]], order);
        assert.equal(later[0], 'unique', order);
        assert.deepEqual(later[1], ['carol'], order);
        assert.deepEqual(after[0], 'none', order);
      });
    });

    test('carol allocated the block between, in batches of one line: not joined across her (F1)', async () => {
      // carol's ALLOC writes alice's row open in its batch while carol's own is pending: the RELEASE read before
      // must not be joined to alice's row then, across carol's start (the join waits for the file's last commit)
      const files: Record<string, string[]> = {
        'pba.1': [pba('ALLOC', 0), pba('ALLOC', 1200, '100.64.0.12')],
        'pba.2': [pba('RELEASE', 3000)],
      };
      const s = await open();
      for (const name of ['pba.1', 'pba.2']) await ingest(s, name, files[name]!);
      const startFirst = await asked(s);
      assert.deepEqual(startFirst[0], ['ambiguous', ['alice'], [alice(0, 0, END, 'no_stop')]], 'possible only');
      for (const batchLines of [undefined, 1]) {
        await inEveryOrder(
          files,
          (said, order) => assert.deepEqual(said, startFirst, `${order}, ${batchLines ?? 'whole'}`),
          batchLines,
        );
      }
    });

    test('allocated and released in the same second, in two files: closed in both orders (F2)', async () => {
      const files: Record<string, string[]> = { 'pba.1': [pba('ALLOC', 0)], 'pba.2': [pba('RELEASE', 0)] };
      const s = await open();
      for (const name of ['pba.1', 'pba.2']) await ingest(s, name, files[name]!);
      const startFirst = await asked(s);
      assert.deepEqual(
        startFirst.map((x) => x[0]),
        ['none', 'none', 'none'],
        'released: nobody after',
      );
      await inEveryOrder(files, (said, order) => assert.deepEqual(said, startFirst, order));
    });

    test('Cisco CGN: allocated in cgn.1, withdrawn in cgn.2: confirmed to the withdraw, in both orders', async () => {
      const cgn = (kind: 'A' | 'W', hhmm: string): string =>
        `<134>1 2026 Mar 29 ${hhmm}:00 JST cgn-xr-1 CGN: [Userbased${kind} - 100.64.0.11 Inside-VRF - ${PUB} - ` +
        '1024 1535 - -]';
      const files: Record<string, string> = { 'cgn.1': cgn('A', '01:00'), 'cgn.2': cgn('W', '01:50') };
      for (const order of orders(['cgn.1', 'cgn.2'])) {
        const s = await open();
        for (const name of order) assert.deepEqual((await s.ingest(name, files[name]!, 'cisco-cgn')).errors, []);
        heldThroughout(await asked(s), order.join());
      }
    });

    test('the same files read again, or a resumed run, change nothing', async () => {
      const files: Record<string, string[]> = {
        'pba.1': [pba('ALLOC', 0)],
        'pba.2': [pba('INTERIM', 1800), pba('RELEASE', 3000)],
      };
      await inEveryOrder(files, async (_, order, s) => {
        // the same records in other files (a copy, a file read while written and again whole)
        await ingest(s, 'copy.2', files['pba.2']!);
        await ingest(s, 'copy.1', files['pba.1']!);
        await heldThroughout(await asked(s), order);
      });
    });
  });
}

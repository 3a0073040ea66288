import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { emptyIngestSummary, ingestFiles } from '../../src/attribution/ingest.ts';
import type { AttributionQuery } from '../../src/attribution/resolver.ts';
import { testDialects } from '../support/dialects.ts';
import { saidBoth } from './answers.ts';
import { crashingAt, type Opened, oneStoreAtATime } from './fresh-stores.ts';
import { aliceSpan as alice, B, conntrackEvent, FLOW_PORT, FLOW_PUB, insideCsv, iso } from './helpers.ts';

// A conntrack flow or an LSN mapping whose start is in one file and whose end is in another, the end's file read
// first (files read newest first, a log rotated under the flow). Read start first, the end closes the flow's open
// row; read end first, the store kept the end as an unstarted point and the start's open row stayed open beside
// it, so the time between read as *possible*, and after the end too. Now the start's open row takes the end of
// the unstarted row of its flow (same public port, inside address and flow name) that is the next start on the
// port, as a port block's allocation does (store/same-start.ts): the same verdicts in either order.

const PUB = FLOW_PUB;
const PORT = FLOW_PORT;
const at = (hhmm: string): AttributionQuery => ({ ip: PUB, port: PORT, at: `2026-03-29T${hhmm}:00+09:00` });
/** The end of the inside holdings (00:00 the next day): no span goes past it. */
const END = 23 * 3600;

type Event = 'start' | 'end';
/** One event of a flow of `inside` from inside port `sport` through PUB:`port` (PORT), `offset` seconds after B. */
type Line = (event: Event, offset: number, inside?: string, sport?: number, port?: number) => string;

const conntrack: Line = conntrackEvent;

const lsn: Line = (event, offset, inside = '100.64.0.11', sport = 5000, port = PORT) => {
  const d = new Date((B + offset) * 1000).toISOString();
  const wall = `${d.slice(0, 4)}/${d.slice(5, 7)}/${d.slice(8, 10)}:${d.slice(11, 19)} GMT`;
  return (
    `${wall} Informational 0-PPE-2 : default LSN LSN_ADDRPORT_MAPPING 85 0 : A&PDM ` +
    `${event === 'start' ? 'CREATED' : 'DELETED'} Client IP:Port:TD ${inside}:${sport}:0, ` +
    `NatIP:NatPort ${PUB}:${port}, ` +
    'Destination IP:Port:TD 2.2.2.2:80:0, Protocol: TCP'
  );
};

const FORMATS = { conntrack, 'netscaler-lsn': lsn } as const;

/** alice holds 100.64.0.11, carol 100.64.0.12 the whole day. */
const INSIDE = insideCsv('alice', 'carol', 'zed');

for (const dialect of testDialects()) {
  for (const [format, line] of Object.entries(FORMATS)) {
    describe(`a ${format} flow whose end is read before its start on ${dialect}`, () => {
      const open = oneStoreAtATime(dialect, 'shokai-rotated-flow-', INSIDE);
      const text = (lines: string[]): string => `${lines.join('\n')}\n`;
      const ingest = async (s: Opened, name: string, lines: string[], batchLines?: number) => {
        const opts = batchLines === undefined ? {} : { batchLines };
        const r = await s.ingest(name, text(lines), format as 'conntrack', opts);
        assert.deepEqual(r.errors, []);
        return r;
      };
      type Said = Awaited<ReturnType<typeof saidBoth>>;
      /** The answers at 01:10 and 01:40 (inside the flow), and 02:00 (after its end at 01:50). */
      const asked = async (s: Opened): Promise<Said[]> => [
        await saidBoth(s.repo, at('01:10')),
        await saidBoth(s.repo, at('01:40')),
        await saidBoth(s.repo, at('02:00')),
      ];
      /** The answers with the files read in `order` (names of `files`), `batchLines` a batch. */
      const readIn = async (files: Record<string, string[]>, order: string[], batchLines?: number) => {
        const s = await open();
        for (const name of order) await ingest(s, name, files[name]!, batchLines);
        return asked(s);
      };
      /** alice's flow 01:00–01:50: hers, confirmed, inside it; nobody's after. */
      const heldThroughout = (said: Said[], order: string) => {
        const held = ['unique', ['alice'], [alice(0, 3000)]];
        assert.deepEqual(said[0], held, `${order}: confirmed at 01:10`);
        assert.deepEqual(said[1], held, `${order}: confirmed at 01:40`);
        assert.equal(said[2]![0], 'none', `${order}: ended at 01:50`);
      };

      test('start in the first file, end in the second: the same verdicts in both orders', async () => {
        const files = { '1': [line('start', 0)], '2': [line('end', 3000)] };
        heldThroughout(await readIn(files, ['1', '2']), 'start first');
        heldThroughout(await readIn(files, ['2', '1']), 'end first');
        heldThroughout(await readIn(files, ['2', '1'], 1), 'end first, batches of one line');
      });

      test('the end file with later flows of the port read first: joined, the later flows kept', async () => {
        // the port is used again after the end, by carol: her flow starts and ends in the second file
        const files = {
          '1': [line('start', 0)],
          '2': [line('end', 3000), line('start', 3300, '100.64.0.12', 6000), line('end', 3900, '100.64.0.12', 6000)],
        };
        for (const order of [
          ['1', '2'],
          ['2', '1'],
        ]) {
          const said = await readIn(files, order);
          assert.deepEqual(
            said.slice(0, 2),
            [0, 1].map(() => ['unique', ['alice'], [alice(0, 3000)]]),
            `${order}`,
          );
          assert.deepEqual(said[2]![0], 'unique', `${order}`);
          assert.deepEqual(said[2]![1], ['carol'], `${order}`);
        }
      });

      test('a start after the end in the end file is a new flow: not joined to that end, in both orders', async () => {
        // within one file a log runs forward: the same flow name started again at 01:55 is a new translation
        const files = { '1': [line('start', 0)], '2': [line('end', 3000), line('start', 3300)] };
        const answers = [await readIn(files, ['1', '2']), await readIn(files, ['2', '1'])];
        const held = ['unique', ['alice'], [alice(0, 3000)]];
        assert.deepEqual(answers[1]!.slice(0, 2), [held, held], 'the first flow confirmed to its end');
        assert.deepEqual(answers[1]![2], ['ambiguous', ['alice'], [alice(3300, 3300, END, 'no_stop')]], 'new one');
        assert.deepEqual(answers[1], answers[0], 'end first says what start first says');
      });

      test('the end of another flow (another inside port) ends nothing: possible, in both orders', async () => {
        const files = { '1': [line('start', 0)], '2': [line('end', 3000, '100.64.0.11', 5001)] };
        const answers = [await readIn(files, ['1', '2']), await readIn(files, ['2', '1'])];
        for (const said of answers) {
          assert.notEqual(said[0]![0], 'unique', 'no end of its own: not confirmed past its start');
          assert.notEqual(said[1]![0], 'unique');
        }
        assert.deepEqual(answers[1], answers[0], 'end first says what start first says');
      });

      test('another flow started on the port between: not joined across it, in both orders', async () => {
        // carol's flow takes the port at 01:20 (its end never logged); the end at 01:50 is alice's flow's, but a
        // start came between: which of the two held the port at 01:40 the records do not say
        const files = { '1': [line('start', 0), line('start', 1200, '100.64.0.12', 6000)], '2': [line('end', 3000)] };
        const answers = [await readIn(files, ['1', '2']), await readIn(files, ['2', '1'])];
        assert.notEqual(answers[1]![1]![0], 'unique', 'not alice at 01:40: the join is not certain');
        assert.notDeepEqual(answers[1]![1]![1], ['alice'], 'not alice alone at 01:40');
        assert.deepEqual(answers[1], answers[0], 'end first says what start first says');
        assert.deepEqual(answers[0]![0], ['ambiguous', ['alice'], [alice(0, 0, END, 'no_stop')]], 'possible only');
      });

      /** The answers `offsets` seconds after 01:00, the files read in `order`, `batchLines` a batch. */
      const readAt = async (files: Record<string, string[]>, order: string[], offsets: number[], batch?: number) => {
        const s = await open();
        for (const name of order) await ingest(s, name, files[name]!, batch);
        const said: Said[] = [];
        for (const o of offsets) said.push(await saidBoth(s.repo, { ip: PUB, port: PORT, at: iso(B + o) }));
        return said;
      };
      /**
       * The answers read start first (whole files), after checking that start first in batches of one line, and end
       * first whole and in batches of one line, say the same: never more certain, never another person.
       */
      const sameInEveryOrder = async (files: { '1': string[]; '2': string[] }, offsets: number[]) => {
        const startFirst = await readAt(files, ['1', '2'], offsets);
        for (const [order, batch] of [
          [['1', '2'], 1],
          [['2', '1'], undefined],
          [['2', '1'], 1],
        ] as const) {
          const said = await readAt(files, [...order], offsets, batch);
          assert.deepEqual(said, startFirst, `${order}, ${batch ?? 'whole'}: as start first`);
        }
        return startFirst;
      };

      test('a flow restarted before carol starts, in batches: not joined across her start (F1)', async () => {
        // alice's flow started again at 00:10 (its first end never logged) writes the first start as an open row
        // in the batch of that line, while carol's (00:20) is pending: the join must wait for the whole file
        const files = {
          '1': [line('start', 0), line('start', 600), line('start', 1200, '100.64.0.12', 6000)],
          '2': [line('end', 3000)],
        };
        const said = await sameInEveryOrder(files, [300, 900, 2400, 3600]);
        assert.deepEqual(said[2], [
          'ambiguous',
          ['carol'],
          [`carol ${iso(B + 1200)}..${iso(B + 1200)} possible ${iso(B + END)} no_stop`],
        ]);
        assert.deepEqual(said[3], ['none', [], []], 'nobody after the end: carol not named');
      });

      test('a flow restarted after carol starts, in batches: not joined across her start (F1)', async () => {
        const files = {
          '1': [line('start', 0), line('start', 1200, '100.64.0.12', 6000), line('start', 1800)],
          '2': [line('end', 3000)],
        };
        const said = await sameInEveryOrder(files, [300, 900, 1500, 2400, 3600]);
        assert.deepEqual(said[0], ['ambiguous', ['alice'], [alice(0, 0, END, 'no_stop')]], 'possible only');
        assert.deepEqual(said[3], ['unique', ['alice'], [alice(1800, 3000)]], 'the restarted flow to its end');
      });

      test('two flows of one name, both ends in the later file, in batches: each end its own (F1)', async () => {
        const files = { '1': [line('start', 0), line('start', 600)], '2': [line('end', 1200), line('end', 3000)] };
        const said = await sameInEveryOrder(files, [300, 900, 1500, 3600]);
        assert.deepEqual(said[1], ['unique', ['alice'], [alice(600, 1200)]]);
        assert.deepEqual(said[2], ['none', [], []], 'the second end closes nothing open: no flow between');
      });

      test('start and end in the same second, in two files: closed in both orders (F2)', async () => {
        const files = { '1': [line('start', 0)], '2': [line('end', 0)] };
        const said = await sameInEveryOrder(files, [0, 60, 3600]);
        assert.deepEqual(said[0], ['unique', ['alice'], [alice(0, 0)]]);
        assert.deepEqual(
          said.slice(1),
          [
            ['none', [], []],
            ['none', [], []],
          ],
          'ended: nobody after',
        );
      });

      test('a crash while reading a start file with a restart line: resumed as start first (F1, F3)', async () => {
        // the first flow is written open at the restart's batch; the second ends in the file (00:15)
        const zed = line('start', -10, '100.64.0.99', 7000, PORT + 1);
        const first = [zed, line('start', 0), line('start', 600), line('end', 900)];
        const second = [line('end', 3000)];
        const offsets = [300, 3001, 3030, 3600];
        const startFirst = await readAt({ '1': first, '2': second }, ['1', '2'], offsets, 1);
        assert.deepEqual(startFirst[0], ['ambiguous', ['alice'], [alice(0, 0, END, 'no_stop')]], 'possible only');
        for (const failAt of [1, 2, 3, 4, 5]) {
          const s = await open();
          await ingest(s, '2', second, 1);
          const file = join(s.dir, '1');
          writeFileSync(file, text(first));
          const opts = { format: format as 'conntrack', batchLines: 1 };
          await assert.rejects(ingestFiles(crashingAt(s.repo, failAt), [file], opts), /simulated crash/);
          assert.deepEqual((await ingestFiles(s.repo, [file], opts)).errors, []);
          const said: Said[] = [];
          for (const o of offsets) said.push(await saidBoth(s.repo, { ip: PUB, port: PORT, at: iso(B + o) }));
          assert.deepEqual(said, startFirst, `crashed at commit ${failAt}: as start first`);
        }
      });

      test('a crash while reading the start file, copies read again: nothing counted twice', async () => {
        // the start file: alice's flow pending from line 1 to its end of file, other flows on other ports between
        const other = (offset: number): string =>
          line(offset % 2 ? 'end' : 'start', offset, '100.64.0.99', 7000, PORT + 1);
        const first = [line('start', 0), other(10), other(11), other(20), other(21)];
        const second = [line('end', 3000)];
        // the same records in other files (an empty line makes them other content: read, not passed over)
        const copies = async (s: Opened): Promise<number[]> => [
          (await ingest(s, 'copy.2', [...second, ''])).keptAsOne,
          (await ingest(s, 'copy.1', [...first, ''])).keptAsOne,
        ];
        // start first, then the copies: a copy's open start joins the closed row as the union of records does
        // (open: possible after its end, still confirmed to it), as before; end first must say the same
        const s0 = await open();
        await ingest(s0, '1', first);
        await ingest(s0, '2', second);
        const keptStartFirst = await copies(s0);
        const startFirst = await asked(s0);
        assert.deepEqual(keptStartFirst, [0, 3], 'the copy of the end recognised, each start copied kept as one');
        for (const failAt of [1, 2, 3, 5, 6]) {
          const s = await open();
          const keptBefore = (await ingest(s, '2', second, 1)).keptAsOne;
          const file = join(s.dir, '1');
          writeFileSync(file, text(first));
          const opts = { format: format as 'conntrack', batchLines: 1 };
          const summary = emptyIngestSummary();
          await assert.rejects(ingestFiles(crashingAt(s.repo, failAt), [file], opts, summary), /simulated crash/);
          const resumed = await ingestFiles(s.repo, [file], opts);
          assert.deepEqual(resumed.errors, []);
          const where = `crashed at commit ${failAt}`;
          heldThroughout(await asked(s), where);
          const kept = await copies(s);
          assert.deepEqual(await asked(s), startFirst, `${where}, copies read: as start first`);
          // nothing read again after the crash counted; the copies' records as start first counts them
          assert.deepEqual([keptBefore, summary.keptAsOne, resumed.keptAsOne, ...kept], [0, 0, 0, 0, 3], where);
        }
      });
    });
  }
}

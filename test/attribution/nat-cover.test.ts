import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ingestFiles } from '../../src/attribution/ingest.ts';
import { Batch, natRow } from '../../src/attribution/model.ts';
import { batchCover, type NatFileCover, shownUnused } from '../../src/attribution/nat-cover.ts';
import type { AttributionQuery } from '../../src/attribution/resolver.ts';
import { migrate, migrateDown } from '../../src/store/database.ts';
import { type Dialect, freshLocation, testDialects } from '../support/dialects.ts';
import { askBoth, logEnds, otherTimes } from './answers.ts';
import { openAttribution } from './setup.ts';

// A CGNAT public address held outright after its NAT span: its direct holder is named only where the NAT
// log that recorded its last translation runs on, never silent for over an hour, through the question.
// Each address below left the CGN pool on the 12th and is held by `owner` from the 20th to the 28th.

const HEADER = 'type,start,end,address,port_low,port_high,inside_address,account';
const T0 = Date.parse('2026-03-01T00:00:00+09:00') / 1000;
const at = (d: string, hm = '00:00'): string => `2026-03-${d}T${hm}:00+09:00`;
const iso = (s: number): string => new Date(s * 1000).toISOString();

/** The CGN's translations of another address every half hour over [fromDay, toDay), leaving out `skip`. */
function filler(pub: string, fromDay: number, toDay: number, skip?: [number, number]): string[] {
  const out: string[] = [];
  for (let s = T0 + (fromDay - 1) * 86400, i = 0; s < T0 + (toDay - 1) * 86400; s += 1800, i++) {
    if (skip && s >= T0 + (skip[0] - 1) * 86400 && s < T0 + (skip[1] - 1) * 86400) continue;
    const plo = 1024 + (i % 100) * 512;
    out.push(`nat,${iso(s)},${iso(s + 1200)},${pub},${plo},${plo + 511},100.64.8.${1 + (i % 200)},`);
  }
  return out;
}

const left = (pub: string, inside: string): string => `nat,${at('10')},${at('12')},${pub},1024,1535,${inside},`;

const FILES: Record<string, string[]> = {
  // the CGN's log runs on from the 9th to the 25th
  'cgn-a.csv': [left('198.51.100.77', '100.64.9.1'), ...filler('198.51.100.99', 9, 25)],
  // the same, silent on the 15th
  'cgn-b.csv': [left('198.51.100.88', '100.64.9.2'), ...filler('198.51.100.98', 9, 25, [15, 16])],
  // a log rotated on the 13th: the next file goes on, without the address
  'cgn-c.csv': [left('198.51.100.66', '100.64.9.3'), ...filler('198.51.100.97', 9, 13)],
  'cgn-c.1.csv': filler('198.51.100.97', 13, 25),
  'assign.csv': [
    ...['198.51.100.77', '198.51.100.88', '198.51.100.66'].map((ip) => `assign,${at('20')},${at('28')},${ip},,,,owner`),
    `assign,${at('10')},${at('12')},100.64.9.1,,,,alice`,
  ],
};

const SPAN = 'from 2026-03-10 00:00:00 +09:00 to 2026-03-12 00:00:00 +09:00';

for (const dialect of testDialects() as Dialect[]) {
  describe(`a CGNAT address held outright after its NAT span, on ${dialect}`, () => {
    test('named only where the NAT log runs on through the question; files before 070 as before', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'shokai-nat-cover-'));
      const loc = await freshLocation(dialect, dir);
      const opened = await openAttribution(loc.location);
      try {
        const path = (name: string) => join(dir, name);
        for (const [name, rows] of Object.entries(FILES))
          writeFileSync(path(name), `${[HEADER, ...rows].join('\n')}\n`);
        const ingested = await ingestFiles(opened.repo, Object.keys(FILES).map(path), { format: 'generic-csv' });
        assert.deepEqual(ingested.errors, []);
        const ask = (q: AttributionQuery) => askBoth(opened.repo, q);
        const day22 = (ip: string) => ask({ ip, port: 1100, at: at('22', '12:00') });

        // The log runs on through the 22nd with no translation of the address: owner is the one holder
        assert.deepEqual(await day22('198.51.100.77'), {
          verdict: 'unique',
          accounts: ['owner'],
          reasons: [
            'cgnat_after_logged: 198.51.100.77 is recorded as a carrier-grade NAT public address ' +
              `${SPAN}; the NAT log that recorded its last translation runs on, never silent for more than an ` +
              'hour, to the end of the window and records no translation of 198.51.100.77 in that time: its ' +
              'direct holder is shown',
            'unique: exactly one account can have held it at every instant of the window',
          ],
        });
        // owner a candidate only: the reason names the file of the address's last translation, where it stops
        const candidate = (ip: string, file: string, until: string) => ({
          verdict: 'ambiguous',
          accounts: ['owner'],
          reasons: [otherTimes(ip, SPAN), logEnds(ip, path(file), `2026-03-${until}:00 +09:00`)],
        });
        // After the log's end
        assert.deepEqual(
          await ask({ ip: '198.51.100.77', port: 1100, at: at('26', '12:00') }),
          candidate('198.51.100.77', 'cgn-a.csv', '24 23:50'),
        );
        // A silence of a day in the log between the span and the question
        assert.deepEqual(await day22('198.51.100.88'), candidate('198.51.100.88', 'cgn-b.csv', '14 23:50'));
        // A rotated log: the next file is not taken as the same NAT's
        assert.deepEqual(await day22('198.51.100.66'), candidate('198.51.100.66', 'cgn-c.csv', '12 23:50'));

        // A store whose files were ingested before migration 070 keeps no cover: answered as before it
        await migrateDown(opened.ctx.store, '069-objection-notice-day');
        await migrate(opened.ctx.store);
        assert.deepEqual(await day22('198.51.100.77'), {
          verdict: 'ambiguous',
          accounts: ['owner'],
          reasons: [otherTimes('198.51.100.77', SPAN)],
        });
      } finally {
        await opened.close();
        await loc.drop();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

describe("a file's NAT cover", () => {
  const H = 3600;
  test('breaks only where two NAT instants lie more than an hour apart, across hour buckets too', () => {
    const batch = new Batch();
    // 00:59:59 and 02:00:00 lie in buckets one apart, 3601 s apart: two stretches; 02:00 to 03:00 is one
    for (const t of [H - 1, 2 * H, 3 * H, 10 * H]) batch.nats.push(natRow('block', 1, 1024, 1535, 2, t, 1));
    batch.assigns.push({
      addr: new Uint8Array(4),
      plen: 32,
      account: 'x',
      t0: 5 * H,
      t1: 5 * H,
      open: false,
      line: 1,
      eline: 1,
    });
    assert.deepEqual(batchCover(batch), [
      [H - 1, H - 1],
      [2 * H, 3 * H],
      [10 * H, 10 * H],
    ]);
  });

  test('every log format that recorded the address must run on; tied files of one format each', () => {
    const file = (id: number, format: string, last: number, cover: Array<[number, number]> | null): NatFileCover => ({
      file: id,
      path: `f${id}`,
      format,
      last,
      cover,
      source: null,
      chain: null,
    });
    const shown = { shown: true, sources: [] };
    const ends = (path: string, until: number | null) => ({ shown: false, path, until, source: null });
    const through = file(1, 'juniper-pba', 100, [[50, 1000]]);
    assert.deepEqual(shownUnused([through], 900), shown);
    // an older file of the same format, ending earlier, is taken as a rotated one
    assert.deepEqual(shownUnused([through, file(2, 'juniper-pba', 40, [[0, 40]])], 900), shown);
    // another format's log that stops early
    assert.deepEqual(shownUnused([through, file(3, 'cisco-cgn', 40, [[0, 60]])], 900), ends('f3', 60));
    // two files of one format ending the address at once: each must run on
    assert.deepEqual(shownUnused([through, file(4, 'juniper-pba', 100, [[90, 200]])], 900), ends('f4', 200));
    // a last translation outside every stretch (its end was logged in another file)
    assert.deepEqual(shownUnused([file(5, 'conntrack', 100, [[0, 50]])], 900), ends('f5', null));
    assert.equal(shownUnused([through, file(6, 'conntrack', 10, null)], 900), 'unknown');
    assert.equal(shownUnused([], 900), 'unknown');
  });

  test("a declared source's files chain within the gap rule; each declared source is a log of its own", () => {
    const file = (id: number, last: number, source: string | null, chain: Array<[number, number]>): NatFileCover => ({
      file: id,
      path: `f${id}`,
      format: 'juniper-pba',
      last,
      cover: [[0, 200]],
      source,
      chain: source === null ? null : [[0, 200], ...chain],
    });
    // the next file begins an hour after the last line: joined; an hour and a second: broken
    assert.deepEqual(shownUnused([file(1, 100, 'a', [[200 + H, 5000]])], 4000), { shown: true, sources: ['a'] });
    assert.deepEqual(shownUnused([file(1, 100, 'a', [[201 + H, 5000]])], 4000), {
      shown: false,
      path: 'f1',
      until: 200,
      source: 'a',
    });
    // no source: its chain is never read
    assert.deepEqual(shownUnused([{ ...file(1, 100, null, []), chain: [[0, 5000]] }], 4000), {
      shown: false,
      path: 'f1',
      until: 200,
      source: null,
    });
    // a box declared apart whose log ends, though it used the address earlier than the other
    const other = { ...file(2, 50, 'b', []), cover: [[0, 60]] as Array<[number, number]>, chain: [[0, 60]] };
    assert.deepEqual(shownUnused([file(1, 100, 'a', [[200, 5000]]), other as NatFileCover], 4000), {
      shown: false,
      path: 'f2',
      until: 60,
      source: 'b',
    });
  });
});

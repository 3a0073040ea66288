import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ingestFiles } from '../../src/attribution/ingest.ts';
import type { AttributionQuery } from '../../src/attribution/resolver.ts';
import { type Dialect, freshLocation, testDialects } from '../support/dialects.ts';
import { askBoth, logEnds, otherTimes } from './answers.ts';
import { openAttribution } from './setup.ts';

// A public address in CGNAT use for a while and held outright before and after: a question more than a
// day outside its NAT records is asked of its direct holdings, whose holder is then a candidate — never
// the one holder; inside the NAT span (and its margin) the address stays a CGNAT address.

const HEADER = 'type,start,end,address,port_low,port_high,inside_address,account';
const at = (d: string, hm = '00:00'): string => `2026-03-${d}T${hm}:00+09:00`;
const ROWS = [
  // 198.51.100.77: held outright, then behind the CGN from the 10th to the 12th, then held outright again
  `assign,${at('01')},${at('05')},198.51.100.77,,,,biz`,
  `assign,${at('08')},${at('09', '18:00')},198.51.100.77,,,,edge`,
  `nat,${at('10')},${at('12')},198.51.100.77,1024,1535,100.64.9.1,`,
  `assign,${at('10')},${at('12')},100.64.9.1,,,,alice`,
  `assign,${at('20')},${at('25')},198.51.100.77,,,,owner2`,
  // 198.51.100.78: a block whose end was never logged, then a direct holding
  `nat,${at('10')},,198.51.100.78,1024,1535,100.64.9.2,`,
  `assign,${at('10')},${at('12')},100.64.9.2,,,,bob`,
  `assign,${at('20')},${at('25')},198.51.100.78,,,,late`,
  // the records of another address go on after every question
  `assign,${at('01')},${at('31')},100.64.0.99,,,,zed`,
];

for (const dialect of testDialects() as Dialect[]) {
  describe(`a CGNAT address held outright at other times, on ${dialect}`, () => {
    test('outside its NAT span and margin: the direct holder as a candidate, never unique', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'shokai-cgnat-span-'));
      const loc = await freshLocation(dialect, dir);
      const opened = await openAttribution(loc.location);
      try {
        const file = join(dir, 'rows.csv');
        writeFileSync(file, `${[HEADER, ...ROWS].join('\n')}\n`);
        assert.deepEqual((await ingestFiles(opened.repo, [file], { format: 'generic-csv' })).errors, []);
        const ask = (q: AttributionQuery) => askBoth(opened.repo, q);
        const elsewhere = (span: string) => otherTimes('198.51.100.77', span);
        const span = 'from 2026-03-10 00:00:00 +09:00 to 2026-03-12 00:00:00 +09:00';

        // Before the NAT span: held outright by biz (it used to answer none)
        assert.deepEqual(await ask({ ip: '198.51.100.77', at: at('03', '12:00') }), {
          verdict: 'ambiguous',
          accounts: ['biz'],
          reasons: [elsewhere(span)],
        });
        // After it, with a port: owner2, still not the one holder — the file's NAT records stop at the span's end
        assert.deepEqual(await ask({ ip: '198.51.100.77', port: 1100, at: at('22', '12:00') }), {
          verdict: 'ambiguous',
          accounts: ['owner2'],
          reasons: [elsewhere(span), logEnds('198.51.100.77', file, '2026-03-12 00:00:00 +09:00')],
        });
        // Within the day's margin before the NAT span: a CGNAT address still, edge is not named
        const margin = await ask({ ip: '198.51.100.77', port: 1100, at: at('09', '12:00') });
        assert.deepEqual([margin.verdict, margin.accounts], ['none', []]);
        // Within the NAT span: the chain through the CGN as before
        const inside = await ask({ ip: '198.51.100.77', port: 1100, at: at('11', '12:00') });
        assert.deepEqual([inside.verdict, inside.accounts], ['unique', ['alice']]);
        // A block never released keeps the address a CGNAT address: late is not named
        const open = await ask({ ip: '198.51.100.78', port: 1100, at: at('22', '12:00') });
        assert.deepEqual([open.verdict, open.accounts], ['none', []]);
      } finally {
        await opened.close();
        await loc.drop();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

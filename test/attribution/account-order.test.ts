import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ingestFiles } from '../../src/attribution/ingest.ts';
import { Resolver } from '../../src/attribution/resolver.ts';
import { attributionRepository } from '../../src/attribution/store/repositories.ts';
import { openStore } from '../../src/store/database.ts';
import { scratchLocations, testDialects } from '../support/dialects.ts';

// Two ingests on PostgreSQL at once, their batches on unrelated series (no series lock shared), naming the same
// new accounts in opposite orders. Each batch inserts the names it has not seen: in the batch's order, the two
// met in the middle, each waiting for a name the other had inserted, and PostgreSQL ended one as a deadlock's
// victim (its file not read). The names go in one order now, and a batch chosen as a victim runs again.
// PostgreSQL only: SQLite's writers run one at a time.

const HEADER = 'type,start,end,address,port_low,port_high,inside_address,account';
const NAMES = 3000;
const T0 = Date.parse('2026-03-29T00:00:00+09:00');
const iso = (ms: number) => new Date(ms).toISOString();
/** The i-th minute's holding of `addr` by account `names[i]`. */
const holdings = (addr: string, names: string[]) => {
  const line = (n: string, i: number) => `assign,${iso(T0 + i * 60_000)},${iso(T0 + (i + 1) * 60_000)},${addr},,,,${n}`;
  return `${HEADER}\n${names.map(line).join('\n')}\n`;
};

for (const dialect of testDialects().filter((d) => d === 'postgres')) {
  describe(`new accounts named by two ingests at once (${dialect})`, () => {
    const scratch = scratchLocations('shokai-accountorder-');

    test('both files are read whatever order their batches name the accounts in', async () => {
      const names = Array.from({ length: NAMES }, (_, i) => `acct-${String(i).padStart(5, '0')}`);
      const reversed = [...names].reverse();
      for (let round = 0; round < 3; round++) {
        const loc = await scratch.fresh(dialect);
        const st1 = await openStore(loc.location);
        const st2 = await openStore(loc.location);
        try {
          const fa = join(scratch.dir, `${round}-a.csv`);
          const fb = join(scratch.dir, `${round}-b.csv`);
          writeFileSync(fa, holdings('10.0.0.1', names));
          writeFileSync(fb, holdings('10.1.0.1', reversed));
          const results = await Promise.all([
            ingestFiles(attributionRepository(st1), [fa], { format: 'generic-csv' }),
            ingestFiles(attributionRepository(st2), [fb], { format: 'generic-csv' }),
          ]);
          for (const r of results) assert.deepEqual(r.errors, []);
          const resolver = new Resolver(attributionRepository(st1));
          for (const i of [0, 1234, NAMES - 1]) {
            const at = iso(T0 + i * 60_000 + 30_000);
            const a = await resolver.resolve({ ip: '10.0.0.1', at });
            const b = await resolver.resolve({ ip: '10.1.0.1', at });
            assert.deepEqual([a.verdict, a.candidates.map((c) => c.account)], ['unique', [names[i]]]);
            assert.deepEqual([b.verdict, b.candidates.map((c) => c.account)], ['unique', [reversed[i]]]);
          }
        } finally {
          await st1.close();
          await st2.close();
        }
      }
    });
  });
}

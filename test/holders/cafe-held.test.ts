// One definition of "held" for a café's terminal use (src/holders/cafe.repository.ts, inHeld): a lookup
// of a period beyond the three years reads exactly the rows the purge keeps, at the edges of a held
// period too (both ends included, same terminal only), on both dialects.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { toUtcIso } from '../../src/domain/instant.ts';
import {
  countPastCutoff,
  deletePastCutoff,
  findTerminalUse,
  insertTerminalUse,
} from '../../src/holders/cafe.repository.ts';
import type { HeldTerminal } from '../../src/holders/cafe-holds.ts';
import { openStore, type Store } from '../../src/store/database.ts';
import type { CafeTerminalUseRow } from '../../src/store/schema.ts';
import { suiteLocation, testDialects } from '../support/dialects.ts';

const at = (hhmmss: string) => toUtcIso(`2023-01-10T${hhmmss}+09:00`);
const HELD: HeldTerminal[] = [
  { terminal: 'B-01', from: at('10:00:00.000'), to: at('11:00:00.000'), requestId: 'rq_1', reference: 'R-1' },
  { terminal: 'B-02', from: at('15:00:00.000'), to: at('15:30:00.000'), requestId: 'rq_2', reference: 'R-2' },
];
// Each use, and whether a held period covers it.
const USES: Array<[terminal: string, entered: string, exited: string, held: boolean]> = [
  ['B-01', '09:00:00.000', '09:59:59.999', false], // ends just before
  ['B-01', '09:00:00.000', '10:00:00.000', true], // ends as the period starts
  ['B-01', '10:10:00.000', '10:20:00.000', true], // within
  ['B-01', '09:00:00.000', '12:00:00.000', true], // around
  ['B-01', '11:00:00.000', '12:00:00.000', true], // starts as the period ends
  ['B-01', '11:00:00.001', '12:00:00.000', false], // starts just after
  ['B-02', '10:10:00.000', '10:20:00.000', false], // another terminal's period
  ['B-02', '15:29:59.000', '16:00:00.000', true],
  ['B-03', '10:10:00.000', '10:20:00.000', false], // a terminal nobody holds
];
const CUTOFF = '2024-01-01T00:00:00.000Z';

function rows(): CafeTerminalUseRow[] {
  return USES.map(([terminal, entered, exited], line) => ({
    id: `use_${line}`,
    terminal,
    member: `M${line}`,
    entered_at: at(entered),
    entered_offset: 540,
    exited_at: at(exited),
    exited_offset: 540,
    file_name: 'use.json',
    sha256: 'a'.repeat(64),
    line: line + 1,
    imported_at: '2023-02-01T00:00:00.000Z',
  }));
}

for (const dialect of testDialects()) {
  describe(`a café's held terminal use is one rule, on ${dialect}`, () => {
    const { fresh } = suiteLocation(dialect, 'shokai-cafe-held-');
    let store: Store;
    before(async () => {
      store = await openStore((await fresh()).location);
      await store.db.transaction().execute((tx) => insertTerminalUse(tx, rows()));
    });
    after(async () => store.close());

    test('the lookup reads what the purge keeps', async () => {
      const expected = rows()
        .filter((_, i) => USES[i]?.[3])
        .map((r) => r.id)
        .sort();
      const looked: string[] = [];
      for (const terminal of ['B-01', 'B-02', 'B-03']) {
        const found = await findTerminalUse(store.db, terminal, at('00:00:00.000'), at('23:59:59.999'), HELD);
        looked.push(...found.map((r) => r.id));
      }
      assert.deepEqual(looked.sort(), expected, 'the lookup of held use');
      assert.deepEqual(await findTerminalUse(store.db, 'B-01', at('00:00:00.000'), at('23:59:59.999'), []), []);

      const counted = await countPastCutoff(store.db, CUTOFF, HELD);
      assert.deepEqual([counted.held, counted.terminalUse], [expected.length, USES.length - expected.length]);
      await store.db.transaction().execute((tx) => deletePastCutoff(tx, CUTOFF, HELD));
      const kept = await store.db.selectFrom('cafe_terminal_use').select('id').execute();
      assert.deepEqual(kept.map((r) => r.id).sort(), expected, 'the purge keeps the held use');
    });
  });
}

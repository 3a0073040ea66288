// The operator's PGOPTIONS reach every connection of a PostgreSQL store, beside the schema's search path
// (before, a store with a schema replaced them with its search path and the operator's settings were lost).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { openStore } from '../../src/store/database.ts';
import { connectionOptions } from '../../src/store/pg-pool.ts';
import { scratchLocations, testDialects } from '../support/dialects.ts';

test('the options of a connection: the environment first, then the search path; neither, none', () => {
  assert.equal(connectionOptions('t_1', '-c statement_timeout=5000'), '-c statement_timeout=5000 -c search_path=t_1');
  assert.equal(connectionOptions('t_1', undefined), '-c search_path=t_1');
  assert.equal(connectionOptions(undefined, ' -c lock_timeout=100 '), '-c lock_timeout=100');
  assert.equal(connectionOptions(undefined, ''), undefined);
  assert.equal(connectionOptions(undefined, undefined), undefined);
});

if (testDialects().includes('postgres')) {
  const scratch = scratchLocations('shokai-pg-options-');

  test('a store with a schema keeps the operator’s PGOPTIONS and its own search path (postgres)', async () => {
    const loc = await scratch.fresh('postgres');
    const before = process.env.PGOPTIONS;
    process.env.PGOPTIONS = '-c statement_timeout=4321';
    try {
      const store = await openStore(loc.location);
      try {
        const shown = await sql<{ t: string; p: string }>`
          SELECT current_setting('statement_timeout') AS t, current_setting('search_path') AS p`.execute(store.db);
        assert.equal(shown.rows[0]?.t, '4321ms');
        assert.match(shown.rows[0]?.p ?? '', /^"?t_[0-9a-f]+"?$/);
      } finally {
        await store.close();
      }
    } finally {
      if (before === undefined) delete process.env.PGOPTIONS;
      else process.env.PGOPTIONS = before;
    }
  });
}

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { searchAuditLog } from '../../src/audit/audit-search.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { migrate, type Store, undoMigration } from '../../src/store/database.ts';
import { scratchLocations, testDialects } from '../support/dialects.ts';
import { storeWithUnit } from '../support/migration-store.ts';

// Migration 061: the indexes the audit log's search reads an organisation's and a person's entries by,
// newest first. Down drops them and the search answers the same (only slower); up makes them again.
const scratch = scratchLocations('shokai-audit-search-');
const NAMES = ['audit_actor_seq', 'audit_organisation_seq'];

async function indexes(store: Store): Promise<string[]> {
  const rows =
    store.dialect === 'postgres'
      ? await sql<{ name: string }>`SELECT indexname AS name FROM pg_indexes
          WHERE schemaname = current_schema() AND tablename = 'audit_entries'`.execute(store.db)
      : await sql<{ name: string }>`SELECT name FROM sqlite_master
          WHERE type = 'index' AND tbl_name = 'audit_entries'`.execute(store.db);
  return rows.rows
    .map((r) => r.name)
    .filter((n) => NAMES.includes(n))
    .sort();
}

for (const dialect of testDialects()) {
  describe(`the audit search indexes, migration 061 (${dialect})`, () => {
    test('made by up, dropped by down, made again; the search answers the same throughout', async () => {
      const { store, ctx } = await storeWithUnit(dialect, scratch);
      try {
        const search = async () =>
          (await run(ctx, searchAuditLog, SYSTEM_CALLER, { group: 'administration' })).items.map((e) => e.seq);
        assert.deepEqual(await indexes(store), NAMES);
        const before = await search();
        assert.ok(before.length >= 2, 'the organisation and its unit were recorded');
        await undoMigration(store, '061-audit-search-indexes');
        assert.deepEqual(await indexes(store), []);
        assert.deepEqual(await search(), before);
        assert.deepEqual(await migrate(store), ['061-audit-search-indexes']);
        assert.deepEqual(await indexes(store), NAMES);
      } finally {
        await store.close();
      }
    });
  });
}

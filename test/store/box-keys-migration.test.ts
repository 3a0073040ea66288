import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { migrate, undoMigration } from '../../src/store/database.ts';
import { testDialects } from '../support/dialects.ts';
import { hubHooks } from '../support/exchange.ts';

// Migration 049: every stored box names the custody key it is sealed to in a column beside it (what is
// left to re-seal is then one indexed query per kind). A store written before it gets the columns filled
// from its boxes, exactly as the code writes them; down takes them back.
const MIGRATION = '049-box-keys-and-reseal-declarations';

/** Each box column with its key column: [table, box, key]. */
const COLUMNS = [
  ['answers', 'sealed', 'sealed_key_id'],
  ['answers', 'sealed_for_provider', 'sealed_for_provider_key_id'],
  ['attachments', 'sealed_for_agency', 'sealed_for_agency_key_id'],
  ['attachments', 'sealed_for_provider', 'sealed_for_provider_key_id'],
  ['retention_records', 'archive', 'archive_key_id'],
  ['provision_notices', 'sealed', 'sealed_key_id'],
] as const;

for (const dialect of testDialects()) {
  describe(`the boxes' keys after migration 049 (${dialect})`, () => {
    const hub = hubHooks(dialect);

    /** Every key column's rows, and what each box says it is sealed to (a device box's recipient). */
    const keys = async () => {
      const out: Array<{ at: string; stored: string | null; box: string | null }> = [];
      for (const [table, box, key] of COLUMNS) {
        const rows = await sql<{ box: string | null; key: string | null }>`SELECT ${sql.ref(box)} AS box,
          ${sql.ref(key)} AS key FROM ${sql.table(table)} ORDER BY 1`.execute(hub.ctx.store.db);
        for (const r of rows.rows) {
          const parsed = r.box ? (JSON.parse(r.box) as { alg?: string; recipientKeyId?: string }) : {};
          const recipient = parsed.alg === 'ECDH-P256-HKDF-SHA256-A256GCM' ? (parsed.recipientKeyId ?? null) : null;
          out.push({ at: `${table}.${key}`, stored: r.key, box: recipient });
        }
      }
      return out;
    };

    test('the columns are filled from the boxes as the code writes them; down drops them', async () => {
      const written = await keys();
      assert.ok(written.filter((k) => k.stored !== null).length >= 2, 'the demo has boxes sealed to devices');
      for (const k of written) assert.equal(k.stored, k.box, k.at);

      await undoMigration(hub.ctx.store, MIGRATION);
      const gone = await sql`SELECT sealed_key_id FROM answers`.execute(hub.ctx.store.db).then(
        () => false,
        () => true,
      );
      assert.ok(gone, 'down drops the column');
      assert.deepEqual(await migrate(hub.ctx.store), [MIGRATION]);
      assert.deepEqual(await keys(), written, 'filled from the boxes as the code wrote them');
    });
  });
}

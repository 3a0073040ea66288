import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { migrate, undoMigration } from '../../src/store/database.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks } from '../support/exchange.ts';

// Migration 084: a request waiting on its clarification when the store is upgraded takes, as the instant its
// clock stopped, its latest clarification message's time (or, with none left, its last change); requests not
// waiting take none. Run on a store written before the column existed.
for (const dialect of testDialects()) {
  describe(`the clarification's instant after migration 084 (${dialect})`, () => {
    const { hub } = hubWithHooks(dialect, []);

    test('a waiting request takes its latest question; one without messages its last change; others none', async () => {
      const db = hub.ctx.store.db;
      const [a, b, c] = hub.demo.requests;
      assert.ok(a && b && c, 'three demo requests');
      await undoMigration(hub.ctx.store, '084-clarification-asked-at');
      const asked = ['2026-11-20T01:00:00.000Z', '2026-11-21T02:30:00.000Z'];
      for (const [n, at] of asked.entries()) {
        await sql`INSERT INTO messages (id, request_id, author_user_id, side, purpose, body, created_at)
          VALUES (${`msg_q_${n}`}, ${a.id}, ${null}, 'provider', 'clarification', 'どの投稿ですか', ${at})`.execute(db);
      }
      const changed = '2026-11-22T03:00:00.000Z';
      await sql`UPDATE requests SET state = 'clarification_requested' WHERE id = ${a.id}`.execute(db);
      await sql`UPDATE requests SET state = 'clarification_requested', updated_at = ${changed}
        WHERE id = ${b.id}`.execute(db);
      await sql`DELETE FROM messages WHERE request_id = ${b.id} AND purpose = 'clarification'`.execute(db);

      assert.deepEqual(await migrate(hub.ctx.store), ['084-clarification-asked-at']);
      const rows = await sql<{ id: string; clarification_asked_at: string | null }>`
        SELECT id, clarification_asked_at FROM requests WHERE id IN (${a.id}, ${b.id}, ${c.id})`.execute(db);
      const by = new Map(rows.rows.map((r) => [r.id, r.clarification_asked_at]));
      assert.equal(by.get(a.id), asked[1], 'the latest question');
      assert.equal(by.get(b.id), changed, 'no question left: its last change');
      assert.equal(by.get(c.id) ?? null, null, 'not waiting: none');
    });
  });
}

import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { formatDateTime } from '../../src/domain/time.ts';
import { migrate, undoMigration } from '../../src/store/database.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks } from '../support/exchange.ts';
import { accessLogPreservation, answer, issue, transition } from '../support/flow.ts';
import type { RequestDetail } from '../support/replies.ts';

// Migration 043: an extended preservation wrote one message with both languages and the new end as a raw
// UTC instant; it is now a notice (`preservation_extended`, `until`) rendered per reader, with the reason
// as the body. A store written before it still shows every message after the upgrade, and going down
// writes the strings back exactly as the old code wrote them.
const MIGRATION = '043-preservation-extension-notices';
const OLD = (until: string, reason: string) =>
  `保全期間を ${until} まで延長します（刑事訴訟法第197条第4項）。理由: ${reason}\n` +
  `The preservation is extended until ${until} (CCP art. 197(4)). Reason: ${reason}`;
const REASON = '差押許可状を請求中のため';
const TWO_LINES = '差押許可状を請求中。\n請求は来週の予定。';
const EARLIER = '2026-12-20T03:00:00.000Z';
// Not what the code wrote: the reasons differ between the languages, or a person's own words.
const UNLIKE = OLD(EARLIER, '理由A').replace(/Reason: 理由A$/, 'Reason: 理由B');
const OWN_WORDS = '保全期間の延長を検討中です。';

for (const dialect of testDialects()) {
  describe(`an extension's notice after migration 043 (${dialect})`, () => {
    const {
      hub,
      people: [sato, tanaka],
      orgs,
    } = hubWithHooks(dialect, ['sato', 'tanaka']);
    let id: string;
    before(async () => {
      const pres = await issue(sato, tanaka, accessLogPreservation(orgs.isp, '令和8年 第431号', '203.0.113.43'));
      id = pres.id;
      const preservedUntil = new Date(hub.ctx.clock().getTime() + 30 * 86400_000).toISOString();
      await answer(await hub.as('isp.legal'), id, [{ targetIndex: 0, result: 'found', preservedUntil }]);
      await transition(tanaka, id, { action: 'extend_preservation', reason: REASON });
    });

    const notes = async () =>
      (
        await sql<{ body: string; notice: string | null; purpose: string }>`SELECT body, notice, purpose FROM messages
          WHERE request_id = ${id} ORDER BY created_at, id`.execute(hub.ctx.store.db)
      ).rows;

    test('old rows are a notice and their reason after the upgrade; down writes the old strings back', async () => {
      const before = (await tanaka.call<RequestDetail>('GET', `/v1/requests/${id}`)).body;
      const extension = before.messages.find((m) => m.notice?.code === 'preservation_extended');
      const until = before.preservationUntil ?? '';
      assert.deepEqual([extension?.notice?.until, extension?.body], [until, REASON]);

      // As a store before the change: the extension is the old string; older rows beside it.
      await undoMigration(hub.ctx.store, MIGRATION);
      assert.deepEqual(
        await notes(),
        [{ body: OLD(until, REASON), notice: null, purpose: 'note' }],
        'the string the old code wrote, as a note',
      );
      const at = new Date(Date.parse(extension?.createdAt ?? '') + 1000).toISOString();
      for (const [n, body] of [
        [1, OLD(EARLIER, TWO_LINES)],
        [2, UNLIKE],
        [3, OWN_WORDS],
      ] as const) {
        await sql`INSERT INTO messages (id, request_id, author_user_id, side, purpose, body, created_at)
          VALUES (${`msg_old_${n}`}, ${id}, ${null}, 'agency', 'note', ${body}, ${at})`.execute(hub.ctx.store.db);
      }

      assert.deepEqual(await migrate(hub.ctx.store), [MIGRATION]);
      const after = (await tanaka.call<RequestDetail>('GET', `/v1/requests/${id}`)).body.messages;
      const byId = new Map(after.map((m) => [m.id, m]));
      const upgraded = byId.get(extension?.id ?? '');
      assert.deepEqual(upgraded?.notice, extension?.notice, 'as the new code writes it');
      assert.equal(upgraded?.body, REASON);
      assert.equal(upgraded?.purpose, 'extension', 'headed as an extension, not as a withdrawal');
      const old = byId.get('msg_old_1');
      assert.deepEqual(old?.notice, {
        code: 'preservation_extended',
        until: EARLIER,
        text: {
          ja: `保全期間を${formatDateTime(new Date(EARLIER), 'ja', 'Asia/Tokyo')}まで延長します（刑事訴訟法第197条第4項）。`,
          en:
            `The preservation is extended until ${formatDateTime(new Date(EARLIER), 'en', 'Asia/Tokyo')} ` +
            `(Code of Criminal Procedure art. 197(4)).`,
        },
      });
      assert.equal(old?.body, TWO_LINES, 'a reason of two lines, whole');
      // What does not match the old string exactly is not a notice: it stays as written.
      for (const [n, body] of [
        [2, UNLIKE],
        [3, OWN_WORDS],
      ] as const) {
        const m = byId.get(`msg_old_${n}`);
        assert.deepEqual([m?.body, m?.notice, m?.purpose], [body, null, 'note']);
      }

      // And down again gives back exactly the rows as they were.
      await undoMigration(hub.ctx.store, MIGRATION);
      assert.deepEqual(
        (await notes()).map((r) => r.body).sort(),
        [OLD(until, REASON), OLD(EARLIER, TWO_LINES), UNLIKE, OWN_WORDS].sort(),
      );
      assert.ok((await notes()).every((r) => r.notice === null && r.purpose === 'note'));
      assert.deepEqual(await migrate(hub.ctx.store), [MIGRATION]);
    });
  });
}

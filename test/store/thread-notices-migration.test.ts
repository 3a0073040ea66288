import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { migrate, undoMigration } from '../../src/store/database.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks } from '../support/exchange.ts';
import type { RequestDetail } from '../support/replies.ts';

// Migration 041: the hearing's notices in a thread were one string with both languages; they are now a
// code rendered per reader. A store written before it (the strings, and a provider's own words) still
// shows every message after the upgrade, and going down writes the strings back as they were.
const LETTER = '意見照会書を発信者に送付しました。 / The hearing letter was sent to the subscriber.';
const NOT_HEARD =
  '発信者の意見を聴くことができませんでした（照会書が宛先不明等で返送された）。 / ' +
  "The subscriber's opinion could not be asked (the hearing letter was returned undelivered).";
const OWN_WORDS = '発信者とは電話で話しました。 / We spoke to the subscriber by phone.';

for (const dialect of testDialects()) {
  describe(`the thread's notices after migration 041 (${dialect})`, () => {
    const {
      hub,
      people: [lawyer],
    } = hubWithHooks(dialect, ['lawyer']);
    let id: string;
    before(() => {
      const r = hub.demo.requests.find((x) => x.kind === 'civil_disclosure');
      assert.ok(r, 'the demo has a civil disclosure with its hearing letter sent');
      id = r.id;
    });

    const bodies = async () =>
      (
        await sql<{ body: string }>`SELECT body FROM messages WHERE request_id = ${id} ORDER BY created_at, id`.execute(
          hub.ctx.store.db,
        )
      ).rows.map((r) => r.body);

    test('old rows are shown in each language after the upgrade; down writes the old strings back', async () => {
      const before = (await lawyer.call<RequestDetail>('GET', `/v1/requests/${id}`)).body.messages;
      assert.deepEqual(
        before.map((m) => m.notice?.code),
        ['hearing_letter_sent'],
      );

      // As a store before the change: the letter's notice is the old string; two older rows beside it.
      await undoMigration(hub.ctx.store, '041-thread-notices');
      assert.deepEqual(await bodies(), [LETTER], 'down writes the string the old code wrote');
      const at = new Date(Date.parse(before[0]?.createdAt ?? '') + 1000).toISOString();
      for (const [n, purpose, body] of [
        [1, 'opinion', NOT_HEARD],
        [2, 'opinion_request', OWN_WORDS],
      ] as const) {
        await sql`INSERT INTO messages (id, request_id, author_user_id, side, purpose, body, created_at)
          VALUES (${`msg_old_${n}`}, ${id}, ${null}, 'provider', ${purpose}, ${body}, ${at})`.execute(hub.ctx.store.db);
      }

      assert.deepEqual(await migrate(hub.ctx.store), ['041-thread-notices']);
      const after = (await lawyer.call<RequestDetail>('GET', `/v1/requests/${id}`)).body.messages;
      const byId = new Map(after.map((m) => [m.id, m]));
      assert.deepEqual(byId.get(before[0]?.id ?? '')?.notice, {
        code: 'hearing_letter_sent',
        text: { ja: '意見照会書を発信者に送付しました。', en: 'The hearing letter was sent to the subscriber.' },
      });
      const old = byId.get('msg_old_1');
      assert.deepEqual(old?.notice, {
        code: 'opinion_not_heard',
        reason: 'returned_undelivered',
        text: {
          ja: '発信者の意見を聴くことができませんでした（照会書が宛先不明等で返送された）。',
          en: "The subscriber's opinion could not be asked (the hearing letter was returned undelivered).",
        },
      });
      assert.equal(old?.body, '');
      // What a person wrote is not a notice, whatever it looks like: it stays as written.
      assert.deepEqual([byId.get('msg_old_2')?.body, byId.get('msg_old_2')?.notice], [OWN_WORDS, null]);

      // And down again gives back exactly the rows as they were.
      await undoMigration(hub.ctx.store, '041-thread-notices');
      assert.deepEqual((await bodies()).sort(), [LETTER, NOT_HEARD, OWN_WORDS].sort());
      assert.deepEqual(await migrate(hub.ctx.store), ['041-thread-notices']);
    });
  });
}

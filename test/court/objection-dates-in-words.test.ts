// The dates a judge records on an issued disclosure order (the objection suit filed, its judgment final,
// the order final) are refused in words when in the future or too early: the message names the date as
// people call it, in both languages, never the field (`filedAt`, `decidedAt`, `finalAt`), which stays in
// the details for programs.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { testDialects } from '../support/dialects.ts';
import { finalOf, orderHubHooks, orderPath, suitFiled } from '../support/disclosure-order.ts';
import type { ApiError } from '../support/replies.ts';

const HOUR = 3_600_000;
const RAW = ['filedAt', 'decidedAt', 'finalAt'];

for (const dialect of testDialects()) {
  describe(`dates of an order's standing, refused in words (${dialect})`, () => {
    let now = Date.now();
    const { judge, at, issued } = orderHubHooks(dialect, () => new Date(now));

    /** The refusal of `body` posted as record `record` on order `id`: 400, its field, both messages. */
    async function refused(id: string, record: string, body: Record<string, unknown>, field: string) {
      const r = await judge.call<ApiError>('POST', `${orderPath(id)}/${record}`, body);
      assert.equal(r.status, 400, JSON.stringify(r.body));
      assert.equal(r.body.error.details?.field, field);
      const { ja, en } = r.body.error.message;
      for (const text of [ja, en]) {
        for (const raw of RAW) assert.ok(!text.includes(raw), `names ${raw}: ${text}`);
      }
      return { ja, en };
    }

    test('the suit filed, its judgment final, the order final: each named in words', async () => {
      const order = await issued('8801');
      now += 2 * HOUR;
      const suit = { by: 'provider', caseNumber: '令和8年(ワ)第2001号' };

      const future = await refused(order.id, 'objection', { ...suit, filedAt: at(HOUR) }, 'filedAt');
      assert.match(future.ja, /^異議の訴えの提起日時（.+）が未来の日時です$/);
      assert.match(future.en, /^the date the objection suit was filed \(.+\) is in the future$/);
      const early = await refused(order.id, 'objection', { ...suit, filedAt: at(-3 * HOUR) }, 'filedAt');
      assert.match(early.ja, /^異議の訴えの提起日時（.+）が発令日時（.+）より前です$/);
      assert.match(early.en, /^the date the objection suit was filed \(.+\) is before the order was made \(.+\)$/);

      const final = await refused(order.id, 'final', finalOf(order, at()), 'finalAt');
      assert.match(
        final.ja,
        /^開示命令の確定日時（.+）が各当事者が告知を受けた日から数えた異議の訴えの期間（1か月）の満了（.+）より前です$/,
      );
      assert.match(
        final.en,
        /^the date the order became final \(.+\) is before the end of the month for an objection suit/,
      );

      await suitFiled(judge, order.id, { ...suit, filedAt: at(-HOUR) });
      const outcome = { outcome: 'upheld', reason: '原決定を認可する。' };
      const decided = await refused(order.id, 'objection-outcome', { ...outcome, decidedAt: at(HOUR) }, 'decidedAt');
      assert.match(decided.ja, /^異議の訴えの判決の確定日時（.+）が未来の日時です$/);
      assert.match(decided.en, /^the date the judgment on the objection suit became final \(.+\) is in the future$/);
      const before = await refused(
        order.id,
        'objection-outcome',
        { ...outcome, decidedAt: at(-90 * 60_000) },
        'decidedAt',
      );
      assert.match(before.ja, /^異議の訴えの判決の確定日時（.+）が異議の訴えの提起（.+）より前です$/);
      assert.match(before.en, /is before the objection suit was filed \(.+\)$/);
    });
  });
}

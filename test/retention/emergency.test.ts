import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { runRetention, setRetentionRule } from '../../src/exchange/retention.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { testDialects } from '../support/dialects.ts';
import { answeredAfterCallBack } from '../support/emergencies.ts';
import { hubWithHooks } from '../support/exchange.ts';
import { issue, subscriberFound, suicideNotice, transition } from '../support/flow.ts';
import type { ApiError } from '../support/replies.ts';

// A purged emergency (docs/decisions.md, "Retention empties the request's own text"): its statement goes
// with the facts and the targets, its basis and the four conditions stay; it still reads, and the paperwork
// that would repeat its targets and text is refused saying why, not as a draft with nothing in it.

const DAY = 86_400_000;

for (const dialect of testDialects()) {
  describe(`retention of an emergency (${dialect})`, () => {
    let offset = 0;
    const { hub, orgs } = hubWithHooks(dialect, [], { clock: () => new Date(Date.now() + offset) });

    test('the statement goes, the conditions stay, it reads, and its paperwork is refused clearly', async () => {
      const sato = await hub.as('sato');
      const em = await issue(
        sato,
        await hub.as('tanaka'),
        suicideNotice(orgs.board, [{ type: 'url', url: 'https://sakura-board.example/thread/9901#res-3' }], {
          statement: '今夜9901番で決行すると書き込まれた。',
        }),
      );
      const ans = await answeredAfterCallBack(await hub.as('board.legal'), em.id, '折り返し済み', [
        subscriberFound({ name: '緊急 九郎' }),
      ]);
      assert.equal(ans.state, 'answered', JSON.stringify(ans));
      await transition(sato, em.id, { action: 'close' });
      await run(hub.ctx, setRetentionRule, SYSTEM_CALLER, { kind: 'emergency', days: 1, mode: 'purge' });
      offset += 2 * DAY;
      const r = await runRetention(hub.ctx, SYSTEM_CALLER);
      assert.ok(r.applied.some((a) => a.requestId === em.id && a.mode === 'purge'));

      const row = await hub.ctx.store.db
        .selectFrom('requests')
        .select('content')
        .where('id', '=', em.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.content.includes('9901'), false, row.content);

      const again = await hub.as('sato');
      type Emergency = { basis: string; statement: string; conditions?: Record<string, boolean> };
      const d = await again.call<{ content: { emergency: Emergency } }>('GET', `/v1/requests/${em.id}`);
      assert.equal(d.status, 200, JSON.stringify(d.body));
      const e = d.body.content.emergency;
      assert.deepEqual([e.basis, e.statement], ['suicide_notice', '']);
      assert.deepEqual(Object.values(e.conditions ?? {}), [true, true, true, true], 'the four conditions, as affirmed');

      const paperwork = await again.call<ApiError>('POST', `/v1/requests/${em.id}/paperwork`);
      assert.equal(paperwork.status, 410, JSON.stringify(paperwork.body));
      assert.match(paperwork.body.error.message.en, /retention removed this emergency request's targets and text/);
      assert.match(paperwork.body.error.message.ja, /保存期間を過ぎて対象と記述が消去された/);
    });
  });
}

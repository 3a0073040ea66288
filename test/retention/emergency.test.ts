import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createApiClient } from '../../src/client/client.ts';
import { openArchiveOnDevice } from '../../src/client/custody.ts';
import { importDemoDevice } from '../../src/demo/custody.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { DAY_MS } from '../../src/domain/time.ts';
import { runRetention, setRetentionRule } from '../../src/exchange/retention.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { testDialects } from '../support/dialects.ts';
import { answeredAfterCallBack } from '../support/emergencies.ts';
import { demoDevice, hubWithHooks } from '../support/exchange.ts';
import { issue, subscriberFound, suicideNotice, transition } from '../support/flow.ts';
import type { ApiError } from '../support/replies.ts';

// A purged emergency (docs/decisions.md, "Retention empties the request's own text"): its statement goes
// with the facts and the targets, its basis and the four conditions stay; it still reads, and the paperwork
// that would repeat its targets and text is refused saying why, not as a draft with nothing in it.

/** What the provider's person wrote of the call-back: it names the caller's family. */
const NOTE = '警視庁の当直に折り返し確認済み。対象者の父親が通報者とのこと';

interface SecondCheck {
  required: boolean;
  note: string | null;
  confirmedAt: string | null;
}

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
      const ans = await answeredAfterCallBack(await hub.as('board.legal'), em.id, NOTE, [
        subscriberFound({ name: '緊急 九郎' }),
      ]);
      assert.equal(ans.state, 'answered', JSON.stringify(ans));
      await transition(sato, em.id, { action: 'close' });
      await run(hub.ctx, setRetentionRule, SYSTEM_CALLER, { kind: 'emergency', days: 1, mode: 'purge' });
      offset += 2 * DAY_MS;
      const r = await runRetention(hub.ctx, SYSTEM_CALLER);
      assert.ok(r.applied.some((a) => a.requestId === em.id && a.mode === 'purge'));

      const row = await hub.ctx.store.db
        .selectFrom('requests')
        .select(['content', 'second_check'])
        .where('id', '=', em.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.content.includes('9901'), false, row.content);
      assert.equal(row.second_check?.includes('父親'), false, row.second_check ?? '');

      const again = await hub.as('sato');
      type Emergency = { basis: string; statement: string; conditions?: Record<string, boolean> };
      const d = await again.call<{ content: { emergency: Emergency } }>('GET', `/v1/requests/${em.id}`);
      assert.equal(d.status, 200, JSON.stringify(d.body));
      const e = d.body.content.emergency;
      assert.deepEqual([e.basis, e.statement], ['suicide_notice', '']);
      assert.deepEqual(Object.values(e.conditions ?? {}), [true, true, true, true], 'the four conditions, as affirmed');
      // The call-back's record stays (asked, confirmed, when); the note of what was said on the call goes.
      const check = (await again.call<{ secondCheck: SecondCheck }>('GET', `/v1/requests/${em.id}`)).body.secondCheck;
      assert.deepEqual([check.required, check.note, typeof check.confirmedAt], [true, '', 'string']);

      const paperwork = await again.call<ApiError>('POST', `/v1/requests/${em.id}/paperwork`);
      assert.equal(paperwork.status, 410, JSON.stringify(paperwork.body));
      assert.match(paperwork.body.error.message.en, /retention removed this emergency request's targets and text/);
      assert.match(paperwork.body.error.message.ja, /保存期間を過ぎて対象と記述が消去された/);
    });

    test('archived, the call-back note goes into the unit’s box', async () => {
      const sato = await hub.as('sato');
      const em = await issue(
        sato,
        await hub.as('tanaka'),
        suicideNotice(orgs.board, [{ type: 'url', url: 'https://sakura-board.example/thread/9902#res-1' }]),
      );
      await answeredAfterCallBack(await hub.as('board.legal'), em.id, NOTE, [subscriberFound({ name: '緊急 十郎' })]);
      await transition(sato, em.id, { action: 'close' });
      await run(hub.ctx, setRetentionRule, SYSTEM_CALLER, { kind: 'emergency', days: 1, mode: 'archive' });
      offset += 2 * DAY_MS;
      const r = await runRetention(hub.ctx, SYSTEM_CALLER);
      assert.ok(r.applied.some((a) => a.requestId === em.id && a.mode === 'archive'));
      const again = await hub.as('sato');
      const check = (await again.call<{ secondCheck: SecondCheck }>('GET', `/v1/requests/${em.id}`)).body.secondCheck;
      assert.equal(check.note, '');
      const device = demoDevice(hub, 'sato') ?? assert.fail('a demo device of sato');
      const api = createApiClient({ baseUrl: hub.url, token: again.token });
      const box = await openArchiveOnDevice(api, await importDemoDevice(device), em.id);
      assert.equal(box.secondCheckNote, NOTE);
    });
  });
}

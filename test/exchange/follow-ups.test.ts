// What must follow an answer (issue 15), end to end: the paperwork after an emergency — due in three
// days, overdue, escalated a day later, shown in the lists the unit works from, drafted in one action,
// done once issued — and a preservation's end: reminded a week ahead, extended once by the unit head
// with a reason the ISP reads in the thread, never after it ended.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatDateTime } from '../../src/domain/time.ts';
import { testDialects } from '../support/dialects.ts';
import { answeredAfterCallBack } from '../support/emergencies.ts';
import { hubWithHooks } from '../support/exchange.ts';
import { answer, issue, submitApprove, subscriberFound, suicideNotice, transition } from '../support/flow.ts';
import type { ApiError, List, RequestDetail, RequestSummary } from '../support/replies.ts';

const DAY = 86400_000;

for (const dialect of testDialects()) {
  describe(`follow-ups after an answer (${dialect})`, () => {
    let offset = 0;
    const now = () => new Date(Date.now() + offset);
    const { hub, orgs } = hubWithHooks(dialect, [], { clock: now });

    /** Issued by the unit, its people signed in at the hub's now (the clock moves days in these tests). */
    const issued = async (content: object) => issue(await hub.as('sato'), await hub.as('tanaka'), content);
    /** A preservation of the access records of `address`, kept `days` days, for case number `n`. */
    const preservation = (n: string, address: string, days: number) => ({
      kind: 'preservation',
      providerOrganisationId: orgs.isp,
      caseReference: `令和8年 第${n}号`,
      offence: '脅迫',
      facts: '脅迫の書込み。',
      necessity: '接続記録の消去を防ぐため。',
      targets: [{ type: 'ip', address, at: '2026-11-20T01:30:12+09:00' }],
      categories: ['access_log'],
      preservation: { days },
    });
    const listed = async (login: string, id: string): Promise<RequestSummary | undefined> =>
      (await (await hub.as(login)).call<List<RequestSummary>>('GET', '/v1/requests?limit=200')).body.items.find(
        (r) => r.id === id,
      );

    test('the paperwork after an emergency: listed, late, escalated, drafted in one action, done', async () => {
      const em = await issued(
        suicideNotice(orgs.board, [{ type: 'url', url: 'https://sakura-board.example/thread/8800#res-3' }], {
          categories: ['subscriber', 'access_log'],
          statement: '今夜と時期が示されている。',
        }),
      );
      const board = await hub.as('board.legal');
      const ans = await answeredAfterCallBack(board, em.id, '折り返し済み', [subscriberFound({ name: '高橋 一郎' })]);
      assert.equal(ans.state, 'answered', JSON.stringify(ans));
      assert.equal((await listed('tanaka', em.id))?.followUp?.status, 'on_time', 'the list carries the follow-up');

      offset += 3 * DAY + 3600_000;
      assert.equal((await listed('tanaka', em.id))?.followUp?.status, 'overdue');
      offset += DAY;
      assert.equal((await listed('tanaka', em.id))?.followUp?.status, 'escalated', 'a day late it escalates');

      // Only the issuing unit drafts it, and only after the answer.
      const other = await (await hub.as('osaka')).call<ApiError>('POST', `/v1/requests/${em.id}/paperwork`);
      assert.equal(other.status, 404);
      const draft = await (await hub.as('sato')).call<RequestDetail>('POST', `/v1/requests/${em.id}/paperwork`);
      assert.equal(draft.status, 201, JSON.stringify(draft.body));
      assert.equal(draft.body.kind, 'inquiry');
      assert.equal(draft.body.state, 'draft');
      assert.equal(draft.body.caseId, em.caseId);
      assert.equal(draft.body.provider?.id, orgs.board);
      assert.deepEqual(draft.body.content?.targets, em.content?.targets);
      assert.match(draft.body.content?.facts ?? '', new RegExp(em.reference));
      assert.equal(draft.body.content?.offence, '（保護事案）');
      // A draft is not yet the paperwork: still escalated until it is issued.
      assert.equal((await listed('tanaka', em.id))?.followUp?.status, 'escalated');
      const sato = await hub.as('sato');
      await submitApprove(sato, await hub.as('tanaka'), draft.body.id);
      const done = await sato.call<RequestDetail>('GET', `/v1/requests/${em.id}`);
      assert.equal(done.body.followUp?.status, 'none');
      assert.equal(done.body.followUp?.doneBy?.id, draft.body.id);
      const again = await sato.call<ApiError>('POST', `/v1/requests/${em.id}/paperwork`);
      assert.equal(again.status, 409);
      assert.match(again.body.error.message.en, new RegExp(draft.body.reference));
    });

    test('a preservation ends: reminded a week ahead, extended once with the reason the ISP reads', async () => {
      const pres = await issued(preservation('321', '203.0.113.77', 30));
      const isp = await hub.as('isp.legal');
      const preservedUntil = new Date(now().getTime() + 30 * DAY).toISOString();
      const ans = await answer(isp, pres.id, [{ targetIndex: 0, result: 'found', preservedUntil }]);
      assert.equal(ans.state, 'answered', JSON.stringify(ans));
      assert.equal(ans.followUp?.kind, 'preservation_end');
      assert.equal(ans.followUp?.status, 'on_time');
      offset += 24 * DAY;
      assert.equal((await listed('tanaka', pres.id))?.followUp?.status, 'due_soon', 'a week ahead');
      const tanaka = await hub.as('tanaka');
      const noReason = await tanaka.call<ApiError>('POST', `/v1/requests/${pres.id}/transitions`, {
        action: 'extend_preservation',
      });
      assert.equal(noReason.status, 400);
      const ext = await transition(tanaka, pres.id, {
        action: 'extend_preservation',
        reason: '差押許可状を請求中のため',
      });
      assert.equal(ext.preservationExtended, true);
      assert.equal(ext.followUp?.status, 'on_time', 'the new end is far again');
      const seen = await (await hub.as('isp.legal')).call<RequestDetail>('GET', `/v1/requests/${pres.id}`);
      const told = seen.body.messages.find((m) => m.notice?.code === 'preservation_extended');
      assert.ok(told, 'the ISP is told of the extension in the thread');
      // The new end is the notice's parameter; its text is one language each, the end in words (Japan
      // time with its offset, the era year in Japanese) with the article; the reason is the body, as written.
      const until = seen.body.preservationUntil ?? '';
      assert.equal(until, ext.preservationUntil);
      assert.equal(told.notice?.until, until);
      assert.equal(told.body, '差押許可状を請求中のため', 'the reason, as the unit head wrote it');
      assert.equal(told.purpose, 'extension', 'headed as an extension, not as a withdrawal');
      assert.deepEqual(told.notice?.text, {
        ja: `保全期間を${formatDateTime(new Date(until), 'ja', 'Asia/Tokyo')}まで延長します（刑事訴訟法第197条第4項）。`,
        en:
          `The preservation is extended until ${formatDateTime(new Date(until), 'en', 'Asia/Tokyo')} ` +
          `(Code of Criminal Procedure art. 197(4)).`,
      });
      assert.match(told.notice?.text.ja ?? '', /令和\d+年（\d{4}年）\d+月\d+日 \d\d:\d\d:\d\d \+09:00まで/);
      assert.doesNotMatch(told.notice?.text.ja ?? '', /[A-Za-z]/, 'the Japanese text holds no English');
      assert.doesNotMatch(told.notice?.text.en ?? '', /[\u3000-\u9fff\uff00-\uffef]/, 'nor the English any Japanese');
      // The oversight body sees that a note was written, and when: neither the notice nor the reason.
      const audited = await (await hub.as('auditor')).call<RequestDetail>('GET', `/v1/requests/${pres.id}`);
      const meta = audited.body.messages.find((m) => m.id === told.id);
      assert.deepEqual([meta?.body, meta?.notice], ['', null]);

      // Another preservation that ran out cannot be extended.
      const late = await issued(preservation('322', '203.0.113.78', 3));
      // Answered by the ISP signed in again: its session from before the clock moved has ended.
      const lateUntil = new Date(now().getTime() + 3 * DAY).toISOString();
      await answer(await hub.as('isp.legal'), late.id, [
        { targetIndex: 0, result: 'found', preservedUntil: lateUntil },
      ]);
      offset += 4 * DAY;
      const tooLate = await (await hub.as('tanaka')).call<ApiError>('POST', `/v1/requests/${late.id}/transitions`, {
        action: 'extend_preservation',
        reason: '遅すぎた延長',
      });
      assert.equal(tooLate.status, 409, JSON.stringify(tooLate.body));
      assert.match(tooLate.body.error.message.en, /preservation period has already ended/);
    });
  });
}

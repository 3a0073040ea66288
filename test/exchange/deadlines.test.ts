import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { testDialects } from '../support/dialects.ts';
import { answeredAfterCallBack } from '../support/emergencies.ts';
import { hubWithHooks, orgId } from '../support/exchange.ts';
import { boardPost, cafeRecords, issue, threatToLife, transition } from '../support/flow.ts';
import type { RequestDetail } from '../support/replies.ts';

const DAY = 86400_000;

// Deadlines are computed from the (injectable) clock, never set by hand.
for (const dialect of testDialects()) {
  describe(`deadlines follow the clock (${dialect})`, () => {
    let now = new Date('2026-11-25T00:00:00.000Z');
    const {
      hub,
      people: [sato, tanaka, board],
    } = hubWithHooks(dialect, ['sato', 'tanaka', 'board.legal'], { clock: () => now });

    test('an emergency turns due soon, overdue, then escalated as time passes', async () => {
      const boardId = await orgId(hub, 'Sakura Board K.K.');
      const issued = await issue(sato, tanaka, threatToLife(boardId, 'E-1', boardPost('t/1#1')));
      const deadline = Date.parse(issued.deadlineAt ?? '');
      assert.equal(issued.deadline.status, 'on_time');
      const status = async () =>
        (await board.call<RequestDetail>('GET', `/v1/requests/${issued.id}`)).body.deadline.status;
      now = new Date(deadline - 30 * 60_000);
      assert.equal(await status(), 'due_soon');
      now = new Date(deadline + 60_000);
      assert.equal(await status(), 'overdue');
      now = new Date(deadline + 3 * 3600_000);
      assert.equal(await status(), 'escalated');
      // An answered request has no running deadline (after the call-back a new credential asks for).
      await answeredAfterCallBack(board, issued.id, '折り返し確認済み', [{ targetIndex: 0, result: 'no_data' }]);
      assert.equal(await status(), 'none');
    });
  });
}

// The walk of the demo: a café asked the police what a terminal's number meant, and its deadline ran on while
// it waited. The clock now stands still while a request waits on its clarification, for every kind.
for (const dialect of testDialects()) {
  describe(`a clarification stops the deadline (${dialect})`, () => {
    let now = new Date('2026-11-25T00:00:00.000Z');
    const { hub } = hubWithHooks(dialect, [], { clock: () => now });
    /** Signed in at the hub's now: the clock moves days in this test. */
    const as = (login: string) => hub.as(login);

    test('paused while it waits, pushed back by the wait once clarified', async () => {
      const cafeId = await orgId(hub, 'Manga Cafe Shinjuku');
      const terminal = {
        type: 'terminal',
        terminal: 'PC-12',
        from: '2026-11-20T10:00+09:00',
        to: '2026-11-20T12:00+09:00',
      };
      const issued = await issue(
        await as('sato'),
        await as('tanaka'),
        cafeRecords(cafeId, { caseReference: 'CW-1', targets: [terminal] }),
      );
      const deadline = Date.parse(issued.deadlineAt ?? '');
      await transition(await as('cafe.staff'), issued.id, { action: 'start_review' });
      now = new Date(now.getTime() + 2 * DAY);
      const askedAt = now.toISOString();
      const asked = await transition(await as('cafe.staff'), issued.id, {
        action: 'request_clarification',
        message: 'A-12 形式ですか？',
      });
      assert.equal(asked.clarificationAskedAt, askedAt);
      now = new Date(deadline + 3 * DAY);
      const cafe = await as('cafe.staff');
      const waiting = (await cafe.call<RequestDetail>('GET', `/v1/requests/${issued.id}`)).body;
      assert.equal(waiting.deadline.status, 'paused');
      assert.equal(waiting.deadline.remainingMs, deadline - Date.parse(askedAt));
      const list = (await cafe.call<{ items: RequestDetail[] }>('GET', '/v1/requests')).body.items;
      assert.equal(list.find((r) => r.id === issued.id)?.deadline.status, 'paused');
      const clarified = await transition(await as('sato'), issued.id, {
        action: 'clarify',
        message: 'はい、A-12 です',
      });
      assert.equal(clarified.clarificationAskedAt, null);
      assert.equal(Date.parse(clarified.deadlineAt ?? ''), deadline + (now.getTime() - Date.parse(askedAt)));
      assert.equal(clarified.deadline.status, 'on_time');
    });
  });
}

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { testDialects } from '../support/dialects.ts';
import { answeredAfterCallBack } from '../support/emergencies.ts';
import { hubWithHooks, orgId } from '../support/exchange.ts';
import { boardPost, issue, threatToLife } from '../support/flow.ts';
import type { RequestDetail } from '../support/replies.ts';

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

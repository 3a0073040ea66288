// Withdrawing a hearing and issuing the order at the same moment, on PostgreSQL (transactions side by side, READ
// COMMITTED; SQLite writes one transaction at a time and cannot interleave them). A withdrawal of the provider's
// only hearing has run and its transaction is still open when the judge issues the order: the issue waits for it
// (both hold the application's row) and then reads the record withdrawn, so it is refused. Without the hold the
// issue read the record standing, and its move from `filed` still matched after the withdrawal committed: both
// succeeded, an order issued on a record withdrawn.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Schemas } from '#shokai/client';
import { principalOfLogin } from '../../src/auth/auth-service.ts';
import { withdrawHearing } from '../../src/court/disclosure-order-hearing.ts';
import { inTransaction } from '../../src/kernel/unit-of-work.ts';
import { testDialects } from '../support/dialects.ts';
import { anOrder, fileOrderApplication, orderPath, recordHeard } from '../support/disclosure-order.ts';
import { hubWithHooks, passkeyAssertion, previewAndSign } from '../support/exchange.ts';
import type { ApiError } from '../support/replies.ts';

type Application = Schemas['DisclosureOrderApplication'];

for (const dialect of testDialects().filter((d) => d === 'postgres')) {
  describe(`withdrawing a hearing and issuing the order take turns (${dialect})`, () => {
    const {
      hub,
      people: [lawyer, judge],
      orgs,
    } = hubWithHooks(dialect, ['lawyer', 'judge']);

    /** Whether some transaction of the store waits for a lock now. */
    const someoneWaits = async (): Promise<boolean> => {
      const r = await hub.ctx.store.db
        .selectFrom('pg_locks' as never)
        .select('granted' as never)
        .where('granted' as never, '=', false as never)
        .execute();
      return r.length > 0;
    };

    test('an issue while a withdrawal is under way waits for it and is refused', async () => {
      const now = () => hub.ctx.clock().toISOString();
      const a = await fileOrderApplication(lawyer, orgs.court, orgs.board, '8801');
      const heard = await recordHeard(judge, a.id, 'provider', now());
      assert.equal(heard.status, 200, JSON.stringify(heard.body));
      const hearingId = heard.body.hearings[0]?.id ?? assert.fail('the hearing recorded');
      const judgeP = await principalOfLogin(hub.ctx.store.db, 'judge');
      // The withdrawal the judge signs with his passkey, over the previewed digest.
      const reason = '別事件の答弁書を誤って記録した。';
      const preview = await judge.call<{ digest: string }>(
        'POST',
        `${orderPath(a.id)}/hearings/${hearingId}/withdraw-preview`,
        { reason },
      );
      assert.equal(preview.status, 200, JSON.stringify(preview.body));
      const assertion = passkeyAssertion(judge, preview.body.digest);

      let release: () => void = () => {};
      const gate = new Promise<void>((r) => {
        release = r;
      });
      let done: () => void = () => {};
      const withdrawnInTx = new Promise<void>((r) => {
        done = r;
      });
      // The withdrawal: done, its transaction kept open.
      const withdrawing = inTransaction(hub.ctx, async (uow) => {
        const r = await withdrawHearing(uow, judgeP, a.id, hearingId, { reason, assertion });
        done();
        await gate;
        return r;
      });
      await withdrawnInTx;

      let settled = false;
      const issuing = previewAndSign<Application & ApiError>(
        judge,
        `${orderPath(a.id)}/issue-preview`,
        `${orderPath(a.id)}/issue`,
        anOrder(now()),
      ).then((r) => {
        settled = true;
        return r.reply;
      });
      // The issue waits for the withdrawal (at most 10 s are given for it to reach the lock).
      let waited = false;
      for (let i = 0; i < 200 && !settled && !waited; i++) {
        waited = await someoneWaits();
        if (!waited) await new Promise((r) => setTimeout(r, 50));
      }
      const waitedForWithdrawal = waited && !settled;
      release();
      const withdrawn = await withdrawing;
      const issued = await issuing;
      assert.equal(withdrawn.hearings[0]?.withdrawn?.reason, '別事件の答弁書を誤って記録した。');
      assert.equal(
        issued.status,
        409,
        `the issue is refused, not made on a withdrawn record: ${JSON.stringify(issued)}`,
      );
      assert.match(issued.body.error.message.ja, /陳述聴取の記録は取り消されています/);
      assert.ok(waitedForWithdrawal, 'the issue waited for the withdrawal under way');
      const stored = await hub.ctx.store.db
        .selectFrom('disclosure_order_applications')
        .select('state')
        .where('id', '=', a.id)
        .executeTakeFirstOrThrow();
      assert.equal(stored.state, 'filed', 'no order issued');
    });
  });
}

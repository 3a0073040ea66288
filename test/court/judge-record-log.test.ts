// The hub checks a judge's records of a disclosure order against its own signed directory log, as a
// provider's installation checks them against its pin: a key row written straight into the keys table (as
// an operator with the database would) signs a forged filing that reads "key not in the directory log",
// never verified — whether it was slipped in after the log's latest signed head or before it (a rewrite);
// a genuine record still verifies; a judge's key revoked as compromised voids what it signed. The hub
// holds answers back on a pending suit as recorded, and on a suit's end that does not verify.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { principalOfLogin } from '../../src/auth/auth-service.ts';
import { currentKey, markKeyRevoked } from '../../src/directory/key.repository.ts';
import { testDialects } from '../support/dialects.ts';
import {
  FOUND,
  type OrderStanding,
  orderHubHooks,
  recordOutcome,
  requestFromOrder,
  standingAsRead,
  suitFiled,
} from '../support/disclosure-order.ts';
import { transition } from '../support/flow.ts';
import { forgedFiling, type SlippedInKey, slippedInKey } from '../support/forged-record.ts';
import type { ApiError, RequestDetail } from '../support/replies.ts';

for (const dialect of testDialects()) {
  describe(`the hub checks a judge's records against its directory log (${dialect})`, () => {
    let now = Date.now();
    const { hub, lawyer, judge, board, orgs, at, issued } = orderHubHooks(dialect, () => new Date(now));
    const db = () => hub.ctx.store.db;

    /** The order's standing as the court, the law office and the provider (on its request) read it. */
    async function standingOf(id: string, requestId: string): Promise<OrderStanding> {
      const standing = await standingAsRead(judge, lawyer, id);
      const provider = await board.call<RequestDetail>('GET', `/v1/requests/${requestId}`);
      assert.deepEqual(provider.body.courtOrderStanding, standing);
      return standing;
    }

    const slipIn = (validFrom: string) =>
      slippedInKey(db(), { courtId: orgs.court, login: 'judge', origin: judge.origin ?? '', validFrom });
    const forge = (id: string, key: SlippedInKey) => forgedFiling(db(), id, key, judge.origin ?? '', at());

    /** An issued order against the board with its request delivered and under review, and no record yet. */
    async function orderUnderReview(n: string): Promise<{ id: string; requestId: string }> {
      const app = await issued(n);
      const requestId = await requestFromOrder(lawyer, app.id);
      await transition(board, requestId, { action: 'start_review' });
      return { id: app.id, requestId };
    }

    const slippedKeyRowTitle =
      'a key row slipped into the keys table signs a filing that does not verify; the genuine one does';
    test(slippedKeyRowTitle, async () => {
      // A genuine filing: the judge's own passkey, the record entering the log with a head the hub signs.
      const genuine = await orderUnderReview('8801');
      now += 1_000;
      await suitFiled(judge, genuine.id, { filedAt: at(), by: 'provider', caseNumber: '令和8年(ワ)第5555号' });
      assert.equal((await standingOf(genuine.id, genuine.requestId)).objection?.signature, 'verified');

      // After the log's latest signed head: the key is in the keys table, not in the log.
      const forged = await orderUnderReview('8802');
      now += 1_000;
      const appended = await slipIn(at());
      now += 1_000;
      await forge(forged.id, appended);
      const s = await standingOf(forged.id, forged.requestId);
      assert.equal(s.objection?.signature, 'not_in_log');
      // The hub acts on the court's record as stored (the safe side): the pending suit holds answers back,
      // and the provider's page offers no answer, as the refusal says.
      assert.equal(s.standing, 'contested');
      const seen = await board.call<RequestDetail>('GET', `/v1/requests/${forged.requestId}`);
      assert.ok(!seen.body.allowedActions.includes('answer'), JSON.stringify(seen.body.allowedActions));
      const refused = await board.call<ApiError>('POST', `/v1/requests/${forged.requestId}/transitions`, {
        action: 'answer',
        answer: FOUND,
      });
      assert.equal(refused.status, 409, JSON.stringify(refused.body));

      // Before the latest signed head (so that it would predate the record): the log below that head is
      // rewritten, the hub keeps its head when it signs the rewritten log, and the key is still not in it.
      const earlier = await orderUnderReview('8803');
      const backdated = await slipIn(at(-3_600_000));
      now += 1_000;
      await forge(earlier.id, backdated);
      const exported = await board.call<{ entries: { type: string; id?: string }[] }>('GET', '/v1/directory/export');
      assert.equal(exported.status, 200);
      assert.ok(
        exported.body.entries.some((e) => e.type === 'key' && e.id === backdated.keyId),
        'rebuilt from rows',
      );
      assert.equal((await standingOf(earlier.id, earlier.requestId)).objection?.signature, 'not_in_log');

      // The genuine record still verifies: the hub reads its log as it signed it.
      assert.equal((await standingOf(genuine.id, genuine.requestId)).objection?.signature, 'verified');
    });

    const revokedJudgeKeyTitle =
      "a judge's key revoked as compromised: what it signed does not verify, and its end releases nothing";
    test(revokedJudgeKeyTitle, async () => {
      const order = await orderUnderReview('8804');
      now += 1_000;
      await suitFiled(judge, order.id, { filedAt: at(), by: 'provider', caseNumber: '令和8年(ワ)第7777号' });
      now += 1_000;
      const upheld = await recordOutcome(judge, order.id, { outcome: 'upheld', decidedAt: at(), reason: '認可する。' });
      assert.equal(upheld.status, 200, JSON.stringify(upheld.body));
      const before = await standingOf(order.id, order.requestId);
      assert.equal(before.objection?.signature, 'verified');
      assert.equal(before.outcome?.signature, 'verified');
      const open = await board.call<RequestDetail>('GET', `/v1/requests/${order.requestId}`);
      assert.ok(open.body.allowedActions.includes('answer'), JSON.stringify(open.body.allowedActions));

      // The judge's passkey is lost and revoked as compromised, after the log's latest signed head.
      now += 1_000;
      const judgeId = (await principalOfLogin(db(), 'judge')).id;
      const key = (await currentKey(db(), 'user', judgeId, 'signing', new Date(now))) ?? assert.fail('a passkey');
      await db()
        .transaction()
        .execute((tx) => markKeyRevoked(tx, key.id, at(), 'compromised'));
      const after = await standingOf(order.id, order.requestId);
      assert.equal(after.objection?.signature, 'failed');
      assert.equal(after.outcome?.signature, 'failed');
      // The suit's end no longer verifies: the hub holds answers back until the court confirms it.
      const held = await board.call<RequestDetail>('GET', `/v1/requests/${order.requestId}`);
      assert.ok(!held.body.allowedActions.includes('answer'), JSON.stringify(held.body.allowedActions));
      const refused = await board.call<ApiError>('POST', `/v1/requests/${order.requestId}/transitions`, {
        action: 'answer',
        answer: FOUND,
      });
      assert.equal(refused.status, 409, JSON.stringify(refused.body));
      assert.match(refused.body.error.message.en ?? '', /does not verify/);
      assert.match(refused.body.error.message.ja ?? '', /検証できません/);
      // Once the log's head shows the revocation, the same.
      assert.equal((await board.call('GET', '/v1/directory/export')).status, 200);
      assert.equal((await standingOf(order.id, order.requestId)).outcome?.signature, 'failed');
    });
  });
}

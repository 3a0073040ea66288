// An order changed on the objection suit enters the pinned log with only the digest of its operative
// part as changed: the provider's installation holds the order until it has fetched the words from the
// request's own view at the hub (only the request's parties read them), checked their SHA-256 against the
// entry and verified the judge's signature with them; then it answers. Other words are refused, and the
// order stays held. Another provider reads nothing of the request.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findAgentRequest } from '../../src/agent/agent.repository.ts';
import { countedRecordWords, standingWords } from '../../src/agent/order-log-texts.ts';
import { pullOnce } from '../../src/agent/pull.ts';
import { prepareRequest, viewForReview } from '../../src/agent/review.ts';
import { prepareAll } from '../../src/agent/runner.ts';
import { exportDirectory } from '../../src/directory/transparency.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { isDomainError } from '../../src/domain/errors.ts';
import { changedContentDigestOf, ignoredRecordMessage } from '../../src/domain/order-contest.ts';
import { answerRefusal } from '../../src/domain/order-standing.ts';
import { inTransaction, run } from '../../src/kernel/unit-of-work.ts';
import { addLegalOfficer } from '../support/agent.ts';
import { auditDetails } from '../support/audit.ts';
import { boardInstallationHooks } from '../support/board-installation.ts';
import { testDialects } from '../support/dialects.ts';
import { recordOutcome, standingChangedAtHub, suitFiled } from '../support/disclosure-order.ts';
import { signInAll } from '../support/exchange.ts';

for (const dialect of testDialects()) {
  describe(`an order changed on the objection suit reaches the installation (${dialect})`, () => {
    const { hub, judge, agent, rt, orderAndRequest, answeredFreely } = boardInstallationHooks(dialect);

    const stateOf = async (id: string) => (await findAgentRequest(agent.ctx.store.db, id))?.state;
    const refusalOf = (id: string) =>
      inTransaction(agent.ctx, (uow) => prepareRequest(uow, SYSTEM_CALLER, id, rt.policy, rt)).then(
        () => assert.fail('prepared'),
        (e: unknown) => e,
      );

    /** An order against the board, the request taken in, the suit filed and the order changed, pinned. */
    async function changedOrder(n: string, changedContent: string) {
      const { app, requestId } = await orderAndRequest(n);
      const caseNumber = app.order?.caseNumber ?? assert.fail('an order');
      const pulled = await pullOnce(agent.ctx, agent.link(), agent.organisationId);
      assert.ok(pulled.stored.includes(requestId), JSON.stringify(pulled));
      const filedAt = new Date().toISOString();
      await suitFiled(judge, app.id, { filedAt, by: 'provider', caseNumber: `ワ${n}` });
      const body = {
        outcome: 'changed',
        decidedAt: new Date().toISOString(),
        reason: '一部変更する。',
        changedContent,
      };
      const changed = await recordOutcome(judge, app.id, body);
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      await agent.pin();
      return { app, requestId, caseNumber };
    }

    test('the log has no words; held until fetched and verified, then answered', async () => {
      const words = '相手方は申立人に対し別紙目録記載1の氏名を開示せよ。';
      const { app, requestId, caseNumber } = await changedOrder('8821', words);
      const dir = await run(hub.ctx, exportDirectory, SYSTEM_CALLER);
      assert.ok(!JSON.stringify(dir).includes(words), 'the operative part is nowhere in the pinned log');
      const entry = dir.entries.find((e) => e.type === 'order.objection_decided' && e.orderId === app.id);
      assert.ok(entry && entry.type === 'order.objection_decided');
      assert.equal(entry.changedContentSha256, changedContentDigestOf(words));

      // Pinned, the words not fetched: not verified yet, the order held, in words that say so.
      const refused = await refusalOf(requestId);
      assert.ok(isDomainError(refused), String(refused));
      assert.deepEqual(refused.messages, answerRefusal('contested', caseNumber));
      const missing = ignoredRecordMessage(caseNumber, entry, 'text_missing');
      assert.match(missing.ja, /変更後の命令の本文をまだハブから取得していない/);
      assert.match(missing.en, /not fetched from the hub yet/);
      const notIgnored = await auditDetails(agent.ctx.store.db, 'agent.order_record_ignored', requestId);
      assert.deepEqual(notIgnored, [], 'words not fetched yet are no problem of the record');
      const { legal } = await addLegalOfficer(agent, '法務 小林');
      const view = await run(agent.ctx, viewForReview, legal, requestId, {});
      const filed = dir.entries.find((e) => e.type === 'order.objection_filed' && e.orderId === app.id);
      assert.ok(filed && filed.type === 'order.objection_filed');
      assert.deepEqual(view.orderLog, {
        standing: 'contested',
        standingWords: standingWords(caseNumber, 'contested'),
        records: [countedRecordWords(filed)],
        refusal: answerRefusal('contested', caseNumber),
        ignored: [missing],
      });

      // The pull fetches the words from the request's view, checks the digest, and the order is answered.
      const pulled = await pullOnce(agent.ctx, agent.link(), agent.organisationId);
      assert.deepEqual(pulled.changedOrders, [requestId]);
      const fetched = await auditDetails(agent.ctx.store.db, 'agent.changed_order_fetched', requestId);
      assert.deepEqual(fetched, [{ digest: entry.changedContentSha256 }]);
      const again = await pullOnce(agent.ctx, agent.link(), agent.organisationId);
      assert.deepEqual(again.changedOrders, [], 'once held, not asked again');
      await answeredFreely(legal, requestId);
    });

    test('another provider reads nothing of the request or its order', async () => {
      const { requestId } = await changedOrder('8822', '相手方は申立人に対し別紙目録記載2の住所を開示せよ。');
      const [isp] = await signInAll(hub, 'isp.legal');
      const seen = await isp.call('GET', `/v1/requests/${requestId}`);
      assert.ok(seen.status === 403 || seen.status === 404, `${seen.status} ${JSON.stringify(seen.body)}`);
    });

    test('the hub gives other words: refused, audited, the order stays held', async () => {
      const words = '相手方は申立人に対し別紙目録記載3の電話番号を開示せよ。';
      const { app, requestId, caseNumber } = await changedOrder('8823', words);
      const other = '相手方は申立人に対し別紙目録記載のすべての情報を開示せよ。';
      await standingChangedAtHub(hub, app.id, { changed_content: other });
      try {
        const pulled = await pullOnce(agent.ctx, agent.link(), agent.organisationId);
        assert.ok(!pulled.changedOrders.includes(requestId), JSON.stringify(pulled));
      } finally {
        // The hub's log stays the one pinned for the tests that follow.
        await standingChangedAtHub(hub, app.id, { changed_content: words });
      }
      const refusedWords = await auditDetails(agent.ctx.store.db, 'agent.changed_order_refused', requestId);
      const wanted = changedContentDigestOf(words);
      assert.deepEqual(refusedWords, [{ wanted, got: changedContentDigestOf(other) }]);
      const refused = await refusalOf(requestId);
      assert.ok(isDomainError(refused), String(refused));
      assert.deepEqual(refused.messages, answerRefusal('contested', caseNumber));
      await prepareAll(rt);
      assert.equal(await stateOf(requestId), 'received', 'still held');
    });
  });
}

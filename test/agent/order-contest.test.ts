// An objection suit against a disclosure order reaches a provider's own installation through the hub's
// directory log, signed by the judge: while the log shows it pending, the installation neither prepares
// nor approves an answer — with the hub's words — and once the log shows the suit ended upholding the
// order, it answers. A filing in the log whose judge's signature does not verify is ignored and audited.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findAgentRequest } from '../../src/agent/agent.repository.ts';
import { countedRecordWords, ORDER_LOG_HEADING, standingWords } from '../../src/agent/order-log-texts.ts';
import { pullOnce } from '../../src/agent/pull.ts';
import { prepareRequest, viewForReview } from '../../src/agent/review.ts';
import { prepareAll } from '../../src/agent/runner.ts';
import { exportDirectory } from '../../src/directory/transparency.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { isDomainError } from '../../src/domain/errors.ts';
import { contestSignature, ignoredRecordMessage } from '../../src/domain/order-contest.ts';
import { answerRefusal } from '../../src/domain/order-standing.ts';
import { directoryKeys } from '../../src/domain/pinned-directory.ts';
import { ownerSignatureVerifies } from '../../src/domain/verification.ts';
import { inTransaction, run } from '../../src/kernel/unit-of-work.ts';
import { addLegalOfficer, agentPage, printedReview } from '../support/agent.ts';
import { auditDetails } from '../support/audit.ts';
import { boardInstallationHooks } from '../support/board-installation.ts';
import { testDialects } from '../support/dialects.ts';
import { recordOutcome, standingChangedAtHub, suitFiled } from '../support/disclosure-order.ts';

const REASON = '原決定は相当である。';

for (const dialect of testDialects()) {
  describe(`an objection suit reaches the provider's installation (${dialect})`, () => {
    const { hub, judge, agent, rt, orderAndRequest, answeredFreely } = boardInstallationHooks(dialect);

    const prepare = (id: string) =>
      inTransaction(agent.ctx, (uow) => prepareRequest(uow, SYSTEM_CALLER, id, rt.policy, rt)).then(
        () => assert.fail('prepared'),
        (e: unknown) => e,
      );
    const stateOf = async (id: string) => (await findAgentRequest(agent.ctx.store.db, id))?.state;

    test('contested: no answer prepared or approved, in the hub words; upheld: answered', async () => {
      const { app, requestId } = await orderAndRequest('8811');
      const caseNumber = app.order?.caseNumber ?? assert.fail('an order');
      const pulled = await pullOnce(agent.ctx, agent.link(), agent.organisationId);
      assert.ok(pulled.stored.includes(requestId), JSON.stringify(pulled));

      await suitFiled(judge, app.id, {
        filedAt: new Date().toISOString(),
        by: 'provider',
        caseNumber: '令和8年(ワ)第77号',
      });
      const dir = await run(hub.ctx, exportDirectory, SYSTEM_CALLER);
      const filed = dir.entries.find((e) => e.type === 'order.objection_filed' && e.orderId === app.id);
      assert.ok(filed && filed.type === 'order.objection_filed', 'the filing is in the log');
      assert.equal(filed.by, 'provider');
      const keys = directoryKeys(dir);
      assert.equal(contestSignature(filed, keys, true, ownerSignatureVerifies), 'verified');
      assert.equal(contestSignature({ ...filed, caseNumber: 'ワ2' }, keys, true, ownerSignatureVerifies), 'failed');
      assert.equal(contestSignature(filed, keys, false, ownerSignatureVerifies), 'failed', 'not a court');
      assert.equal(contestSignature({ ...filed, attestation: null }, keys, true, ownerSignatureVerifies), 'unsigned');
      // The passkey signs no instant: a signing time after the entry, or a key the pin shows compromised
      // (even revoked long after the claimed signing time), makes the record count for nothing.
      const signed = filed.attestation ?? assert.fail('signed');
      const late = { ...signed, signedAt: new Date(Date.parse(filed.at) + 1).toISOString() };
      assert.equal(contestSignature({ ...filed, attestation: late }, keys, true, ownerSignatureVerifies), 'failed');
      const judgeKey = keys.get(signed.keyId) ?? assert.fail('the judge key is pinned');
      const revoked = (reason: string) =>
        new Map(keys).set(judgeKey.id, {
          ...judgeKey,
          revokedAt: '2099-01-01T00:00:00.000Z',
          revocationReason: reason,
        });
      assert.equal(contestSignature(filed, revoked('compromised'), true, ownerSignatureVerifies), 'failed');
      assert.equal(contestSignature(filed, revoked('superseded'), true, ownerSignatureVerifies), 'verified');

      // Before the pin carries it, the installation knows nothing of the suit; with it, it refuses.
      await agent.pin();
      const contested = answerRefusal('contested', caseNumber) ?? assert.fail('a refusal');
      const refused = await prepare(requestId);
      assert.ok(isDomainError(refused), String(refused));
      assert.equal(refused.code, 'ILLEGAL_TRANSITION');
      assert.deepEqual(refused.messages, contested, "the hub's refusal of an answer");
      await prepareAll(rt);
      assert.equal(await stateOf(requestId), 'received');
      // The request's page says why, in the hub's words.
      const { legal, code } = await addLegalOfficer(agent, '法務 高橋');
      const view = await run(agent.ctx, viewForReview, legal, requestId, {});
      const filedWords = countedRecordWords(filed);
      const standing = standingWords(caseNumber, 'contested');
      assert.deepEqual(view.orderLog, {
        standing: 'contested',
        standingWords: standing,
        records: [filedWords],
        refusal: contested,
        ignored: [],
      });
      for (const lang of ['ja', 'en'] as const) {
        const page = await (await agentPage(rt, code, `/requests/${requestId}?lang=${lang}`)).text();
        assert.match(page, /id="order-log"/);
        assert.ok(page.includes(contested[lang].replace(/'/g, '&#39;')), page);
        // `shokai agent review` says it too, under the page's heading, in the CLI's language.
        const printed = printedReview(view, lang);
        const section =
          `${ORDER_LOG_HEADING[lang]}:\n  ${standing[lang]}\n` + `    ${filedWords[lang]}\n  ${contested[lang]}\n`;
        assert.ok(printed.includes(section), printed);
      }
      const json = JSON.parse(printedReview(view, 'en', true)) as { orderLog?: unknown };
      assert.deepEqual(json.orderLog, view.orderLog, 'and its --json');

      // Upheld: the log shows the suit ended, signed; the installation prepares and answers.
      const body = { outcome: 'upheld', decidedAt: new Date().toISOString(), reason: REASON };
      const upheld = await recordOutcome(judge, app.id, body);
      assert.equal(upheld.status, 200, JSON.stringify(upheld.body));
      const later = await run(hub.ctx, exportDirectory, SYSTEM_CALLER);
      const decided = later.entries.find((e) => e.type === 'order.objection_decided' && e.orderId === app.id);
      assert.ok(decided && decided.type === 'order.objection_decided', 'the outcome is in the log');
      assert.equal(decided.outcome, 'upheld');
      assert.equal(contestSignature(decided, directoryKeys(later), true, ownerSignatureVerifies), 'verified');
      assert.ok(!JSON.stringify(later).includes(REASON), "not the judgment's words");
      await agent.pin();
      await answeredFreely(legal, requestId);
    });

    test('a filing whose judge signature does not verify is ignored and audited', async () => {
      const { app, requestId } = await orderAndRequest('8812');
      const caseNumber = app.order?.caseNumber ?? assert.fail('an order');
      await pullOnce(agent.ctx, agent.link(), agent.organisationId);
      await suitFiled(judge, app.id, {
        filedAt: new Date().toISOString(),
        by: 'claimant',
        caseNumber: '令和8年(ワ)第78号',
      });
      // The hub says otherwise than the judge signed: the suit's case number changed after he signed.
      await standingChangedAtHub(hub, app.id, { objection_case_number: '令和8年(ワ)第79号' });
      await agent.pin();
      await prepareAll(rt);
      assert.equal(await stateOf(requestId), 'prepared', 'the forged filing does not hold the order back');
      const audit = await auditDetails(agent.ctx.store.db, 'agent.order_record_ignored', requestId);
      assert.equal(audit.length, 1, JSON.stringify(audit));
      const details = audit[0] ?? {};
      assert.equal(details.type, 'order.objection_filed');
      assert.equal(details.check, 'failed');
      const dir = await run(hub.ctx, exportDirectory, SYSTEM_CALLER);
      const filed = dir.entries.find((e) => e.type === 'order.objection_filed' && e.orderId === app.id);
      assert.ok(filed && filed.type === 'order.objection_filed');
      const words = ignoredRecordMessage(caseNumber, filed, 'failed');
      assert.deepEqual(details.words, words);
      // The request's page shows it as a problem, with nothing refused.
      const { legal } = await addLegalOfficer(agent, '法務 中村');
      const view = await run(agent.ctx, viewForReview, legal, requestId, {});
      const standing = standingWords(caseNumber, 'not_final');
      assert.deepEqual(view.orderLog, {
        standing: 'not_final',
        standingWords: standing,
        records: [],
        refusal: null,
        ignored: [words],
      });
      // `shokai agent review` lists it under the page's heading, in the CLI's language, with nothing refused.
      for (const lang of ['ja', 'en'] as const) {
        const printed = printedReview(view, lang);
        assert.ok(printed.includes(`${ORDER_LOG_HEADING[lang]}:\n  ${standing[lang]}\n  - ${words[lang]}\n`), printed);
      }
    });

    test('a forged outcome keeps the order held, and its audit survives the refusal, once', async () => {
      const { app, requestId } = await orderAndRequest('8813');
      const caseNumber = app.order?.caseNumber ?? assert.fail('an order');
      await pullOnce(agent.ctx, agent.link(), agent.organisationId);
      const filedAt = new Date().toISOString();
      await suitFiled(judge, app.id, { filedAt, by: 'provider', caseNumber: 'ワ80' });
      const body = { outcome: 'upheld', decidedAt: new Date().toISOString(), reason: REASON };
      assert.equal((await recordOutcome(judge, app.id, body)).status, 200);
      // The hub says otherwise than the judge signed: the judgment's words changed after he signed.
      await standingChangedAtHub(hub, app.id, { outcome_reason: '原決定を認可する。' });
      await agent.pin();
      const refused = await prepare(requestId);
      assert.ok(isDomainError(refused), String(refused));
      assert.deepEqual(refused.messages, answerRefusal('contested', caseNumber), 'still held: the filing verifies');
      await prepareAll(rt);
      await prepareAll(rt);
      assert.equal(await stateOf(requestId), 'received');
      const audit = await auditDetails(agent.ctx.store.db, 'agent.order_record_ignored', requestId);
      assert.equal(audit.length, 1, `kept through the refusal, written once: ${JSON.stringify(audit)}`);
      const details = audit[0] ?? {};
      assert.deepEqual([details.type, details.check], ['order.objection_decided', 'failed']);
    });

    test("the suit's end logged after the request was taken in is learnt by the next pull", async () => {
      const { app, requestId } = await orderAndRequest('8814');
      await pullOnce(agent.ctx, agent.link(), agent.organisationId);
      const filedAt = new Date().toISOString();
      await suitFiled(judge, app.id, { filedAt, by: 'provider', caseNumber: 'ワ81' });
      await agent.pin();
      await prepareAll(rt);
      assert.equal(await stateOf(requestId), 'received', 'held while contested');
      const body = { outcome: 'upheld', decidedAt: new Date().toISOString(), reason: REASON };
      assert.equal((await recordOutcome(judge, app.id, body)).status, 200);
      // No new request arrives: the pull extends the pin because an order held here is contested.
      const pulled = await pullOnce(agent.ctx, agent.link(), agent.organisationId);
      assert.equal(pulled.directoryRefreshed, true, JSON.stringify(pulled));
      await prepareAll(rt);
      assert.equal(await stateOf(requestId), 'prepared', 'the upheld order is answered');
    });
  });
}

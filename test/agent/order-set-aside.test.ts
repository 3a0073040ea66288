// A disclosure order set aside on an objection suit reaches a provider's own installation through the
// hub's directory log: the log publishes the set-aside (the order's id and digest, the court, the date and
// the category of its ground — not the judgment's words), and the installation checking against its pin
// refuses the order at intake and refuses to answer a request taken in before — with the hub's words.
// The judge signs the set-aside with his passkey, so the entry verifies against his pinned key.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Schemas } from '#shokai/client';
import { findAgentRequest, listRefusals } from '../../src/agent/agent.repository.ts';
import { fetchEnvelope } from '../../src/agent/hub.ts';
import { receiveEnvelope } from '../../src/agent/intake.ts';
import { countedRecordWords } from '../../src/agent/order-log-texts.ts';
import { pullOnce } from '../../src/agent/pull.ts';
import { when } from '../../src/agent/render.ts';
import { editDraft, viewForReview } from '../../src/agent/review.ts';
import { approve, prepareAll } from '../../src/agent/runner.ts';
import { exportDirectory } from '../../src/directory/transparency.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { isDomainError } from '../../src/domain/errors.ts';
import { SET_ASIDE_SIGNATURE_NOTES, setAsideSignature } from '../../src/domain/order-set-aside.ts';
import { setAsideAnswerRefusal } from '../../src/domain/order-standing.ts';
import { directoryKeys } from '../../src/domain/pinned-directory.ts';
import { ownerSignatureVerifies } from '../../src/domain/verification.ts';
import { inTransaction, run } from '../../src/kernel/unit-of-work.ts';
import { addLegalOfficer, printedReview } from '../support/agent.ts';
import { boardInstallationHooks } from '../support/board-installation.ts';
import { testDialects } from '../support/dialects.ts';
import { orderPath, orderPresentedAgain, recordOutcome, suitFiled } from '../support/disclosure-order.ts';
import type { ApiError, RequestDetail } from '../support/replies.ts';

type Application = Schemas['DisclosureOrderApplication'];
const NO_DATA = { outcome: 'full', items: [{ targetIndex: 0, result: 'no_data' }] };
const REASON = '権利侵害の明白性が認められないため、原決定を取り消す。';

for (const dialect of testDialects()) {
  describe(`a set-aside reaches the provider's installation (${dialect})`, () => {
    const { hub, lawyer, judge, board, orgs, agent, rt, orderAndRequest } = boardInstallationHooks(dialect);

    async function setAside(id: string): Promise<Application> {
      const filedAt = new Date().toISOString();
      await suitFiled(judge, id, { filedAt, by: 'provider', caseNumber: 'ワ1' });
      const body = { outcome: 'set_aside', decidedAt: new Date().toISOString(), reason: REASON };
      const noGround = await judge.call<ApiError>('POST', `${orderPath(id)}/objection-outcome`, body);
      assert.equal(noGround.status, 400, JSON.stringify(noGround.body));
      assert.equal(noGround.body.error.details?.field, 'ground');
      const gone = await recordOutcome(judge, id, {
        ...body,
        ground: 'infringement_not_evident',
      });
      assert.equal(gone.status, 200, JSON.stringify(gone.body));
      assert.equal(gone.body.standing?.outcome?.ground, 'infringement_not_evident');
      return gone.body;
    }

    test('the log publishes it; the pinned installation refuses the order at intake and the answer', async () => {
      const { app, requestId } = await orderAndRequest('8801');
      const link = agent.link();
      const pulled = await pullOnce(agent.ctx, link, agent.organisationId);
      assert.ok(pulled.stored.includes(requestId), JSON.stringify(pulled));
      const envelope = await fetchEnvelope(link, requestId);
      await prepareAll(rt);
      assert.equal((await findAgentRequest(agent.ctx.store.db, requestId))?.state, 'prepared');

      await setAside(app.id);
      const dir = await run(hub.ctx, exportDirectory, SYSTEM_CALLER);
      const entry = dir.entries.find((e) => e.type === 'order.set_aside');
      assert.ok(entry && entry.type === 'order.set_aside', 'the set-aside is in the log');
      assert.equal(entry.orderId, app.id);
      assert.equal(entry.courtOrganisationId, orgs.court);
      assert.equal(entry.ground, 'infringement_not_evident');
      assert.match(entry.orderDigest, /^[0-9a-f]{64}$/);
      // Signed by the judge's passkey: it verifies against the judge's key in the log itself, and a hub that
      // changed what the judge signed (here the ground) is caught.
      assert.ok(entry.attestation, 'the set-aside carries the judge signature');
      const keys = directoryKeys(dir);
      assert.equal(setAsideSignature(entry, keys, true, ownerSignatureVerifies), 'verified');
      const forged = { ...entry, ground: 'procedure' as const };
      assert.equal(setAsideSignature(forged, keys, true, ownerSignatureVerifies), 'failed');
      assert.equal(
        setAsideSignature({ ...entry, setAsideAt: new Date(0).toISOString() }, keys, true, ownerSignatureVerifies),
        'failed',
      );
      assert.equal(setAsideSignature(entry, keys, false, ownerSignatureVerifies), 'failed', 'not a court');
      const published = JSON.stringify(dir);
      const { caseNumber } = app.order ?? assert.fail('an order');
      // The case number whole: its digits alone may occur by chance in a digest or a signature.
      assert.ok(!published.includes(REASON) && !published.includes(caseNumber), 'not the judgment or the case');

      // At the hub the request rested on the order: it ended as withdrawn.
      assert.equal((await board.call<RequestDetail>('GET', `/v1/requests/${requestId}`)).body.state, 'withdrawn');
      const o = app.order ?? assert.fail('an order');
      const { check: hubCheck, request: atHub } = await orderPresentedAgain(lawyer, board, {
        app,
        courtId: orgs.court,
        providerId: orgs.board,
        n: '8801',
      });
      assert.equal(hubCheck?.status, 'fail', JSON.stringify(atHub.verification));

      // Before the installation pins the log that carries it, it knows nothing of the set-aside.
      const take = (env: unknown) =>
        inTransaction(agent.ctx, (uow) =>
          receiveEnvelope(uow, SYSTEM_CALLER, agent.organisationId, { envelope: env, source: 'file' }),
        );
      assert.equal((await take(envelope)).outcome, 'already');
      await agent.pin();

      // At intake: the order's envelope is refused, with the words of the hub's check.
      const refused = await take(envelope);
      assert.equal(refused.outcome, 'refused', JSON.stringify(refused));
      if (refused.outcome !== 'refused') return;
      assert.equal(refused.verdict.reason, 'order_set_aside');
      assert.deepEqual(refused.verdict.message, hubCheck?.message);
      assert.deepEqual(refused.verdict.detail, SET_ASIDE_SIGNATURE_NOTES.verified);
      assert.ok((await listRefusals(agent.ctx.store.db, 100)).some((r) => r.reason === 'order_set_aside'));

      // The request taken in before: no answer, with the words the hub refuses the answer with.
      const { legal } = await addLegalOfficer(agent, '法務 佐藤');
      const digest = await run(agent.ctx, editDraft, legal, requestId, { answer: NO_DATA });
      const err = await approve(rt, legal, requestId, digest).then(
        () => assert.fail('the answer was approved'),
        (e: unknown) => e,
      );
      assert.ok(isDomainError(err), String(err));
      assert.equal(err.code, 'ILLEGAL_TRANSITION');
      assert.deepEqual(err.messages, setAsideAnswerRefusal(o.caseNumber), "the hub's refusal of an answer");
      assert.equal((await findAgentRequest(agent.ctx.store.db, requestId))?.state, 'prepared');
      // Its page and `shokai agent review` say the order is set aside, when, and that the judge signed it.
      const log = (await run(agent.ctx, viewForReview, legal, requestId, {})).orderLog;
      assert.equal(log?.standing, 'set_aside');
      const note = SET_ASIDE_SIGNATURE_NOTES.verified;
      const line = {
        ja: `取消し（${when(entry.setAsideAt)}）: ${note.ja}`,
        en: `Set aside (${when(entry.setAsideAt)}): ${note.en}`,
      };
      // The suit's filing it rests on first, as the log holds them.
      const filed = dir.entries.find((e) => e.type === 'order.objection_filed' && e.orderId === app.id);
      assert.ok(filed && filed.type === 'order.objection_filed');
      const suit = countedRecordWords(filed);
      assert.deepEqual(log?.records, [suit, line]);
      for (const lang of ['ja', 'en'] as const) {
        const printed = printedReview(await run(agent.ctx, viewForReview, legal, requestId, {}), lang);
        const standing = log?.standingWords[lang] ?? assert.fail('a standing');
        const refusal = setAsideAnswerRefusal(o.caseNumber)[lang];
        assert.ok(printed.includes(`  ${standing}\n    ${suit[lang]}\n    ${line[lang]}\n  ${refusal}\n`), printed);
      }
    });
  });
}

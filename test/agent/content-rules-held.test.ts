// A request the installation took in before intake ran the hub's content rules is held still: one whose target's
// time is an hour after its signed issue (a mistyped time, both signatures good). Opened, its page and
// `shokai agent review` say why it cannot be answered, in intake's words, in Japanese and English, and the
// opening records the rule; preparing it (the installation's cycle) and approving an answer prepared before
// (a person) are refused in those words, nothing changed, each refusal in the audit — the cycle's once; it
// can be declined as an invalid request. The genuine request beside it is prepared as ever.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { findAgentRequest } from '../../src/agent/agent.repository.ts';
import { receiveEnvelope } from '../../src/agent/intake.ts';
import { declineRequest, listForReview, viewForReview } from '../../src/agent/review.ts';
import { type AgentRuntime, approve, prepareAll } from '../../src/agent/runner.ts';
import { type Principal, SYSTEM_CALLER } from '../../src/domain/access.ts';
import type { EnvelopePayload, SignedEnvelope } from '../../src/domain/envelope.ts';
import { isDomainError } from '../../src/domain/errors.ts';
import { inTransaction, run } from '../../src/kernel/unit-of-work.ts';
import {
  addLegalOfficer,
  agentPage,
  carrierTarget,
  printedReview,
  readyCarrier,
  runtime,
  type TestAgent,
} from '../support/agent.ts';
import { auditEntries } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { issuedEnvelope, signedByUnit } from '../support/envelopes.ts';
import { startHub, type TestHub } from '../support/exchange.ts';
import { inquiry, issue } from '../support/flow.ts';
import { storeHeldRequest } from '../support/held-requests.ts';

const HOUR = 3600_000;

for (const dialect of testDialects()) {
  describe(`a request held from before intake ran the content rules is not answered (${dialect})`, () => {
    let hub: TestHub;
    let agent: TestAgent;
    let rt: AgentRuntime;
    let legal: Principal;
    let code: string;
    let genuine: SignedEnvelope;
    let future = '';
    before(async () => {
      hub = await startHub(dialect);
      const ready = await readyCarrier(hub, dialect);
      agent = ready.agent;
      rt = runtime(agent, ready.key.signer, null);
      ({ legal, code } = await addLegalOfficer(agent, '法務 山口'));
      const [sato, tanaka] = [await hub.as('sato'), await hub.as('tanaka')];
      const content = inquiry(agent.organisationId, { caseReference: 'HELD-RULES', targets: [carrierTarget(41201)] });
      genuine = await issuedEnvelope(hub, (await issue(sato, tanaka, content)).id);
      future = new Date(Date.parse(genuine.payload.issuedAt) + HOUR).toISOString();
    });
    after(async () => {
      await agent.close();
      await hub.close();
    });

    /**
     * The genuine request under new ids, its target an hour after the issue, signed again by the unit and its
     * approver, and stored as an installation stored it before intake ran the content rules (all else checks).
     */
    const heldFromBefore = async (tag: string, state: 'received' | 'prepared') => {
      const p = genuine.payload;
      const envelope = await signedByUnit(hub, {
        ...p,
        requestId: `req_${tag}`,
        envelopeId: `env_${tag}`,
        content: { ...(p.content as object), targets: [carrierTarget(41201, future)] } as EnvelopePayload['content'],
      });
      return storeHeldRequest(agent.ctx, envelope, state);
    };
    const state = async (id: string) => (await findAgentRequest(agent.ctx.store.db, id))?.state;
    /** The refusal `act` meets: its code and both messages. */
    const refusal = async (act: () => Promise<unknown>) => {
      const err = await act().then(
        () => assert.fail('refused'),
        (e: unknown) => e,
      );
      assert.ok(isDomainError(err), String(err));
      return { code: err.code, ja: err.messages.ja, en: err.messages.en, reason: err.details?.reason };
    };
    const says = (r: { ja: string; en: string }) => {
      assert.match(r.ja, /^この要請には回答できません。対象の日時が要請の発出より後（未来）です/);
      assert.ok(r.ja.includes(`対象 1（IP アドレス`) && r.ja.includes(future), r.ja);
      assert.match(r.ja, /受け付けた要請で、回答できません。「不適式な要請」として見送ってください$/);
      assert.match(r.en, /^this request cannot be answered: a target's time is later than the request was issued/);
      assert.ok(r.en.includes('target 1 (IP address') && r.en.includes(future), r.en);
      assert.match(r.en, /before intake checked this and is not answered: decline it as "Invalid request"$/);
      for (const text of [r.ja, r.en]) assert.doesNotMatch(text, /target_future|targets\.0|req_/);
    };

    test('the cycle does not prepare it: refused in intake’s words, audited once, nothing changed', async () => {
      const id = await heldFromBefore('held_received', 'received');
      const first = await prepareAll(rt);
      assert.equal(await state(id), 'received');
      assert.equal((await findAgentRequest(agent.ctx.store.db, id))?.findings, null, 'nothing looked up');
      await prepareAll(rt);
      const audited = await auditEntries(agent.ctx.store.db, 'agent.content_rule_refused', id);
      assert.deepEqual(
        audited.map((e) => [e.actorType, e.details.step, e.details.reason, e.details.field]),
        [['system', 'prepare', 'target_future', 'targets.0.at']],
        'the cycle tries each time; its refusal is recorded once',
      );
      assert.equal(first.prepared, 0);
      // No lookup of the installation's records was made for it.
      assert.equal((await auditEntries(agent.ctx.store.db, 'agent.prepared', id)).length, 0);

      // Opened: the view says why, in both languages, and the opening records the rule.
      const v = await run(agent.ctx, viewForReview, legal, id, {});
      assert.equal(v.contentRule?.reason, 'target_future');
      says(v.contentRule?.refusal ?? { ja: '', en: '' });
      const viewed = await auditEntries(agent.ctx.store.db, 'agent.viewed', id);
      assert.deepEqual(
        viewed.map((e) => e.details.contentRule),
        ['target_future'],
      );
      const ja = printedReview(v, 'ja');
      assert.match(ja, /^要対応: この要請は、受領時に確かめる規則を満たしていません/m);
      assert.match(ja, /^ {2}対象の日時が要請の発出より後（未来）です/m);
      assert.ok(ja.includes(future));
      assert.match(
        ja,
        /^ {2}受領時の確認が加わる前に受け付けた要請で、回答できません。「不適式な要請」として見送ってください$/m,
      );
      const en = printedReview(v, 'en');
      assert.match(en, /^Needs action: this request breaks a rule checked when a request arrives/m);
      assert.match(en, /^ {2}a target's time is later than the request was issued/m);
      assert.match(en, /^ {2}It was taken in before intake checked this and is not answered: decline it as "Invalid/m);
      assert.doesNotMatch(ja + en, /target_future|targets\.0/);
      const page = await agentPage(rt, code, `/requests/${id}`);
      const html = await page.text();
      assert.equal(page.status, 200);
      assert.match(html, /<section role="alert" id="content-rule"><h2>要対応: この要請は/);
      assert.ok(html.includes(future));

      // The list flags it on its line, in words (the genuine request's line is not flagged).
      const listed = await run(agent.ctx, listForReview, legal, {});
      assert.equal(listed.find((r) => r.requestId === id)?.breaksContentRule, true);
      assert.equal(listed.find((r) => r.requestId === genuine.payload.requestId)?.breaksContentRule ?? false, false);
      const list = await (await agentPage(rt, code, '/')).text();
      assert.ok(
        list.includes(`data-content-rule="${id}">要対応: 受領時の規則を満たさない（回答不可）</strong>`),
        'the list page flags the held request',
      );
      assert.equal(list.match(/data-content-rule=/g)?.length, 1);
      // A stored envelope that no longer reads is marked on its line; the list is still served.
      const damaged = await heldFromBefore('held_damaged', 'received');
      await agent.ctx.store.db
        .updateTable('agent_requests')
        .set({ envelope: '{"payload":{}}' })
        .where('request_id', '=', damaged)
        .execute();
      const withDamaged = await run(agent.ctx, listForReview, legal, {});
      assert.equal(withDamaged.find((r) => r.requestId === damaged)?.breaksContentRule, true);
      assert.equal((await agentPage(rt, code, '/')).status, 200);
      await agent.ctx.store.db.deleteFrom('agent_requests').where('request_id', '=', damaged).execute();

      // Declining it as an invalid request stays open; the list no longer flags it.
      await run(agent.ctx, declineRequest, legal, id, { reason: 'invalid_request' });
      assert.equal(await state(id), 'declined');
      assert.doesNotMatch(await (await agentPage(rt, code, '/')).text(), /data-content-rule=/);
    });

    test('an answer prepared before is not approved: refused in words, each attempt audited', async () => {
      const id = await heldFromBefore('held_prepared', 'prepared');
      const v = await run(agent.ctx, viewForReview, legal, id, {});
      assert.ok(v.draftDigest, 'an answer was prepared then');
      const digest = v.draftDigest;
      const r = await refusal(() => approve(rt, legal, id, digest));
      assert.deepEqual([r.code, r.reason], ['ILLEGAL_TRANSITION', 'target_future']);
      says(r);
      await refusal(() => approve(rt, legal, id, digest));
      assert.equal(await state(id), 'prepared');
      const row = await findAgentRequest(agent.ctx.store.db, id);
      assert.equal(row?.submission, null, 'nothing signed or sealed');
      assert.equal((await auditEntries(agent.ctx.store.db, 'agent.approved', id)).length, 0);
      const audited = await auditEntries(agent.ctx.store.db, 'agent.content_rule_refused', id);
      assert.deepEqual(
        audited.map((e) => [e.actorType, e.actorId, e.details.step]),
        [
          ['user', legal.id, 'approve'],
          ['user', legal.id, 'approve'],
        ],
      );
      // On the page: the approval refused with the same words.
      const form = new URLSearchParams({ digest, reviewed: 'yes' });
      const page = await agentPage(rt, code, `/requests/${id}/approve`, form);
      const html = await page.text();
      assert.notEqual(page.status, 303);
      assert.match(html, /この要請には回答できません。対象の日時が要請の発出より後（未来）です/);
      assert.equal(await state(id), 'prepared');
    });

    test('one naming a look-alike host says to decline it and have it sent again as the A-label', async () => {
      // Review finding M3: a request taken in before look-alike hosts were refused, naming `pаypal.example` (a
      // Cyrillic `а`), is held — a provider reading it as paypal.example is the harm the rule prevents — and its page
      // and `shokai agent review` say what to do: decline it, and ask the issuer to send it again as the A-label.
      const p = genuine.payload;
      const envelope = await signedByUnit(hub, {
        ...p,
        requestId: 'req_held_lookalike',
        envelopeId: 'env_held_lookalike',
        content: {
          ...(p.content as object),
          targets: [carrierTarget(41201), { type: 'domain', name: 'p\u0430ypal.example' }],
        } as EnvelopePayload['content'],
      });
      const id = await storeHeldRequest(agent.ctx, envelope, 'prepared');
      const v = await run(agent.ctx, viewForReview, legal, id, {});
      assert.equal(v.contentRule?.reason, 'content_rule');
      const digest = v.draftDigest ?? assert.fail('an answer was prepared then');
      const todo = v.contentRule?.todo ?? { ja: '', en: '' };
      assert.match(
        todo.ja,
        /「不適式な要請」として見送り、.*「xn--pypal-4ve\.example」と書いて送り直すよう求めてください$/,
      );
      assert.match(
        todo.en,
        /decline it as "Invalid request".*send it again with the name written "xn--pypal-4ve\.example"$/,
      );
      const ja = printedReview(v, 'ja');
      const en = printedReview(v, 'en');
      assert.ok(ja.includes(todo.ja) && en.includes(todo.en), `${ja}\n${en}`);
      const html = await (await agentPage(rt, code, `/requests/${id}`)).text();
      assert.ok(html.includes('「xn--pypal-4ve.example」と書いて送り直す'), 'the page says it');
      const r = await refusal(() => approve(rt, legal, id, digest));
      assert.ok(r.en.includes(todo.en) && r.ja.includes(todo.ja), r.en);
      await run(agent.ctx, declineRequest, legal, id, { reason: 'invalid_request' });
      assert.equal(await state(id), 'declined');
    });

    test('the genuine request beside them is prepared and says nothing of a rule', async () => {
      const env = genuine;
      const out = await inTransaction(agent.ctx, (uow) =>
        receiveEnvelope(uow, SYSTEM_CALLER, agent.organisationId, { envelope: env, source: 'file' }),
      );
      assert.equal(out.outcome, 'stored', JSON.stringify(out));
      await prepareAll(rt);
      assert.equal(await state(env.payload.requestId), 'prepared');
      const v = await run(agent.ctx, viewForReview, legal, env.payload.requestId, {});
      assert.equal(v.contentRule, null);
      assert.doesNotMatch(printedReview(v, 'en'), /Needs action: this request breaks a rule/);
    });
  });
}

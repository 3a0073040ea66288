import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Schemas } from '#shokai/client';
import { auditDetails } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks, passkeyAssertion, previewAndSign } from '../support/exchange.ts';
import type { ApiError, RequestDetail } from '../support/replies.ts';
import { followedRecord, warrantOrigins } from '../support/warrant-origin.ts';

type Application = Schemas['WarrantApplication'];
type Trace = Schemas['CaseTrace'];

// One warrant, one request, whichever way it is drafted: from the answer's page with the unit's issued warrant
// chosen (`POST /v1/requests`), or from the application (令状から要請を起案). The application records the first at
// once, so the case's trace never shows two next requests from one warrant.
for (const dialect of testDialects()) {
  describe(`a warrant application's warrant drafts one request (${dialect})`, () => {
    const {
      hub,
      people: [sato, tanaka, judge],
      orgs,
    } = hubWithHooks(dialect, ['sato', 'tanaka', 'judge']);
    const record = followedRecord;
    const { answeredCase, application } = warrantOrigins(sato, tanaka, orgs);

    /** Drafted from the answer, submitted, sent and attested: the application with its warrant. */
    async function attested(caseReference: string, follows: object): Promise<Application> {
      const d = await sato.call<Application>(
        'POST',
        '/v1/warrant-applications',
        application(caseReference, { follows }),
      );
      assert.equal(d.status, 201, JSON.stringify(d.body));
      const path = `/v1/warrant-applications/${d.body.id}`;
      assert.equal((await sato.call('POST', `${path}/submit`)).status, 200);
      const preview = await tanaka.call<{ digest: string }>('GET', `${path}/send-preview`);
      const sent = await tanaka.call('POST', `${path}/send`, {
        digest: preview.body.digest,
        assertion: passkeyAssertion(tanaka, preview.body.digest),
      });
      assert.equal(sent.status, 200, JSON.stringify(sent.body));
      const now = hub.ctx.clock();
      const { reply } = await previewAndSign<Application>(judge, `${path}/attestation-preview`, `${path}/attest`, {
        warrantNumber: `令和8年(む)第${d.body.id.slice(-6)}号`,
        issuedAt: now.toISOString(),
        validUntil: new Date(now.getTime() + 7 * 86400_000).toISOString(),
      });
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      return reply.body;
    }

    /** `POST /v1/requests` as the answer's page sends it with the application's warrant chosen. */
    const fromAnswer = (caseId: string, caseReference: string, follows: object, a: Application) => {
      const w = a.warrant ?? assert.fail('attested');
      return sato.call<RequestDetail | ApiError>('POST', '/v1/requests', {
        caseId,
        follows,
        content: {
          kind: 'warrant',
          providerOrganisationId: orgs.isp,
          caseReference,
          offence: a.offence,
          facts: a.facts,
          necessity: a.necessity,
          targets: [record],
          categories: ['subscriber', 'access_log'],
          warrant: {
            type: 'seizure',
            courtOrganisationId: orgs.court,
            warrantNumber: w.number,
            issuedAt: w.issuedAt,
            validUntil: w.validUntil,
            attestation: w.attestation,
          },
        },
      });
    };

    /** The requests of the case's trace that ask about what the board's answer revealed. */
    async function askers(caseId: string, boardId: string): Promise<string[]> {
      const trace = await sato.call<Trace>('GET', `/v1/cases/${caseId}/trace`);
      assert.equal(trace.status, 200, JSON.stringify(trace.body));
      const node = trace.body.nodes.find((n) => n.type === 'request' && n.requestId === boardId)?.id;
      const revealed = trace.body.edges.filter((e) => e.from === node && e.kind === 'revealed').map((e) => e.to);
      return trace.body.edges.filter((e) => e.kind === 'asks_about' && revealed.includes(e.to)).map((e) => e.from);
    }

    test('drafted from the answer with the warrant: the application records it, a second is refused', async () => {
      const { kase, board, follows } = await answeredCase('ONE-1');
      const a = await attested('ONE-1', follows);
      const path = `/v1/warrant-applications/${a.id}`;
      const r1 = await fromAnswer(kase.id, 'ONE-1', follows, a);
      assert.equal(r1.status, 201, JSON.stringify(r1.body));
      const first = r1.body as RequestDetail;
      // The application shows the request drafted with its warrant and offers no second one.
      const view = await sato.call<Application>('GET', path);
      assert.equal(view.body.requestId, first.id);
      assert.ok(!view.body.actions.includes('open_request'), JSON.stringify(view.body.actions));
      const opened = await auditDetails(hub.ctx.store.db, 'warrant_application.request_opened', a.id);
      assert.deepEqual(opened, [{ reference: a.reference, requestId: first.id, requestReference: first.reference }]);
      // 令状から要請を起案 is refused, naming the request already drafted with the warrant.
      const again = await sato.call<ApiError>('POST', `${path}/request`, {});
      assert.equal(again.status, 409, JSON.stringify(again.body));
      assert.equal(again.body.error.details?.requestId, first.id);
      assert.match(again.body.error.message.ja, new RegExp(`要請 ${first.reference} が起案されています`));
      assert.match(again.body.error.message.en, new RegExp(`request ${first.reference} was already drafted`));
      // So is a second draft from the answer with the same warrant.
      const twice = await fromAnswer(kase.id, 'ONE-1', follows, a);
      assert.equal(twice.status, 409, JSON.stringify(twice.body));
      assert.equal((twice.body as ApiError).error.details?.field, 'content.warrant.warrantNumber');
      // The trace has one next request after the answer.
      assert.equal((await askers(kase.id, board.id)).length, 1);

      // Withdrawn, the draft frees the warrant: 令状から要請を起案 is offered again and records the new request.
      const w = await sato.call('POST', `/v1/requests/${first.id}/transitions`, { action: 'withdraw', reason: '誤記' });
      assert.equal(w.status, 200, JSON.stringify(w.body));
      const freed = await sato.call<Application>('GET', path);
      assert.ok(freed.body.actions.includes('open_request'), JSON.stringify(freed.body.actions));
      const second = await sato.call<Application>('POST', `${path}/request`, {});
      assert.equal(second.status, 201, JSON.stringify(second.body));
      assert.notEqual(second.body.requestId, first.id);
      assert.ok(second.body.requestId);
    });

    test('drafted from the application: a draft from the answer with the same warrant is refused', async () => {
      const { kase, board, follows } = await answeredCase('ONE-2');
      const a = await attested('ONE-2', follows);
      const opened = await sato.call<Application>('POST', `/v1/warrant-applications/${a.id}/request`, {});
      assert.equal(opened.status, 201, JSON.stringify(opened.body));
      const requestId = opened.body.requestId ?? assert.fail('a request was drafted');
      const r = await sato.call<RequestDetail>('GET', `/v1/requests/${requestId}`);
      const refused = await fromAnswer(kase.id, 'ONE-2', follows, a);
      assert.equal(refused.status, 409, JSON.stringify(refused.body));
      const e = (refused.body as ApiError).error;
      assert.equal(e.details?.requestReference, r.body.reference);
      assert.match(e.message.ja, new RegExp(r.body.reference));
      assert.equal((await askers(kase.id, board.id)).length, 1);
      // The application route audited the request once.
      const audits = await auditDetails(hub.ctx.store.db, 'warrant_application.request_opened', a.id);
      assert.equal(audits.length, 1, JSON.stringify(audits));
    });
  });
}

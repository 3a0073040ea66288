import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Schemas } from '#shokai/client';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks, passkeyAssertion, previewAndSign } from '../support/exchange.ts';
import type { ApiError, RequestDetail } from '../support/replies.ts';
import { followedRecord, warrantOrigins } from '../support/warrant-origin.ts';

type Application = Schemas['WarrantApplication'];
type Trace = Schemas['CaseTrace'];

// A warrant application drafted from an answer's record keeps where it came from (migration 091): the request
// answered, the identifier it follows and the case. The applying unit reads it (the court, which reads what was
// signed and sent, does not; another unit does not see the application at all), and the request drafted from
// the attested warrant follows the answer in the case's trace as one drafted from the answer itself does.
for (const dialect of testDialects()) {
  describe(`a warrant application's origin (${dialect})`, () => {
    const {
      hub,
      people: [sato, tanaka, judge, osaka],
      orgs,
    } = hubWithHooks(dialect, ['sato', 'tanaka', 'judge', 'osaka']);
    const record = followedRecord;
    const identifier = { ...record, toleranceSeconds: 0 };
    const { answeredCase: answered } = warrantOrigins(sato, tanaka, orgs);
    /** A case of sato's unit and the board's inquiry in it (the request whose answer gave the record). */
    const answeredCase = (reference: string) => answered(reference, '掲示板の脅迫');

    const application = (over: Record<string, unknown> = {}) => ({
      courtOrganisationId: orgs.court,
      providerOrganisationId: orgs.isp,
      warrantType: 'seizure',
      caseReference: 'ORIGIN-1',
      offence: '脅迫（刑法222条）',
      facts: '掲示板への回答により、発信元 203.0.113.71:52071 が判明した。',
      necessity: '発信者を特定するため、接続記録と契約者情報が必要である。',
      targets: [record],
      categories: ['subscriber', 'access_log'],
      ...over,
    });

    /** Submitted by sato, sent by tanaka with his passkey, attested by the judge. */
    async function attested(id: string): Promise<void> {
      assert.equal((await sato.call('POST', `/v1/warrant-applications/${id}/submit`)).status, 200);
      const preview = await tanaka.call<{ digest: string }>('GET', `/v1/warrant-applications/${id}/send-preview`);
      const sent = await tanaka.call('POST', `/v1/warrant-applications/${id}/send`, {
        digest: preview.body.digest,
        assertion: passkeyAssertion(tanaka, preview.body.digest),
      });
      assert.equal(sent.status, 200, JSON.stringify(sent.body));
      const now = hub.ctx.clock();
      const path = `/v1/warrant-applications/${id}`;
      const { reply } = await previewAndSign<Application>(judge, `${path}/attestation-preview`, `${path}/attest`, {
        warrantNumber: `令和8年(む)第${id.slice(-6)}号`,
        issuedAt: now.toISOString(),
        validUntil: new Date(now.getTime() + 7 * 86400_000).toISOString(),
      });
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
    }

    test('kept, shown to the applying unit only, and carried into the request with the trace link', async () => {
      const { kase, board } = await answeredCase('ORIGIN-1');
      const follows = { source: 'answer', requestId: board.id, identifier: record };
      const d = await sato.call<Application>('POST', '/v1/warrant-applications', application({ follows }));
      assert.equal(d.status, 201, JSON.stringify(d.body));
      const id = d.body.id;
      const expected = {
        source: 'answer',
        requestId: board.id,
        reference: board.reference,
        identifier,
        case: { id: kase.id, reference: kase.reference, title: kase.title },
      };
      // Stored: read again by the drafter and by his unit head.
      assert.deepEqual((await sato.call<Application>('GET', `/v1/warrant-applications/${id}`)).body.follows, expected);
      assert.deepEqual(
        (await tanaka.call<Application>('GET', `/v1/warrant-applications/${id}`)).body.follows,
        expected,
      );
      // Another unit does not see the application, nor what it follows.
      const other = await osaka.call<ApiError>('GET', `/v1/warrant-applications/${id}`);
      assert.equal(other.status, 404);
      assert.doesNotMatch(JSON.stringify(other.body), new RegExp(board.id));
      // An edit that drops the identifier followed is refused; the origin stays as drafted.
      const dropped = await sato.call<ApiError>(
        'PUT',
        `/v1/warrant-applications/${id}`,
        application({ targets: [{ ...record, port: 52072 }] }),
      );
      assert.equal(dropped.status, 400, JSON.stringify(dropped.body));
      assert.equal(dropped.body.error.details?.field, 'targets');

      await attested(id);
      // The court reads what the unit head signed and sent, not the unit's trace.
      const atCourt = await judge.call<Application>('GET', `/v1/warrant-applications/${id}`);
      assert.equal(atCourt.status, 200);
      assert.equal(atCourt.body.follows, null);

      // The request drafted from the warrant follows the answer, in the same case.
      const opened = await sato.call<Application>('POST', `/v1/warrant-applications/${id}/request`, {});
      assert.equal(opened.status, 201, JSON.stringify(opened.body));
      const requestId = opened.body.requestId ?? assert.fail('a request was drafted');
      const next = await sato.call<RequestDetail>('GET', `/v1/requests/${requestId}`);
      assert.equal(next.body.caseId, kase.id);
      assert.deepEqual(
        next.body.chain.follows.map((h) => [h.source, h.requestId, h.reference, h.identifier]),
        [['answer', board.id, board.reference, identifier]],
      );
      const trace = await sato.call<Trace>('GET', `/v1/cases/${kase.id}/trace`);
      assert.equal(trace.status, 200, JSON.stringify(trace.body));
      const nodeOf = (rid: string) =>
        trace.body.nodes.find((n) => n.type === 'request' && n.requestId === rid)?.id ?? assert.fail(rid);
      const revealed = trace.body.edges.filter((e) => e.from === nodeOf(board.id) && e.kind === 'revealed');
      assert.equal(revealed.length, 1, JSON.stringify(trace.body.edges));
      const asked = trace.body.edges.filter((e) => e.from === nodeOf(requestId) && e.kind === 'asks_about');
      assert.deepEqual(
        asked.map((e) => e.to),
        revealed.map((e) => e.to),
        'the answer revealed what the request from the warrant asks about',
      );
      // The request cannot be moved to another case than the answer's.
      const { kase: elsewhere } = await answeredCase('ORIGIN-1B');
      const d2 = await sato.call<Application>('POST', '/v1/warrant-applications', application({ follows }));
      await attested(d2.body.id);
      const moved = await sato.call<ApiError>('POST', `/v1/warrant-applications/${d2.body.id}/request`, {
        caseId: elsewhere.id,
      });
      assert.equal(moved.status, 400, JSON.stringify(moved.body));
      assert.equal(moved.body.error.details?.field, 'caseId');
    });

    test('an origin is checked as a request of the chain is; without one, nothing changes', async () => {
      const { kase, board } = await answeredCase('ORIGIN-2');
      const { kase: otherCase } = await answeredCase('ORIGIN-3');
      const refused: Array<[Record<string, unknown>, number, string]> = [
        // The identifier must be one the application asks about.
        [
          { follows: { source: 'answer', requestId: board.id, identifier: { ...record, port: 1 } } },
          400,
          'follows.identifier',
        ],
        // The request answered is of the case named.
        [
          { follows: { source: 'answer', requestId: board.id, identifier: record }, caseId: otherCase.id },
          400,
          'follows.requestId',
        ],
        // An answer names its request; an e-mail's origin names its case; a case alone names nothing followed.
        [{ follows: { source: 'answer', identifier: record } }, 400, 'follows.requestId'],
        [{ follows: { source: 'mail', identifier: record } }, 400, 'caseId'],
        [{ caseId: kase.id }, 400, 'caseId'],
      ];
      for (const [over, status, field] of refused) {
        const r = await sato.call<ApiError>('POST', '/v1/warrant-applications', application(over));
        assert.equal(r.status, status, `${JSON.stringify(over)}: ${JSON.stringify(r.body)}`);
        assert.equal(r.body.error.details?.field, field, JSON.stringify(over));
      }
      // Another unit cannot follow sato's request.
      const foreign = await osaka.call<ApiError>(
        'POST',
        '/v1/warrant-applications',
        application({ follows: { source: 'answer', requestId: board.id, identifier: record } }),
      );
      assert.equal(foreign.status, 404, JSON.stringify(foreign.body));

      // An analysed e-mail's origin, with its case: kept, and no request answered.
      const mail = await sato.call<Application>(
        'POST',
        '/v1/warrant-applications',
        application({ follows: { source: 'mail', identifier: record }, caseId: kase.id, caseReference: 'ORIGIN-2' }),
      );
      assert.equal(mail.status, 201, JSON.stringify(mail.body));
      assert.deepEqual(mail.body.follows, {
        source: 'mail',
        requestId: null,
        reference: null,
        identifier,
        case: { id: kase.id, reference: kase.reference, title: kase.title },
      });

      // Typed from scratch: no origin, and the request from its warrant follows nothing.
      const plain = await sato.call<Application>('POST', '/v1/warrant-applications', application());
      assert.equal(plain.status, 201, JSON.stringify(plain.body));
      assert.equal(plain.body.follows, null);
      await attested(plain.body.id);
      const opened = await sato.call<Application>('POST', `/v1/warrant-applications/${plain.body.id}/request`, {});
      assert.equal(opened.status, 201, JSON.stringify(opened.body));
      const r = await sato.call<RequestDetail>('GET', `/v1/requests/${opened.body.requestId}`);
      assert.deepEqual(r.body.chain.follows, []);
    });
  });
}

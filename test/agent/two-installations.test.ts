// Two installations on this machine: the hub (police side) and the carrier's own installation, each
// with its own store, talking only over TLS with the hub's certificate pinned. The seeds' chain: the
// board answers address + port + time → the trace drafts a warrant to the carrier → the court attests →
// the carrier's agent pulls it, verifies it against its pinned directory, resolves it from its CGNAT
// port blocks and RADIUS logs → its legal officer approves → the answer, signed with the carrier's
// installation key and sealed, goes back → the investigator opens the subscriber. Also an ambiguous
// answer (no source port behind CGNAT) and a `none` (outside retention); every request the agent makes
// is inspected: nothing from the carrier's logs or subscriber directory crosses but the sealed answer.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { findAgentRequest } from '../../src/agent/agent.repository.ts';
import { type AgentRequestView, viewForReview } from '../../src/agent/review.ts';
import { type AgentRuntime, approve, cycle, sendAll } from '../../src/agent/runner.ts';
import type { Fetch } from '../../src/agent/transport.ts';
import type { Principal } from '../../src/domain/access.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import type { RunningServer } from '../../src/server/start.ts';
import {
  addLegalOfficer,
  agentPage,
  CARRIER_FACTS,
  issueWarrant,
  readyCarrier,
  runtime,
  startTlsEndpoint,
  type TestAgent,
} from '../support/agent.ts';
import { otherDialect, testDialects } from '../support/dialects.ts';
import { hubWithHooks, openOnDevice } from '../support/exchange.ts';
import {
  answer,
  draftNext,
  fromAnswer,
  issue,
  newCase,
  proposeNext,
  submitApprove,
  subscriberFound,
  threatPostInquiry,
  warrantForProposal,
} from '../support/flow.ts';
import type { RequestDetail } from '../support/replies.ts';

const BOARD_RECORD = { address: CARRIER_FACTS.publicAddress, port: 51234, at: '2026-11-30T23:42:17+09:00' };

/** What the agent sent: every request, as it left (after signing), with its body. */
interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

function recorder(into: Sent[]): (f: Fetch) => Fetch {
  return (f) => async (input, init) => {
    const req = input instanceof Request ? input : new Request(input, init);
    const body = req.body ? await req.clone().text() : '';
    const headers: Record<string, string> = {};
    req.headers.forEach((v, k) => {
      headers[k] = v;
    });
    into.push({ method: req.method, url: req.url, headers, body });
    return f(req);
  };
}

for (const dialect of testDialects()) {
  const agentDialect = otherDialect(dialect);
  describe(`two installations: hub on ${dialect}, carrier's agent on ${agentDialect}`, () => {
    const {
      hub,
      people: [sato, tanaka, board, judge],
      orgs,
    } = hubWithHooks(dialect, ['sato', 'tanaka', 'board.legal', 'judge']);
    let tlsHub: RunningServer;
    let agent: TestAgent;
    let rt: AgentRuntime;
    let legal: Principal;
    let legalCode: string;
    let ispId: string, caseId: string;
    let boardRequest: string;
    const sent: Sent[] = [];
    let logFiles: string[] = [];

    /** The carrier's side: one cycle, then what its legal officer sees of this request. */
    async function atCarrier(id: string): Promise<AgentRequestView> {
      await cycle(rt);
      const row = await findAgentRequest(agent.ctx.store.db, id);
      assert.equal(row?.state, 'prepared', 'pulled, verified, stored and prepared');
      return run(agent.ctx, viewForReview, legal, id, {});
    }

    before(async () => {
      const tls = await startTlsEndpoint(hub);
      tlsHub = tls.server;
      const carrier = await readyCarrier(hub, agentDialect);
      ({ agent, logFiles } = carrier);
      ({ code: legalCode, legal } = await addLegalOfficer(agent, '法務 山口'));
      rt = runtime(agent, carrier.key.signer, agent.link(tls.transport, recorder(sent)));
      ispId = agent.organisationId;
      caseId = await newCase(hub, 'AGENT-1');
      boardRequest = (await issue(sato, tanaka, threatPostInquiry(orgs.board, 'AGENT-1'), caseId)).id;
      const post = { ...BOARD_RECORD, action: 'post' };
      await answer(board, boardRequest, [{ ...subscriberFound({ account: 'anon-77' }), accessLog: [post] }]);
    });
    after(async () => {
      await tlsHub.close();
      await agent.close();
    });

    test('board → trace → warrant → the carrier resolves it from its own logs → approved → subscriber', async () => {
      const from = await fromAnswer(hub, 'sato', boardRequest);
      const p = await proposeNext(sato, caseId, from);
      assert.equal(p.status, 200, JSON.stringify(p.body));
      assert.equal(p.body.holder.organisationId, ispId);
      assert.equal(p.body.step.kind, 'warrant');
      const attested = await warrantForProposal(hub, judge, p.body, 'AGENT-W-1');
      const drafted = await draftNext(sato, caseId, { from, warrant: attested });
      assert.equal(drafted.status, 201, JSON.stringify(drafted.body));
      const id = drafted.body.request.id;
      assert.equal((await submitApprove(sato, tanaka, id)).state, 'received');

      const view = await atCarrier(id);
      const t = view.findings?.[0];
      assert.equal(t?.finding?.verdict, 'unique', JSON.stringify(t?.finding, null, 1));
      const cand = t?.finding?.candidates[0];
      assert.equal(cand?.account, CARRIER_FACTS.suzuki.account);
      assert.equal(cand?.insideAddress, CARRIER_FACTS.suzuki.inside);
      const files = (cand?.sources ?? []).map((s) => s.file.split('/').pop()).sort();
      assert.deepEqual(files, ['cgn-pba.log', 'radius-detail']);
      // Nothing has left the carrier: the hub still shows the request as received.
      assert.equal((await sato.call<RequestDetail>('GET', `/v1/requests/${id}`)).body.state, 'received');
      assert.equal((await cycle(rt)).sent, 0, 'a prepared answer waits for a person');

      assert.ok(view.draftDigest);
      await approve(rt, legal, id, view.draftDigest);
      const s = await sendAll(rt, rt.hub ?? assert.fail('online'));
      assert.equal(
        s.failed,
        0,
        JSON.stringify(
          await agent.ctx.store.db.selectFrom('agent_requests').select(['request_id', 'last_error', 'state']).execute(),
        ),
      );
      assert.equal((await sato.call<RequestDetail>('GET', `/v1/requests/${id}`)).body.state, 'answered');
      const answer = await openOnDevice(hub, 'sato', id);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(answer.body.answer.items[0]?.subscriber?.name, CARRIER_FACTS.suzuki.name);
      assert.equal(answer.body.answer.items[0]?.finding?.verdict, 'unique');
      assert.equal(answer.body.signatureValid, true);
    });

    test('no source port behind CGNAT: ambiguous, shown as such, never as one subscriber', async () => {
      const { port: _p, ...noPort } = BOARD_RECORD;
      const id = await issueWarrant(hub, ispId, caseId, [{ type: 'ip', ...noPort, toleranceSeconds: 0 }], 'AMB');
      const view = await atCarrier(id);
      const f = view.findings?.[0]?.finding;
      assert.equal(f?.verdict, 'ambiguous');
      assert.deepEqual(
        f?.candidates.map((c) => c.account).sort(),
        [CARRIER_FACTS.kato.account, CARRIER_FACTS.suzuki.account].sort(),
      );
      assert.ok(f?.resolveBy.some((h) => h.code === 'source_port'));
      assert.ok(view.draftDigest);
      // The review pages' edit form refuses to leave one candidate (it would read as one subscriber),
      // next to the candidates, in the reviewer's language; nothing is stored.
      const post = (form: Record<string, string>, lang = 'ja') =>
        agentPage(rt, legalCode, `/requests/${id}/fields?lang=${lang}`, new URLSearchParams(form));
      const oneLeft = { digest: view.draftDigest, 'result.0': 'found', 'cand.0.0': '1' };
      for (const lang of ['ja', 'en'] as const) {
        const refused = await post(oneLeft, lang);
        assert.equal(refused.status, 400);
        const html = await refused.text();
        const alert = /id="err-0-data">([^<]*)</.exec(html)?.[1] ?? '';
        assert.match(alert, lang === 'ja' ? /2件以上/ : /single subscriber/, html);
        assert.match(html, /aria-describedby="err-0-data"/);
      }
      const stale = await post({ ...oneLeft, 'cand.0.1': '1', digest: 'not-the-draft' });
      assert.equal(stale.status, 400);
      assert.match(await stale.text(), /開き直して/);
      assert.equal(
        (await run(agent.ctx, viewForReview, legal, id, {})).draftDigest,
        view.draftDigest,
        'nothing stored',
      );
      await approve(rt, legal, id, view.draftDigest);
      await sendAll(rt, rt.hub ?? assert.fail('online'));
      const answer = await openOnDevice(hub, 'sato', id);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      const item = answer.body.answer.items[0];
      assert.equal(item?.finding?.verdict, 'ambiguous');
      assert.equal(item?.finding?.candidates.length, 2);
      assert.equal(item?.subscriber, undefined, 'an ambiguous answer names no subscriber');
    });

    test('outside retention: none, with why', async () => {
      const id = await issueWarrant(
        hub,
        ispId,
        caseId,
        [{ type: 'ip', ...BOARD_RECORD, at: '2026-01-10T10:00:00+09:00', toleranceSeconds: 0 }],
        'NONE',
      );
      const view = await atCarrier(id);
      const f = view.findings?.[0]?.finding;
      assert.equal(f?.verdict, 'none');
      assert.ok((f?.reasons.length ?? 0) > 0);
      assert.ok(view.draftDigest);
      await approve(rt, legal, id, view.draftDigest);
      await sendAll(rt, rt.hub ?? assert.fail('online'));
      const answer = await openOnDevice(hub, 'sato', id);
      assert.equal(answer.body.answer.items[0]?.finding?.verdict, 'none');
    });

    test('a restart does not answer twice, even after a crash between the hub and the local record', async () => {
      const sentRows = await agent.ctx.store.db
        .selectFrom('agent_requests')
        .selectAll()
        .where('state', '=', 'sent')
        .execute();
      assert.ok(sentRows.length >= 3);
      const again = runtime(agent, rt.signer, rt.hub);
      const c = await cycle(again);
      assert.equal(c.sent, 0);
      // The crash: the hub took the answer, the installation did not record it.
      const one = sentRows[0];
      assert.ok(one);
      await agent.ctx.store.db
        .updateTable('agent_requests')
        .set({ state: 'approved', sent_at: null })
        .where('request_id', '=', one.request_id)
        .execute();
      const before = await hub.ctx.store.db
        .selectFrom('answers')
        .select('id')
        .where('request_id', '=', one.request_id)
        .execute();
      const r = await sendAll(again, again.hub ?? assert.fail('online'));
      assert.equal(r.sent, 1);
      const afterRows = await hub.ctx.store.db
        .selectFrom('answers')
        .select('id')
        .where('request_id', '=', one.request_id)
        .execute();
      assert.equal(afterRows.length, before.length, 'the hub holds one answer');
      assert.equal((await findAgentRequest(agent.ctx.store.db, one.request_id))?.state, 'sent');
    });

    const agentRequestsTitle =
      'every request the agent made: signed, to the pinned hub, and nothing of the logs but sealed answers';
    test(agentRequestsTitle, async () => {
      assert.ok(sent.length > 0);
      const f = CARRIER_FACTS;
      const secrets = [
        f.suzuki.account,
        f.kato.account,
        f.suzuki.name,
        f.kato.name,
        f.suzuki.inside,
        f.kato.inside,
        'スズキ',
        '西新宿',
        'suzuki@example.jp',
        'radius',
        'cgn-pba',
        'subscribers.csv',
        ...logFiles,
      ];
      for (const r of sent) {
        assert.ok(r.url.startsWith(`${tlsHub.url}/v1/`), r.url);
        assert.ok(r.headers['x-shokai-signature'], 'every call is signed with the machine key');
        const text = `${r.url}\n${r.body}`;
        for (const s of secrets) assert.ok(!text.includes(s), `${r.method} ${r.url} carries ${s}`);
        if (r.method === 'GET') {
          assert.equal(r.body, '');
          continue;
        }
        assert.equal(r.method, 'POST');
        assert.match(r.url, /\/v1\/requests\/[^/]+\/transitions$/);
        const body = JSON.parse(r.body) as { action: string; sealed?: Record<string, unknown> };
        if (body.action === 'start_review') {
          assert.deepEqual(Object.keys(body), ['action'], 'opening the review carries nothing else');
          continue;
        }
        assert.deepEqual(Object.keys(body).sort(), ['action', 'sealed']);
        assert.equal(body.action, 'answer');
        assert.deepEqual(Object.keys(body.sealed ?? {}).sort(), ['keyId', 'sealed', 'sealedForProvider', 'signature']);
      }
      const allowed = new Set([
        'GET /v1/directory/export',
        'GET /v1/requests',
        'GET /v1/requests/:id',
        'GET /v1/requests/:id/answer-keys',
        'GET /v1/requests/:id/envelope',
        'POST /v1/requests/:id/transitions',
        // The names of the provider's own people, for the words of a person's key in the pin.
        'GET /v1/users',
      ]);
      for (const r of sent) {
        const path = `${r.method} ${new URL(r.url).pathname.replace(/req_[^/]+/, ':id')}`;
        assert.ok(allowed.has(path), path);
      }
      assert.ok(
        sent.some((r) => r.method === 'POST' && r.body.includes('"sealed"')),
        'the sealed answers went this way',
      );
    });
  });
}

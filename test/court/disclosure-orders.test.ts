// Disclosure-order applications (発信者情報開示命令の申立て, issue 15 item 2): the claimant's lawyer
// applies to the court in the system, a judge issues the order with his own passkey or declines it,
// the lawyer's civil request presents the issued order with nothing copied by hand, and the provider
// verifies the judge's signature over it; an altered order fails that check.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Schemas } from '#shokai/client';
import { testDialects } from '../support/dialects.ts';
import { anOrder, recordHeard } from '../support/disclosure-order.ts';
import { checkedAtInstallation } from '../support/envelopes.ts';
import { approve, assertRefusedNamingField, type Client, hubWithHooks, previewAndSign } from '../support/exchange.ts';
import { civilDisclosure, civilOrderApplication, issue } from '../support/flow.ts';
import type { ApiError, RequestDetail } from '../support/replies.ts';
import { declinedWithReason } from './support.ts';

type Application = Schemas['DisclosureOrderApplication'];
type Summary = Schemas['DisclosureOrderApplicationSummary'];

for (const dialect of testDialects()) {
  describe(`disclosure-order applications (${dialect})`, () => {
    const {
      hub,
      people: [lawyer, assistant, judge, sato, board, courtAdmin],
      orgs,
    } = hubWithHooks(dialect, ['lawyer', 'law.assistant', 'judge', 'sato', 'board.legal', 'court.admin']);

    const application = (n: string, over: Record<string, unknown> = {}) => ({
      ...civilOrderApplication(orgs.court, orgs.board, n),
      ...over,
    });

    const order = (over: Record<string, unknown> = {}) => ({ ...anOrder(hub.ctx.clock().toISOString()), ...over });

    /** The lawyer's civil request about application `n`'s post, presenting `courtOrder` for `claimant`. */
    const civilRequest = (n: string, courtOrder: Record<string, unknown>, claimant = '甲野 花子') =>
      civilDisclosure(orgs.board, n, {
        route: 'court_order',
        claimant,
        courtOrder: { type: 'disclosure_order', courtOrganisationId: orgs.court, ...courtOrder },
      });

    async function file(n: string, over: Record<string, unknown> = {}): Promise<Application> {
      const r = await lawyer.call<Application>('POST', '/v1/disclosure-order-applications', application(n, over));
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body;
    }

    /** What a provider's own installation concludes of the envelope, against the hub's directory pinned. */
    const atInstallation = (requestId: string) =>
      checkedAtInstallation(hub, { by: lawyer, provider: board, providerOrgId: orgs.board }, requestId);

    /** `c` issues application `id` as `body`, the provider heard first when `heard` (and `c` may record it). */
    async function issueAs(c: Client, id: string, body: Record<string, unknown>, heard = true) {
      const path = `/v1/disclosure-order-applications/${id}`;
      if (heard) await recordHeard(c, id, 'provider', String(body.orderedAt));
      return (await previewAndSign<Application & ApiError>(c, `${path}/issue-preview`, `${path}/issue`, body)).reply;
    }

    test('bad applications are refused with the field named; nothing is stored', async () => {
      const cases: Array<[Record<string, unknown>, string, string]> = [
        [{ courtOrganisationId: orgs.mpd }, 'VALIDATION_FAILED', 'courtOrganisationId'],
        [{ providerOrganisationId: orgs.court }, 'NOT_A_PROVIDER', 'providerOrganisationId'],
        [{ claimant: '' }, 'VALIDATION_FAILED', 'claimant'],
        [{ rights: [] }, 'VALIDATION_FAILED', 'rights'],
        [{ senderInformation: ['email', 'email'] }, 'VALIDATION_FAILED', 'senderInformation'],
        [{ targets: [] }, 'VALIDATION_FAILED', 'targets'],
      ];
      await assertRefusedNamingField(
        lawyer,
        '/v1/disclosure-order-applications',
        cases.map(([over, code, field]) => [application('1', over), code, field]),
      );
      // Neither the police nor an assistant applies.
      assert.equal((await sato.call('POST', '/v1/disclosure-order-applications', application('2'))).status, 403);
      assert.equal((await assistant.call('POST', '/v1/disclosure-order-applications', application('2'))).status, 403);
    });

    test('only the applying office and the court see it; the judge finds it in the inbox', async () => {
      const a = await file('8101');
      assert.equal(a.state, 'filed');
      assert.match(a.reference, /^DO-\d{4}-\d{6}$/);
      assert.deepEqual(a.actions, ['withdraw']);
      const inbox = await judge.call<{ items: Summary[] }>('GET', '/v1/disclosure-order-applications?state=filed');
      assert.equal(inbox.status, 200);
      assert.ok(inbox.body.items.some((i) => i.id === a.id));
      const seen = await judge.call<Application>('GET', `/v1/disclosure-order-applications/${a.id}`);
      assert.equal(seen.status, 200);
      assert.equal(seen.body.side, 'court');
      assert.deepEqual(seen.body.actions.sort(), ['decline', 'record_hearing']);
      for (const other of [sato, board, assistant, courtAdmin]) {
        const r = await other.call<ApiError>('GET', `/v1/disclosure-order-applications/${a.id}`);
        assert.ok(r.status === 404 || r.status === 403, `${r.status} ${JSON.stringify(r.body)}`);
      }
      // The provider lists none; the police list none.
      assert.equal((await board.call('GET', '/v1/disclosure-order-applications')).status, 403);
      assert.equal((await sato.call('GET', '/v1/disclosure-order-applications')).status, 403);
      // The lawyer cannot issue; the judge cannot withdraw.
      assert.equal(
        (await lawyer.call('POST', `/v1/disclosure-order-applications/${a.id}/issue-preview`, order())).status,
        403,
      );
      assert.equal(
        (await judge.call('POST', `/v1/disclosure-order-applications/${a.id}/withdraw`, { reason: 'x' })).status,
        403,
      );
    });

    test('the judge declines with a reason the lawyer reads; the office withdraws another', async () => {
      const a = await file('8102');
      const path = `/v1/disclosure-order-applications/${a.id}`;
      await declinedWithReason<Application>(judge, lawyer, path, {}, '権利侵害の明白性が認められない。');
      const again = await issueAs(judge, a.id, order());
      assert.equal(again.status, 409, JSON.stringify(again.body));
      const b = await file('8103');
      const w = await lawyer.call<Application>('POST', `/v1/disclosure-order-applications/${b.id}/withdraw`, {
        reason: '和解が成立したため',
      });
      assert.equal(w.body.state, 'withdrawn', JSON.stringify(w.body));
    });

    test('an order in the future, before the filing, or without an offset is refused, naming orderedAt', async () => {
      const a = await file('8104');
      const future = new Date(hub.ctx.clock().getTime() + 3600_000).toISOString();
      const past = new Date(hub.ctx.clock().getTime() - 86400_000).toISOString();
      for (const orderedAt of [future, past, '2026-11-20T10:00:00']) {
        const r = await judge.call<ApiError>(
          'POST',
          `/v1/disclosure-order-applications/${a.id}/issue-preview`,
          order({ orderedAt }),
        );
        assert.equal(r.status, 400, `${orderedAt}: ${JSON.stringify(r.body)}`);
        assert.equal(r.body.error.details?.field, 'orderedAt', JSON.stringify(r.body));
      }
      // Without the judge's assertion the server signs nothing.
      const unsigned = await judge.call<ApiError>('POST', `/v1/disclosure-order-applications/${a.id}/issue`, order());
      assert.equal(unsigned.status >= 400, true, JSON.stringify(unsigned.body));
      const still = await judge.call<Application>('GET', `/v1/disclosure-order-applications/${a.id}`);
      assert.equal(still.body.state, 'filed');
    });

    test('issued with the judge passkey; the request presents it; the provider verifies the signature', async () => {
      const a = await file('8105');
      const issued = await issueAs(judge, a.id, order());
      assert.equal(issued.status, 200, JSON.stringify(issued.body));
      assert.equal(issued.body.state, 'issued');
      assert.match(issued.body.order?.attestation.signature ?? '', /^wa1\./);
      const mine = await lawyer.call<Application>('GET', `/v1/disclosure-order-applications/${a.id}`);
      assert.deepEqual(mine.body.actions, ['open_request']);
      const opened = await lawyer.call<Application>('POST', `/v1/disclosure-order-applications/${a.id}/request`, {});
      assert.equal(opened.status, 201, JSON.stringify(opened.body));
      const requestId = opened.body.requestId ?? assert.fail('a request');
      const twice = await lawyer.call<ApiError>('POST', `/v1/disclosure-order-applications/${a.id}/request`, {});
      assert.equal(twice.status, 409);
      const draft = await lawyer.call<RequestDetail>('GET', `/v1/requests/${requestId}`);
      assert.match(JSON.stringify(draft.body), /court_order/);
      assert.match(JSON.stringify(draft.body), new RegExp(issued.body.order?.caseNumber.replace(/[()]/g, '.') ?? 'x'));
      await lawyer.call('POST', `/v1/requests/${requestId}/transitions`, { action: 'submit' });
      assert.equal((await approve(lawyer, requestId)).status, 200);
      const seen = await board.call<RequestDetail>('GET', `/v1/requests/${requestId}`);
      assert.equal(seen.body.state, 'received', JSON.stringify(seen.body.verification));
      const check = seen.body.verification?.checks.find((c) => c.name === 'court_order');
      assert.equal(check?.status, 'pass', JSON.stringify(check));
      assert.equal(seen.body.verification?.ok, true);
      // A provider's own installation checks it against the pinned directory as well.
      const agent = await atInstallation(requestId);
      assert.equal(agent.ok, true, JSON.stringify(agent));
    });

    test('an altered order is refused at drafting, and fails the provider check when it gets through', async () => {
      const a = await file('8106');
      const issued = await issueAs(judge, a.id, order());
      assert.equal(issued.status, 200, JSON.stringify(issued.body));
      const o = issued.body.order ?? assert.fail('an order');
      const { caseNumber, orderedAt, content: operative, attestation } = o;
      const content = (courtOrder: Record<string, unknown>, claimant?: string) =>
        civilRequest('8106', { caseNumber, orderedAt, content: operative, attestation, ...courtOrder }, claimant);
      // As issued, typed by hand with the signature: accepted.
      const ok = await lawyer.call<RequestDetail>('POST', '/v1/requests', { content: content({}) });
      assert.equal(ok.status, 201, JSON.stringify(ok.body));
      // The operative part altered, or another claimant: refused, naming the signature.
      for (const bad of [content({ content: '相手方は全ての情報を開示せよ。' }), content({}, '乙山 太郎')]) {
        const r = await lawyer.call<ApiError>('POST', '/v1/requests', { content: bad });
        assert.equal(r.status, 400, JSON.stringify(r.body));
        assert.equal(r.body.error.details?.field, 'civil.courtOrder.attestation');
      }
      // Altered after drafting (in storage): the provider's check fails, and the request is not taken.
      const row = await hub.ctx.store.db
        .selectFrom('requests')
        .select(['content'])
        .where('id', '=', ok.body.id)
        .executeTakeFirstOrThrow();
      const stored = JSON.parse(row.content) as { civil: { courtOrder: { content: string } } };
      stored.civil.courtOrder.content = '相手方は全ての情報を開示せよ。';
      await hub.ctx.store.db
        .updateTable('requests')
        .set({ content: JSON.stringify(stored) })
        .where('id', '=', ok.body.id)
        .execute();
      await lawyer.call('POST', `/v1/requests/${ok.body.id}/transitions`, { action: 'submit' });
      await approve(lawyer, ok.body.id);
      const seen = await board.call<RequestDetail>('GET', `/v1/requests/${ok.body.id}`);
      const check = seen.body.verification?.checks.find((c) => c.name === 'court_order');
      assert.equal(check?.status, 'fail', JSON.stringify(seen.body.verification));
      assert.equal(seen.body.verification?.ok, false);
      const agent = await atInstallation(ok.body.id);
      assert.equal(agent.ok, false);
      assert.equal(agent.ok ? '' : agent.reason, 'attestation');
      assert.match(agent.ok ? '' : (agent.detail?.en ?? ''), /disclosure order/);
    });

    test('a hand-entered order without a judge signature is shown to the provider as unverified', async () => {
      const orderedAt = new Date(hub.ctx.clock().getTime() - 86400_000).toISOString();
      const courtOrder = { caseNumber: '令和8年(発チ)第20001号', orderedAt, content: '開示せよ。' };
      const d = await issue(lawyer, lawyer, civilRequest('8107', courtOrder));
      const seen = await board.call<RequestDetail>('GET', `/v1/requests/${d.id}`);
      const check = seen.body.verification?.checks.find((c) => c.name === 'court_order');
      assert.equal(check?.status, 'not_applicable');
      assert.match(check?.message.ja ?? '', /未確認/);
      assert.match(check?.message.en ?? '', /unverified/);
    });
  });
}

// Ancillary orders of a disclosure-order case (付随命令): the lawyer applies for an erasure-prohibition
// order (消去禁止命令) within the pending case against the access provider; the judge issues it with his
// own passkey; the access provider checks the judge's signature before it receives the order (an
// altered one is refused); retention keeps the provider's data about the communication while the order
// stands, and purges it once the case ends.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Schemas } from '#shokai/client';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { DAY_MS } from '../../src/domain/time.ts';
import { runRetention, setRetentionRule } from '../../src/exchange/retention.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { migrate, undoMigration } from '../../src/store/database.ts';
import { auditDetails, auditEntries } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks, previewAndSign } from '../support/exchange.ts';
import { civilToAccessProvider, issue, transition } from '../support/flow.ts';
import type { ApiError } from '../support/replies.ts';

type Order = Schemas['AncillaryOrder'];
type Application = Schemas['DisclosureOrderApplication'];

for (const dialect of testDialects()) {
  describe(`ancillary orders: erasure prohibition (${dialect})`, () => {
    let now = Date.now();
    const {
      hub,
      people: [lawyer, assistant, judge, isp, board],
      orgs,
      signInAgain,
    } = hubWithHooks(dialect, ['lawyer', 'law.assistant', 'judge', 'isp.legal', 'board.legal'], {
      clock: () => new Date(now),
    });

    /** The communication the board's IP disclosure named: the access provider is asked who used it. */
    const communication = (n: number) => ({
      type: 'ip',
      address: `203.0.113.${n}`,
      port: 50000 + n,
      at: '2026-11-20T09:15:00+09:00',
    });

    async function fileCase(n: number): Promise<Application> {
      const r = await lawyer.call<Application>('POST', '/v1/disclosure-order-applications', {
        courtOrganisationId: orgs.court,
        providerOrganisationId: orgs.isp,
        caseReference: `当事務所 民-AP-${n}`,
        claimant: '甲野 花子',
        rights: ['honour'],
        rightsInfringed: '虚偽の前科の摘示により社会的評価が低下した。',
        purposes: ['damages'],
        senderInformation: ['name', 'address'],
        targets: [communication(n)],
        facts: '掲示板の開示によりこの接続元が判明した。',
        necessity: '損害賠償請求の相手方を特定するため。',
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body;
    }

    async function applyErasureProhibition(caseId: string): Promise<Order> {
      const r = await lawyer.call<Order>('POST', `/v1/disclosure-order-applications/${caseId}/ancillary-orders`, {
        type: 'erasure_prohibition',
        reasons: '相手方の接続記録の保存期間は3か月であり、本案の審理中に消去されるおそれがある。',
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body;
    }

    async function issueAs(id: string, over: Record<string, unknown> = {}) {
      const body = {
        caseNumber: `令和8年(発チ)第${Math.floor(Math.random() * 1e6)}号`,
        orderedAt: new Date(now).toISOString(),
        content: '相手方は、本案事件が終了するまでの間、別紙発信者情報目録記載の発信者情報を消去してはならない。',
        ...over,
      };
      const path = `/v1/ancillary-orders/${id}`;
      const { preview, reply } = await previewAndSign<Order & ApiError>(
        judge,
        `${path}/issue-preview`,
        `${path}/issue`,
        body,
      );
      assert.equal(preview.status, 200, JSON.stringify(preview.body));
      assert.match(preview.body.canonical, /erasure-prohibition-order/);
      return reply;
    }

    /** Case `n` filed, an erasure-prohibition applied for over it, and the judge's order issued. */
    async function erasureProhibitionIssued(n: number): Promise<{ c: Application; o: Order }> {
      const c = await fileCase(n);
      const o = await applyErasureProhibition(c.id);
      assert.equal((await issueAs(o.id)).status, 200);
      return { c, o };
    }

    /** A civil request of the lawyer to the access provider about the communication, declined and closed. */
    async function closedRequestAbout(n: number): Promise<string> {
      const { id } = await issue(lawyer, lawyer, civilToAccessProvider(orgs.isp, `AP-${n}`, [communication(n)]));
      await transition(isp, id, { action: 'start_review' });
      await transition(isp, id, { action: 'decline', reason: 'infringement_not_evident' });
      await transition(lawyer, id, { action: 'close' });
      return id;
    }

    const purgedOrArchived = async (requestId: string) =>
      (
        await hub.ctx.store.db
          .selectFrom('retention_records')
          .select('mode')
          .where('request_id', '=', requestId)
          .executeTakeFirst()
      )?.mode;

    test('applied within the pending case; refused outside it, twice, or by an assistant', async () => {
      const c = await fileCase(1);
      const o = await applyErasureProhibition(c.id);
      assert.equal(o.state, 'filed');
      assert.match(o.reference, /^AO-\d{4}-\d{6}$/);
      assert.deepEqual(o.actions, ['withdraw']);
      const twice = await lawyer.call<ApiError>('POST', `/v1/disclosure-order-applications/${c.id}/ancillary-orders`, {
        type: 'erasure_prohibition',
        reasons: 'x',
      });
      assert.equal(twice.status, 409);
      assert.equal(twice.body.error.details?.field, 'type');
      const byAssistant = await assistant.call('POST', `/v1/disclosure-order-applications/${c.id}/ancillary-orders`, {
        type: 'erasure_prohibition',
        reasons: 'x',
      });
      assert.equal(byAssistant.status, 403);
      // The assistant sees the office's order but may not withdraw it: refused for the permission, in
      // words, before anything is loaded or moved (403, not 404).
      const assistantWithdraws = await assistant.call<ApiError>('POST', `/v1/ancillary-orders/${o.id}/withdraw`, {
        reason: 'x',
      });
      assert.equal(assistantWithdraws.status, 403, JSON.stringify(assistantWithdraws.body));
      assert.equal(assistantWithdraws.body.error.code, 'FORBIDDEN');
      assert.equal((await lawyer.call<Order>('GET', `/v1/ancillary-orders/${o.id}`)).body.state, 'filed');
      // The provider does not see an order before it is issued.
      assert.equal((await isp.call('GET', `/v1/ancillary-orders/${o.id}`)).status, 404);
      const inbox = await judge.call<{ items: Order[] }>('GET', '/v1/ancillary-orders');
      assert.ok(inbox.body.items.some((i) => i.id === o.id && i.actions.includes('issue')));
      // Withdrawing the case takes its pending ancillary application with it.
      const w = await lawyer.call('POST', `/v1/disclosure-order-applications/${c.id}/withdraw`, { reason: '和解' });
      assert.equal(w.status, 200, JSON.stringify(w.body));
      assert.equal((await lawyer.call<Order>('GET', `/v1/ancillary-orders/${o.id}`)).body.state, 'withdrawn');
      const late = await lawyer.call<ApiError>('POST', `/v1/disclosure-order-applications/${c.id}/ancillary-orders`, {
        type: 'erasure_prohibition',
        reasons: 'x',
      });
      assert.equal(late.status, 409);
      assert.equal(late.body.error.details?.field, 'state');
    });

    test('issued by the judge → verified and received by the provider; an altered order is refused', async () => {
      const c = await fileCase(2);
      const o = await applyErasureProhibition(c.id);
      const noPasskey = await judge.call('POST', `/v1/ancillary-orders/${o.id}/issue`, {
        caseNumber: '令和8年(発チ)第1号',
        orderedAt: new Date(now).toISOString(),
        content: '消去してはならない。',
      });
      assert.ok(noPasskey.status >= 400, 'the judge signs with his own passkey');
      const issued = await issueAs(o.id);
      assert.equal(issued.status, 200, JSON.stringify(issued.body));
      assert.equal(issued.body.state, 'issued');

      const seen = await isp.call<Order>('GET', `/v1/ancillary-orders/${o.id}`);
      assert.equal(seen.status, 200, JSON.stringify(seen.body));
      assert.equal(seen.body.side, 'provider');
      assert.equal(seen.body.signatureVerified, true);
      assert.equal(seen.body.reasons, null, 'the application is counsel’s, not the provider’s');
      assert.equal(seen.body.applicationId, null);
      assert.deepEqual(seen.body.actions, ['receive']);
      // Another provider does not see it.
      assert.equal((await board.call('GET', `/v1/ancillary-orders/${o.id}`)).status, 404);
      const received = await isp.call<Order>('POST', `/v1/ancillary-orders/${o.id}/receive`);
      assert.equal(received.status, 200, JSON.stringify(received.body));
      assert.ok(received.body.receivedAt);

      // A forged order: the operative part altered after the judge signed it.
      const { o: o2 } = await erasureProhibitionIssued(3);
      await hub.ctx.store.db
        .updateTable('ancillary_order_applications')
        .set({ order_content: '相手方は、別紙記載の全ての記録を永久に保存せよ。' })
        .where('id', '=', o2.id)
        .execute();
      const forged = await isp.call<Order>('GET', `/v1/ancillary-orders/${o2.id}`);
      assert.equal(forged.body.signatureVerified, false);
      const refused = await isp.call<ApiError>('POST', `/v1/ancillary-orders/${o2.id}/receive`);
      assert.equal(refused.status, 422);
      assert.equal(refused.body.error.code, 'SIGNATURE_INVALID');
      assert.ok(refused.body.error.message.ja && refused.body.error.message.en);
      assert.equal((await isp.call<Order>('GET', `/v1/ancillary-orders/${o2.id}`)).body.receivedAt, null);
      const kept = await auditEntries(hub.ctx.store.db, 'ancillary_order.refused', o2.id);
      assert.equal(kept.length, 1, 'the refusal is in the audit log');
    });

    test('retention keeps the held data while the order stands and purges it once the case ends', async () => {
      await run(hub.ctx, setRetentionRule, SYSTEM_CALLER, { kind: 'civil_disclosure', days: 30, mode: 'purge' });
      const { o } = await erasureProhibitionIssued(4);
      const held = await closedRequestAbout(4);
      const free = await closedRequestAbout(5);
      now += 31 * DAY_MS;
      await signInAgain(); // a month later: the sessions of before have expired
      const first = await runRetention(hub.ctx, SYSTEM_CALLER);
      assert.ok(
        first.applied.some((a) => a.requestId === free),
        'a request the order does not cover is purged',
      );
      assert.ok(!first.applied.some((a) => a.requestId === held), 'the held request is kept');
      assert.equal(await purgedOrArchived(held), undefined);
      assert.equal(await purgedOrArchived(free), 'purge');
      const audit = await auditDetails(hub.ctx.store.db, 'retention.held', held);
      assert.equal(audit.length, 1);
      assert.equal(audit[0]?.sourceId, o.id);

      // Only the court records that the order ceased; the case ended (the decision became final).
      assert.equal((await lawyer.call('POST', `/v1/ancillary-orders/${o.id}/lift`, { reason: 'x' })).status, 403);
      const lifted = await judge.call<Order>('POST', `/v1/ancillary-orders/${o.id}/lift`, {
        reason: '本案の決定が確定した。',
      });
      assert.equal(lifted.status, 200, JSON.stringify(lifted.body));
      assert.equal(lifted.body.state, 'lifted');
      const second = await runRetention(hub.ctx, SYSTEM_CALLER);
      assert.ok(
        second.applied.some((a) => a.requestId === held),
        'purged once the order ceased',
      );
      assert.equal(await purgedOrArchived(held), 'purge');
      assert.equal((await isp.call<Order>('GET', `/v1/ancillary-orders/${o.id}`)).body.state, 'lifted');
    });

    test('the case declined: the order in force ceases and its hold ends', async () => {
      const { c, o } = await erasureProhibitionIssued(6);
      const d = await judge.call('POST', `/v1/disclosure-order-applications/${c.id}/decline`, {
        reason: '権利侵害の明白性が認められない。',
      });
      assert.equal(d.status, 200, JSON.stringify(d.body));
      const after = await lawyer.call<Order>('GET', `/v1/ancillary-orders/${o.id}`);
      assert.equal(after.body.state, 'lifted');
      assert.equal(after.body.liftReason, '本案の申立ての却下 / the main application was declined');
      // The bound provider learns that the order ceased and why in general; the court's reasons for
      // declining the case are the parties' (the lawyer reads them on the application), never the provider's.
      const bound = await isp.call<Order>('GET', `/v1/ancillary-orders/${o.id}`);
      assert.equal(bound.body.liftReason, after.body.liftReason);
      const list = await isp.call<{ items: Order[] }>('GET', '/v1/ancillary-orders');
      assert.doesNotMatch(JSON.stringify(list.body), /明白性/);
      const main = await lawyer.call<Application>('GET', `/v1/disclosure-order-applications/${c.id}`);
      assert.match(JSON.stringify(main.body), /明白性/);
      const holds = await hub.ctx.store.db
        .selectFrom('retention_holds')
        .select('lifted_at')
        .where('source_id', '=', o.id)
        .execute();
      assert.equal(holds.length, 1);
      assert.ok(holds[0]?.lifted_at, 'the hold ended');
    });

    test('the case withdrawn: the provider reads that it was withdrawn, not the office’s reason', async () => {
      const { c, o } = await erasureProhibitionIssued(7);
      const w = await lawyer.call('POST', `/v1/disclosure-order-applications/${c.id}/withdraw`, {
        reason: '相手方と示談が成立したため取り下げる。',
      });
      assert.equal(w.status, 200, JSON.stringify(w.body));
      const bound = await isp.call<Order>('GET', `/v1/ancillary-orders/${o.id}`);
      assert.equal(bound.status, 200, JSON.stringify(bound.body));
      assert.equal(bound.body.state, 'lifted');
      assert.equal(bound.body.liftReason, '本案の申立ての取下げ / the main application was withdrawn');
      assert.doesNotMatch(JSON.stringify((await isp.call('GET', '/v1/ancillary-orders')).body), /示談/);
    });

    test('migration 065: orders that ceased before it read how the case ended, not its reasons', async () => {
      // The two cases above ended; a store from before 065 held their reasons on the orders (down puts
      // them back), and the upgrade writes how each case ended instead.
      const ended = () =>
        hub.ctx.store.db
          .selectFrom('ancillary_order_applications')
          .select(['lift_reason', 'state'])
          .where('state', '=', 'lifted')
          .execute()
          .then((rows) => rows.map((r) => r.lift_reason).sort());
      const after = await ended();
      await undoMigration(hub.ctx.store, '065-ancillary-lift-cause');
      const before = await ended();
      assert.ok(before.includes('権利侵害の明白性が認められない。'), JSON.stringify(before));
      assert.ok(before.includes('相手方と示談が成立したため取り下げる。'), JSON.stringify(before));
      assert.deepEqual(await migrate(hub.ctx.store), ['065-ancillary-lift-cause']);
      assert.deepEqual(await ended(), after);
      assert.ok(after.includes('本案の申立ての却下 / the main application was declined'), JSON.stringify(after));
    });
  });
}

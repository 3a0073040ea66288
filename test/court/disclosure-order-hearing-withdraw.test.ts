// A hearing recorded by mistake is withdrawn, never deleted: a judge of the addressed court (the one who
// recorded it or another of the same court) withdraws it with the reason while the application is before the
// court; the row stays, marked withdrawn (when, by whom, why), the act is audited, and a withdrawn hearing no
// longer counts for issuing the order. Once the order was issued on the hearings, none of them is withdrawn.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Schemas } from '#shokai/client';
import { createOrganisation } from '../../src/directory/organisations.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { auditEntries } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import {
  anOrder,
  fileOrderApplication,
  orderPath,
  recordHeard,
  tryIssue,
  withdrawHeard,
} from '../support/disclosure-order.ts';
import { type Client, confirmPasskey, hubWithHooks, madePerson, registerPasskey } from '../support/exchange.ts';
import type { ApiError } from '../support/replies.ts';

type Application = Schemas['DisclosureOrderApplication'];

const MISTAKE = '別事件（令和8年(発チ)第12号）の答弁書を誤って本件に記録した。';

for (const dialect of testDialects()) {
  describe(`a hearing recorded by mistake is withdrawn (${dialect})`, () => {
    const {
      hub,
      people: [lawyer, judge, board],
      orgs,
    } = hubWithHooks(dialect, ['lawyer', 'judge', 'board.legal']);

    const now = (offsetMs = 0) => new Date(hub.ctx.clock().getTime() + offsetMs).toISOString();
    const file = (n: string) => fileOrderApplication(lawyer, orgs.court, orgs.board, n);
    const withdraw = (
      who: Client,
      id: string,
      hearingId: string,
      body: Record<string, unknown> = { reason: MISTAKE },
    ) => withdrawHeard(who, id, hearingId, body);
    const issue = (id: string) => tryIssue(judge, id, anOrder(now()));
    const heardProvider = async (id: string) => {
      const r = await recordHeard(judge, id, 'provider', now());
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const h = r.body.hearings.at(-1) ?? assert.fail('the hearing recorded');
      return { application: r.body, hearingId: h.id };
    };
    const storedRow = (hearingId: string) =>
      hub.ctx.store.db
        .selectFrom('disclosure_order_hearings')
        .selectAll()
        .where('id', '=', hearingId)
        .executeTakeFirstOrThrow();

    test('withdrawn with the reason: kept and shown, audited, no longer counted for the order', async () => {
      const a = await file('8601');
      const { application, hearingId } = await heardProvider(a.id);
      assert.ok(application.actions.includes('issue'));
      assert.ok(application.actions.includes('withdraw_hearing'));

      const withdrawn = await withdraw(judge, a.id, hearingId);
      assert.equal(withdrawn.status, 200, JSON.stringify(withdrawn.body));
      const [shown] = withdrawn.body.hearings;
      assert.equal(withdrawn.body.hearings.length, 1, 'the record stays on the application');
      assert.equal(shown?.note, '相手方から答弁書（意見書）の提出を受けた。', 'as it was recorded');
      assert.equal(shown?.withdrawn?.reason, MISTAKE);
      assert.ok(shown?.withdrawn?.by.displayName, 'the judge who withdrew it, by name');
      assert.ok(!withdrawn.body.actions.includes('issue'), 'no order on a withdrawn hearing');
      assert.ok(!withdrawn.body.actions.includes('withdraw_hearing'), 'nothing left to withdraw');
      // The lawyer sees it withdrawn too, with the reason.
      const office = await lawyer.call<Application>('GET', orderPath(a.id));
      assert.equal(office.body.hearings[0]?.withdrawn?.reason, MISTAKE);

      // The row is kept, marked: when, by whom, why.
      const row = await storedRow(hearingId);
      assert.equal(row.withdraw_reason, MISTAKE);
      assert.equal(row.withdrawn_at, shown?.withdrawn?.at);
      assert.equal(row.withdrawn_by, row.recorded_by, 'the recording judge withdrew it');
      const audited = await auditEntries(hub.ctx.store.db, 'disclosure_order.hearing_withdrawn', a.id);
      assert.deepEqual(
        audited.map((e) => [e.details.party, e.details.heardAt, e.details.reason, e.details.hearingId]),
        [['provider', row.heard_at, MISTAKE, hearingId]],
      );

      // Issuing is refused, saying the provider's record was withdrawn; signed or not.
      const refused = await issue(a.id);
      assert.equal(refused.status, 409, JSON.stringify(refused.body));
      assert.match(refused.body.error.message.ja, /陳述聴取の記録は取り消されています/);
      assert.match(refused.body.error.message.en, /was withdrawn, and a withdrawn record does not count/);
      const direct = await judge.call<ApiError>('POST', `${orderPath(a.id)}/issue`, anOrder(now()));
      assert.equal(direct.status, 409, JSON.stringify(direct.body));
      assert.equal(direct.body.error.code, refused.body.error.code, 'refused for the withdrawn record, before any key');
      assert.match(direct.body.error.message.ja, /陳述聴取の記録は取り消されています/);
      assert.match(direct.body.error.message.en, /was withdrawn, and a withdrawn record does not count/);

      // Withdrawing it again is refused, in words naming the hearing; nothing changes.
      const again = await withdraw(judge, a.id, hearingId, { reason: 'もう一度' });
      assert.equal(again.status, 409, JSON.stringify(again.body));
      assert.match(
        again.body.error.message.ja,
        /相手方（事業者）の陳述聴取（令和\d+年（20\d\d年）.*すでに取り消されています/,
      );
      assert.equal((await storedRow(hearingId)).withdraw_reason, MISTAKE);

      // Heard again, properly: the order issues, and both records stay.
      await heardProvider(a.id);
      const issued = await issue(a.id);
      assert.equal(issued.status, 200, JSON.stringify(issued.body));
      assert.deepEqual(
        issued.body.hearings.map((h) => h.withdrawn?.reason ?? null),
        [MISTAKE, null],
      );
    });

    test('once the order is issued, its hearings stand; after a dismissal too', async () => {
      const a = await file('8602');
      const { hearingId } = await heardProvider(a.id);
      assert.equal((await issue(a.id)).status, 200);
      const late = await withdraw(judge, a.id, hearingId);
      assert.equal(late.status, 409, JSON.stringify(late.body));
      assert.equal(late.body.error.code, 'ILLEGAL_TRANSITION');
      assert.match(late.body.error.message.ja, /開示命令（令和8年\(発チ\)第\d+号）が発令された後は/);
      assert.match(late.body.error.message.en, /once the order .* was issued, the hearing of the respondent/);
      assert.equal((await storedRow(hearingId)).withdrawn_at, null, 'the record is unchanged');
      assert.equal(
        (await auditEntries(hub.ctx.store.db, 'disclosure_order.hearing_withdrawn', a.id)).length,
        0,
        'nothing withdrawn, nothing audited',
      );

      const b = await file('8603');
      const heard = await heardProvider(b.id);
      const declined = await judge.call<Application>('POST', `${orderPath(b.id)}/decline`, {
        reason: '申立ては不適法であることが明らかである。',
      });
      assert.equal(declined.status, 200, JSON.stringify(declined.body));
      assert.ok(!declined.body.actions.includes('withdraw_hearing'));
      const afterDecline = await withdraw(judge, b.id, heard.hearingId);
      assert.equal(afterDecline.status, 409, JSON.stringify(afterDecline.body));
      assert.equal(afterDecline.body.error.details?.field, 'state');
    });

    test('another judge of the same court withdraws it; no one else does; bad input names its field', async () => {
      const a = await file('8604');
      const { hearingId } = await heardProvider(a.id);
      // Only the court: not the applying lawyer, not the provider.
      assert.equal((await withdraw(lawyer, a.id, hearingId)).status, 403);
      assert.equal((await withdraw(board, a.id, hearingId)).status, 403);
      // Not the court's administrator, who decides no case (403), nor a judge of another court, to whom the
      // application is as unknown (404).
      const courtAdmin = await hub.as('court.admin');
      const byAdmin = await withdraw(courtAdmin, a.id, hearingId);
      assert.deepEqual([byAdmin.status, byAdmin.body.error.code], [403, 'FORBIDDEN'], JSON.stringify(byAdmin.body));
      const osaka = await run(hub.ctx, createOrganisation, SYSTEM_CALLER, {
        kind: 'court',
        nameJa: `大阪地方裁判所（${dialect}）`,
        nameEn: `Osaka District Court (${dialect})`,
      });
      await madePerson(hub, {
        organisation: osaka.nameEn,
        login: `osaka.admin.${dialect}`,
        roles: ['admin'],
        countersigner: 'court.admin',
      });
      const otherJudge = await madePerson(hub, {
        organisation: osaka.nameEn,
        login: `osaka.judge.${dialect}`,
        displayName: '大阪の裁判官',
        roles: ['judge'],
        countersigner: `osaka.admin.${dialect}`,
      });
      const byOtherCourt = await withdraw(otherJudge, a.id, hearingId);
      assert.equal(byOtherCourt.status, 404, JSON.stringify(byOtherCourt.body));
      assert.equal(byOtherCourt.body.error.details?.field, 'id', 'the application, not the hearing, is unknown to it');
      assert.equal((await storedRow(hearingId)).withdrawn_at, null, 'neither withdrew it');
      // The reason is required; an unknown hearing, or one of another application, is not found.
      const unsaid = await withdraw(judge, a.id, hearingId, { reason: '' });
      assert.deepEqual([unsaid.status, unsaid.body.error.details?.field], [400, 'reason'], JSON.stringify(unsaid));
      const extra = await withdraw(judge, a.id, hearingId, { reason: MISTAKE, deleted: true });
      assert.equal(extra.status, 400, JSON.stringify(extra.body));
      const unknown = await withdraw(judge, a.id, 'dohr_unknown');
      assert.deepEqual([unknown.status, unknown.body.error.details?.field], [404, 'hearingId']);
      const other = await file('8605');
      assert.equal((await withdraw(judge, other.id, hearingId)).status, 404, "another application's hearing");
      assert.equal((await storedRow(hearingId)).withdrawn_at, null);

      const colleague = await madePerson(hub, {
        organisation: 'Tokyo District Court',
        login: `judge.second.${dialect}`,
        displayName: '裁判官 二人目',
        roles: ['judge'],
        countersigner: 'court.admin',
      });
      // He signs with his own passkey, registered and confirmed by a second person as every judge's is.
      const origin = hub.url.replace('127.0.0.1', 'localhost');
      const { made, reg } = await registerPasskey(colleague, origin);
      assert.equal((await confirmPasskey(hub, reg, 'court.admin')).status, 200);
      colleague.passkey = made.credential;
      colleague.origin = origin;
      const r = await withdraw(colleague, a.id, hearingId);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.hearings[0]?.withdrawn?.by.displayName, '裁判官 二人目');
      const row = await storedRow(hearingId);
      assert.notEqual(row.withdrawn_by, row.recorded_by, 'withdrawn by a judge who did not record it');
    });
  });
}

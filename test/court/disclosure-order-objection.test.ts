// An issued disclosure order after it was made (異議の訴え, 確定): a judge of the court records an
// objection suit, its outcome (upheld, changed, set aside) or the order's finality after its month. An
// order contested or set aside cannot be answered or drafted from; one set aside fails the provider's
// check at intake and tells its request's thread — if answered, that nothing disclosed may be used —
// and the case's ancillary orders cease when it ends.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Schemas } from '#shokai/client';
import { DAY_MS } from '../../src/domain/time.ts';
import { auditDetails } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import {
  anOrder,
  FOUND,
  fileOrderApplication,
  finalOf,
  issueOrder,
  orderHubHooks,
  orderPath,
  orderPresentedAgain,
  recordOutcome,
  recordSigned,
  requestFromOrder,
} from '../support/disclosure-order.ts';
import { previewAndSign } from '../support/exchange.ts';
import { civilDisclosure, courtOrderRoute, draft, transition } from '../support/flow.ts';
import type { ApiError, RequestDetail } from '../support/replies.ts';

type Application = Schemas['DisclosureOrderApplication'];
type Order = Schemas['AncillaryOrder'];

for (const dialect of testDialects()) {
  describe(`disclosure orders: objection suit and finality (${dialect})`, () => {
    let now = Date.now();
    const { hub, lawyer, judge, board, orgs, signInAgain, at } = orderHubHooks(dialect, () => new Date(now));

    /** An application against the board about post `n`, with an erasure prohibition, both issued. */
    async function issuedCase(n: string): Promise<{ app: Application; ancillary: Order }> {
      const filed = await fileOrderApplication(lawyer, orgs.court, orgs.board, n);
      const ao = await lawyer.call<Order>('POST', `${orderPath(filed.id)}/ancillary-orders`, {
        type: 'erasure_prohibition',
        reasons: '相手方のログの保存期間は3か月であり、消去されるおそれがある。',
      });
      assert.equal(ao.status, 201, JSON.stringify(ao.body));
      const order = () => anOrder(at());
      const a = `/v1/ancillary-orders/${ao.body.id}`;
      const ancillary = await previewAndSign<Order>(judge, `${a}/issue-preview`, `${a}/issue`, order());
      assert.equal(ancillary.reply.status, 200, JSON.stringify(ancillary.reply.body));
      return { app: await issueOrder(judge, filed.id, order()), ancillary: ancillary.reply.body };
    }

    async function objection(id: string, by: 'provider' | 'claimant') {
      return recordSigned(judge, id, 'objection', { filedAt: at(), by, caseNumber: '令和8年(ワ)第1234号' });
    }

    test('contested then set aside: no answer, refused at intake, told in the thread, ancillary ended', async () => {
      const { app, ancillary } = await issuedCase('7701');
      assert.equal(app.standing?.standing, 'not_final');
      assert.deepEqual(app.actions.sort(), ['record_final', 'record_objection']);
      const requestId = await requestFromOrder(lawyer, app.id);
      const received = await board.call<RequestDetail>('GET', `/v1/requests/${requestId}`);
      assert.equal(received.body.courtOrderStanding?.standing, 'not_final');

      // Only the court's judge records it; a time in the future or without offset is refused by name.
      assert.equal(
        (
          await lawyer.call('POST', `${orderPath(app.id)}/objection`, {
            filedAt: at(),
            by: 'provider',
            caseNumber: 'x',
          })
        ).status,
        403,
      );
      for (const filedAt of [at(3_600_000), '2026-12-01T10:00:00']) {
        const bad = await judge.call<ApiError>('POST', `${orderPath(app.id)}/objection`, {
          filedAt,
          by: 'provider',
          caseNumber: '令和8年(ワ)第1234号',
        });
        assert.equal(bad.status, 400, JSON.stringify(bad.body));
        assert.equal(bad.body.error.details?.field, 'filedAt');
      }
      const contested = await objection(app.id, 'provider');
      assert.equal(contested.status, 200, JSON.stringify(contested.body));
      assert.equal(contested.body.standing?.standing, 'contested');
      assert.equal(contested.body.standing?.objection?.by, 'provider');
      assert.deepEqual(contested.body.actions, ['record_objection_outcome']);
      assert.equal((await objection(app.id, 'claimant')).status, 409, 'one suit is recorded once');

      // While the suit is pending the provider cannot answer; it is told why, in both languages.
      await transition(board, requestId, { action: 'start_review' });
      const seen = await board.call<RequestDetail>('GET', `/v1/requests/${requestId}`);
      assert.equal(seen.body.courtOrderStanding?.standing, 'contested');
      assert.ok(seen.body.messages.some((m) => m.notice?.code === 'order_contested' && m.side === 'court'));
      assert.ok(!seen.body.allowedActions.includes('answer'), JSON.stringify(seen.body.allowedActions));
      const early = await board.call<ApiError>('POST', `/v1/requests/${requestId}/transitions`, {
        action: 'answer',
        answer: FOUND,
      });
      assert.equal(early.status, 409, JSON.stringify(early.body));
      assert.match(early.body.error.message.ja ?? '', /異議の訴え/);

      // A change needs its new operative part; a set-aside is recorded with its reason.
      const noPart = await judge.call<ApiError>('POST', `${orderPath(app.id)}/objection-outcome`, {
        outcome: 'changed',
        decidedAt: at(),
        reason: '一部変更',
      });
      assert.equal(noPart.status, 400);
      assert.equal(noPart.body.error.details?.field, 'changedContent');
      const reason = '権利侵害の明白性が認められないため、原決定を取り消す。';
      const unsigned = await judge.call<ApiError>('POST', `${orderPath(app.id)}/objection-outcome`, {
        outcome: 'set_aside',
        decidedAt: at(),
        reason,
        ground: 'infringement_not_evident',
      });
      assert.equal(unsigned.status, 400, 'the outcome is signed with the judge passkey');
      assert.equal(unsigned.body.error.details?.field, 'assertion');
      const gone = await recordOutcome(judge, app.id, {
        outcome: 'set_aside',
        decidedAt: at(),
        reason,
        ground: 'infringement_not_evident',
      });
      assert.equal(gone.status, 200, JSON.stringify(gone.body));
      assert.equal(gone.body.standing?.standing, 'set_aside');
      assert.equal(gone.body.standing?.outcome?.reason, reason);
      assert.deepEqual(gone.body.actions, []);
      const mine = await lawyer.call<Application>('GET', orderPath(app.id));
      assert.equal(mine.body.standing?.standing, 'set_aside');

      // The request rested on the order: it ended (withdrawn, the court's act), and the thread says why in
      // each language; the provider has nothing to answer any more.
      const after = await board.call<RequestDetail>('GET', `/v1/requests/${requestId}`);
      assert.equal(after.body.courtOrderStanding?.standing, 'set_aside');
      assert.equal(after.body.state, 'withdrawn');
      assert.ok(!after.body.allowedActions.includes('answer'));
      const notice = after.body.messages.find((m) => m.notice?.code === 'order_set_aside_withdrawn');
      assert.ok(notice, JSON.stringify(after.body.messages));
      assert.equal(notice.side, 'court');
      assert.match(notice.notice?.text.en ?? '', /set aside.*ended as withdrawn/);
      assert.match(notice.notice?.text.ja ?? '', /取下げとして終了/);
      const refused = await board.call<ApiError>('POST', `/v1/requests/${requestId}/transitions`, {
        action: 'answer',
        answer: FOUND,
      });
      assert.equal(refused.status, 409);
      const ended = await auditDetails(hub.ctx.store.db, 'request.transition', requestId);
      assert.ok(
        ended.some((d) => d.to === 'withdrawn' && d.reason === 'order_set_aside'),
        JSON.stringify(ended),
      );
      assert.deepEqual((await lawyer.call<RequestDetail>('GET', `/v1/requests/${requestId}`)).body.allowedActions, [
        'close',
      ]);

      // The case ended: the erasure prohibition ceased, its hold ended.
      const ao = await lawyer.call<Order>('GET', `/v1/ancillary-orders/${ancillary.id}`);
      assert.equal(ao.body.state, 'lifted');
      // Every record is audited, with the judge as actor.
      assert.equal((await auditDetails(hub.ctx.store.db, 'disclosure_order.objection_filed', app.id)).length, 1);
      const decided = await auditDetails(hub.ctx.store.db, 'disclosure_order.objection_decided', app.id);
      assert.equal(decided[0]?.outcome, 'set_aside');

      // The same order presented again (copied with its signature) fails the provider's check at intake.
      const o = app.order ?? assert.fail('an order');
      const { check, request: atIntake } = await orderPresentedAgain(lawyer, board, {
        app,
        courtId: orgs.court,
        providerId: orgs.board,
        n: '7701',
      });
      assert.equal(check?.status, 'fail', JSON.stringify(atIntake.verification));
      assert.match(check?.message.ja ?? '', /取り消されています/);
      assert.match(check?.message.en ?? '', /set aside/);
      assert.notEqual(atIntake.state, 'received');

      // Its court and case number entered by hand in a request to another provider name another case:
      // that request is told nothing of this one's suit, and is not refused for it.
      const elsewhere = await draft(
        lawyer,
        civilDisclosure(
          orgs.isp,
          '7709',
          courtOrderRoute(orgs.court, { caseNumber: o.caseNumber, orderedAt: o.orderedAt, content: o.content }),
        ),
      );
      const other = await lawyer.call<RequestDetail>('GET', `/v1/requests/${elsewhere.id}`);
      assert.equal(other.status, 200, JSON.stringify(other.body));
      assert.equal(other.body.courtOrderStanding, null, JSON.stringify(other.body.courtOrderStanding));
    });

    test('answered before it was set aside: both sides read that nothing disclosed may be used', async () => {
      const { app } = await issuedCase('7702');
      const requestId = await requestFromOrder(lawyer, app.id);
      // Not yet final: the respondent may comply (it is the party that would object).
      await transition(board, requestId, { action: 'start_review' });
      const answered = await transition(board, requestId, {
        action: 'answer',
        answer: FOUND,
      });
      assert.equal(answered.state, 'answered');
      assert.equal((await objection(app.id, 'claimant')).status, 200);
      const gone = await recordOutcome(judge, app.id, {
        outcome: 'set_aside',
        decidedAt: at(),
        reason: '原決定を取り消す。',
        ground: 'other',
      });
      assert.equal(gone.status, 200, JSON.stringify(gone.body));
      for (const side of [lawyer, board]) {
        const r = await side.call<RequestDetail>('GET', `/v1/requests/${requestId}`);
        const n = r.body.messages.find((m) => m.notice?.code === 'order_set_aside_answered');
        assert.ok(n, JSON.stringify(r.body.messages));
        assert.match(n.notice?.text.ja ?? '', /使用できません/);
        assert.match(n.notice?.text.en ?? '', /must not be used/);
      }
    });

    test('changed on objection: final with the new operative part, told in the thread, then answered', async () => {
      const { app } = await issuedCase('7705');
      const requestId = await requestFromOrder(lawyer, app.id);
      assert.equal((await objection(app.id, 'claimant')).status, 200);
      const changedContent = '相手方は申立人に対し別紙発信者情報目録記載1の情報を開示せよ。';
      const changed = await recordOutcome(judge, app.id, {
        outcome: 'changed',
        decidedAt: at(),
        reason: '原決定を一部変更する。',
        changedContent,
      });
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      assert.equal(changed.body.standing?.standing, 'final');
      assert.equal(changed.body.standing?.outcome?.changedContent, changedContent);
      const seen = await board.call<RequestDetail>('GET', `/v1/requests/${requestId}`);
      assert.equal(seen.body.courtOrderStanding?.outcome?.changedContent, changedContent);
      assert.ok(seen.body.messages.some((m) => m.notice?.code === 'order_changed'));
      await transition(board, requestId, { action: 'start_review' });
      const answered = await transition(board, requestId, { action: 'answer', answer: FOUND });
      assert.equal(answered.state, 'answered');
    });

    test('final after its month without an objection, or when the suit upholds it; ancillary ended', async () => {
      const { app, ancillary } = await issuedCase('7703');
      const tooEarly = await judge.call<ApiError>('POST', `${orderPath(app.id)}/final`, finalOf(app, at()));
      assert.equal(tooEarly.status, 400, JSON.stringify(tooEarly.body));
      assert.equal(tooEarly.body.error.details?.field, 'finalAt');
      assert.equal(app.standing?.finalFrom, tooEarly.body.error.details?.earliest);
      const upheldCase = await issuedCase('7704');
      assert.equal((await objection(upheldCase.app.id, 'provider')).status, 200);
      const drafting = await lawyer.call<ApiError>('POST', `${orderPath(upheldCase.app.id)}/request`, {});
      assert.equal(drafting.status, 409, 'no request from an order contested');
      const upheld = await recordOutcome(judge, upheldCase.app.id, {
        outcome: 'upheld',
        decidedAt: at(),
        reason: '原決定を認可する。',
      });
      assert.equal(upheld.body.standing?.standing, 'final');
      assert.equal(upheld.body.standing?.finalAt, new Date(now).toISOString());
      const lawyerSees = await lawyer.call<Application>('GET', orderPath(upheldCase.app.id));
      assert.deepEqual(lawyerSees.body.actions, ['open_request']);
      assert.equal(
        (await lawyer.call<Order>('GET', `/v1/ancillary-orders/${upheldCase.ancillary.id}`)).body.state,
        'lifted',
      );

      now += 40 * DAY_MS; // past the month and any closed days the system knows that move its end
      await signInAgain();
      const final = await recordSigned(judge, app.id, 'final', finalOf(app, at(-60_000)));
      assert.equal(final.status, 200, JSON.stringify(final.body));
      assert.equal(final.body.standing?.standing, 'final');
      assert.deepEqual(final.body.actions, []);
      assert.equal(
        (await judge.call(`POST`, `${orderPath(app.id)}/objection`, { filedAt: at(), by: 'provider', caseNumber: 'x' }))
          .status,
        409,
      );
      assert.equal((await lawyer.call<Order>('GET', `/v1/ancillary-orders/${ancillary.id}`)).body.state, 'lifted');
      assert.equal((await auditDetails(hub.ctx.store.db, 'disclosure_order.final', app.id)).length, 1);
    });
  });
}

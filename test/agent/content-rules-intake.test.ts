// The provider's own installation runs the hub's content rules on what the unit and its approver signed,
// against the request's signed issue time, not its arrival: a target's time later than the issue (a mistyped
// year names another day's user) is refused at intake even when both signatures verify, and so is a deadline
// before the issue or content addressed to another provider. A hub that skipped its checks would pass them on.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { listAgentRequests, listRefusals } from '../../src/agent/agent.repository.ts';
import { pinnedDirectory, receiveEnvelope } from '../../src/agent/intake.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { checkArrivedEnvelope } from '../../src/domain/agent-intake.ts';
import type { EnvelopePayload } from '../../src/domain/envelope.ts';
import { TARGET_CLOCK_SKEW_MS } from '../../src/domain/target-times.ts';
import { inTransaction } from '../../src/kernel/unit-of-work.ts';
import { carrierTarget } from '../support/agent.ts';
import { auditDetails } from '../support/audit.ts';
import { hubAndPinnedIspHooks } from '../support/carrier-hooks.ts';
import { testDialects } from '../support/dialects.ts';
import { issuedEnvelope, signedByUnit } from '../support/envelopes.ts';
import { DEMO_ORGS, orgId } from '../support/exchange.ts';
import { inquiry, issue } from '../support/flow.ts';

const HOUR = 3600_000;

for (const dialect of testDialects()) {
  describe(`the installation runs the hub's content rules at the signed issue time (${dialect})`, () => {
    const { hub, agent } = hubAndPinnedIspHooks(dialect);
    let genuine: EnvelopePayload;
    before(async () => {
      const [sato, tanaka] = [await hub.as('sato'), await hub.as('tanaka')];
      const content = inquiry(agent.organisationId, { caseReference: 'INTAKE-RULES', targets: [carrierTarget(41001)] });
      genuine = (await issuedEnvelope(hub, (await issue(sato, tanaka, content)).id)).payload;
    });

    const issuedMs = () => Date.parse(genuine.issuedAt);
    const at = (ms: number) => new Date(ms).toISOString();
    /** The genuine request under new ids with its content changed, signed again by the unit and its approver. */
    const resigned = (tag: string, change: Record<string, unknown>) =>
      signedByUnit(hub, {
        ...genuine,
        requestId: `req_${tag}`,
        envelopeId: `env_${tag}`,
        content: { ...(genuine.content as object), ...change } as EnvelopePayload['content'],
      });
    /** Its one address target at `targetAt` instead. */
    const targetAt = (tag: string, targetAtMs: number) =>
      resigned(tag, { targets: [carrierTarget(41001, at(targetAtMs))] });
    const take = (envelope: unknown) =>
      inTransaction(agent.ctx, (uow) =>
        receiveEnvelope(uow, SYSTEM_CALLER, agent.organisationId, { envelope, source: 'file' }),
      );
    /** What the installation concludes of `envelope` when it arrives at `arrivalMs` (a file carried late). */
    const checkedAt = async (envelope: unknown, arrivalMs: number) =>
      checkArrivedEnvelope(
        envelope,
        await inTransaction(agent.ctx, (uow) => pinnedDirectory(uow)),
        agent.organisationId,
        new Date(arrivalMs),
      );
    const held = async (requestId: string) =>
      (await listAgentRequests(agent.ctx.store.db, undefined, 200)).some((r) => r.request_id === requestId);

    test("a target's time an hour after the issue is refused, nothing stored, the refusal recorded", async () => {
      const future = at(issuedMs() + HOUR);
      const out = await take(await targetAt('future_target', issuedMs() + HOUR));
      assert.equal(out.outcome, 'refused', JSON.stringify(out));
      if (out.outcome !== 'refused') return;
      assert.equal(out.verdict.reason, 'target_future');
      assert.equal(out.verdict.field, 'targets.0.at');
      assert.match(out.verdict.message.ja, /対象の日時が要請の発出より後（未来）です/);
      assert.match(out.verdict.message.en, /later than the request was issued/);
      for (const said of [out.verdict.detail?.ja ?? '', out.verdict.detail?.en ?? '']) {
        assert.ok(said.includes(future) && said.includes(genuine.issuedAt), said);
        assert.doesNotMatch(said, /targets\.\d/);
      }
      assert.equal(await held('req_future_target'), false, 'nothing of it is stored');
      const refusals = await listRefusals(agent.ctx.store.db, 200);
      assert.ok(refusals.some((r) => r.request_id === 'req_future_target' && r.reason === 'target_future'));
      const audited = await auditDetails(agent.ctx.store.db, 'agent.refused', 'req_future_target');
      assert.deepEqual(
        audited.map((d) => [d.reason, d.field]),
        [['target_future', 'targets.0.at']],
      );
    });

    test('against the issue, not the arrival: a file carried past the target time is still refused', async () => {
      const envelope = await targetAt('future_carried', issuedMs() + HOUR);
      const verdict = await checkedAt(envelope, issuedMs() + 2 * HOUR);
      assert.equal(verdict.ok, false);
      if (!verdict.ok) assert.equal(verdict.reason, 'target_future');
    });

    test("the control: a target within the hub's clock skew of the issue is taken in", async () => {
      const out = await take(await targetAt('skew_target', issuedMs() + TARGET_CLOCK_SKEW_MS - 60_000));
      assert.equal(out.outcome, 'stored', JSON.stringify(out));
      assert.equal(await held('req_skew_target'), true);
    });

    test('an answer wanted before the issue breaks a content rule; wanted after it, it passes late', async () => {
      const early = await checkedAt(await resigned('wanted_early', { requestedBy: at(issuedMs() - HOUR) }), issuedMs());
      assert.equal(early.ok, false, JSON.stringify(early));
      if (early.ok) return;
      assert.equal(early.reason, 'content_rule');
      assert.equal(early.field, 'requestedBy');
      assert.match(early.message.en, /breaks a rule the hub checks when it is issued/);
      assert.match(early.detail?.ja ?? '', /回答希望期限/);
      // Wanted an hour after the issue and carried in two hours after it: the deadline passed, no fault.
      const late = await checkedAt(
        await resigned('wanted_later', { requestedBy: at(issuedMs() + HOUR) }),
        issuedMs() + 2 * HOUR,
      );
      assert.equal(late.ok, true, JSON.stringify(late.ok ? '' : late.detail));
    });

    test('content addressed to another provider than the one signed is refused', async () => {
      const board = await orgId(hub, DEMO_ORGS.board);
      const verdict = await checkedAt(await resigned('other_addressee', { providerOrganisationId: board }), issuedMs());
      assert.equal(verdict.ok, false);
      if (verdict.ok) return;
      assert.equal(verdict.reason, 'addressee');
      assert.equal(verdict.field, 'providerOrganisationId');
      assert.match(verdict.detail?.en ?? '', /addressee signed with the request differs/);
    });
  });
}

// The provider's own installation does not take the hub's word that a warrant is fit to execute: a warrant
// presented with a second request, or with a request issued after its last day, is refused at intake even
// when the unit and its approver signed it (a hub that skipped its own checks would pass it on).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { listAgentRequests, listRefusals } from '../../src/agent/agent.repository.ts';
import { pinnedDirectory, receiveEnvelope } from '../../src/agent/intake.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { checkArrivedEnvelope } from '../../src/domain/agent-intake.ts';
import type { EnvelopePayload } from '../../src/domain/envelope.ts';
import { inTransaction } from '../../src/kernel/unit-of-work.ts';
import { newCase, warrantToCarrier } from '../support/agent.ts';
import { hubAndPinnedIspHooks } from '../support/carrier-hooks.ts';
import { testDialects } from '../support/dialects.ts';
import { issuedEnvelope, signedByUnit } from '../support/envelopes.ts';

for (const dialect of testDialects()) {
  describe(`the installation checks a warrant itself (${dialect})`, () => {
    const { hub, agent } = hubAndPinnedIspHooks(dialect);
    const take = (envelope: unknown) =>
      inTransaction(agent.ctx, (uow) =>
        receiveEnvelope(uow, SYSTEM_CALLER, agent.organisationId, { envelope, source: 'file' }),
      );
    /** The genuine warrant request's payload under new ids, signed again by the unit and its approver. */
    const again = (payload: EnvelopePayload, tag: string, issuedAt = payload.issuedAt) =>
      signedByUnit(hub, { ...payload, requestId: `req_${tag}`, envelopeId: `env_${tag}`, issuedAt });

    test('a warrant presented with a second request is refused; the first is taken in', async () => {
      const caseId = await newCase(hub, 'WARRANT-TWICE');
      const genuine = await issuedEnvelope(hub, await warrantToCarrier(hub, agent, caseId, 'W-TWICE', { port: 40001 }));
      assert.equal((await take(genuine)).outcome, 'stored');
      const out = await take(await again(genuine.payload, 'warrant_twice'));
      assert.equal(out.outcome, 'refused', JSON.stringify(out));
      if (out.outcome !== 'refused') return;
      assert.equal(out.verdict.reason, 'warrant_used');
      assert.equal(out.verdict.field, 'warrant.warrantNumber');
      assert.match(out.verdict.detail?.ja ?? '', new RegExp(`要請 ${genuine.payload.requestId} で受け付け済み`));
      const held = await listAgentRequests(agent.ctx.store.db, undefined, 100);
      assert.ok(!held.some((r) => r.request_id === 'req_warrant_twice'), 'nothing of it is stored');
      const refusals = await listRefusals(agent.ctx.store.db, 100);
      assert.ok(refusals.some((r) => r.request_id === 'req_warrant_twice' && r.reason === 'warrant_used'));
    });

    test("a request issued at or after the warrant's end is refused; one issued before it passes", async () => {
      const caseId = await newCase(hub, 'WARRANT-LATE');
      const genuine = await issuedEnvelope(hub, await warrantToCarrier(hub, agent, caseId, 'W-LATE', { port: 40002 }));
      const content = genuine.payload.content as { warrant: { validUntil: string } };
      const until = Date.parse(content.warrant.validUntil);
      const dir = await inTransaction(agent.ctx, (uow) => pinnedDirectory(uow));
      const check = async (tag: string, issuedAtMs: number) =>
        checkArrivedEnvelope(
          await again(genuine.payload, tag, new Date(issuedAtMs).toISOString()),
          dir,
          agent.organisationId,
          new Date(issuedAtMs + 60_000),
        );
      const late = await check('warrant_late', until + 60_000);
      assert.equal(late.ok, false, JSON.stringify(late));
      if (late.ok) return;
      assert.equal(late.reason, 'warrant_expired');
      assert.equal(late.field, 'warrant.validUntil');
      assert.match(late.detail?.en ?? '', /was valid until .* the request was issued at/);
      // Issued at the very instant the validity ends: the hub refuses it (expired at validUntil), and so here.
      const atEnd = await check('warrant_at_end', until);
      assert.equal(atEnd.ok ? '' : atEnd.reason, 'warrant_expired');
      // The control: issued a second before the validity ends, the same envelope verifies.
      const onTime = await check('warrant_on_time', until - 1000);
      assert.equal(onTime.ok, true, JSON.stringify(onTime.ok ? '' : onTime.message));
    });
  });
}

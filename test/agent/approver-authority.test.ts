// The approver's authority, checked by the provider's own installation against its pinned directory: a
// hub that lies about roles (it holds the unit's key and can mint keys for anyone) cannot get an envelope
// approved by someone who was not a unit head, by the drafter, or on a designation the head did not sign
// for that moment, past the agent. The pinned log carries the grants of approving roles; a pin made
// before it did is extended, not rewritten.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { listRefusals } from '../../src/agent/agent.repository.ts';
import { type Arrival, receiveEnvelope } from '../../src/agent/intake.ts';
import { pullOnce } from '../../src/agent/pull.ts';
import { principalOfLogin } from '../../src/auth/auth-service.ts';
import { SIGNATURE_PURPOSES, signCanonical } from '../../src/crypto/signatures.ts';
import { keyById } from '../../src/directory/key.repository.ts';
import { createKey, unwrapPrivateKey } from '../../src/directory/keys.ts';
import { exportDirectory, importDirectory } from '../../src/directory/transparency.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import type { EnvelopePayload, SignedEnvelope } from '../../src/domain/envelope.ts';
import { signDirectoryHead } from '../../src/domain/pinned-directory.ts';
import { inTransaction, run } from '../../src/kernel/unit-of-work.ts';
import { startAgent, type TestAgent } from '../support/agent.ts';
import { auditDetails } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { designate } from '../support/duty.ts';
import { forgedWithApproverKey, issuedEnvelope, signedByUnit } from '../support/envelopes.ts';
import { approve, passkeyAssertion, registerPasskey, startHub, type TestHub } from '../support/exchange.ts';
import { issue, submitted, suicideNotice, threatPostInquiry } from '../support/flow.ts';

const BOARD = 'Sakura Board K.K.';
const HOUR = 3600_000;

for (const dialect of testDialects()) {
  describe(`the agent checks the approver's authority against its pin (${dialect})`, () => {
    let hub: TestHub;
    let agent: TestAgent;
    let offset = 0;
    const now = () => new Date(Date.now() + offset);
    const ids: Record<string, string> = {};
    const orgOf: Record<string, string> = {};
    /** The genuine duty approval of the test that makes one (a template for the lying hub's). */
    let dutyTemplate: SignedEnvelope | undefined;

    /** The lying hub mints a signing key it holds for anyone of the unit's organisation. */
    const mint = async (login: string): Promise<string> => {
      const k = await run(hub.ctx, createKey, SYSTEM_CALLER, {
        organisationId: orgOf[login] ?? assert.fail(login),
        ownerType: 'user',
        ownerId: ids[login] ?? assert.fail(login),
        purpose: 'signing',
      });
      return k.id;
    };
    /** What the lying hub signs: the payload with its minted approver key (v1) and the unit's key. */
    const forge = (payload: EnvelopePayload, approverKeyId: string): Promise<SignedEnvelope> =>
      forgedWithApproverKey(hub, payload, approverKeyId, now());
    const take = (envelope: unknown, into: TestAgent = agent, source: Arrival['source'] = 'file') =>
      inTransaction(into.ctx, (uow) => receiveEnvelope(uow, SYSTEM_CALLER, into.organisationId, { envelope, source }));
    const refusedAs = async (envelope: SignedEnvelope, reason: string, field: string, detail: RegExp) => {
      const out = await take(envelope);
      assert.equal(out.outcome, 'refused', JSON.stringify(out));
      if (out.outcome !== 'refused') return;
      assert.equal(out.verdict.reason, reason, JSON.stringify(out.verdict));
      assert.equal(out.verdict.field, field);
      assert.match(out.verdict.detail?.en ?? '', detail);
      // In words for people, in both languages, never a field path.
      for (const text of [out.verdict.message.ja, out.verdict.message.en, out.verdict.detail?.ja ?? '']) {
        assert.ok(text.length > 0 && !text.includes('payload.'), text);
      }
    };
    /** Pins the hub's log; a minute later the head revokes the designation; a minute passes. */
    const pinThenRevoke = async (head: Awaited<ReturnType<TestHub['as']>>, designationId: string) => {
      await agent.pin();
      offset += 60_000;
      const revoked = await head.call('POST', `/v1/duty-designations/${designationId}/revoke`, {
        reason: '所属長が帰庁',
      });
      assert.equal(revoked.status, 200, JSON.stringify(revoked.body));
      offset += 60_000;
    };
    const fresh = (p: EnvelopePayload, tag: string, changes: Partial<EnvelopePayload> = {}): EnvelopePayload => ({
      ...p,
      requestId: `req_${tag}`,
      envelopeId: `env_${tag}`,
      issuedAt: now().toISOString(),
      ...changes,
    });

    before(async () => {
      hub = await startHub(dialect, { clock: now });
      agent = await startAgent(hub, dialect, BOARD, now);
      const people = await hub.ctx.store.db
        .selectFrom('users')
        .select(['id', 'login', 'organisation_id'])
        .where('login', 'in', ['sato', 'tanaka', 'ito'])
        .execute();
      for (const u of people) {
        ids[u.login] = u.id;
        orgOf[u.login] = u.organisation_id;
      }
    });
    after(async () => {
      await agent.close();
      await hub.close();
    });

    test('the log lists the unit head’s grant with its start, and no investigator', async () => {
      const d = await run(hub.ctx, exportDirectory, SYSTEM_CALLER);
      const roles = d.entries.filter((e) => e.type === 'role');
      assert.ok(roles.some((e) => e.type === 'role' && e.userId === ids.tanaka && e.role === 'unit_head'));
      assert.ok(!roles.some((e) => e.type === 'role' && (e.userId === ids.sato || e.userId === ids.ito)));
    });

    test('approved by a non-head’s key, or by the drafter: refused; by the unit head: stored', async () => {
      const sato = await hub.as('sato');
      const tanaka = await hub.as('tanaka');
      const genuine = await issuedEnvelope(
        hub,
        (
          await issue(sato, tanaka, {
            kind: 'inquiry',
            providerOrganisationId: agent.organisationId,
            caseReference: 'AUTH-1',
            offence: '脅迫',
            facts: '事実',
            necessity: '必要',
            targets: [{ type: 'account', id: 'auth-1' }],
            categories: ['subscriber'],
          })
        ).id,
      );
      const itoKey = await mint('ito');
      const satoKey = await mint('sato');
      offset += 60_000;
      const byIto = await forge(fresh(genuine.payload, 'by_ito', { approverUserId: ids.ito }), itoKey);
      const bySato = await forge(fresh(genuine.payload, 'by_sato', { approverUserId: ids.sato }), satoKey);
      const byHead = await signedByUnit(hub, fresh(genuine.payload, 'by_head'));
      offset += 1000;
      await agent.pin();
      await refusedAs(byIto, 'approver_authority', 'payload.approverUserId', /not a head of the issuing unit/);
      await refusedAs(bySato, 'self_approval', 'payload.approverUserId', /drafter approved their own/);
      const control = await take(byHead);
      assert.equal(control.outcome, 'stored', JSON.stringify(control));
      const refusals = await listRefusals(agent.ctx.store.db, 100);
      assert.ok(refusals.some((r) => r.request_id === 'req_by_ito' && r.reason === 'approver_authority'));
      const audit = await auditDetails(agent.ctx.store.db, 'agent.refused');
      assert.ok(
        audit.some((d) => JSON.stringify(d).includes('payload.approverUserId')),
        'the path is in details',
      );
    });

    const dutyDesignationTitle =
      'a duty approval on the head’s genuine designation is stored; forged or expired ones are refused';
    test(dutyDesignationTitle, async () => {
      const tanaka = await hub.as('tanaka');
      const ito = await hub.as('ito');
      const p = await tanaka.call<{ designation: object; digest: string }>('POST', '/v1/duty-designations/preview', {
        designeeUserId: ids.ito,
        validFrom: new Date(now().getTime() - 60_000).toISOString(),
        validUntil: new Date(now().getTime() + HOUR).toISOString(),
        kinds: ['emergency'],
        reason: '所属長出張のため',
      });
      assert.equal(p.status, 200, JSON.stringify(p.body));
      const made = await tanaka.call('POST', '/v1/duty-designations', {
        designation: p.body.designation,
        assertion: passkeyAssertion(tanaka, p.body.digest),
      });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      ito.origin = hub.url.replace('127.0.0.1', 'localhost');
      ito.passkey = (await registerPasskey(ito, ito.origin)).made.credential;
      const id = (
        await submitted(
          await hub.as('sato'),
          suicideNotice(agent.organisationId, [{ type: 'account', id: 'duty-auth' }]),
        )
      ).id;
      const approved = await approve(ito, id);
      assert.equal(approved.status, 200, JSON.stringify(approved.body));
      const genuine = await issuedEnvelope(hub, id);
      dutyTemplate = genuine;
      const duty = genuine.payload.dutyDesignation ?? assert.fail('the envelope carries the designation');
      offset += 1000;
      await agent.pin();
      assert.equal((await take(genuine)).outcome, 'stored', 'the genuine designation is accepted');

      // The lying hub signs ito's approvals with a key it mints for him; the designation decides.
      const itoKey = await mint('ito');
      const satoKey = await mint('sato');
      offset += 60_000;
      const bySato = {
        v: 1 as const,
        designation: { ...duty.designation, designatedBy: ids.sato ?? '', designatedAt: now().toISOString() },
        signature: { keyId: satoKey, signature: '' },
      };
      const satoSigner = unwrapPrivateKey(hub.ctx, (await keyById(hub.ctx.store.db, satoKey)) ?? assert.fail('key'));
      bySato.signature.signature = signCanonical(satoSigner, SIGNATURE_PURPOSES.dutyDesignation, bySato.designation);
      const notTheHead = await forge(fresh(genuine.payload, 'duty_sato', { dutyDesignation: bySato }), itoKey);
      const longer = {
        ...duty,
        designation: { ...duty.designation, validUntil: new Date(now().getTime() + 10 * HOUR).toISOString() },
      };
      const altered = await forge(fresh(genuine.payload, 'duty_altered', { dutyDesignation: longer }), itoKey);
      offset += 2 * HOUR;
      const late = await forge(fresh(genuine.payload, 'duty_late'), itoKey);
      offset += 1000;
      await agent.pin();
      await refusedAs(
        notTheHead,
        'duty_designation',
        'payload.dutyDesignation.designation.designatedBy',
        /not a head of the issuing unit/,
      );
      await refusedAs(altered, 'duty_designation', 'payload.dutyDesignation.signature', /altered or forged/);
      await refusedAs(late, 'duty_designation', 'payload.issuedAt', /outside the period/);
    });

    test('revoked before the approval: refused; approved before the revocation: stored', async () => {
      const tanaka = await hub.as('tanaka');
      const template = dutyTemplate ?? assert.fail('the duty approval of the test before');
      const made = await designate(hub, tanaka, ids.ito ?? '', now());
      const itoKey = await mint('ito');
      offset += 60_000;
      // The lying hub signs ito's approvals under the head's genuine designation: one before the revocation…
      const before = await forge(fresh(template.payload, 'duty_before', { dutyDesignation: made.signed }), itoKey);
      offset += 1000;
      await pinThenRevoke(tanaka, made.id);
      // …and one after it, as if the head had not revoked it.
      const after = await forge(fresh(template.payload, 'duty_after', { dutyDesignation: made.signed }), itoKey);
      offset += 1000;
      // The log with the revocation extends the pin made before it.
      await agent.pin();
      const d = await run(hub.ctx, exportDirectory, SYSTEM_CALLER);
      const entry = d.entries.find((e) => e.type === 'duty.revoked' && e.designationId === made.id);
      assert.ok(entry?.type === 'duty.revoked' && entry.revokedBy === ids.tanaka && entry.at === entry.revokedAt);
      assert.equal(JSON.stringify(d.entries).includes('所属長が帰庁'), false, 'the reason stays at the hub');
      await refusedAs(after, 'duty_designation', 'payload.dutyDesignation', /revoked before signing/);
      const stands = await take(before);
      assert.equal(stands.outcome, 'stored', JSON.stringify(stands));
    });

    test('revoked after the pin: the next pull extends the pin first and refuses the approval after it', async () => {
      const tanaka = await hub.as('tanaka');
      const template = dutyTemplate ?? assert.fail('the duty approval of the test before');
      const made = await designate(hub, tanaka, ids.ito ?? '', now());
      const itoKey = await mint('ito');
      // A request open at the hub for the provider, under which the lying hub serves its own approval.
      const open = (await issue(await hub.as('sato'), tanaka, threatPostInquiry(agent.organisationId, 'PULL-1'))).id;
      offset += 1000;
      await pinThenRevoke(tanaka, made.id);
      const after = await forge(
        fresh(template.payload, 'pulled', { requestId: open, dutyDesignation: made.signed }),
        itoKey,
      );
      await hub.ctx.store.db
        .updateTable('requests')
        .set({ envelope: JSON.stringify(after) })
        .where('id', '=', open)
        .execute();
      // Nobody pins again: the pull does, before it verifies, and the revocation counts.
      const s = await pullOnce(agent.ctx, agent.link(), agent.organisationId);
      assert.equal(s.directoryRefreshed, true);
      assert.deepEqual(
        s.refused.filter((r) => r.requestId === open),
        [{ requestId: open, reason: 'duty_designation' }],
        JSON.stringify(s),
      );
      assert.ok(!s.stored.includes(open));
    });
  });

  describe(`a pin made before the log carried roles (${dialect})`, () => {
    let hub: TestHub;
    let offset = 0;
    const now = () => new Date(Date.now() + offset);
    before(async () => {
      hub = await startHub(dialect, { clock: now });
    });
    after(async () => hub.close());

    test('refused until re-pinned; the hub’s new log extends it, and the grants’ real starts count', async () => {
      // What the hub exported before this change: the same log without its grants, signed by its key.
      const d = await run(hub.ctx, exportDirectory, SYSTEM_CALLER);
      const entries = d.entries.filter((e) => e.type !== 'role' && e.type !== 'role.ended');
      const signer = hub.ctx.auditSigner;
      const old = { ...d, entries, head: signDirectoryHead(signer.privateKey, signer.keyId, entries, d.head.at) };
      // The hub is upgraded: migration 038 records the grants then active at its own instant (and 072 the
      // roles people were made with that the log carries, a content provider's legal officer's).
      offset += 1000;
      await hub.ctx.store.db
        .updateTable('role_grants')
        .set({ logged_at: now().toISOString() })
        .where('state', '=', 'active')
        .execute();
      await hub.ctx.store.db.updateTable('users').set({ roles_logged_at: now().toISOString() }).execute();
      offset += 1000;
      const second = await startAgent(hub, dialect, BOARD);
      try {
        await run(second.ctx, importDirectory, SYSTEM_CALLER, JSON.parse(JSON.stringify(old)));
        const listed = await pullOnce(second.ctx, second.link(), second.organisationId);
        // Every envelope was approved long before the upgrade: the grants' real starts count.
        assert.equal(listed.directoryRefreshed, true, 'the old pin was extended by the hub’s new log');
        assert.deepEqual(listed.refused, []);
        assert.ok(listed.stored.length > 0);
        // Carried by file with the old pin still in place, the reason says to import the directory again.
        const third = await startAgent(hub, dialect, BOARD);
        try {
          await run(third.ctx, importDirectory, SYSTEM_CALLER, JSON.parse(JSON.stringify(old)));
          const [first] = listed.stored;
          const envelope = await issuedEnvelope(hub, first ?? '');
          const out = await inTransaction(third.ctx, (uow) =>
            receiveEnvelope(uow, SYSTEM_CALLER, third.organisationId, { envelope, source: 'file' }),
          );
          assert.equal(out.outcome === 'refused' && out.verdict.reason, 'roles_unpinned');
          assert.match(out.outcome === 'refused' ? out.verdict.message.en : '', /import the hub directory again/);
        } finally {
          await third.close();
        }
      } finally {
        await second.close();
      }
    });

    test('a pin made before the log carried revocations is extended; each keeps its instant', async () => {
      const tanaka = await hub.as('tanaka');
      const ito = (await principalOfLogin(hub.ctx.store.db, 'ito')).id;
      const made = await designate(hub, tanaka, ito, now());
      offset += 60_000;
      const revoked = await tanaka.call('POST', `/v1/duty-designations/${made.id}/revoke`, { reason: '帰庁' });
      assert.equal(revoked.status, 200, JSON.stringify(revoked.body));
      const revokedAt = now().toISOString();
      offset += 1000;
      // What the hub exported before this change: the same log without revocations, signed by its key.
      const d = await run(hub.ctx, exportDirectory, SYSTEM_CALLER);
      const entries = d.entries.filter((e) => e.type !== 'duty.revoked');
      const signer = hub.ctx.auditSigner;
      const old = { ...d, entries, head: signDirectoryHead(signer.privateKey, signer.keyId, entries, d.head.at) };
      // The hub is upgraded: migration 042 records the revocations made before it at its own instant.
      offset += 1000;
      const upgraded = now().toISOString();
      await hub.ctx.store.db.updateTable('duty_designations').set({ logged_at: upgraded }).execute();
      offset += 1000;
      const agent = await startAgent(hub, dialect, BOARD);
      try {
        await run(agent.ctx, importDirectory, SYSTEM_CALLER, JSON.parse(JSON.stringify(old)));
        // Re-imported as today: the hub's new log appends to the old pin.
        const next = await run(hub.ctx, exportDirectory, SYSTEM_CALLER);
        const pinned = await run(agent.ctx, importDirectory, SYSTEM_CALLER, JSON.parse(JSON.stringify(next)));
        assert.equal(pinned.replaced, true);
        const entry = next.entries.find((e) => e.type === 'duty.revoked' && e.designationId === made.id);
        assert.ok(entry?.type === 'duty.revoked');
        assert.equal(entry.at, upgraded, 'logged at the upgrade, after every pinned entry');
        assert.ok(Math.abs(Date.parse(entry.revokedAt) - Date.parse(revokedAt)) < 1000, 'its real instant');
      } finally {
        await agent.close();
      }
    });
  });
}

// The duty approver (当直責任者, issue 15): a unit head designates a member of the unit for a period;
// the member approves emergencies with their own passkey within it, and only what it names; the
// provider verifies the designation carried in the signed envelope.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { principalOfLogin } from '../../src/auth/auth-service.ts';
import { challengeOf, softAssert, type softRegister } from '../../src/demo/soft-authenticator.ts';
import { findUser } from '../../src/directory/directory.repository.ts';
import { keyById, toPublicKey } from '../../src/directory/key.repository.ts';
import { documentFont } from '../../src/documents/font.ts';
import { verifyDocument } from '../../src/documents/verify.ts';
import { dutyDesignationProblem, type SignedDutyDesignation } from '../../src/domain/duty.ts';
import { type SignedEnvelope, SignedEnvelopeSchema } from '../../src/domain/envelope.ts';
import { ownerSignatureProblem, type VerificationFacts, verifyEnvelope } from '../../src/domain/verification.ts';
import { documentOf, readBack } from '../documents/support.ts';
import { auditEntries } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { signatureFacts } from '../support/envelopes.ts';
import {
  type Client,
  orgId,
  passkeyAssertion,
  registerPasskey,
  signInAll,
  startHub,
  type TestHub,
} from '../support/exchange.ts';
import { submitted, suicideNotice, transition } from '../support/flow.ts';
import type { ApiError, EnvelopeReply, RequestDetail, SigningPreview } from '../support/replies.ts';

interface Designation {
  id: string;
  status: string;
  validFrom: string;
  validUntil: string;
  kinds: string[];
  designee: { id: string; name: string };
}
interface Preview {
  designation: Record<string, unknown> & { validFrom: string; validUntil: string };
  digest: string;
  passkey: { credentialId: string } | null;
}

const HOUR = 3600_000;

for (const dialect of testDialects()) {
  describe(`the duty approver (${dialect})`, () => {
    let hub: TestHub;
    let offset = 0;
    let sato: Client, tanaka: Client, board: Client;
    let boardId: string, itoId: string;
    let itoCred: ReturnType<typeof softRegister>['credential'];
    const now = () => new Date(Date.now() + offset);
    const ito = () => hub.as('ito');

    const emergency = (id: string) =>
      suicideNotice(boardId, [{ type: 'account', id }], { facts: `掲示板に今夜命を絶つとの書込み（${id}）。` });
    const submittedBySato = async (content: object) => (await submitted(await hub.as('sato'), content)).id;
    /** Ito approves on his own passkey, as the web does on his device. */
    const itoApproves = async (id: string) => {
      const c = await ito();
      const preview = await c.call<SigningPreview>('GET', `/v1/requests/${id}/signing-preview`);
      assert.equal(preview.status, 200, JSON.stringify(preview.body));
      const origin = hub.url.replace('127.0.0.1', 'localhost');
      return c.call<RequestDetail>('POST', `/v1/requests/${id}/transitions`, {
        action: 'approve',
        digest: preview.body.digest,
        assertion: softAssert(itoCred, challengeOf(preview.body.digest), origin),
      });
    };
    /** Tanaka designates Ito: preview, then sign the digest on his own passkey. */
    const designate = async (body: Record<string, unknown>) => {
      const head = await hub.as('tanaka');
      const p = await head.call<Preview>('POST', '/v1/duty-designations/preview', body);
      if (p.status !== 200) return p as unknown as { status: number; body: ApiError };
      assert.ok(p.body.passkey, 'the head signs with his own credential');
      const passkey = head.passkey ?? assert.fail('tanaka has a passkey');
      return head.call<Designation>('POST', '/v1/duty-designations', {
        designation: p.body.designation,
        assertion: softAssert(passkey, challengeOf(p.body.digest), head.origin ?? ''),
      });
    };
    const period = (fromH: number, untilH: number, kinds = ['emergency']) => ({
      designeeUserId: itoId,
      validFrom: new Date(now().getTime() + fromH * HOUR).toISOString().replace('Z', '+00:00'),
      validUntil: new Date(now().getTime() + untilH * HOUR).toISOString(),
      kinds,
      reason: '所属長出張のため（12月1日夜間当直）',
    });

    before(async () => {
      hub = await startHub(dialect, { clock: now });
      [sato, tanaka, board] = await signInAll(hub, 'sato', 'tanaka', 'board.legal');
      boardId = await orgId(hub, 'Sakura Board K.K.');
      itoId = (await principalOfLogin(hub.ctx.store.db, 'ito')).id;
    });
    after(async () => hub.close());

    test('only the unit head designates, a member of the unit, for a bounded period with offsets', async () => {
      const c = await ito();
      // An investigator may register a signing credential before any designation: he signs the unit's
      // withdrawals with it (2026-12-03). The designation adds the authority to approve, checked below.
      const early = await c.call<ApiError>('POST', '/v1/credentials/registration-options');
      assert.equal(early.status, 200, JSON.stringify(early.body));
      const bySato = await sato.call<ApiError>('POST', '/v1/duty-designations/preview', period(0, 8));
      assert.equal(bySato.status, 403);
      const osakaId = (await principalOfLogin(hub.ctx.store.db, 'osaka')).id;
      const other = await tanaka.call<ApiError>('POST', '/v1/duty-designations/preview', {
        ...period(0, 8),
        designeeUserId: osakaId,
      });
      assert.equal(other.status, 400);
      assert.equal(other.body.error.details?.field, 'designeeUserId');
      const long = await tanaka.call<ApiError>('POST', '/v1/duty-designations/preview', period(0, 15 * 24));
      assert.equal(long.status, 400);
      assert.match(long.body.error.message.en ?? '', /14 days/);
      const naive = await tanaka.call<ApiError>('POST', '/v1/duty-designations/preview', {
        ...period(0, 8),
        validFrom: '2026-12-01T22:00:00',
      });
      assert.equal(naive.status, 400);
      assert.equal(naive.body.error.details?.field, 'validFrom');
    });

    let tanakaUserId = '';
    test('designated and signed on the head’s passkey; the designee registers his own passkey', async () => {
      tanakaUserId = (await principalOfLogin(hub.ctx.store.db, 'tanaka')).id;
      const self = await tanaka.call<ApiError>('POST', '/v1/duty-designations/preview', {
        ...period(0, 8),
        designeeUserId: tanakaUserId,
      });
      assert.equal(self.status, 400, 'nobody designates himself');

      // A designation with a forged head signature is refused.
      const p = await tanaka.call<Preview>('POST', '/v1/duty-designations/preview', period(-0.01, 12));
      assert.equal(p.status, 200, JSON.stringify(p.body));
      const forged = await tanaka.call<ApiError>('POST', '/v1/duty-designations', {
        designation: { ...p.body.designation, validUntil: new Date(now().getTime() + 13 * HOUR).toISOString() },
        assertion: passkeyAssertion(tanaka, p.body.digest),
      });
      assert.equal(forged.status, 422, JSON.stringify(forged.body));

      const made = await designate(period(-0.01, 12));
      assert.equal(made.status, 201, JSON.stringify(made.body));
      assert.equal((made.body as Designation).status, 'active');
      assert.deepEqual((made.body as Designation).kinds, ['emergency']);
      const audited = await auditEntries(hub.ctx.store.db, 'duty.designated');
      assert.equal(audited.length, 1, 'the designation is audited');
      const list = await (await ito()).call<{ items: Designation[] }>('GET', '/v1/duty-designations');
      assert.equal(list.body.items[0]?.designee.id, itoId, 'the unit sees who is on duty');

      const c = await ito();
      itoCred = (await registerPasskey(c, hub.url.replace('127.0.0.1', 'localhost'))).made.credential;
    });

    let approvedId = '';
    const withinPeriodTitle =
      'within the period he approves an emergency on his passkey; the provider verifies the designation';
    test(withinPeriodTitle, async () => {
      const id = await submittedBySato(emergency('duty-1'));
      const seen = await (await ito()).call<RequestDetail>('GET', `/v1/requests/${id}`);
      assert.ok(seen.body.allowedActions.includes('approve'), JSON.stringify(seen.body.allowedActions));
      const ok = await itoApproves(id);
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(ok.body.state, 'received');
      approvedId = id;
      const env = (await board.call<EnvelopeReply>('GET', `/v1/requests/${id}/envelope`)).body
        .envelope as SignedEnvelope;
      assert.equal(env.v, 2);
      assert.equal(env.payload.approverUserId, itoId);
      assert.equal(env.payload.dutyDesignation?.designation.designeeUserId, itoId);
      const detail = await board.call<RequestDetail>('GET', `/v1/requests/${id}`);
      assert.equal(detail.body.verification?.ok, true, JSON.stringify(detail.body.verification));
      const authority = detail.body.verification?.checks.find((c) => c.name === 'approver_authority');
      assert.equal(authority?.status, 'pass');
      assert.match(authority?.message.ja ?? '', /当直責任者/);
      assert.match(authority?.message.en ?? '', /duty approver/);
    });

    test('what the designation does not name, he cannot approve; nor can he without one', async () => {
      const inquiry = await submittedBySato({
        kind: 'inquiry',
        providerOrganisationId: boardId,
        caseReference: 'DUTY-1',
        offence: '脅迫',
        facts: '事実',
        necessity: '必要',
        targets: [{ type: 'account', id: 'duty-inq' }],
        categories: ['subscriber'],
      });
      const seen = await (await ito()).call<RequestDetail>('GET', `/v1/requests/${inquiry}`);
      assert.ok(!seen.body.allowedActions.includes('approve'));
      const r = await itoApproves(inquiry);
      assert.equal(r.status, 403, JSON.stringify(r.body));
      assert.equal((r.body as unknown as ApiError).error.code, 'APPROVER_NOT_AUTHORISED');
    });

    test('the provider refuses the authority when the designation is altered, revoked or not the head’s', async () => {
      const env = SignedEnvelopeSchema.parse(
        (await board.call<EnvelopeReply>('GET', `/v1/requests/${approvedId}/envelope`)).body.envelope,
      );
      const duty = env.payload.dutyDesignation ?? assert.fail('designation');
      const db = hub.ctx.store.db;
      const key = async (id: string) => toPublicKey((await keyById(db, id)) ?? assert.fail(`key ${id}`));
      const head = (await findUser(db, duty.designation.designatedBy)) ?? assert.fail('head');
      const designator = {
        key: await key(duty.signature.keyId),
        user: {
          id: head.id,
          organisationId: head.organisation_id,
          unitId: head.unit_id,
          roles: ['unit_head'],
          disabled: false,
        },
        headGrant: true,
        revokedAt: null as string | null,
      };
      const act = {
        agencyOrganisationId: env.payload.agencyOrganisationId,
        unitId: env.payload.unitId,
        approverUserId: env.payload.approverUserId,
        draftedBy: env.payload.draftedBy,
        kind: env.payload.kind,
        issuedAt: new Date(env.payload.issuedAt),
      };
      const webauthn = (s: SignedDutyDesignation) => (k: Parameters<typeof ownerSignatureProblem>[0], dg: string) =>
        s.v === 2 && ownerSignatureProblem(k, dg, s.signature) === null;
      assert.equal(dutyDesignationProblem(duty, act, designator, webauthn(duty)), null);
      const longer = {
        ...duty,
        designation: {
          ...duty.designation,
          validUntil: new Date(Date.parse(duty.designation.validUntil) + HOUR).toISOString(),
        },
      };
      assert.equal(dutyDesignationProblem(longer, act, designator, webauthn(longer)), 'signature');
      const widened = {
        ...duty,
        designation: { ...duty.designation, kinds: ['emergency', 'preservation'] as ('emergency' | 'preservation')[] },
      };
      assert.equal(
        dutyDesignationProblem(
          widened as SignedDutyDesignation,
          act,
          designator,
          webauthn(widened as SignedDutyDesignation),
        ),
        'signature',
      );
      assert.equal(
        dutyDesignationProblem(
          duty,
          act,
          { ...designator, revokedAt: new Date(act.issuedAt.getTime() - 1).toISOString() },
          webauthn(duty),
        ),
        'revoked',
      );
      assert.equal(
        dutyDesignationProblem(
          duty,
          act,
          { ...designator, user: { ...designator.user, roles: ['investigator'] } },
          webauthn(duty),
        ),
        'designator',
      );
      assert.equal(dutyDesignationProblem(duty, { ...act, kind: 'inquiry' }, designator, webauthn(duty)), 'kind');
      assert.equal(
        dutyDesignationProblem(
          duty,
          { ...act, issuedAt: new Date(Date.parse(duty.designation.validUntil) + 1) },
          designator,
          webauthn(duty),
        ),
        'period',
      );

      // Through the whole provider check: the same envelope, its designator no longer a head.
      const itoRow = (await findUser(db, itoId)) ?? assert.fail('ito');
      const facts: VerificationFacts = {
        ...(await signatureFacts(hub, env, boardId)),
        approver: {
          id: itoRow.id,
          organisationId: itoRow.organisation_id,
          unitId: itoRow.unit_id,
          roles: ['investigator'],
          disabled: false,
        },
        designator,
      };
      const authority = (f: VerificationFacts, e: SignedEnvelope = env) =>
        verifyEnvelope(e, f, now()).checks.find((c) => c.name === 'approver_authority');
      assert.equal(authority(facts)?.status, 'pass');
      const notHead = authority({ ...facts, designator: { ...designator, headGrant: false } });
      assert.equal(notHead?.status, 'fail');
      assert.match(notHead?.message.en ?? '', /not a head/);
      // Without the designation the investigator has no authority at all.
      const { dutyDesignation: _d, ...bare } = env.payload;
      assert.equal(
        authority({ ...facts, designator: undefined }, { ...env, payload: bare } as SignedEnvelope)?.status,
        'fail',
      );
    });

    test('revoked, he cannot; a later period opens and closes on the clock', async () => {
      const list = await tanaka.call<{ items: Designation[] }>('GET', '/v1/duty-designations');
      const active = list.body.items.find((d) => d.status === 'active') ?? assert.fail('active designation');
      const bySato = await sato.call<ApiError>('POST', `/v1/duty-designations/${active.id}/revoke`, { reason: 'x' });
      assert.equal(bySato.status, 403);
      const revoked = await tanaka.call<Designation>('POST', `/v1/duty-designations/${active.id}/revoke`, {
        reason: '所属長が帰庁したため',
      });
      assert.equal(revoked.status, 200, JSON.stringify(revoked.body));
      assert.equal(revoked.body.status, 'revoked');
      const e2 = await submittedBySato(emergency('duty-2'));
      assert.equal((await itoApproves(e2)).status, 403, 'revoked: no longer on duty');

      // Upcoming: from in 1 hour to in 3 hours.
      const later = await designate(period(1, 3, ['emergency', 'preservation']));
      assert.equal(later.status, 201, JSON.stringify(later.body));
      assert.equal((later.body as Designation).status, 'upcoming');
      assert.equal((await itoApproves(e2)).status, 403, 'not yet on duty');
      offset += 2 * HOUR;
      const ok = await itoApproves(e2);
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      const detail = await board.call<RequestDetail>('GET', `/v1/requests/${e2}`);
      assert.equal(detail.body.verification?.ok, true, JSON.stringify(detail.body.verification));
      // A preservation too, as the designation names it; its 保全要請書 says who approved and under what.
      const pres = await submittedBySato({
        kind: 'preservation',
        providerOrganisationId: boardId,
        caseReference: 'DUTY-P',
        offence: '脅迫',
        facts: '事実',
        necessity: '消去を防ぐため',
        targets: [{ type: 'account', id: 'duty-pres' }],
        categories: ['access_log'],
        preservation: { days: 30 },
      });
      assert.equal((await itoApproves(pres)).status, 200);
      const doc = await documentOf(hub.url, (await ito()).token, pres, 'preservation');
      assert.equal(doc.status, 200, doc.bytes.toString('utf8'));
      const text = readBack(new Uint8Array(doc.bytes)).text.replace(/\s+/g, '');
      assert.match(text, /決裁者は当直責任者（所属長の指定令和/);
      assert.equal((await verifyDocument(new Uint8Array(doc.bytes), documentFont())).ok, true);
      offset += 2 * HOUR;
      const e3 = await submittedBySato(emergency('duty-3'));
      const seen = await (await ito()).call<RequestDetail>('GET', `/v1/requests/${e3}`);
      assert.ok(!seen.body.allowedActions.includes('approve'), 'after the period the action is gone');
      assert.equal((await itoApproves(e3)).status, 403, 'after the period he cannot approve');
      // The unit head still can.
      const head = await hub.as('tanaka');
      const preview = await head.call<SigningPreview>('GET', `/v1/requests/${e3}/signing-preview`);
      await transition(head, e3, {
        action: 'approve',
        digest: preview.body.digest,
        assertion: passkeyAssertion(head, preview.body.digest),
      });
    });
  });
}

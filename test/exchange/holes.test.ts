// Regressions for the holes an attacker found (issue 10). Each test failed on the code before its fix.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { principalOfLogin } from '../../src/auth/auth-service.ts';
import type { EnvelopePayload, SignedEnvelope } from '../../src/domain/envelope.ts';
import { enrolledOverApi, investigatorOfNewUnit, personMadeBy } from '../support/api-users.ts';
import { testDialects } from '../support/dialects.ts';
import { signedByUnit } from '../support/envelopes.ts';
import { approve, attestedWarrant, hubWithHooks, openOnDevice, orgId, signInMade } from '../support/exchange.ts';
import { boardPost, draft, inquiry, issue, submitted, THREAT, transition, warranted } from '../support/flow.ts';
import type { AnswerPreview, ApiError, AuditEvent, List, RequestDetail, RequestSummary } from '../support/replies.ts';

const base = { caseReference: '令和8年 第77号', ...THREAT };

for (const dialect of testDialects()) {
  describe(`holes an attacker found (${dialect})`, () => {
    const {
      hub,
      people: [sato, board, isp],
      orgs,
    } = hubWithHooks(dialect, ['sato', 'board.legal', 'isp.legal']);

    /** A genuinely signed envelope, as another installation holding the unit's and the head's keys would make it. */
    async function signedElsewhere(
      content: Record<string, unknown>,
      providerId: string,
      n: string,
    ): Promise<SignedEnvelope> {
      const sat = await principalOfLogin(hub.ctx.store.db, 'sato');
      const head = await principalOfLogin(hub.ctx.store.db, 'tanaka');
      const now = hub.ctx.clock();
      const payload: EnvelopePayload = {
        envelopeId: `env_elsewhere-${n}-${dialect}`,
        requestId: `req_elsewhere-${n}-${dialect}`,
        reference: `EXT-2026-${n}`,
        kind: content.kind as EnvelopePayload['kind'],
        agencyOrganisationId: orgs.mpd,
        unitId: sat.unitId ?? '',
        providerOrganisationId: providerId,
        draftedBy: sat.id,
        approverUserId: head.id,
        issuedAt: now.toISOString(),
        content,
      };
      // The approver signs on his own device (his passkey: the demo's software authenticator).
      return signedByUnit(hub, payload);
    }

    test('intake applies the rules a local draft meets: an emergency without its conditions is declined', async () => {
      const env = await signedElsewhere(
        {
          kind: 'emergency',
          providerOrganisationId: orgs.board,
          ...base,
          targets: [{ type: 'url', url: 'https://sakura-board.example/t/1#1' }],
          categories: ['subscriber'],
          emergency: {
            basis: 'suicide_notice',
            conditions: { imminent: false, realistic: false, intentExpressed: false, notJokeOrFiction: false },
            statement: '—',
          },
        },
        orgs.board,
        '1',
      );
      const r = await board.call<ApiError>('POST', '/v1/intake', { envelope: env });
      assert.equal(r.status, 422, JSON.stringify(r.body));
      assert.equal(r.body.error.code, 'EMERGENCY_CONDITIONS_MISSING');
      const stored = await board.call<RequestDetail>('GET', `/v1/requests/${r.body.error.details?.requestId}`);
      assert.equal(stored.body.state, 'declined');
      assert.equal(stored.body.declineReason, 'invalid_request');
      const check = stored.body.verification?.checks.find((c) => c.name === 'content_rules');
      assert.equal(check?.status, 'fail');
      assert.match(check?.message.en ?? '', /condition/i);
      // The signatures themselves were genuine: only the content rules failed.
      assert.ok(
        stored.body.verification?.checks.filter((c) => c.name !== 'content_rules').every((c) => c.status !== 'fail'),
      );
    });

    test("intake applies the legal matrix: an inquiry for a carrier's access logs is declined", async () => {
      const env = await signedElsewhere(
        {
          kind: 'inquiry',
          providerOrganisationId: orgs.isp,
          ...base,
          targets: [{ type: 'ip', address: '203.0.113.9', at: '2026-11-30T23:42:17+09:00' }],
          categories: ['access_log'],
        },
        orgs.isp,
        '2',
      );
      const r = await isp.call<ApiError>('POST', '/v1/intake', { envelope: env });
      assert.equal(r.status, 422);
      assert.equal(r.body.error.code, 'MATRIX_REFUSED');
      assert.match(r.body.error.message.en, /warrant/);
    });

    test('another agency cannot burn a genuine warrant with a forged or borrowed attestation', async () => {
      const judge = await hub.as('judge');
      const osaka = await hub.as('osaka');
      const osakaHead = await hub.as('osaka.head');
      const tanaka = await hub.as('tanaka');
      const courtId = await orgId(hub, 'Tokyo District Court');
      const target = { type: 'ip', address: '203.0.113.77', port: 4000, at: '2026-11-30T23:42:17+09:00' };
      const categories = ['subscriber', 'access_log'];
      const { attestation: att, ...w } = await attestedWarrant(hub, judge, {
        warrantNumber: `W-BURN-${dialect}`,
        agencyOrganisationId: orgs.mpd,
        providerOrganisationId: orgs.isp,
        courtOrganisationId: courtId,
        step: { targets: [target], categories },
      });
      const content = (attestation: { keyId: string; signature: string }) =>
        warranted(orgs.isp, { ...base, targets: [target], categories, warrant: { ...w, attestation } });
      const forgedSig = `${att.signature.slice(0, -4)}AAAA`;
      for (const attestation of [
        { keyId: att.keyId, signature: forgedSig },
        { keyId: att.keyId, signature: att.signature },
      ]) {
        const d = await submitted(osaka, content(attestation));
        const a = await approve<ApiError>(osakaHead, d.id);
        assert.equal(a.status, 422, 'Osaka cannot use a warrant attested for the MPD');
        assert.equal(a.body.error.code, 'WARRANT_ATTESTATION_INVALID');
      }
      const ok = await issue(sato, tanaka, content({ keyId: att.keyId, signature: att.signature }));
      assert.equal(ok.state, 'received');
      assert.equal(ok.verification?.ok, true);
    });

    test('the provider keeps its own sealed record, and signs exactly the answer it reviewed', async () => {
      const tanaka = await hub.as('tanaka');
      const d = await issue(
        sato,
        tanaka,
        inquiry(orgs.board, { ...base, targets: [{ type: 'account', id: `kept-${dialect}` }] }),
      );
      await transition(board, d.id, { action: 'start_review' });
      const answer = {
        outcome: 'full',
        items: [{ targetIndex: 0, result: 'found', subscriber: { name: '控えの確認 太郎' } }],
      };
      const preview = await board.call<AnswerPreview>('POST', `/v1/requests/${d.id}/answer-preview`, { answer });
      assert.equal(preview.status, 200, JSON.stringify(preview.body));
      assert.match(preview.body.canonical, /控えの確認 太郎/);
      // The agency cannot preview, and an answer that is not what was reviewed is refused.
      assert.equal((await sato.call('POST', `/v1/requests/${d.id}/answer-preview`, { answer })).status, 403);
      const changed = structuredClone(answer);
      changed.items[0]!.subscriber.name = '別人';
      const wrong = await board.call<ApiError>('POST', `/v1/requests/${d.id}/transitions`, {
        action: 'answer',
        answer: changed,
        digest: preview.body.digest,
      });
      assert.equal(wrong.status, 409);
      assert.equal(wrong.body.error.details?.field, 'digest');
      const sent = await board.call<RequestDetail>('POST', `/v1/requests/${d.id}/transitions`, {
        action: 'answer',
        answer,
        digest: preview.body.digest,
      });
      assert.equal(sent.body.state, 'answered', JSON.stringify(sent.body));
      // The provider reads back what it disclosed; the read is audited as its own copy.
      const kept = await openOnDevice(hub, 'board.legal', d.id);
      assert.equal(kept.status, 200, JSON.stringify(kept.body));
      assert.equal(kept.body.answer.items[0]?.subscriber?.name, '控えの確認 太郎');
      assert.equal(kept.body.signatureValid, true);
      const unit = await openOnDevice(hub, 'sato', d.id);
      assert.deepEqual(unit.body.answer, kept.body.answer);
      const reads = (await sato.call<List<AuditEvent>>('GET', `/v1/requests/${d.id}/audit`)).body.items.filter(
        (e) => e.action === 'answer.read',
      );
      assert.deepEqual(
        reads.map((e) => e.details.copy),
        ['provider', 'unit'],
      );
      // The intake clerk (no right to read disclosures back) cannot.
      assert.equal((await openOnDevice(hub, 'board.intake', d.id)).status, 403);
    });

    test('one compromised agency administrator cannot issue a verified emergency alone', async () => {
      const admin = await hub.as('mpd.admin');
      const unitId = (await principalOfLogin(hub.ctx.store.db, 'sato')).unitId;
      const mk = async (login: string, roles: string[]) => {
        const r = await admin.call<{
          user: { id: string };
          enrolment: { code: string };
          grants: Array<{ id: string; state: string }>;
        }>('POST', '/v1/users', { organisationId: orgs.mpd, unitId, login, displayName: login, roles });
        assert.equal(r.status, 201, JSON.stringify(r.body));
        // The administrator holds the code and enrols in the person's place.
        const code = r.body.enrolment.code;
        const totpSecret = await enrolledOverApi(hub, { login, code, password: 'rogue-password-2026' });
        return { ...r.body, totpSecret };
      };
      const inv = await mk(`rogue.inv-${dialect}`, ['investigator']);
      const head = await mk(`rogue.head-${dialect}`, ['unit_head']);
      assert.deepEqual(
        head.grants.map((g) => g.state),
        ['pending'],
        'the unit-head role waits for a second person',
      );
      const signIn = (login: string, secret: string) => signInMade(hub, login, 'rogue-password-2026', secret);
      const rogueInv = await signIn(`rogue.inv-${dialect}`, inv.totpSecret);
      const rogueHead = await signIn(`rogue.head-${dialect}`, head.totpSecret);
      const d = await draft(rogueInv, {
        kind: 'emergency',
        providerOrganisationId: orgs.board,
        ...base,
        targets: [boardPost('t/666#1')],
        categories: ['subscriber', 'access_log'],
        emergency: { basis: 'threat_to_life', statement: '爆破予告' },
      });
      await transition(rogueInv, d.id, { action: 'submit' });
      // Until countersigned the head holds no role: the unit's requests are not theirs to see at all.
      const refused = await approve(rogueHead, d.id);
      assert.equal(refused.status, 404, JSON.stringify(refused.body));
      // The administrator cannot countersign a grant they made; the key officer can.
      const selfSign = await admin.call<ApiError>('POST', `/v1/role-grants/${head.grants[0]?.id}/countersign`);
      assert.equal(selfSign.status, 403);
      assert.equal(selfSign.body.error.code, 'SELF_APPROVAL');
      const officer = await hub.as('mpd.keys');
      const cs = await officer.call('POST', `/v1/role-grants/${head.grants[0]?.id}/countersign`);
      assert.equal(cs.status, 200, JSON.stringify(cs.body));
      // Now approved, the provider sees the credential is minutes old and who countersigned it, and
      // must call the unit back before answering.
      const ok = await approve(rogueHead, d.id);
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      const seen = await board.call<RequestDetail>('GET', `/v1/requests/${d.id}`);
      assert.equal(seen.body.verification?.ok, true);
      assert.ok((seen.body.verification?.approverCredential?.ageHoursAtSigning ?? 99) < 1);
      assert.equal(seen.body.verification?.approverCredential?.countersignedBy, '警視庁 鍵管理責任者');
      assert.equal(seen.body.secondCheck?.required, true);
      assert.equal(seen.body.secondCheck?.callbackPhone, '+81300000110');
      const early = await board.call<ApiError>('POST', `/v1/requests/${d.id}/transitions`, {
        action: 'answer',
        answer: { outcome: 'full', items: [{ targetIndex: 0, result: 'no_data' }] },
      });
      assert.equal(early.body.error.code, 'SECOND_CHECK_REQUIRED');
      // The provider's own words on the request (the call-back's note, the decline note) are content: the
      // oversight body reads that a call-back was made and that the request was declined, not what was written.
      await transition(board, d.id, { action: 'confirm_second_check', note: '課長 山本氏に折返し確認済み' });
      await transition(board, d.id, { action: 'decline', reason: 'no_data', note: '会員 佐藤一郎様の記録なし' });
      const meta = await (await hub.as('auditor')).call<RequestDetail>('GET', `/v1/requests/${d.id}`);
      assert.equal(meta.status, 200);
      assert.equal(meta.body.contentWithheld, true);
      assert.equal(meta.body.declineReason, 'no_data');
      assert.equal(meta.body.declineNote, null);
      assert.equal(meta.body.secondCheck?.required, true);
      assert.ok(meta.body.secondCheck?.confirmedAt, 'that the call-back was made is shown');
      assert.equal(meta.body.secondCheck?.note, null);
      assert.equal(meta.body.secondCheck?.callbackPhone, null);
      assert.doesNotMatch(JSON.stringify(meta.body), /山本|佐藤一郎|\+81300000110/);
      const timeline = await (await hub.as('auditor')).call<List<AuditEvent>>('GET', `/v1/requests/${d.id}/audit`);
      assert.equal(timeline.status, 200);
      assert.ok(timeline.body.items.some((e) => e.details.action === 'confirm_second_check'));
      assert.doesNotMatch(JSON.stringify(timeline.body), /山本|佐藤一郎/, 'nor in the audit log, never rewritten');
      const own = await board.call<RequestDetail>('GET', `/v1/requests/${d.id}`);
      assert.equal(own.body.declineNote, '会員 佐藤一郎様の記録なし', 'the parties read it as before');
    });

    const needToKnowTitle =
      'need-to-know: another unit sees nothing until shared; the auditor reads content only on a recorded reason';
    test(needToKnowTitle, async () => {
      const tanaka = await hub.as('tanaka');
      const admin = await hub.as('mpd.admin');
      const { id: otherId, client: colleague } = await investigatorOfNewUnit(
        hub,
        admin,
        orgs.mpd,
        { nameJa: '捜査第二課', nameEn: 'Second Investigation Division' },
        { login: `other.unit-${dialect}`, displayName: '第二課 捜査員', password: 'other-unit-password-26' },
      );
      const content = inquiry(orgs.board, {
        ...base,
        facts: '第一係だけが知る被疑事実',
        targets: [{ type: 'account', id: `ntk-${dialect}` }],
      });
      const d = await issue(sato, tanaka, content);
      // Another unit of the same agency: not found, not listed.
      assert.equal((await colleague.call('GET', `/v1/requests/${d.id}`)).status, 404);
      const listed = await colleague.call<List<RequestSummary>>('GET', '/v1/requests?limit=200');
      assert.ok(!listed.body.items.some((r) => r.id === d.id));
      // Shared by the issuing unit: readable, listed, but read only and the answer stays closed.
      const shared = await sato.call('POST', `/v1/requests/${d.id}/shares`, { userId: otherId });
      assert.equal(shared.status, 200, JSON.stringify(shared.body));
      const seen = await colleague.call<RequestDetail>('GET', `/v1/requests/${d.id}`);
      assert.equal(seen.status, 200);
      assert.equal(seen.body.content?.facts, '第一係だけが知る被疑事実');
      assert.deepEqual(seen.body.allowedActions, []);
      assert.equal(
        (await colleague.call('POST', `/v1/requests/${d.id}/transitions`, { action: 'withdraw', reason: 'x' })).status,
        403,
      );
      assert.ok(
        (await colleague.call<List<RequestSummary>>('GET', '/v1/requests?limit=200')).body.items.some(
          (r) => r.id === d.id,
        ),
      );
      await sato.call('DELETE', `/v1/requests/${d.id}/shares/${otherId}`);
      assert.equal((await colleague.call('GET', `/v1/requests/${d.id}`)).status, 404);

      // The oversight auditor: metadata and the timeline, no content, no envelope…
      const auditor = await hub.as('auditor');
      const meta = await auditor.call<RequestDetail>('GET', `/v1/requests/${d.id}`);
      assert.equal(meta.status, 200);
      assert.equal(meta.body.content, null);
      assert.equal(meta.body.contentWithheld, true);
      assert.equal(meta.body.offence, null);
      assert.doesNotMatch(JSON.stringify(meta.body), /第一係だけが知る/);
      assert.equal((await auditor.call('GET', `/v1/requests/${d.id}/envelope`)).status, 403);
      // …nor in its lists, which carry neither the case reference nor the offence.
      const inList = await auditor.call<{ items: RequestDetail[] }>('GET', '/v1/requests?limit=200');
      const row = inList.body.items.find((r) => r.id === d.id);
      assert.ok(row, 'the auditor lists the request');
      assert.equal(row.caseReference, null);
      assert.equal(row.offence, null);
      // …until a reason is recorded: then the content opens, and the unit sees why on its timeline.
      const short = await auditor.call<ApiError>('POST', `/v1/requests/${d.id}/break-glass`, { reason: 'audit' });
      assert.equal(short.status, 400);
      assert.equal(short.body.error.details?.field, 'reason');
      const reason = '苦情申立て第12号の調査のため内容を確認';
      const glass = await auditor.call('POST', `/v1/requests/${d.id}/break-glass`, { reason });
      assert.equal(glass.status, 200, JSON.stringify(glass.body));
      const full = await auditor.call<RequestDetail>('GET', `/v1/requests/${d.id}`);
      assert.equal(full.body.content?.facts, '第一係だけが知る被疑事実');
      const timeline = await sato.call<List<AuditEvent>>('GET', `/v1/requests/${d.id}/audit`);
      const entry = timeline.body.items.find((e) => e.action === 'request.break_glass');
      assert.equal(entry?.details.reason, reason);
      // The provider reads the request's life, not the agency's and the oversight body's own business:
      // before, it read whom the unit shared the request with, who there read it, and the auditor's reason.
      const theirs = await board.call<List<AuditEvent>>('GET', `/v1/requests/${d.id}/audit`);
      assert.equal(theirs.status, 200);
      const acts: string[] = theirs.body.items.map((e) => e.action);
      assert.ok(acts.includes('request.signed') && acts.includes('request.received'), acts.join());
      for (const hidden of ['request.shared', 'request.unshared', 'request.break_glass']) {
        assert.ok(!acts.includes(hidden), `the provider reads ${hidden}`);
      }
      assert.doesNotMatch(JSON.stringify(theirs.body), /苦情申立て|other\.unit/);
      assert.ok(theirs.body.items.every((e) => e.action !== 'request.viewed' || e.details.side === 'provider'));
    });

    const needToKnowAgencyTitle =
      'need-to-know at the agency: an administrator placed in the issuing unit reads none of its requests';
    test(needToKnowAgencyTitle, async () => {
      const tanaka = await hub.as('tanaka');
      const admin = await hub.as('mpd.admin');
      const unitId = (await principalOfLogin(hub.ctx.store.db, 'sato')).unitId;
      const login = `unit.admin-${dialect}`;
      const { id: placedId, client: placed } = await personMadeBy(hub, admin, {
        organisationId: orgs.mpd,
        unitId,
        login,
        displayName: '第一係 管理担当',
        roles: ['admin'],
        password: 'unit-admin-password-26',
      });
      const content = inquiry(orgs.board, {
        ...base,
        facts: '第一係の捜査員だけが読む被疑事実',
        targets: [{ type: 'account', id: `ntk-unit-admin-${dialect}` }],
      });
      const d = await issue(sato, tanaka, content);
      // Before, the unit decided alone: an administrator (or a person whose privileged role still waits for
      // its countersignature) placed in the unit read its requests, envelopes and files.
      for (const path of ['', '/envelope', '/attachments', '/audit']) {
        const r = await placed.call('GET', `/v1/requests/${d.id}${path}`);
        assert.equal(r.status, 404, `${path || '/'}: ${JSON.stringify(r.body)}`);
      }
      const listed = await placed.call<List<RequestSummary>>('GET', '/v1/requests?limit=200');
      assert.equal(listed.status, 200);
      assert.deepEqual(listed.body.items, []);
      // The unit cannot share it with them either: a share would give them nothing.
      const share = await sato.call<ApiError>('POST', `/v1/requests/${d.id}/shares`, { userId: placedId });
      assert.equal(share.status, 409, JSON.stringify(share.body));
      assert.equal(share.body.error.details?.field, 'userId');
      assert.match(share.body.error.message.ja, /事件を扱う役割/);
    });

    test('need-to-know at the provider: its administrator sees no request addressed to it', async () => {
      const tanaka = await hub.as('tanaka');
      const admin = await hub.as('board.admin');
      const intake = await hub.as('board.intake');
      const content = inquiry(orgs.board, {
        ...base,
        facts: '受付担当だけが読む被疑事実',
        targets: [{ type: 'account', id: `ntk-provider-${dialect}` }],
      });
      const d = await issue(sato, tanaka, content);
      // The staff who handle requests read it…
      const seen = await intake.call<RequestDetail>('GET', `/v1/requests/${d.id}`);
      assert.equal(seen.status, 200);
      assert.equal(seen.body.content?.facts, '受付担当だけが読む被疑事実');
      // …the administrator (users and keys; no permission on requests) did too, and its envelope,
      // files and timeline: now it is not found, not listed, not searchable.
      for (const path of ['', '/envelope', '/attachments', '/audit', '/verification']) {
        const r = await admin.call('GET', `/v1/requests/${d.id}${path}`);
        assert.equal(r.status, 404, `${path || '/'}: ${JSON.stringify(r.body)}`);
      }
      const listed = await admin.call<List<RequestSummary>>('GET', '/v1/requests?limit=200');
      assert.equal(listed.status, 200);
      assert.deepEqual(listed.body.items, []);
      const found = await admin.call<List<RequestSummary>>('GET', '/v1/search?q=ntk-provider');
      assert.ok(!JSON.stringify(found.body).includes(d.id), JSON.stringify(found.body));
    });
  });
}

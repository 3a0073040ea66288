import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { challengeOf, softAssert } from '../../src/demo/soft-authenticator.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { auditDetails } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { madeAndEnrolled } from '../support/enrolment.ts';
import {
  ANY_DIGEST,
  approve,
  attestedWarrant,
  confirmPasskey,
  DEMO_ORGS,
  hubWithHooks,
  nextTotp,
  openOnDevice,
  registerPasskey,
} from '../support/exchange.ts';
import {
  answer,
  boardPost,
  draft,
  inquiry,
  issue,
  submitApprove,
  submitted,
  subscriberFound,
  transition,
  warranted,
} from '../support/flow.ts';
import { envelopeOf, listedRequests } from '../support/reads.ts';
import type {
  ApiError,
  AuditEvent,
  List,
  Me,
  RequestDetail,
  SigningPreview,
  Verification,
} from '../support/replies.ts';

for (const dialect of testDialects()) {
  describe(`request exchange over HTTP (${dialect})`, () => {
    const {
      hub,
      people: [sato, tanaka, board, isp, osaka, judge],
      orgs,
    } = hubWithHooks(dialect, ['sato', 'tanaka', 'board.legal', 'isp.legal', 'osaka', 'judge']);
    const base = {
      caseReference: 'TEST-1',
      offence: '脅迫',
      facts: '掲示板への脅迫的な書き込み',
      necessity: '発信者の特定のため',
    };

    /** An inquiry to the board about the account `id`. */
    const accountInquiry = (id: string) => inquiry(orgs.board, { ...base, targets: [{ type: 'account', id }] });

    /** Through the unit's approval, each state on the way checked: the approved request. */
    async function draftSubmitApprove(content: object) {
      const d = await draft(sato, content);
      assert.equal(d.state, 'draft');
      assert.equal((await transition(sato, d.id, { action: 'submit' })).state, 'awaiting_approval');
      const preview = await tanaka.call<SigningPreview>('GET', `/v1/requests/${d.id}/signing-preview`);
      assert.equal(preview.status, 200);
      assert.match(preview.body.digest, /^[0-9a-f]{64}$/);
      const a = await approve(tanaka, d.id);
      assert.equal(a.status, 200, JSON.stringify(a.body));
      return a.body;
    }

    test('an inquiry goes from draft to a sealed answer read by the requesting unit', async () => {
      const issued = await draftSubmitApprove({
        kind: 'inquiry',
        providerOrganisationId: orgs.board,
        ...base,
        targets: [{ type: 'url', url: 'https://sakura-board.example/t/1#5' }],
        categories: ['subscriber', 'access_log'],
      });
      assert.equal(issued.state, 'received', 'delivered at once on this hub');
      assert.equal(issued.approvedBy?.displayName, '田中 課長');
      const seen = await board.call<RequestDetail>('GET', `/v1/requests/${issued.id}`);
      assert.equal(seen.status, 200);
      assert.equal(seen.body.verification?.ok, true);
      assert.deepEqual(
        new Set(seen.body.verification?.checks.map((c) => `${c.name}:${c.status}`)),
        new Set([
          'signature_approver:pass',
          'signature_unit:pass',
          'key_validity:pass',
          'revocation:pass',
          'approver_authority:pass',
          'warrant_attestation:not_applicable',
          'court_order:not_applicable',
          'replay:pass',
          'content_rules:pass',
          'addressee:pass',
        ]),
      );
      assert.ok(seen.body.deadlineAt, 'the deadline is computed at receipt');
      assert.deepEqual(seen.body.allowedActions.sort(), ['decline', 'start_review']);
      const ans = await answer(board, issued.id, [
        {
          ...subscriberFound({ name: '山田 太郎', email: 'taro@example.jp' }),
          accessLog: [{ at: '2026-03-29T01:30:12+09:00', address: '203.0.113.7', port: 40211 }],
        },
      ]);
      assert.equal(ans.state, 'answered');
      assert.equal(ans.answer?.outcome, 'sealed', 'the outcome is inside the sealed box only');
      // The provider reads only its own kept copy (see holes.test.ts); another agency cannot at all.
      assert.equal((await openOnDevice(hub, 'board.legal', issued.id)).status, 200);
      assert.equal((await openOnDevice(hub, 'osaka', issued.id)).status, 404);
      const opened = await openOnDevice(hub, 'sato', issued.id);
      assert.equal(opened.status, 200, JSON.stringify(opened.body));
      assert.equal(opened.body.signatureValid, true);
      assert.equal(opened.body.answer.items[0]?.subscriber?.name, '山田 太郎');
      const timeline = await sato.call<List<AuditEvent>>('GET', `/v1/requests/${issued.id}/audit`);
      const actions = timeline.body.items.map((i: { action: string }) => i.action);
      for (const a of [
        'request.drafted',
        'request.signed',
        'request.received',
        'request.viewed',
        'answer.sealed',
        'answer.read',
      ])
        assert.ok(actions.includes(a), `timeline has ${a}: ${actions}`);
      // Roles only for the viewer's own people: the board learns nothing of the police's (admin, key officer…).
      const signed = (t: List<AuditEvent>) => t.items.find((i) => i.action === 'request.signed');
      assert.ok(signed(timeline.body)?.actorRoles.includes('unit_head'), 'the agency sees its own approver’s roles');
      const theirs = await board.call<List<AuditEvent>>('GET', `/v1/requests/${issued.id}/audit`);
      assert.equal(theirs.status, 200);
      assert.ok(signed(theirs.body), 'the board sees the signing');
      for (const i of theirs.body.items) {
        const own = i.actorOrganisation?.en === DEMO_ORGS.board;
        assert.equal(i.actorRoles.length > 0, own && i.actorType !== 'system', JSON.stringify(i));
        if (!own) assert.deepEqual(i.actorRolesUnsure, [], JSON.stringify(i));
      }
      const closed = await sato.call<RequestDetail>('POST', `/v1/requests/${issued.id}/transitions`, {
        action: 'close',
      });
      assert.equal(closed.body.state, 'closed');
    });

    const warrantAttestationTitle =
      'a warrant carries a court attestation the provider verifies; ' +
      'an inquiry for carrier access logs is refused before signing';
    test(warrantAttestationTitle, async () => {
      const target = {
        type: 'ip',
        address: '203.0.113.7',
        port: 40211,
        at: '2026-03-29T01:30:12+09:00',
        toleranceSeconds: 1,
      };
      const refused = await sato.call<ApiError>('POST', '/v1/requests', {
        content: {
          kind: 'inquiry',
          providerOrganisationId: orgs.isp,
          ...base,
          targets: [target],
          categories: ['access_log'],
        },
      });
      assert.equal(refused.status, 422);
      assert.match(refused.body.error.code, /MATRIX_REFUSED|POLICY_REFUSED/);
      assert.match(refused.body.error.message.en, /warrant/);
      const categories = ['subscriber', 'access_log'];
      const parties = {
        agencyOrganisationId: orgs.mpd,
        providerOrganisationId: orgs.isp,
        courtOrganisationId: orgs.court,
      };
      /** The warrant request for the target, presenting `warrant`. */
      const warrantRequest = (warrant: object) =>
        warranted(orgs.isp, { ...base, targets: [target], categories, warrant });
      const w1 = await attestedWarrant(hub, judge, {
        ...parties,
        warrantNumber: 'W-1',
        step: { targets: [target], categories },
      });
      const issued = await draftSubmitApprove(warrantRequest(w1));
      assert.equal(issued.state, 'received');
      const seen = await isp.call<RequestDetail>('GET', `/v1/requests/${issued.id}`);
      const attested = seen.body.verification?.checks.find((c) => c.name === 'warrant_attestation');
      assert.equal(attested?.status, 'pass');
      // Whose signature was checked: the court by its name and the judge whose own passkey signed.
      assert.match(attested?.message.ja ?? '', /^東京地方裁判所（裁判官 山本）の電子署名は有効です（令状番号 W-1）$/);
      assert.match(attested?.message.en ?? '', /Tokyo District Court \(裁判官 山本\)/);
      // A warrant whose attestation was made for other categories is refused at approval: nothing is
      // signed or sent, and the warrant is not used up.
      const w2 = await attestedWarrant(hub, judge, {
        ...parties,
        warrantNumber: 'W-2',
        step: { targets: [target], categories: ['subscriber'] },
      });
      const bad = await submitted(sato, warrantRequest(w2));
      const refusedApproval = await approve<ApiError>(tanaka, bad.id);
      assert.equal(refusedApproval.status, 422);
      assert.equal(refusedApproval.body.error.code, 'WARRANT_ATTESTATION_INVALID');
      assert.equal((await sato.call<RequestDetail>('GET', `/v1/requests/${bad.id}`)).body.state, 'awaiting_approval');
      assert.equal((await isp.call<RequestDetail>('GET', `/v1/requests/${bad.id}`)).status, 404, 'never delivered');
      const ans = await answer(isp, issued.id, [
        {
          ...subscriberFound({ account: 'acct-1', name: '鈴木 一郎', installationAddress: '東京都千代田区1-1' }),
          accessLog: [{ at: '2026-03-29T01:30:12+09:00', address: '203.0.113.7', port: 40211 }],
        },
      ]);
      assert.equal(ans.state, 'answered', JSON.stringify(ans));
    });

    test('an emergency (suicide notice) needs all four conditions and gets a deadline in hours', async () => {
      const content = {
        kind: 'emergency',
        providerOrganisationId: orgs.board,
        ...base,
        targets: [{ type: 'url', url: 'https://sakura-board.example/t/9#2' }],
        categories: ['subscriber', 'access_log'],
        emergency: {
          basis: 'suicide_notice',
          conditions: { imminent: true, realistic: true, intentExpressed: false, notJokeOrFiction: true },
          statement: '具体的な予告',
        },
      };
      const missing = await sato.call<ApiError>('POST', '/v1/requests', { content });
      assert.equal(missing.status, 422);
      assert.equal(missing.body.error.code, 'EMERGENCY_CONDITIONS_MISSING');
      content.emergency.conditions.intentExpressed = true;
      const issued = await draftSubmitApprove(content);
      const hours = (Date.parse(issued.deadlineAt ?? '') - Date.parse(issued.issuedAt ?? '')) / 3600_000;
      assert.ok(hours > 0 && hours <= 24, `emergency deadline in hours, got ${hours}`);
      // The head's credential is minutes old: the provider calls the unit back before answering.
      assert.equal(issued.secondCheck?.required, true);
      const early = await board.call<ApiError>('POST', `/v1/requests/${issued.id}/transitions`, {
        action: 'answer',
        answer: {
          outcome: 'full',
          items: [{ targetIndex: 0, result: 'found', subscriber: { email: 'x@example.jp' } }],
        },
      });
      assert.equal(early.status, 409);
      assert.equal(early.body.error.code, 'SECOND_CHECK_REQUIRED');
      const checked = await transition(board, issued.id, {
        action: 'confirm_second_check',
        note: '登録番号に折り返し、所属長本人が緊急照会を確認',
      });
      assert.equal(checked.state, 'received');
      const ans = await board.call<RequestDetail>('POST', `/v1/requests/${issued.id}/transitions`, {
        action: 'answer',
        answer: {
          outcome: 'full',
          items: [{ targetIndex: 0, result: 'found', subscriber: { email: 'x@example.jp' } }],
        },
      });
      assert.equal(ans.body.state, 'answered', 'an emergency may be answered straight from received');
    });

    test('a preservation is confirmed, extended once, never twice', async () => {
      const issued = await draftSubmitApprove({
        kind: 'preservation',
        providerOrganisationId: orgs.isp,
        ...base,
        targets: [{ type: 'ip', address: '203.0.113.9', at: '2026-03-29T01:30:12+09:00' }],
        categories: ['access_log'],
        preservation: { days: 30 },
      });
      const until = new Date(hub.ctx.clock().getTime() + 30 * 86400_000).toISOString();
      const ans = await answer(isp, issued.id, [{ targetIndex: 0, result: 'found', preservedUntil: until }]);
      assert.equal(ans.state, 'answered', JSON.stringify(ans));
      const first = Date.parse(ans.preservationUntil ?? '');
      // An approved act (issue 15): the investigator cannot extend, the unit head does, with a reason.
      const byInvestigator = await sato.call<ApiError>('POST', `/v1/requests/${issued.id}/transitions`, {
        action: 'extend_preservation',
        reason: '令状の請求準備中',
      });
      assert.equal(byInvestigator.status, 403);
      const ext = await transition(tanaka, issued.id, {
        action: 'extend_preservation',
        reason: '差押許可状を請求中のため',
      });
      assert.ok(Date.parse(ext.preservationUntil ?? '') > first);
      assert.ok(
        ext.messages.some((m) => m.notice?.code === 'preservation_extended' && m.body === '差押許可状を請求中のため'),
        'the ISP is told why',
      );
      assert.equal(ext.followUp?.kind, 'preservation_end');
      const again = await tanaka.call<ApiError>('POST', `/v1/requests/${issued.id}/transitions`, {
        action: 'extend_preservation',
        reason: 'もう一度',
      });
      assert.equal(again.status, 409);
      assert.equal(again.body.error.code, 'PRESERVATION_EXTENSION_USED');
    });

    const civilDisclosureTitle =
      'a civil disclosure cannot be answered before the subscriber is heard; clarification goes both ways';
    test(civilDisclosureTitle, async () => {
      // Filed by the claimant's lawyer (issue 15), who drafts and signs on their own passkey.
      const lawyer = await hub.as('lawyer');
      const issued = await issue(lawyer, lawyer, {
        kind: 'civil_disclosure',
        providerOrganisationId: orgs.board,
        ...base,
        targets: [boardPost('t/2#7')],
        categories: ['subscriber'],
        civil: {
          route: 'lawyer_request',
          claimant: '甲',
          rights: ['honour'],
          rightsInfringed: '名誉権',
          purposes: ['damages'],
          senderInformation: ['name'],
        },
      });
      await transition(board, issued.id, { action: 'start_review' });
      const q = await board.call<RequestDetail>('POST', `/v1/requests/${issued.id}/transitions`, {
        action: 'request_clarification',
        message: 'どの書き込みですか？',
      });
      assert.equal(q.body.state, 'clarification_requested');
      const c = await lawyer.call<RequestDetail>('POST', `/v1/requests/${issued.id}/transitions`, {
        action: 'clarify',
        message: '7番目の書き込みです',
      });
      assert.equal(c.body.state, 'clarified');
      await board.call<RequestDetail>('POST', `/v1/requests/${issued.id}/transitions`, { action: 'start_review' });
      const early = await board.call<RequestDetail>('POST', `/v1/requests/${issued.id}/transitions`, {
        action: 'answer',
        answer: { outcome: 'full', items: [{ targetIndex: 0, result: 'found', subscriber: { name: '発信者' } }] },
      });
      assert.equal(early.status, 409);
      const h = await board.call<RequestDetail>('POST', `/v1/requests/${issued.id}/transitions`, {
        action: 'start_opinion_hearing',
        message: '意見照会書を送付',
      });
      assert.equal(h.body.state, 'awaiting_opinion');
      assert.ok(Date.parse(h.body.opinionDeadlineAt ?? '') - hub.ctx.clock().getTime() > 13 * 86400_000);
      await board.call<RequestDetail>('POST', `/v1/requests/${issued.id}/transitions`, {
        action: 'record_opinion',
        opinion: '開示に同意しない',
        objection: true,
        replied: true,
      });
      const ans = await board.call<RequestDetail>('POST', `/v1/requests/${issued.id}/transitions`, {
        action: 'answer',
        answer: { outcome: 'full', items: [{ targetIndex: 0, result: 'found', subscriber: { name: '発信者' } }] },
      });
      assert.equal(ans.body.state, 'answered', JSON.stringify(ans.body));
      assert.deepEqual(
        ans.body.messages.map((m: { purpose: string }) => m.purpose),
        ['clarification', 'clarified', 'opinion_request', 'opinion'],
      );
    });

    test('organisation boundaries: another agency or another provider cannot see a request', async () => {
      const issued = await draftSubmitApprove(accountInquiry('u1'));
      for (const c of [osaka, isp]) {
        const r = await c.call<ApiError>('GET', `/v1/requests/${issued.id}`);
        assert.equal(r.status, 404);
        assert.equal(r.body.error.code, 'NOT_FOUND');
        assert.equal(
          (
            await c.call<RequestDetail>('POST', `/v1/requests/${issued.id}/transitions`, {
              action: 'decline',
              reason: 'no_data',
            })
          ).status,
          404,
        );
        assert.equal((await c.call<List<AuditEvent>>('GET', `/v1/requests/${issued.id}/audit`)).status, 404);
      }
      assert.ok((await listedRequests(isp)).every((i) => i.provider?.id === orgs.isp));
      assert.ok(
        (await listedRequests(osaka)).every(
          (i: { agency: { nameEn: string } }) => i.agency.nameEn === 'Osaka Prefectural Police',
        ),
      );
      // A provider never sees drafts.
      const d = await draft(sato, accountInquiry('u2'));
      assert.equal((await board.call<RequestDetail>('GET', `/v1/requests/${d.id}`)).status, 404);
      assert.equal((await listedRequests(await hub.as('board.intake'), 'state=draft')).length, 0);
    });

    test('self-approval and approval by another unit are rejected', async () => {
      const dual = await madeAndEnrolled(
        hub.ctx,
        SYSTEM_CALLER,
        {
          organisationId: orgs.mpd,
          unitId: (await sato.call<Me>('GET', '/v1/me')).body.unit?.id,
          login: `dual-${dialect}`,
          displayName: '兼務者',
          roles: ['investigator', 'unit_head'],
        },
        'dual-password-123',
      );
      const login = await fetch(`${hub.url}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          login: `dual-${dialect}`,
          password: 'dual-password-123',
          totp: await nextTotp(dual.totpSecret),
          returnToken: true,
        }),
      });
      const token = ((await login.json()) as { token: string }).token;
      const h = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const d = (await (
        await fetch(`${hub.url}/v1/requests`, {
          method: 'POST',
          headers: h,
          body: JSON.stringify({ content: accountInquiry('self') }),
        })
      ).json()) as { id: string };
      await fetch(`${hub.url}/v1/requests/${d.id}/transitions`, {
        method: 'POST',
        headers: h,
        body: JSON.stringify({ action: 'submit' }),
      });
      const self = await fetch(`${hub.url}/v1/requests/${d.id}/transitions`, {
        method: 'POST',
        headers: h,
        body: JSON.stringify({ action: 'approve', digest: ANY_DIGEST }),
      });
      assert.equal(self.status, 403);
      assert.equal(((await self.json()) as { error: { code: string } }).error.code, 'SELF_APPROVAL');
      const osakaHead = await hub.as('osaka.head');
      const other = await osakaHead.call<RequestDetail>('POST', `/v1/requests/${d.id}/transitions`, {
        action: 'approve',
        digest: ANY_DIGEST,
      });
      assert.equal(other.status, 404, 'a unit head of another agency does not even see it');
      const investigatorApproves = await sato.call<ApiError>('POST', `/v1/requests/${d.id}/transitions`, {
        action: 'approve',
        digest: ANY_DIGEST,
      });
      assert.equal(investigatorApproves.status, 403);
      assert.equal(investigatorApproves.body.error.code, 'APPROVER_NOT_AUTHORISED');
      const state = await sato.call<RequestDetail>('GET', `/v1/requests/${d.id}`);
      assert.equal(state.body.state, 'awaiting_approval', 'nothing changed');
    });

    test('a forged envelope is declined with a failed badge; a replayed one is refused; both are audited', async () => {
      const issued = await draftSubmitApprove(accountInquiry('victim'));
      const env = await envelopeOf(board, issued.id);
      const replay = await board.call<ApiError>('POST', '/v1/intake', { envelope: env });
      assert.equal(replay.status, 409);
      assert.equal(replay.body.error.code, 'REPLAY');
      const forged = structuredClone(env);
      forged.payload.envelopeId = 'env_forged-1';
      forged.payload.content.targets = [{ type: 'account', id: 'someone-else' }];
      const before = (await listedRequests(board)).length;
      const f = await board.call<ApiError>('POST', '/v1/intake', { envelope: forged });
      assert.equal(f.status, 422);
      assert.equal(f.body.error.code, 'SIGNATURE_INVALID');
      const list = await listedRequests(board);
      assert.equal(list.length, before + 1, 'the forgery is kept for staff to see');
      const stored = await board.call<RequestDetail>('GET', `/v1/requests/${f.body.error.details?.requestId}`);
      assert.equal(stored.body.state, 'declined');
      assert.equal(stored.body.declineReason, 'invalid_request');
      assert.equal(stored.body.verification?.ok, false);
      assert.equal(stored.body.verification?.checks.find((c) => c.name === 'signature_approver')?.status, 'fail');
      const rejected = await auditDetails(hub.ctx.store.db, 'request.intake_rejected');
      assert.ok(rejected.some((r) => r.reason === 'replay'));
    });

    const sentBackDraftTitle =
      "a draft sent back with a reason: after approval the provider sees neither the reason nor the agency's " +
      'internal history';
    test(sentBackDraftTitle, async () => {
      const d = await submitted(sato, accountInquiry('back'));
      const back = await transition(tanaka, d.id, {
        action: 'reject_approval',
        reason: '必要性の記載が不十分（内部メモ）',
      });
      assert.equal(back.state, 'draft');
      assert.equal(back.messages[0]?.body, '必要性の記載が不十分（内部メモ）');
      await submitApprove(sato, tanaka, d.id);
      const seen = await board.call<RequestDetail>('GET', `/v1/requests/${d.id}`);
      assert.equal(seen.body.messages.length, 0);
      const tl = (await board.call<List<AuditEvent>>('GET', `/v1/requests/${d.id}/audit`)).body.items.map(
        (i: { action: string }) => i.action,
      );
      assert.equal(tl[0], 'request.signed');
      assert.ok(!tl.includes('request.drafted'));
      const own = (await sato.call<List<AuditEvent>>('GET', `/v1/requests/${d.id}/audit`)).body.items.map(
        (i: { action: string }) => i.action,
      );
      assert.equal(own[0], 'request.drafted');
    });

    test('a request signed with a key revoked before signing fails verification', async () => {
      const issued = await issue(sato, tanaka, accountInquiry('rev'));
      const env = await envelopeOf(board, issued.id);
      const admin = await hub.as('mpd.admin');
      const rev = await admin.call('POST', `/v1/keys/${env.signatures.approver.keyId}/revoke`, {
        reason: 'compromised',
      });
      assert.equal(rev.status, 200, JSON.stringify(rev.body));
      const again = await board.call<Verification>('GET', `/v1/requests/${issued.id}/verification`);
      assert.equal(again.body.ok, false);
      assert.equal(again.body.checks.find((c) => c.name === 'revocation')?.status, 'fail');
      // Approving now fails clearly: the approver has no valid signing key any more.
      const d2 = await submitted(sato, accountInquiry('rev2'));
      const blocked = await approve<ApiError>(tanaka, d2.id);
      assert.equal(blocked.body.error.code, 'KEY_UNKNOWN');
      // The administrator cannot have the hub make him a key in its place (it would sign as him)…
      const rotated = await admin.call<ApiError>('POST', '/v1/keys', {
        ownerType: 'user',
        ownerId: (await tanaka.call<Me>('GET', '/v1/me')).body.user.id,
        purpose: 'signing',
      });
      assert.equal(rotated.status, 400, JSON.stringify(rotated.body));
      assert.equal(rotated.body.error.details?.field, 'ownerId');
      // …he registers a new passkey on his device, a second person confirms it, and he approves with it.
      const { made, reg } = await registerPasskey(tanaka, tanaka.origin ?? assert.fail('origin'));
      const confirmed = await confirmPasskey(hub, reg, 'mpd.keys');
      assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
      const preview = await tanaka.call<{ digest: string }>('GET', `/v1/requests/${d2.id}/signing-preview`);
      const approved = await tanaka.call<RequestDetail>('POST', `/v1/requests/${d2.id}/transitions`, {
        action: 'approve',
        digest: preview.body.digest,
        assertion: softAssert(made.credential, challengeOf(preview.body.digest), tanaka.origin ?? ''),
      });
      assert.equal(approved.status, 200, JSON.stringify(approved.body));
      assert.equal(approved.body.state, 'received');
    });
  });
}

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { principalOfLogin } from '../../src/auth/auth-service.ts';
import { registerClient } from '../../src/auth/clients.ts';
import { generateSigningKeyPair } from '../../src/crypto/keys.ts';
import { isDomainError } from '../../src/domain/errors.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { auditAbout, auditDetails } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import {
  ANY_DIGEST,
  approve,
  attestedWarrant,
  call,
  hubWithHooks,
  openOnDevice,
  totpNow,
} from '../support/exchange.ts';
import { inquiry, issue, submitted, transition, warranted } from '../support/flow.ts';
import { envelopeOf, listedRequests } from '../support/reads.ts';
import type { ApiError, AuditVerification, Me, RequestDetail, SigningPreview } from '../support/replies.ts';

// Regression tests for the findings of the security review (docs/decisions.md, "Security review").
for (const dialect of testDialects()) {
  describe(`security review regressions (${dialect})`, () => {
    const {
      hub,
      people: [sato, tanaka, board, boardAdmin, judge, isp],
      orgs,
    } = hubWithHooks(dialect, ['sato', 'tanaka', 'board.legal', 'board.admin', 'judge', 'isp.legal']);
    const base = { caseReference: 'SEC-1', offence: '脅迫', facts: '事実', necessity: '必要' };
    /** An inquiry to the board about the account `id`. */
    const accountInquiry = (id: string) => inquiry(orgs.board, { ...base, targets: [{ type: 'account', id }] });

    test("an organisation's admin cannot mint foreign roles nor act on another organisation", async () => {
      const evil = await boardAdmin.call<ApiError>('POST', '/v1/users', {
        organisationId: orgs.board,
        login: `evil-${dialect}`,
        displayName: 'evil',
        roles: ['admin', 'auditor'],
      });
      assert.equal(evil.status, 400);
      assert.equal(evil.body.error.details?.field, 'roles');
      const head = await boardAdmin.call('POST', '/v1/users', {
        organisationId: orgs.board,
        login: `head-${dialect}`,
        displayName: 'x',
        roles: ['unit_head'],
      });
      assert.equal(head.status, 400);
      const mpdUnit = (await sato.call<Me>('GET', '/v1/me')).body.unit?.id;
      const cross = await boardAdmin.call('POST', '/v1/users', {
        organisationId: orgs.mpd,
        unitId: mpdUnit,
        login: `fake-${dialect}`,
        displayName: 'x',
        roles: ['unit_head'],
      });
      assert.equal(cross.status, 403);
      assert.equal(
        (await boardAdmin.call('POST', `/v1/organisations/${orgs.mpd}/units`, { nameJa: 'x', nameEn: 'x' })).status,
        403,
      );
      assert.equal((await boardAdmin.call('PUT', `/v1/providers/${orgs.isp}/policy`, {})).status, 403);
      const auditor = await hub.as('auditor');
      assert.equal(
        (await auditor.call('POST', `/v1/organisations/${orgs.mpd}/units`, { nameJa: 'x', nameEn: 'x' })).status,
        403,
        'auditors are read-only',
      );
    });

    test('a machine client is refused a role it may not hold, in words, with those it may hold', async () => {
      const admin = await principalOfLogin(hub.ctx.store.db, 'board.admin');
      await assert.rejects(
        run(hub.ctx, registerClient, admin, {
          name: `bad-${dialect}`,
          publicKey: generateSigningKeyPair().publicKey,
          roles: ['investigator'],
        }),
        (e: unknown) => {
          assert.ok(isDomainError(e));
          assert.match(e.messages.ja, /連携システムには付与できない役割です: 捜査員（付与できるのは .*法務担当/);
          assert.match(e.messages.en, /cannot hold: Investigator \(it may hold .+\)/);
          assert.doesNotMatch(`${e.messages.ja} ${e.messages.en}`, /investigator|provider_/);
          return true;
        },
      );
    });

    test('a draft withdrawn before approval never reaches the provider', async () => {
      const d = await submitted(sato, accountInquiry('wd'));
      const w = await transition(sato, d.id, { action: 'withdraw', reason: '内部事情' });
      assert.equal(w.state, 'withdrawn');
      assert.equal((await board.call<RequestDetail>('GET', `/v1/requests/${d.id}`)).status, 404);
      const list = await listedRequests(board, 'state=withdrawn&limit=200');
      assert.ok(!list.some((i: { id: string }) => i.id === d.id));
    });

    test("a court's warrant attestation covers one request only", async () => {
      const target = {
        type: 'ip',
        address: '203.0.113.50',
        port: 1234,
        at: '2026-03-29T01:30:12+09:00',
        toleranceSeconds: 0,
      };
      const categories = ['subscriber', 'access_log'];
      const warrant = await attestedWarrant(hub, judge, {
        warrantNumber: `W-ONCE-${dialect}`,
        agencyOrganisationId: orgs.mpd,
        providerOrganisationId: orgs.isp,
        courtOrganisationId: orgs.court,
        step: { targets: [target], categories },
        validDays: 1,
      });
      const content = warranted(orgs.isp, { ...base, targets: [target], categories, warrant });
      const first = await issue(sato, tanaka, content);
      assert.equal(first.state, 'received');
      const second = await submitted(sato, content);
      const again = await approve<ApiError>(tanaka, second.id);
      assert.equal(again.status, 422);
      assert.equal(again.body.error.code, 'WARRANT_ATTESTATION_INVALID');
      assert.equal(
        (await sato.call<RequestDetail>('GET', `/v1/requests/${second.id}`)).body.state,
        'awaiting_approval',
      );
      // Presented from outside as a copy under a new envelope, it fails the attestation check.
      const env = await envelopeOf(isp, first.id);
      const copy = structuredClone(env);
      copy.payload.envelopeId = `env_copy-${dialect}`;
      copy.payload.requestId = `req_copy-${dialect}`;
      const r = await isp.call('POST', '/v1/intake', { envelope: copy });
      assert.equal(r.status, 422);
    });

    test('approval signs only what the approver reviewed', async () => {
      const d = await submitted(sato, accountInquiry('reviewed'));
      const preview = await tanaka.call<SigningPreview>('GET', `/v1/requests/${d.id}/signing-preview`);
      await tanaka.call<RequestDetail>('POST', `/v1/requests/${d.id}/transitions`, {
        action: 'reject_approval',
        reason: 'もう一度',
      });
      await sato.call('PATCH', `/v1/requests/${d.id}`, {
        content: {
          ...accountInquiry('reviewed'),
          targets: [
            { type: 'account', id: 'reviewed' },
            { type: 'email', address: 'unrelated@example.org' },
          ],
        },
      });
      await sato.call<RequestDetail>('POST', `/v1/requests/${d.id}/transitions`, { action: 'submit' });
      const stale = await tanaka.call<ApiError>('POST', `/v1/requests/${d.id}/transitions`, {
        action: 'approve',
        digest: preview.body.digest,
      });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.error.details?.field, 'digest');
      assert.equal(
        (await tanaka.call<RequestDetail>('POST', `/v1/requests/${d.id}/transitions`, { action: 'approve' })).status,
        400,
        'the digest is required',
      );
      assert.equal((await approve(tanaka, d.id)).body.state, 'received');
    });

    const envelopeReadTitle =
      'reading the envelope is audited; a forgery neither shows in the agency list nor reserves the real envelope id';
    test(envelopeReadTitle, async () => {
      const d = await issue(sato, tanaka, accountInquiry('forge'));
      const viewed = () => auditDetails(hub.ctx.store.db, 'request.viewed', d.id);
      const before = await viewed();
      const env = await envelopeOf(board, d.id);
      const after = await viewed();
      assert.equal(after.length, before.length + 1);
      const forged = structuredClone(env);
      forged.payload.envelopeId = `env_future-${dialect}`;
      forged.payload.content.offence = '改ざん';
      const f = await board.call<ApiError>('POST', '/v1/intake', { envelope: forged });
      assert.equal(f.status, 422);
      const mine = await listedRequests(sato);
      assert.ok(!mine.some((i) => i.id === f.body.error.details?.requestId), 'not in the agency list');
      assert.equal((await sato.call('GET', `/v1/requests/${f.body.error.details?.requestId}`)).status, 404);
      const reserved = await hub.ctx.store.db
        .selectFrom('received_envelopes')
        .select('envelope_id')
        .where('envelope_id', '=', `env_future-${dialect}`)
        .executeTakeFirst();
      assert.equal(reserved, undefined);
    });

    test('nothing derived from an answer is kept in clear beside the sealed box', async () => {
      const d = await issue(sato, tanaka, accountInquiry('outcome'));
      await transition(board, d.id, { action: 'start_review' });
      await transition(board, d.id, {
        action: 'answer',
        answer: { outcome: 'partial', items: [{ targetIndex: 0, result: 'no_data' }] },
      });
      const row = await hub.ctx.store.db
        .selectFrom('answers')
        .select('outcome')
        .where('request_id', '=', d.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.outcome, 'sealed');
      const entries = (await auditAbout(hub.ctx.store.db, d.id)).map((e) => JSON.stringify(e.details));
      assert.ok(
        entries.every((e) => !/partial|no_data/.test(e)),
        entries.join('\n'),
      );
      assert.equal((await openOnDevice(hub, 'sato', d.id)).body.answer.outcome, 'partial');
    });

    test('parallel password guesses are counted before the check; a TOTP code works once', async () => {
      const l = hub.demo.logins.find((x) => x.login === 'cafe.staff');
      assert.ok(l);
      const guesses = await Promise.all(
        Array.from({ length: 12 }, () =>
          call<ApiError>(hub.url, 'POST', '/v1/auth/login', {
            login: 'cafe.staff',
            password: 'wrong-password-1',
            totp: '123456',
          }),
        ),
      );
      assert.ok(
        guesses.some((g) => /locked/.test(g.body.error.message.en)),
        'some parallel guesses hit the lock',
      );
      const right = await call(hub.url, 'POST', '/v1/auth/login', {
        login: 'cafe.staff',
        password: l.password,
        totp: totpNow(l.totpSecret),
      });
      // A client without a device cookie (test/server/sign-in-device-cookie.test.ts has the one with it).
      assert.equal(right.status, 401, 'locked even with the right password, for a client without a device cookie');
      const j = hub.demo.logins.find((x) => x.login === 'isp.operator');
      assert.ok(j);
      const code = totpNow(j.totpSecret);
      assert.equal(
        (await call(hub.url, 'POST', '/v1/auth/login', { login: 'isp.operator', password: j.password, totp: code }))
          .status,
        200,
      );
      const replayed = await call<ApiError>(hub.url, 'POST', '/v1/auth/login', {
        login: 'isp.operator',
        password: j.password,
        totp: code,
      });
      assert.equal(replayed.status, 401, 'the same code again is refused');
      // And refused in the same words as with a wrong password (docs/decisions.md, 2026-12-03): saying
      // "this code was just used" would tell whoever saw the code that the password was right.
      const wrong = await call<ApiError>(hub.url, 'POST', '/v1/auth/login', {
        login: 'isp.operator',
        password: 'wrong-password-2',
        totp: code,
      });
      assert.deepEqual(replayed.body, wrong.body);
    });

    test('whole-log verification belongs to the oversight body', async () => {
      const mpdAdmin = await hub.as('mpd.admin');
      assert.equal((await mpdAdmin.call('GET', '/v1/audit/verify')).status, 403);
      assert.equal((await (await hub.as('auditor')).call<AuditVerification>('GET', '/v1/audit/verify')).body.ok, true);
      void ANY_DIGEST;
    });
  });
}

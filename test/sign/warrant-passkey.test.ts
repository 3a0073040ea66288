import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { challengeOf, softAssert } from '../../src/demo/soft-authenticator.ts';
import { auditDetailLines, auditHeading } from '../../src/domain/audit-details.ts';
import { testDialects } from '../support/dialects.ts';
import { approve, confirmPasskey, hubWithHooks, registerPasskey } from '../support/exchange.ts';
import type { ApiError, RequestDetail } from '../support/replies.ts';

// Court attestations signed by the judge's own credential: the attestation digest is the WebAuthn
// challenge; the provider verifies it against the judge's registered credential.
for (const dialect of testDialects()) {
  describe(`warrant attested with the judge's own passkey (${dialect})`, () => {
    const { hub, people, orgs } = hubWithHooks(dialect, ['sato', 'tanaka', 'judge', 'isp.legal']);
    const [sato, tanaka, judge, isp] = people;
    const target = { type: 'ip', address: '203.0.113.50', port: 40000, at: '2026-11-30T23:42:17+09:00' };

    test('the judge registers a passkey, attests with it; the provider verifies the attestation', async () => {
      const origin = hub.url.replace('127.0.0.1', 'localhost');
      const { made, reg } = await registerPasskey(judge, origin);
      assert.equal((await confirmPasskey(hub, reg, 'court.admin')).status, 200);
      const now = hub.ctx.clock();
      const body = {
        agencyOrganisationId: orgs.mpd,
        providerOrganisationId: orgs.isp,
        warrantNumber: 'PK-W-1',
        type: 'seizure',
        issuedAt: now.toISOString(),
        validUntil: new Date(now.getTime() + 7 * 86400_000).toISOString(),
        targets: [target],
        categories: ['subscriber', 'access_log'],
      };
      const preview = await judge.call<{ digest: string; passkey: { credentialId: string } | null }>(
        'POST',
        '/v1/warrants/attestation-preview',
        body,
      );
      assert.equal(preview.status, 200, JSON.stringify(preview.body));
      assert.equal(preview.body.passkey?.credentialId, made.credential.credentialId);
      // A warrant goes to a police force and reaches a provider; the judge's screen refuses other parties.
      for (const [wrong, code, field] of [
        [{ agencyOrganisationId: orgs.isp }, 'VALIDATION_FAILED', 'agencyOrganisationId'],
        [{ providerOrganisationId: orgs.court }, 'NOT_A_PROVIDER', 'providerOrganisationId'],
      ] as const) {
        const refused = await judge.call<ApiError>('POST', '/v1/warrants/attestation-preview', { ...body, ...wrong });
        assert.equal(refused.body.error?.code, code, JSON.stringify(refused.body));
        assert.equal(refused.body.error.details?.field, field);
      }
      // Without the judge's own signature the hub no longer attests for him.
      const unsigned = await judge.call<ApiError>('POST', '/v1/warrants/attest', body);
      assert.equal(unsigned.status, 400);
      assert.equal(unsigned.body.error.details?.field, 'assertion');
      const att = await judge.call<{ keyId: string; signature: string }>('POST', '/v1/warrants/attest', {
        ...body,
        assertion: softAssert(made.credential, challengeOf(preview.body.digest), origin),
      });
      assert.equal(att.status, 200, JSON.stringify(att.body));
      assert.match(att.body.signature, /^wa1\./);
      // Recorded as the judge's signature on the warrant, in words: not as an approver's signature.
      const recorded = await hub.ctx.store.db
        .selectFrom('audit_entries')
        .select(['action', 'subject_type', 'subject_id', 'details'])
        .where('action', 'in', ['warrant.signed', 'request.signed'])
        .where('subject_type', '=', 'warrant')
        .where('subject_id', '=', 'PK-W-1')
        .execute();
      assert.deepEqual(
        recorded.map((e) => [e.action, e.subject_id]),
        [['warrant.signed', 'PK-W-1']],
      );
      assert.equal(auditHeading('warrant.signed', {}, 'ja'), '令状への電子署名（裁判官）');
      const names = new Map([
        [orgs.mpd, '警視庁'],
        [orgs.isp, '日本ネット'],
      ]);
      assert.deepEqual(
        auditDetailLines('warrant.signed', JSON.parse(recorded[0]?.details ?? '{}'), {
          locale: 'ja',
          instant: (v) => v,
          organisationName: (id) => names.get(id),
        }).map((l) => `${l.label}: ${l.value}`),
        [
          '令状の番号: PK-W-1',
          '請求した機関: 警視庁',
          '宛先: 日本ネット',
          '署名の鍵の保管: 本人のパスキー',
          '署名した画面: 令状の画面',
        ],
      );
      const content = (categories: string[], number = 'PK-W-1') => ({
        kind: 'warrant',
        providerOrganisationId: orgs.isp,
        caseReference: 'PK-W',
        offence: '脅迫',
        facts: '事実',
        necessity: '必要',
        targets: [target],
        categories,
        warrant: {
          type: 'seizure',
          courtOrganisationId: orgs.court,
          warrantNumber: number,
          issuedAt: body.issuedAt,
          validUntil: body.validUntil,
          attestation: { keyId: att.body.keyId, signature: att.body.signature },
        },
      });
      // The same attestation presented for other categories does not verify: nothing is issued.
      const widened = await sato.call<RequestDetail>('POST', '/v1/requests', { content: content(['subscriber']) });
      await sato.call('POST', `/v1/requests/${widened.body.id}/transitions`, { action: 'submit' });
      const refused = await approve<ApiError>(tanaka, widened.body.id);
      assert.equal(refused.status, 422);
      assert.equal(refused.body.error.code, 'WARRANT_ATTESTATION_INVALID');

      const d = await sato.call<RequestDetail>('POST', '/v1/requests', {
        content: content(['subscriber', 'access_log']),
      });
      assert.equal(d.status, 201, JSON.stringify(d.body));
      await sato.call('POST', `/v1/requests/${d.body.id}/transitions`, { action: 'submit' });
      const issued = await approve(tanaka, d.body.id);
      assert.equal(issued.status, 200, JSON.stringify(issued.body));
      const seen = await isp.call<RequestDetail>('GET', `/v1/requests/${d.body.id}`);
      assert.equal(seen.body.verification?.checks.find((c) => c.name === 'warrant_attestation')?.status, 'pass');
    });
  });
}

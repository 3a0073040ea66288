import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { principalOfLogin } from '../../src/auth/auth-service.ts';
import { type SoftCredential, softAssert, softRegister } from '../../src/demo/soft-authenticator.ts';
import { type SignedEnvelope, SignedEnvelopeSchema } from '../../src/domain/envelope.ts';
import { auditEntries } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { signatureFacts } from '../support/envelopes.ts';
import { confirmPasskey, hubWithHooks } from '../support/exchange.ts';
import { transition } from '../support/flow.ts';
import type { ApiError, EnvelopeReply, RequestDetail, SigningPreview } from '../support/replies.ts';

// Approvals signed on the unit head's own device: the registration ceremony, the approval digest as
// the WebAuthn challenge, user verification required, and a v2 envelope a provider verifies offline.
for (const dialect of testDialects()) {
  describe(`approval with the unit head's own passkey (${dialect})`, () => {
    const { hub, people, orgs } = hubWithHooks(dialect, ['sato', 'tanaka', 'board.legal']);
    const [sato, tanaka, board] = people;
    let cred: SoftCredential;
    let origin: string;
    const inquiry = (id: string) => ({
      kind: 'inquiry',
      providerOrganisationId: orgs.board,
      caseReference: 'PK-1',
      offence: '脅迫',
      facts: '事実',
      necessity: '必要',
      targets: [{ type: 'account', id }],
      categories: ['subscriber'],
    });
    const submitted = async (id: string): Promise<string> => {
      const d = await sato.call<RequestDetail>('POST', '/v1/requests', { content: inquiry(id) });
      assert.equal(d.status, 201, JSON.stringify(d.body));
      await sato.call('POST', `/v1/requests/${d.body.id}/transitions`, { action: 'submit' });
      return d.body.id;
    };
    const assertionFor = (digest: string) => softAssert(cred, Buffer.from(digest, 'hex').toString('base64url'), origin);

    before(() => {
      origin = hub.url.replace('127.0.0.1', 'localhost');
    });

    test('registration: options with UV required, the credential verified, the hub keeps no private part', async () => {
      const opts = await tanaka.call<
        { challenge: string; rp: { id: string }; user: { id: string } } & Record<string, unknown>
      >('POST', '/v1/credentials/registration-options');
      assert.equal(opts.status, 200, JSON.stringify(opts.body));
      assert.equal(opts.body.rp.id, 'localhost');
      assert.equal((opts.body.authenticatorSelection as { userVerification: string }).userVerification, 'required');
      // A response made on a foreign site is refused.
      const foreign = softRegister(opts.body, 'https://evil.example');
      const bad = await tanaka.call<ApiError>('POST', '/v1/credentials', { response: foreign.response });
      assert.equal(bad.status, 400);
      // Each challenge is good for one ceremony: once a credential is registered with it, it is gone.
      const made = softRegister(opts.body, origin);
      const reg = await tanaka.call<{ algorithm: string; credential?: { id: string; rpId: string } }>(
        'POST',
        '/v1/credentials',
        { response: made.response },
      );
      assert.equal(reg.status, 201, JSON.stringify(reg.body));
      assert.equal(reg.body.algorithm, 'webauthn-ES256');
      assert.deepEqual(reg.body.credential, { id: made.credential.credentialId, rpId: 'localhost' });
      // A unit head's passkey counts once a second person of the organisation confirms it.
      assert.equal((reg.body as { confirmation?: { state: string } }).confirmation?.state, 'pending');
      const confirmed = await confirmPasskey(
        hub,
        reg.body as { confirmation?: { state: string; requestId: string | null } },
        'mpd.keys',
      );
      assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
      const reused = softRegister(opts.body, origin);
      assert.equal((await tanaka.call<ApiError>('POST', '/v1/credentials', { response: reused.response })).status, 400);
      cred = made.credential;
      const tanakaId = (await principalOfLogin(hub.ctx.store.db, 'tanaka')).id;
      const held = await hub.ctx.store.db
        .selectFrom('keys')
        .select('id')
        .where('owner_id', '=', tanakaId)
        .where('private_key_wrapped', 'is not', null)
        .execute();
      assert.deepEqual(held, [], 'no private key of the unit head is left with the hub');
      const audited = await auditEntries(
        hub.ctx.store.db,
        'credential.registered',
        (reg.body as { id?: string }).id ?? '',
      );
      assert.equal(audited.length, 1, 'the ceremony is audited');
    });

    test('approval: the digest is the challenge; the provider verifies the v2 envelope', async () => {
      const id = await submitted('passkey-ok');
      const preview = await tanaka.call<SigningPreview>('GET', `/v1/requests/${id}/signing-preview`);
      const without = await tanaka.call<ApiError>('POST', `/v1/requests/${id}/transitions`, {
        action: 'approve',
        digest: preview.body.digest,
      });
      assert.equal(without.status, 400, 'an approver with a passkey must sign with it');
      assert.equal(without.body.error.details?.field, 'assertion');

      // An assertion over another digest (what the approver did not review) is refused.
      const other = assertionFor('ab'.repeat(32));
      const wrong = await tanaka.call<ApiError>('POST', `/v1/requests/${id}/transitions`, {
        action: 'approve',
        digest: preview.body.digest,
        assertion: other,
      });
      assert.equal(wrong.status, 422);
      assert.equal(wrong.body.error.code, 'SIGNATURE_INVALID');

      // Without user verification (UV flag cleared), refused.
      const noUv = assertionFor(preview.body.digest);
      const ad = Buffer.from(noUv.response.authenticatorData, 'base64url');
      ad[32] = 0x01;
      const refusedUv = await tanaka.call<ApiError>('POST', `/v1/requests/${id}/transitions`, {
        action: 'approve',
        digest: preview.body.digest,
        assertion: { ...noUv, response: { ...noUv.response, authenticatorData: ad.toString('base64url') } },
      });
      assert.equal(refusedUv.status, 422);

      const ok = await transition(tanaka, id, {
        action: 'approve',
        digest: preview.body.digest,
        assertion: assertionFor(preview.body.digest),
      });
      assert.equal(ok.state, 'received');
      const env = (await board.call<EnvelopeReply>('GET', `/v1/requests/${id}/envelope`)).body
        .envelope as SignedEnvelope;
      assert.equal(env.v, 2);
      const seen = await board.call<RequestDetail>('GET', `/v1/requests/${id}`);
      assert.equal(seen.body.verification?.ok, true, JSON.stringify(seen.body.verification));
      const approver = seen.body.verification?.checks.find((c) => c.name === 'signature_approver');
      assert.equal(approver?.status, 'pass');
      assert.match(approver?.message.en ?? '', /own credential/);
    });

    const alteredEnvelopeTitle =
      'a v2 envelope altered after signing, or replayed on another request, fails the approver check offline';
    test(alteredEnvelopeTitle, async () => {
      const id = await submitted('passkey-tamper');
      const preview = await tanaka.call<SigningPreview>('GET', `/v1/requests/${id}/signing-preview`);
      await tanaka.call('POST', `/v1/requests/${id}/transitions`, {
        action: 'approve',
        digest: preview.body.digest,
        assertion: assertionFor(preview.body.digest),
      });
      const env = SignedEnvelopeSchema.parse(
        (await board.call<EnvelopeReply>('GET', `/v1/requests/${id}/envelope`)).body.envelope,
      );
      const { verifyEnvelope } = await import('../../src/domain/verification.ts');
      const facts = await signatureFacts(hub, env, orgs.board);
      const check = (e: SignedEnvelope) =>
        verifyEnvelope(e, facts, new Date()).checks.find((c) => c.name === 'signature_approver');
      assert.equal(check(env)?.status, 'pass');
      const altered = { ...env, payload: { ...env.payload, reference: `${env.payload.reference}-x` } };
      assert.equal(check(altered)?.status, 'fail');
      assert.match(check(altered)?.message.en ?? '', /not this content/);
      const sig = Buffer.from(env.v === 2 ? env.signatures.approver.signature : '', 'base64url');
      sig[sig.length - 1] = (sig[sig.length - 1] ?? 0) ^ 1;
      const forged = {
        ...env,
        signatures: {
          ...env.signatures,
          approver: { ...env.signatures.approver, signature: sig.toString('base64url') },
        },
      } as SignedEnvelope;
      assert.equal(check(forged)?.status, 'fail');
      // A v1 claim with the credential key (a downgrade) never verifies.
      const downgraded = {
        v: 1,
        payload: env.payload,
        signatures: { approver: { keyId: env.signatures.approver.keyId, signature: 'AA' }, unit: env.signatures.unit },
      } as SignedEnvelope;
      assert.equal(check(downgraded)?.status, 'fail');
    });
  });
}

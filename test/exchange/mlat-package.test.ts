import assert from 'node:assert/strict';
import { createHash, createPublicKey, verify as edVerify, type JsonWebKey } from 'node:crypto';
import { describe, test } from 'node:test';
import { canonicalJson } from '../../src/crypto/canonical.ts';
import { DEMO_US_MLAT } from '../../src/demo/seed.ts';
import { auditDetails } from '../support/audit.ts';
import { answeredInquiry } from '../support/custody.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks, type Reply } from '../support/exchange.ts';
import { issue, THREAT } from '../support/flow.ts';
import type { ApiError } from '../support/replies.ts';
import { signedWithdrawal } from '../support/withdrawal.ts';

/** The package as a foreign authority receives it. */
interface MlatPackage {
  format: string;
  summary: { ja: string; en: string };
  envelope: {
    payload: { content: { targets: Array<Record<string, unknown>> } };
    signatures: Record<string, Sig>;
  };
  signers: Array<{
    role: string;
    keyId: string;
    algorithm: string;
    publicKey: string;
    rpId?: string;
    publicKeyJwk?: JsonWebKey;
  }>;
  digest: string;
}

/** The withdrawal letter as a foreign authority receives it. */
interface WithdrawalLetter {
  format: string;
  summary: { ja: string; en: string };
  requestDigest: string;
  verification: string;
  withdrawal: {
    reason: string;
    payload: { purpose: string; requestId: string; reasonDigest: string; withdrawnAt: string };
    digest: string;
    signature: { keyId: string; authenticatorData: string; clientDataJSON: string; signature: string } | null;
  };
  signer: { keyId: string; rpId?: string; publicKeyJwk?: JsonWebKey } | null;
}

type Sig = { keyId: string; signature: string; authenticatorData?: string; clientDataJSON?: string };

const sha256 = (b: string | Buffer) => createHash('sha256').update(b).digest();

/** A WebAuthn assertion (ES256) over `challenge` by the key `jwk` of relying party `rpId`, checked by hand. */
function assertionVerifies(
  jwk: JsonWebKey,
  rpId: string,
  challenge: Buffer,
  sig: { authenticatorData: string; clientDataJSON: string; signature: string },
): boolean {
  const authData = Buffer.from(sig.authenticatorData, 'base64url');
  const clientData = Buffer.from(sig.clientDataJSON, 'base64url');
  const cd = JSON.parse(clientData.toString('utf8')) as { type: string; challenge: string };
  if (cd.type !== 'webauthn.get' || cd.challenge !== challenge.toString('base64url')) return false;
  if (!authData.subarray(0, 32).equals(sha256(rpId)) || ((authData[32] ?? 0) & 0x05) !== 0x05) return false;
  const key = createPublicKey({ key: jwk, format: 'jwk' });
  return edVerify(
    'sha256',
    Buffer.concat([authData, sha256(clientData)]),
    key,
    Buffer.from(sig.signature, 'base64url'),
  );
}

// The approver signed on his own device (WebAuthn ES256): checked from the package alone, by hand.
function webauthnVerifies(pkg: MlatPackage, s: MlatPackage['signers'][number], sig: Sig): boolean {
  if (!s.publicKeyJwk || !s.rpId || !sig.authenticatorData || !sig.clientDataJSON) return false;
  const { envelopeId: _e, issuedAt: _i, ...reviewed } = pkg.envelope.payload as Record<string, unknown>;
  const { authenticatorData, clientDataJSON, signature } = sig;
  return assertionVerifies(s.publicKeyJwk, s.rpId, sha256(canonicalJson(reviewed)), {
    authenticatorData,
    clientDataJSON,
    signature,
  });
}

// The foreign authority has none of shokai's code: it checks the package with node:crypto alone.
function verifyLikeAForeignAuthority(pkg: MlatPackage): boolean {
  const canonical = canonicalJson(pkg.envelope.payload);
  if (createHash('sha256').update(canonical).digest('hex') !== pkg.digest) return false;
  return pkg.signers.every((s) => {
    const purpose = s.role === 'approver' ? 'request.approval' : 'request.unit';
    const sig = pkg.envelope.signatures[s.role];
    if (!sig || sig.keyId !== s.keyId) return false;
    if (s.algorithm.startsWith('webauthn-')) return webauthnVerifies(pkg, s, sig);
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: s.publicKey }, format: 'jwk' });
    return edVerify(
      null,
      Buffer.from(`shokai/v1\n${purpose}\n${canonical}`, 'utf8'),
      key,
      Buffer.from(sig.signature, 'base64url'),
    );
  });
}

// The withdrawal, checked from the letter alone: it names the package (`packageDigest`), its reason is the one
// signed, and the withdrawing person's passkey signed the digest of what it says.
function withdrawalVerifiesAbroad(l: WithdrawalLetter, packageDigest: string): boolean {
  const { signature: sig, payload } = l.withdrawal;
  const s = l.signer;
  if (!sig || !s?.publicKeyJwk || !s.rpId || sig.keyId !== s.keyId || l.requestDigest !== packageDigest) return false;
  if (payload.reasonDigest !== sha256(l.withdrawal.reason).toString('hex')) return false;
  const digest = sha256(canonicalJson(payload));
  if (digest.toString('hex') !== l.withdrawal.digest) return false;
  return assertionVerifies(s.publicKeyJwk, s.rpId, digest, sig);
}

for (const dialect of testDialects()) {
  describe(`outgoing MLAT package (${dialect})`, () => {
    const {
      hub,
      people: [sato, osaka, tanaka],
    } = hubWithHooks(dialect, ['sato', 'osaka', 'tanaka']);

    test('is self-contained and verifies offline; altered, it does not', async () => {
      const mlat = hub.demo.requests.find((r) => r.kind === 'mlat');
      assert.ok(mlat);
      const r = await sato.call<MlatPackage>('GET', `/v1/requests/${mlat.id}/mlat-package`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.format, 'shokai-mlat-package/v1');
      assert.match(r.body.summary.en, /Request for mutual legal assistance SHK-/);
      assert.match(r.body.summary.en, /Example Social, Inc\./);
      assert.equal(r.body.signers.find((s) => s.role === 'approver')?.algorithm, 'webauthn-ES256');
      assert.equal(verifyLikeAForeignAuthority(r.body), true);
      const altered = structuredClone(r.body);
      const target = altered.envelope.payload.content.targets[0];
      assert.ok(target);
      target.id = 'someone-else';
      altered.digest = createHash('sha256').update(canonicalJson(altered.envelope.payload)).digest('hex');
      assert.equal(verifyLikeAForeignAuthority(altered), false);
      assert.equal((await osaka.call('GET', `/v1/requests/${mlat.id}/mlat-package`)).status, 404);
      const inquiry = answeredInquiry(hub);
      assert.equal((await sato.call('GET', `/v1/requests/${inquiry.id}/mlat-package`)).status, 404);
    });

    test('a withdrawn request leaves no package and goes no further on its route', async () => {
      const mlat = hub.demo.requests.find((r) => r.kind === 'mlat');
      assert.ok(mlat);
      const withdrawn = await sato.call('POST', `/v1/requests/${mlat.id}/transitions`, {
        action: 'withdraw',
        reason: '相手国の捜査当局から任意提出を受けたため',
      });
      assert.equal(withdrawn.status, 200, JSON.stringify(withdrawn.body));
      /** No package, and no step sent abroad (closed after its withdrawal, it once took one). */
      const refusesMore = async (state: string): Promise<void> => {
        const r: Reply<ApiError> = await sato.call<ApiError>('GET', `/v1/requests/${mlat.id}/mlat-package`);
        assert.equal(r.status, 409, `${state}: ${JSON.stringify(r.body)}`);
        assert.equal(r.body.error.code, 'ILLEGAL_TRANSITION');
        assert.match(r.body.error.message.en, /withdrawn/);
        const sent: Reply<ApiError> = await sato.call<ApiError>('POST', `/v1/requests/${mlat.id}/mlat/events`, {
          event: 'sent',
          at: new Date().toISOString(),
        });
        assert.equal(sent.status, 409, `${state}: ${JSON.stringify(sent.body)}`);
        assert.match(sent.body.error.message.en, /withdrawn/);
      };
      await refusesMore('withdrawn');
      const closed = await sato.call('POST', `/v1/requests/${mlat.id}/transitions`, { action: 'close' });
      assert.equal(closed.status, 200, JSON.stringify(closed.body));
      await refusesMore('closed');
      // Withdrawn without a passkey, its letter says that nothing in it verifies the withdrawal.
      const letter = await sato.call<WithdrawalLetter>('GET', `/v1/requests/${mlat.id}/mlat-withdrawal`);
      assert.equal(letter.status, 200, JSON.stringify(letter.body));
      assert.deepEqual([letter.body.withdrawal.signature, letter.body.signer], [null, null]);
      assert.match(letter.body.verification, /without a signature/);
      assert.match(letter.body.summary.ja, /検証できるものは含まれていません/);
      assert.match(letter.body.summary.en, /confirm it through the central authority/);
      assert.equal(withdrawalVerifiesAbroad(letter.body, letter.body.requestDigest), false);
    });

    test('a withdrawal after issue gives a signed letter recalling the package, verified offline', async () => {
      const issued = await issue(sato, tanaka, {
        kind: 'mlat',
        caseReference: 'MLAT-W-1',
        ...THREAT,
        targets: [{ type: 'account', id: 'foreign-w1', service: 'example-social.com' }],
        categories: ['subscriber'],
        mlat: DEMO_US_MLAT,
      });
      const pkg = await sato.call<MlatPackage>('GET', `/v1/requests/${issued.id}/mlat-package`);
      assert.equal(pkg.status, 200, JSON.stringify(pkg.body));
      // Not withdrawn: no letter.
      assert.equal((await sato.call('GET', `/v1/requests/${issued.id}/mlat-withdrawal`)).status, 404);
      await signedWithdrawal(tanaka, issued.id, '被疑者が国内で任意に出頭したため');

      const r = await sato.call<WithdrawalLetter>('GET', `/v1/requests/${issued.id}/mlat-withdrawal`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.format, 'shokai-mlat-withdrawal/v1');
      assert.match(r.body.summary.en, /Withdrawal of the request for mutual legal assistance SHK-/);
      assert.match(r.body.summary.ja, /取下げ/);
      assert.equal(r.body.withdrawal.reason, '被疑者が国内で任意に出頭したため');
      // It names the package it recalls, and verifies with node:crypto alone.
      assert.equal(withdrawalVerifiesAbroad(r.body, pkg.body.digest), true);
      const otherReason = structuredClone(r.body);
      otherReason.withdrawal.reason = '別の理由';
      otherReason.withdrawal.payload.reasonDigest = sha256(otherReason.withdrawal.reason).toString('hex');
      otherReason.withdrawal.digest = sha256(canonicalJson(otherReason.withdrawal.payload)).toString('hex');
      assert.equal(withdrawalVerifiesAbroad(otherReason, pkg.body.digest), false);
      assert.equal(withdrawalVerifiesAbroad(r.body, '0'.repeat(64)), false, 'a letter of another package');
      // Only the requesting side has it; the read is audited.
      assert.equal((await osaka.call('GET', `/v1/requests/${issued.id}/mlat-withdrawal`)).status, 404);
      const read = await auditDetails(hub.ctx.store.db, 'request.viewed', issued.id);
      assert.ok(
        read.some((d) => JSON.stringify(d).includes('mlatWithdrawal')),
        JSON.stringify(read),
      );
    });
  });
}

import assert from 'node:assert/strict';
import { createHash, createPublicKey, verify as edVerify } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { canonicalJson } from '../../src/crypto/canonical.ts';
import { testDialects } from '../support/dialects.ts';
import { type Client, startHub, type TestHub } from '../support/exchange.ts';

/** The package as a foreign authority receives it. */
interface MlatPackage {
  format: string;
  summary: { ja: string; en: string };
  envelope: {
    payload: { content: { targets: Array<Record<string, unknown>> } };
    signatures: Record<string, { keyId: string; signature: string }>;
  };
  signers: Array<{ role: string; keyId: string; publicKey: string }>;
  digest: string;
}

// The foreign authority has none of shokai's code: it checks the package with a plain Ed25519 verifier.
function verifyLikeAForeignAuthority(pkg: MlatPackage): boolean {
  const canonical = canonicalJson(pkg.envelope.payload);
  if (createHash('sha256').update(canonical).digest('hex') !== pkg.digest) return false;
  return pkg.signers.every((s) => {
    const purpose = s.role === 'approver' ? 'request.approval' : 'request.unit';
    const sig = pkg.envelope.signatures[s.role];
    if (!sig || sig.keyId !== s.keyId) return false;
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: s.publicKey }, format: 'jwk' });
    return edVerify(
      null,
      Buffer.from(`shokai/v1\n${purpose}\n${canonical}`, 'utf8'),
      key,
      Buffer.from(sig.signature, 'base64url'),
    );
  });
}

for (const dialect of testDialects()) {
  describe(`outgoing MLAT package (${dialect})`, () => {
    let hub: TestHub;
    let sato: Client, osaka: Client;
    before(async () => {
      hub = await startHub(dialect);
      sato = await hub.as('sato');
      osaka = await hub.as('osaka');
    });
    after(async () => hub.close());

    test('is self-contained and verifies offline; altered, it does not', async () => {
      const mlat = hub.demo.requests.find((r) => r.kind === 'mlat');
      assert.ok(mlat);
      const r = await sato.call<MlatPackage>('GET', `/v1/requests/${mlat.id}/mlat-package`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.format, 'shokai-mlat-package/v1');
      assert.match(r.body.summary.en, /Request for mutual legal assistance SHK-/);
      assert.match(r.body.summary.en, /Example Social, Inc\./);
      assert.equal(verifyLikeAForeignAuthority(r.body), true);
      const altered = structuredClone(r.body);
      const target = altered.envelope.payload.content.targets[0];
      assert.ok(target);
      target.id = 'someone-else';
      altered.digest = createHash('sha256').update(canonicalJson(altered.envelope.payload)).digest('hex');
      assert.equal(verifyLikeAForeignAuthority(altered), false);
      assert.equal((await osaka.call('GET', `/v1/requests/${mlat.id}/mlat-package`)).status, 404);
      const inquiry = hub.demo.requests.find((x) => x.kind === 'inquiry' && x.state === 'answered');
      assert.equal((await sato.call('GET', `/v1/requests/${inquiry?.id}/mlat-package`)).status, 404);
    });
  });
}

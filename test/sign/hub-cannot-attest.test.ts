import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { unwrapKey } from '../../src/crypto/key-wrap.ts';
import { signCanonical } from '../../src/crypto/signatures.ts';
import { readDemoAuthenticators } from '../../src/demo/logins-file.ts';
import { challengeOf, softAssert, softRegister } from '../../src/demo/soft-authenticator.ts';
import { keyById, toPublicKey } from '../../src/directory/key.repository.ts';
import { attestationDigest, packOwnerSignature } from '../../src/domain/attestation.ts';
import {
  RequestContentSchema,
  WARRANT_ATTESTATION_PURPOSE,
  type WarrantRequestContent,
  warrantAttestationPayload,
} from '../../src/domain/request-content.ts';
import { warrantAttestationVerifies } from '../../src/domain/verification.ts';
import { keyWrapAad } from '../../src/kernel/context.ts';
import type { KeyRow } from '../../src/store/schema.ts';
import { testDialects } from '../support/dialects.ts';
import { hubHooks, orgId } from '../support/exchange.ts';
import { stolenDemoHooks } from '../support/stolen-demo.ts';

/** `w` with its warrant attested by the passkey assertion `a` under the key `keyId` (packed as the hub packs it). */
function attestedBy(w: WarrantRequestContent, keyId: string, a: ReturnType<typeof softAssert>): WarrantRequestContent {
  const signature = packOwnerSignature({
    authenticatorData: a.response.authenticatorData,
    clientDataJSON: a.response.clientDataJSON,
    signature: a.response.signature,
  });
  return { ...w, warrant: { ...w.warrant, attestation: { keyId, signature } } };
}

// Issue 11, courts: with the hub's whole store and its master key after the full demo, an operator
// cannot produce a warrant attestation a provider accepts. No court key's private part is in the store
// (a court has no organisation key; the judge's is his passkey), every private part the store does hold
// signs an attestation that fails verification, and an assertion by any authenticator of the
// operator's making fails against the judge's registered credential.
for (const dialect of testDialects()) {
  describe(`the hub's store and master key cannot attest as a court (${dialect})`, () => {
    const hub = hubHooks(dialect);

    test('no court key is unwrappable; every forged attestation fails verification', async () => {
      const db = hub.ctx.store.db;
      const courtId = await orgId(hub, 'Tokyo District Court');
      const mpdId = await orgId(hub, 'Tokyo Metropolitan Police Department');
      const courtKeys = await db.selectFrom('keys').selectAll().where('organisation_id', '=', courtId).execute();
      assert.ok(
        courtKeys.some((k) => k.credential_id),
        'the judge holds a passkey',
      );
      for (const k of courtKeys) assert.equal(k.private_key_wrapped, null, `no private part of court key ${k.id}`);

      // The demo's warrant, attested by the judge through his application: it verifies (the check can pass).
      const rows = await db
        .selectFrom('requests')
        .select(['content', 'agency_organisation_id'])
        .where('kind', '=', 'warrant')
        .execute();
      const genuine = rows
        .map((r) => ({ agency: r.agency_organisation_id, content: RequestContentSchema.parse(JSON.parse(r.content)) }))
        .find((r) => r.content.kind === 'warrant' && r.content.warrant.courtOrganisationId === courtId);
      assert.ok(genuine && genuine.content.kind === 'warrant', 'the demo holds a warrant of the court');
      const content = genuine.content as WarrantRequestContent;
      const judgeKey = toPublicKey((await keyById(db, content.warrant.attestation.keyId)) ?? assert.fail('judge key'));
      assert.equal(judgeKey.ownerType, 'user');
      assert.equal(warrantAttestationVerifies(content, genuine.agency, judgeKey, true), true);

      // The operator's forgery: the same warrant widened to another target and a new number.
      const forged: WarrantRequestContent = {
        ...content,
        targets: [
          { type: 'ip', address: '198.51.100.9', port: 443, at: '2026-11-30T12:00:00+09:00', toleranceSeconds: 0 },
        ],
        warrant: { ...content.warrant, warrantNumber: '令和8年(む)第9999号' },
      };
      const payload = warrantAttestationPayload(forged, mpdId);

      // 1. With every private key the store holds (unwrapped by the master key), as the court's old
      //    Ed25519 attestation, under that key's id or the judge's.
      const held = await db.selectFrom('keys').selectAll().where('private_key_wrapped', 'is not', null).execute();
      let tried = 0;
      for (const k of held) {
        if (k.purpose !== 'signing' || k.algorithm !== 'Ed25519') continue;
        const priv = unwrapKey(hub.ctx.kek, k.private_key_wrapped ?? '', keyWrapAad(k.id));
        const signature = signCanonical(priv, WARRANT_ATTESTATION_PURPOSE, payload);
        for (const keyId of [k.id, judgeKey.id]) {
          const c = { ...forged, warrant: { ...forged.warrant, attestation: { keyId, signature } } };
          const key = toPublicKey((await keyById(db, keyId)) ?? assert.fail(keyId));
          assert.equal(warrantAttestationVerifies(c, mpdId, key, true), false, `key ${k.id} (${k.owner_type})`);
        }
        tried += 1;
      }
      assert.ok(tried > 0, 'the store still holds some signing keys (units, the audit): none of them attests');

      // 2. As a passkey assertion over the forged digest, by an authenticator of the operator's making
      //    presenting the judge's credential id.
      const fake = softRegister({ challenge: 'x', rp: { id: 'localhost' }, user: { id: 'op' } }, 'http://localhost');
      const a = softAssert(
        { ...fake.credential, credentialId: judgeKey.credential?.id ?? '' },
        Buffer.from(attestationDigest(forged, mpdId), 'hex').toString('base64url'),
        'http://localhost',
      );
      const withFake = attestedBy(forged, judgeKey.id, a);
      assert.equal(warrantAttestationVerifies(withFake, mpdId, judgeKey, true), false);
      // 3. Nor does the genuine attestation carry over to the forged warrant.
      const reused = { ...forged, warrant: { ...forged.warrant, attestation: content.warrant.attestation } };
      assert.equal(warrantAttestationVerifies(reused, mpdId, judgeKey, true), false);
    });
  });
}

// The same with what the operator really takes: the demo run from the command line, then a copy of the
// database file with its WAL, the logs and the master key — and nothing of the judge's device.
describe('a full demo: the store file and WAL, the logs and the master key attest nothing', () => {
  const demo = stolenDemoHooks();

  test("every key the master key unwraps fails as the court's; the judge's device (the demo's file) succeeds", () => {
    const kek = demo.kek();
    const keys = demo.read<KeyRow>('SELECT * FROM keys');
    const byId = new Map(keys.map((k) => [k.id, toPublicKey(k)]));
    const court =
      demo.read<{ id: string }>("SELECT id FROM organisations WHERE kind = 'court'")[0] ?? assert.fail('a court');
    assert.deepEqual(
      keys.filter((k) => k.organisation_id === court.id && k.private_key_wrapped !== null),
      [],
      'no private part of any court key is in the store',
    );
    const warrants = demo.read<{ content: string; agency_organisation_id: string }>(
      "SELECT content, agency_organisation_id FROM requests WHERE kind = 'warrant'",
    );
    const genuine = warrants
      .map((r) => ({ agency: r.agency_organisation_id, content: RequestContentSchema.parse(JSON.parse(r.content)) }))
      .find((r) => r.content.kind === 'warrant');
    assert.ok(genuine && genuine.content.kind === 'warrant');
    const content = genuine.content as WarrantRequestContent;
    const judgeKey = byId.get(content.warrant.attestation.keyId) ?? assert.fail('the judge key');
    assert.equal(warrantAttestationVerifies(content, genuine.agency, judgeKey, true), true, 'the genuine one verifies');
    const forged: WarrantRequestContent = {
      ...content,
      warrant: { ...content.warrant, warrantNumber: '令和8年(む)第8888号' },
    };
    const payload = warrantAttestationPayload(forged, genuine.agency);
    let tried = 0;
    for (const k of keys) {
      if (!k.private_key_wrapped || k.purpose !== 'signing' || k.algorithm !== 'Ed25519') continue;
      const signature = signCanonical(
        unwrapKey(kek, k.private_key_wrapped, keyWrapAad(k.id)),
        WARRANT_ATTESTATION_PURPOSE,
        payload,
      );
      for (const keyId of [k.id, judgeKey.id]) {
        const c = { ...forged, warrant: { ...forged.warrant, attestation: { keyId, signature } } };
        const key = byId.get(keyId) ?? assert.fail(keyId);
        assert.equal(warrantAttestationVerifies(c, genuine.agency, key, true), false, `key ${k.id} (${k.owner_type})`);
      }
      tried += 1;
    }
    assert.ok(tried > 0);

    // The judge's passkey is in the demo's own file, not in what the operator took: with it (his device)
    // the forged warrant would verify — the attempt above is a real one.
    const authenticators = readDemoAuthenticators(...demo.demoFile());
    const passkey = authenticators.judge ?? assert.fail('the demo keeps the judge passkey in its own file');
    const haystack = Buffer.concat([demo.storeBytes(), Buffer.from(demo.logs)]);
    assert.equal(haystack.includes(Buffer.from(passkey.privateKey)), false, "the judge's private key is not kept");
    const a = softAssert(passkey, challengeOf(attestationDigest(forged, genuine.agency)), 'http://localhost');
    const withDevice = attestedBy(forged, judgeKey.id, a);
    assert.equal(warrantAttestationVerifies(withDevice, genuine.agency, judgeKey, true), true);
  });
});

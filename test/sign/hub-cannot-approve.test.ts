import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { unwrapKey } from '../../src/crypto/key-wrap.ts';
import { SIGNATURE_PURPOSES, signCanonical } from '../../src/crypto/signatures.ts';
import { softAssert, softRegister } from '../../src/demo/soft-authenticator.ts';
import { keyById } from '../../src/directory/key.repository.ts';
import { approvalDigest, type SignedEnvelope, SignedEnvelopeSchema } from '../../src/domain/envelope.ts';
import { verifyEnvelope } from '../../src/domain/verification.ts';
import { keyWrapAad } from '../../src/kernel/context.ts';
import { testDialects } from '../support/dialects.ts';
import { signatureFacts } from '../support/envelopes.ts';
import { hubHooks } from '../support/exchange.ts';

// With the hub's whole store and its master key after the full demo, an operator cannot produce an
// approval a provider accepts: no private key of a unit head with a passkey is there, and an assertion
// made with any other key fails offline verification.
for (const dialect of testDialects()) {
  describe(`the hub's store and master key cannot approve as a unit head (${dialect})`, () => {
    const hub = hubHooks(dialect);

    test('no unit head key is unwrappable; a forged v1 or v2 approval fails verification', async () => {
      const db = hub.ctx.store.db;
      const heads = await db
        .selectFrom('users')
        .select(['id', 'login'])
        .where('login', 'in', ['tanaka', 'osaka.head'])
        .execute();
      assert.equal(heads.length, 2);
      for (const h of heads) {
        const keys = await db.selectFrom('keys').selectAll().where('owner_id', '=', h.id).execute();
        assert.ok(
          keys.some((k) => k.credential_id),
          `${h.login} holds a passkey`,
        );
        for (const k of keys) {
          assert.equal(k.private_key_wrapped, null, `${h.login}: no private part of key ${k.id} is in the store`);
        }
      }
      // Every private part the store still holds opens with the master key: none of them is a person's.
      const wrapped = await db.selectFrom('keys').selectAll().where('private_key_wrapped', 'is not', null).execute();
      for (const k of wrapped) {
        assert.ok(unwrapKey(hub.ctx.kek, k.private_key_wrapped ?? '', keyWrapAad(k.id)));
        assert.notEqual(k.owner_type === 'user' && heads.some((h) => h.id === k.owner_id), true);
      }

      const issued = await db.selectFrom('requests').select('envelope').where('envelope', 'is not', null).execute();
      const env = SignedEnvelopeSchema.parse(
        JSON.parse(issued.find((r) => r.envelope?.includes('"v":2'))?.envelope ?? 'null'),
      );
      assert.equal(env.v, 2);
      const facts = await signatureFacts(hub, env, env.payload.providerOrganisationId ?? '');
      const approverCheck = (e: SignedEnvelope) =>
        verifyEnvelope(e, facts, hub.ctx.clock()).checks.find((c) => c.name === 'signature_approver')?.status;
      assert.equal(approverCheck(env), 'pass');

      // The operator changes the request and signs the unit part with the unit key the hub holds; for the
      // approver he has only authenticators of his own making.
      const payload = { ...env.payload, reference: `${env.payload.reference}-forged` };
      const unitRow = (await keyById(db, env.signatures.unit.keyId)) ?? assert.fail('unit key');
      const unitSig = signCanonical(
        unwrapKey(hub.ctx.kek, unitRow.private_key_wrapped ?? '', keyWrapAad(unitRow.id)),
        SIGNATURE_PURPOSES.requestUnit,
        payload,
      );
      const fake = softRegister({ challenge: 'x', rp: { id: 'localhost' }, user: { id: 'op' } }, 'http://localhost');
      const forgedCredential = { ...fake.credential, credentialId: env.signatures.approver.credentialId };
      const a = softAssert(
        forgedCredential,
        Buffer.from(approvalDigest(payload), 'hex').toString('base64url'),
        'http://localhost',
      );
      const forged: SignedEnvelope = {
        v: 2,
        payload,
        signatures: {
          approver: {
            keyId: env.signatures.approver.keyId,
            credentialId: a.id,
            authenticatorData: a.response.authenticatorData,
            clientDataJSON: a.response.clientDataJSON,
            signature: a.response.signature,
          },
          unit: { keyId: env.signatures.unit.keyId, signature: unitSig },
        },
      };
      assert.equal(approverCheck(forged), 'fail', 'an assertion by any other key does not verify');
      // Nor can the old approval be re-used for the changed request.
      assert.equal(approverCheck({ ...env, payload }), 'fail');
      // And a v1 signature needs the approver's Ed25519 key, which the store no longer holds.
      const v1: SignedEnvelope = {
        v: 1,
        payload,
        signatures: {
          approver: { keyId: env.signatures.approver.keyId, signature: unitSig },
          unit: forged.signatures.unit,
        },
      };
      assert.equal(approverCheck(v1), 'fail');
    });
  });
}

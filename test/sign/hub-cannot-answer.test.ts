import assert from 'node:assert/strict';
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { describe, test } from 'node:test';
import { buildSealedAnswer, passkeySigner, sha256Hex, verifyInnerAnswer } from '../../src/client/answer-seal.ts';
import { unwrapKey } from '../../src/crypto/key-wrap.ts';
import { sign } from '../../src/crypto/signatures.ts';
import { softAssert, softRegister } from '../../src/demo/soft-authenticator.ts';
import { keysOfOrganisation, toPublicKey } from '../../src/directory/key.repository.ts';
import type { AnswerContent } from '../../src/domain/answer-content.ts';
import {
  ANSWER_PURPOSE,
  answerSigningInput,
  type InnerAnswer,
  signedAnswerOf,
} from '../../src/domain/answer-signing.ts';
import { keyWrapAad } from '../../src/kernel/context.ts';
import { testDialects } from '../support/dialects.ts';
import { hubHooks } from '../support/exchange.ts';

// With the hub's whole store and its master key after the full demo, an operator cannot produce an
// answer a requesting unit accepts as the provider's (issue 11): no signing key of a provider or of
// its legal officers is in the store, a signature by any key the store does hold fails verification
// against the directory, an assertion by an authenticator of his own making fails, and the hub refuses
// a sealed answer signed by any key it holds.
const FORGED: AnswerContent = {
  outcome: 'full',
  items: [{ targetIndex: 0, result: 'found', subscriber: { name: '偽 太郎', account: 'forged' } }],
};

for (const dialect of testDialects()) {
  describe(`the hub's store and master key cannot answer as a provider (${dialect})`, () => {
    const hub = hubHooks(dialect);

    const noSigningKeyTitle =
      'no provider signing key is unwrappable; forged inner signatures fail on the device; the hub refuses them';
    test(noSigningKeyTitle, async () => {
      const db = hub.ctx.store.db;
      const providers = await db.selectFrom('organisations').selectAll().where('kind', '=', 'provider').execute();
      assert.equal(providers.length, 4, 'the board, the ISP, the café and the reseller');
      const providerIds = new Set(providers.map((o) => o.id));
      const providerUsers = await db.selectFrom('users').select(['id', 'login', 'organisation_id']).execute();
      const theirs = new Set(providerUsers.filter((u) => providerIds.has(u.organisation_id)).map((u) => u.id));
      // Every provider has its own installation key, and its legal officers passkeys; the store holds
      // no private part of any signing key of a provider or of its people.
      for (const o of providers) {
        const keys = await keysOfOrganisation(db, o.id);
        assert.ok(
          keys.some(
            (k) => k.owner_type === 'organisation' && k.purpose === 'signing' && !k.valid_to && !k.private_key_wrapped,
          ),
          `${o.name_en} holds its own installation key`,
        );
        assert.ok(
          keys.some((k) => k.owner_type === 'user' && k.credential_id),
          `${o.name_en}: a legal officer's passkey`,
        );
        // (The provider's desk unit has a hub-held signing key from its registration; no verifier takes a
        // unit key as the provider's, and the operator tries it below with every other key he holds.)
        for (const k of keys.filter((x) => x.purpose === 'signing' && x.owner_type !== 'unit')) {
          assert.equal(
            k.private_key_wrapped,
            null,
            `${o.name_en}: no private part of signing key ${k.id} in the store`,
          );
        }
      }
      // The operator unwraps every private part the store still holds: none is a provider's signing key.
      const wrapped = await db.selectFrom('keys').selectAll().where('private_key_wrapped', 'is not', null).execute();
      const held: KeyObject[] = [];
      for (const k of wrapped) {
        const pkcs8 = unwrapKey(hub.ctx.kek, k.private_key_wrapped ?? '', keyWrapAad(k.id));
        assert.ok(
          !(
            k.purpose === 'signing' &&
            k.owner_type !== 'unit' &&
            (providerIds.has(k.owner_id) || theirs.has(k.owner_id))
          ),
        );
        if (k.algorithm === 'Ed25519')
          held.push(createPrivateKey({ key: Buffer.from(pkcs8, 'base64url'), format: 'der', type: 'pkcs8' }));
      }
      assert.ok(held.length > 0, 'the store does hold Ed25519 keys (units, the system): the operator tries them all');

      // A demo answer was signed by the provider itself, and verifies on the device.
      const answered = await db
        .selectFrom('answers')
        .innerJoin('requests', 'requests.id', 'answers.request_id')
        .select(['requests.id', 'requests.reference', 'requests.provider_organisation_id', 'answers.signing_key_id'])
        .where('answers.sealed_by', '=', 'provider')
        .execute();
      assert.ok(answered.length >= 2, "the demo answers were sealed on the providers' side");
      for (const a of answered) {
        const providerId = a.provider_organisation_id ?? '';
        const directory = (await keysOfOrganisation(db, providerId)).map(toPublicKey);
        const facts = { id: a.id, reference: a.reference, providerOrganisationId: providerId };
        const signed = signedAnswerOf(facts, FORGED, hub.ctx.clock().toISOString());
        const input = answerSigningInput(ANSWER_PURPOSE, signed);
        const expected = { requestId: a.id, providerOrganisationId: providerId };
        // (a) signed by every Ed25519 key the store holds, claiming each of the provider's keys.
        for (const key of held) {
          for (const k of directory.filter((x) => x.purpose === 'signing')) {
            const inner: InnerAnswer = { signed, signature: sign(key, input), keyId: k.id };
            const v = await verifyInnerAnswer(inner, expected, directory);
            assert.equal(v.valid, false, `a key the hub holds does not sign as ${k.id}`);
          }
        }
        // (b) an assertion by an authenticator of the operator's making, claiming the officer's credential.
        for (const k of directory.filter((x) => x.credential)) {
          const fake = softRegister(
            { challenge: 'x', rp: { id: 'localhost' }, user: { id: 'op' } },
            'http://localhost',
          );
          const cred = { ...fake.credential, credentialId: k.credential?.id ?? '' };
          const signer = passkeySigner(k.id, async (challenge) => softAssert(cred, challenge, 'http://localhost'));
          const parts = await signer.sign(input, await sha256Hex(input));
          const inner: InnerAnswer = {
            signed,
            keyId: k.id,
            signature: parts.signature,
            ...(parts.webauthn ? { webauthn: parts.webauthn } : {}),
          };
          const v = await verifyInnerAnswer(inner, expected, directory);
          assert.equal(v.valid, false);
          assert.equal(v.problem, 'signature');
        }
      }
      // The refusal at the door: a forged sealed answer for a delivered request, signed by a held key.
      const open = await db
        .selectFrom('requests')
        .selectAll()
        .where('state', '=', 'under_review')
        .where('provider_organisation_id', 'in', [...providerIds])
        .executeTakeFirstOrThrow();
      const pid = open.provider_organisation_id ?? '';
      const inst = (await keysOfOrganisation(db, pid)).find(
        (k) => k.owner_type === 'organisation' && k.purpose === 'signing' && !k.valid_to,
      );
      assert.ok(inst);
      const unitKey = await db
        .selectFrom('keys')
        .selectAll()
        .where('owner_id', '=', open.unit_id)
        .where('purpose', '=', 'encryption')
        .where('valid_to', 'is', null)
        .executeTakeFirstOrThrow();
      const ownKey = await db
        .selectFrom('keys')
        .selectAll()
        .where('owner_id', '=', pid)
        .where('owner_type', '=', 'organisation')
        .where('purpose', '=', 'encryption')
        .where('valid_to', 'is', null)
        .executeTakeFirstOrThrow();
      const heldKey = held[0] as KeyObject;
      const forgedSealed = await buildSealedAnswer({
        request: { id: open.id, reference: open.reference, providerOrganisationId: pid },
        answer: FORGED,
        answeredAt: hub.ctx.clock().toISOString(),
        unitKey: { id: unitKey.id, publicKey: unitKey.public_key, algorithm: unitKey.algorithm },
        ownKey: { id: ownKey.id, publicKey: ownKey.public_key, algorithm: ownKey.algorithm },
        signer: { keyId: inst.id, sign: async (text) => ({ signature: sign(heldKey, text) }) },
      });
      const staff = providerUsers.find(
        (u) => u.organisation_id === pid && ['isp.legal', 'board.legal', 'cafe.staff'].includes(u.login),
      );
      assert.ok(staff);
      const c = await hub.as(staff.login);
      /** The open request answered with `body` in the session of the provider's staff. */
      const answer = (body: Record<string, unknown>) =>
        (c.rawCall ?? c.call)<{ error: { details: { field: string } } }>(
          'POST',
          `/v1/requests/${open.id}/transitions`,
          { action: 'answer', ...body },
        );
      const r = await answer({ sealed: forgedSealed });
      assert.equal(r.status, 422, JSON.stringify(r.body));
      assert.equal(r.body.error.details.field, 'sealed.signature');
      // Nor can the hub answer in clear on the provider's behalf any more.
      const clear = await answer({ answer: FORGED });
      assert.equal(clear.status, 400, JSON.stringify(clear.body));
      assert.equal(clear.body.error.details.field, 'answer');
    });
  });
}

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isoCBOR } from '@simplewebauthn/server/helpers';
import {
  buildSealedAnswer,
  generateInstallationKey,
  importInstallationKey,
  installationKeySigner,
  passkeySigner,
  sha256Hex,
  verifyInnerAnswer,
} from '../../src/client/answer-seal.ts';
import { custodyKeyId, exportDevicePublicKey, generateDeviceKeyPair, openBox } from '../../src/crypto/device-seal.ts';
import { keyFingerprint } from '../../src/crypto/keys.ts';
import { credentialFingerprint } from '../../src/crypto/webauthn.ts';
import { softAssert, softRegister } from '../../src/demo/soft-authenticator.ts';
import type { AnswerContent } from '../../src/domain/answer-content.ts';
import type { InnerAnswer } from '../../src/domain/answer-signing.ts';
import type { PublicKeyRecord } from '../../src/domain/key-trust.ts';

// The provider-side library alone: what it seals opens with the unit's key, and the verifier on the
// reader's device accepts exactly the provider's keys, over exactly this request, and says why not.
const ANSWER: AnswerContent = { outcome: 'full', items: [{ targetIndex: 0, result: 'no_data' }] };
const REQUEST = { id: 'req_1', reference: 'SHK-1', providerOrganisationId: 'org_p' };
const AT = '2026-12-01T10:00:00.000Z';
const NOW = new Date('2026-12-01T12:00:00.000Z');

function record(over: Partial<PublicKeyRecord>): PublicKeyRecord {
  return {
    id: 'key_x',
    organisationId: 'org_p',
    ownerType: 'organisation',
    ownerId: 'org_p',
    purpose: 'signing',
    algorithm: 'Ed25519',
    publicKey: '',
    fingerprint: '',
    validFrom: '2026-01-01T00:00:00.000Z',
    validTo: null,
    revokedAt: null,
    revocationReason: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    ...over,
  };
}

async function unitKey() {
  const pair = await generateDeviceKeyPair(false);
  const publicKey = await exportDevicePublicKey(pair.publicKey);
  return { id: await custodyKeyId(publicKey), publicKey, algorithm: 'ECDH-P256', privateKey: pair.privateKey };
}

async function sealedWith(signer: Parameters<typeof buildSealedAnswer>[0]['signer'], request = REQUEST) {
  const unit = await unitKey();
  const own = await unitKey();
  const s = await buildSealedAnswer({ request, answer: ANSWER, answeredAt: AT, unitKey: unit, ownKey: own, signer });
  const inner = JSON.parse(
    new TextDecoder().decode(await openBox(unit.privateKey, unit.publicKey, s.sealed, request.id)),
  );
  return { s, inner: inner as InnerAnswer };
}

test('an installation-key answer opens with the unit key and verifies; the reasons when it does not', async () => {
  const made = await generateInstallationKey();
  const key = record({ id: 'key_inst', publicKey: made.publicKey, fingerprint: keyFingerprint(made.publicKey) });
  const signer = installationKeySigner(key.id, await importInstallationKey(made.pkcs8));
  const { s, inner } = await sealedWith(signer);
  assert.equal(s.keyId, 'key_inst');
  assert.deepEqual(inner.signed.answer, ANSWER);
  const expected = { requestId: REQUEST.id, providerOrganisationId: REQUEST.providerOrganisationId };
  assert.deepEqual((await verifyInnerAnswer(inner, expected, [key], NOW)).problem, null);
  assert.equal((await verifyInnerAnswer(inner, expected, [], NOW)).problem, 'key_unknown');
  const other = record({ ...key, ownerId: 'org_other', organisationId: 'org_other' });
  assert.equal((await verifyInnerAnswer(inner, expected, [other], NOW)).problem, 'not_provider');
  assert.equal(
    (await verifyInnerAnswer(inner, { ...expected, requestId: 'req_2' }, [key], NOW)).problem,
    'other_request',
  );
  const revoked = record({ ...key, revokedAt: '2026-06-01T00:00:00.000Z', revocationReason: 'compromised' });
  assert.equal((await verifyInnerAnswer(inner, expected, [revoked], NOW)).problem, 'not_trusted');
  const altered = { ...inner, signed: { ...inner.signed, answer: { ...ANSWER, outcome: 'partial' } } };
  assert.equal((await verifyInnerAnswer(altered, expected, [key], NOW)).problem, 'signature');
});

test("a passkey answer verifies offline against the officer's credential; another authenticator fails", async () => {
  const origin = 'http://localhost';
  const made = softRegister({ challenge: 'c', rp: { id: 'localhost' }, user: { id: 'u' } }, origin);
  // The credential's COSE public key, as the directory lists it (from the attestation).
  const att = isoCBOR.decodeFirst<Map<string, Uint8Array>>(
    new Uint8Array(Buffer.from(made.response.response.attestationObject, 'base64url')),
  );
  const authData = Buffer.from(att.get('authData') ?? new Uint8Array());
  const idLen = authData.readUInt16BE(53);
  const cose = Buffer.from(authData.subarray(55 + idLen)).toString('base64url');
  const key = record({
    id: 'key_pk',
    ownerType: 'user',
    ownerId: 'usr_legal',
    algorithm: 'webauthn-ES256',
    publicKey: cose,
    fingerprint: credentialFingerprint(cose),
    credential: { id: made.credential.credentialId, rpId: 'localhost' },
  });
  const signer = passkeySigner(key.id, async (challenge) => softAssert(made.credential, challenge, origin));
  const { inner } = await sealedWith(signer);
  const expected = { requestId: REQUEST.id, providerOrganisationId: REQUEST.providerOrganisationId };
  const ok = await verifyInnerAnswer(inner, expected, [key], NOW);
  assert.equal(ok.problem, null);
  assert.equal(ok.signer, 'passkey');
  // The challenge is the SHA-256 of the text an Ed25519 key would sign.
  assert.equal(inner.webauthn?.credentialId, made.credential.credentialId);
  assert.ok(await sha256Hex('x'));
  const fake = softRegister({ challenge: 'c', rp: { id: 'localhost' }, user: { id: 'op' } }, origin);
  const forger = passkeySigner(key.id, async (challenge) =>
    softAssert({ ...fake.credential, credentialId: made.credential.credentialId }, challenge, origin),
  );
  const forged = await sealedWith(forger);
  assert.equal((await verifyInnerAnswer(forged.inner, expected, [key], NOW)).problem, 'signature');
  const elsewhere = passkeySigner(key.id, async (challenge) =>
    softAssert(made.credential, challenge, 'https://evil.example'),
  );
  assert.equal((await verifyInnerAnswer((await sealedWith(elsewhere)).inner, expected, [key], NOW)).problem, 'origin');
});

import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey, verify as nodeVerify } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  generateEncryptionKeyPair,
  generateSigningKeyPair,
  keyFingerprint,
  publicKeyFromPrivate,
} from '../../src/crypto/keys.ts';
import {
  canonicalSigningInput,
  SIGNATURE_PURPOSES,
  sign,
  signCanonical,
  verify,
  verifyCanonical,
} from '../../src/crypto/signatures.ts';
import { flipByte, isCode } from '../support/crypto.ts';

describe('keys', () => {
  it('exports raw 32-byte public keys and PKCS#8 private keys', () => {
    for (const [pair, type] of [
      [generateSigningKeyPair(), 'ed25519'],
      [generateEncryptionKeyPair(), 'x25519'],
    ] as const) {
      assert.match(pair.publicKey, /^[A-Za-z0-9_-]{43}$/);
      assert.equal(Buffer.from(pair.publicKey, 'base64url').length, 32);
      const priv = createPrivateKey({ key: Buffer.from(pair.privateKey, 'base64url'), format: 'der', type: 'pkcs8' });
      assert.equal(priv.asymmetricKeyType, type);
      assert.equal(createPublicKey(priv).export({ format: 'jwk' }).x, pair.publicKey);
      assert.equal(publicKeyFromPrivate(pair.privateKey), pair.publicKey);
    }
  });

  it('generates distinct keys', () => {
    assert.notEqual(generateSigningKeyPair().publicKey, generateSigningKeyPair().publicKey);
  });

  it('fingerprints are short, stable and differ between keys', () => {
    const { publicKey } = generateSigningKeyPair();
    const fp = keyFingerprint(publicKey);
    assert.match(fp, /^[0-9a-f]{4}(?::[0-9a-f]{4}){7}$/);
    assert.equal(keyFingerprint(publicKey), fp);
    assert.notEqual(keyFingerprint(generateSigningKeyPair().publicKey), fp);
    // Known answer: SHA-256 of 32 zero bytes starts 66687aadf862bd776c8fc18b8e9f8e20.
    assert.equal(keyFingerprint(Buffer.alloc(32).toString('base64url')), '6668:7aad:f862:bd77:6c8f:c18b:8e9f:8e20');
    assert.throws(() => keyFingerprint('short'), isCode('INVALID_KEY'));
  });
});

describe('sign / verify', () => {
  const { publicKey, privateKey } = generateSigningKeyPair();
  const other = generateSigningKeyPair();

  it('round-trips strings and bytes, and the signature is plain Ed25519', () => {
    const sig = sign(privateKey, '照会 request body');
    assert.equal(Buffer.from(sig, 'base64url').length, 64);
    assert.equal(verify(publicKey, '照会 request body', sig), true);
    assert.equal(verify(publicKey, Buffer.from('照会 request body', 'utf8'), sig), true);
    const pub = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' });
    assert.equal(nodeVerify(null, Buffer.from('照会 request body'), pub, Buffer.from(sig, 'base64url')), true);
  });

  it('rejects a tampered message and a wrong key', () => {
    const sig = sign(privateKey, 'amount=1');
    assert.equal(verify(publicKey, 'amount=2', sig), false);
    assert.equal(verify(other.publicKey, 'amount=1', sig), false);
    assert.equal(verify(publicKey, 'amount=1', flipByte(sig, 10)), false);
  });

  it('returns false (never throws) for malformed signatures and keys', () => {
    const sig = sign(privateKey, 'm');
    const junk: unknown[] = [
      '',
      'not base64!',
      `${sig}A`,
      sig.slice(0, -2),
      `${sig}==`,
      Buffer.alloc(64).toString('base64url'),
      42,
      null,
    ];
    for (const bad of junk) assert.equal(verify(publicKey, 'm', bad as string), false, String(bad));
    const x25519 = generateEncryptionKeyPair().publicKey;
    for (const badKey of ['', 'AAAA', privateKey, x25519.slice(1), 7, undefined]) {
      assert.equal(verify(badKey as string, 'm', sig), false, String(badKey));
    }
  });

  it('rejects a non-canonical base64url spelling of a valid signature', () => {
    const sig = sign(privateKey, 'm');
    // 64 bytes → 86 characters, the last one carrying 2 unused bits: set them.
    const last = sig.at(-1)!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const tweaked = sig.slice(0, -1) + alphabet[alphabet.indexOf(last) | 1];
    assert.notEqual(tweaked, sig);
    assert.deepEqual(Buffer.from(tweaked, 'base64url'), Buffer.from(sig, 'base64url'));
    assert.equal(verify(publicKey, 'm', tweaked), false);
  });

  it('refuses to sign with a malformed or wrong-type private key', () => {
    assert.throws(() => sign('nope!', 'm'), isCode('INVALID_KEY'));
    assert.throws(() => sign(Buffer.from('garbage').toString('base64url'), 'm'), isCode('INVALID_KEY'));
    assert.throws(() => sign(generateEncryptionKeyPair().privateKey, 'm'), isCode('INVALID_KEY'));
  });
});

describe('signCanonical / verifyCanonical', () => {
  const { publicKey, privateKey } = generateSigningKeyPair();
  const request = { id: 'req-1', kind: 'inquiry', categories: ['subscriber'], issuedAt: '2026-11-25T03:00:00.000Z' };

  it('round-trips and ignores key order and undefined properties', () => {
    const sig = signCanonical(privateKey, SIGNATURE_PURPOSES.requestUnit, request);
    const reordered = {
      issuedAt: request.issuedAt,
      categories: ['subscriber'],
      kind: 'inquiry',
      id: 'req-1',
      note: undefined,
    };
    assert.equal(verifyCanonical(publicKey, SIGNATURE_PURPOSES.requestUnit, reordered, sig), true);
    assert.equal(
      verifyCanonical(publicKey, SIGNATURE_PURPOSES.requestUnit, JSON.parse(JSON.stringify(request)), sig),
      true,
    );
  });

  it('detects any change to the value', () => {
    const sig = signCanonical(privateKey, SIGNATURE_PURPOSES.requestUnit, request);
    assert.equal(
      verifyCanonical(publicKey, SIGNATURE_PURPOSES.requestUnit, { ...request, categories: ['content'] }, sig),
      false,
    );
    assert.equal(verifyCanonical(publicKey, SIGNATURE_PURPOSES.requestUnit, { ...request, extra: null }, sig), false);
  });

  it('separates purposes: a request signature is not an answer or checkpoint signature', () => {
    const sig = signCanonical(privateKey, SIGNATURE_PURPOSES.requestApproval, request);
    assert.equal(verifyCanonical(publicKey, SIGNATURE_PURPOSES.requestApproval, request, sig), true);
    for (const p of [SIGNATURE_PURPOSES.requestUnit, SIGNATURE_PURPOSES.answer, SIGNATURE_PURPOSES.auditCheckpoint]) {
      assert.equal(verifyCanonical(publicKey, p, request, sig), false, p);
    }
  });

  it('is not a signature over the bare canonical JSON', () => {
    const sig = signCanonical(privateKey, 'answer', request);
    assert.equal(verify(publicKey, JSON.stringify(request), sig), false);
    assert.equal(verify(publicKey, canonicalSigningInput('answer', request), sig), true);
    assert.equal(canonicalSigningInput('answer', { a: 1 }).toString('utf8'), 'shokai/v1\nanswer\n{"a":1}');
  });

  it('rejects purposes that could blur the prefix', () => {
    for (const bad of ['', 'Answer', 'a\nb', 'answer ', '.answer', 'a..b', 'x'.repeat(65)]) {
      assert.throws(() => signCanonical(privateKey, bad, request), isCode('INVALID_PURPOSE'), JSON.stringify(bad));
      assert.throws(() => verifyCanonical(publicKey, bad, request, 'x'), isCode('INVALID_PURPOSE'));
    }
  });

  it('returns false for an un-canonicalisable value instead of throwing', () => {
    const sig = signCanonical(privateKey, 'answer', { s: 'x' });
    assert.equal(verifyCanonical(publicKey, 'answer', { s: '\ud800' }, sig), false);
    assert.throws(() => signCanonical(privateKey, 'answer', { n: NaN }), isCode('CANONICALIZATION_FAILED'));
  });
});

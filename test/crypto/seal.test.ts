import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateEncryptionKeyPair, generateSigningKeyPair } from '../../src/crypto/keys.ts';
import type { SealedBox } from '../../src/crypto/seal.ts';
import { open, SealedBoxSchema, seal } from '../../src/crypto/seal.ts';
import { flipByte, isCode } from '../support/crypto.ts';

describe('seal / open', () => {
  const unit = generateEncryptionKeyPair();
  const answer = JSON.stringify({ subscriber: { name: '山田太郎', address: '東京都千代田区…' } });

  it('round-trips strings and bytes, with and without aad', () => {
    const box = seal(unit.publicKey, 'unit-key-1', answer, 'req-42');
    assert.equal(box.v, 1);
    assert.equal(box.alg, 'X25519-HKDF-SHA256-A256GCM');
    assert.equal(box.recipientKeyId, 'unit-key-1');
    assert.equal(open(unit.privateKey, box, 'req-42').toString('utf8'), answer);

    const bytes = Buffer.from([0, 1, 2, 255]);
    assert.deepEqual(open(unit.privateKey, seal(unit.publicKey, 'k', bytes)), bytes);
    assert.deepEqual(open(unit.privateKey, seal(unit.publicKey, 'k', '')), Buffer.alloc(0));
  });

  it('stores no plaintext and uses a fresh ephemeral key each time', () => {
    const a = seal(unit.publicKey, 'k', answer);
    const b = seal(unit.publicKey, 'k', answer);
    assert.notEqual(a.epk, b.epk);
    assert.notEqual(a.ct, b.ct);
    const stored = JSON.stringify(a);
    assert.equal(stored.includes('山田'), false);
    assert.equal(Buffer.from(a.ct, 'base64url').includes(Buffer.from('山田')), false);
  });

  it('fails with SEAL_OPEN_FAILED for the wrong key', () => {
    const box = seal(unit.publicKey, 'k', answer, 'req-42');
    assert.throws(() => open(generateEncryptionKeyPair().privateKey, box, 'req-42'), isCode('SEAL_OPEN_FAILED'));
  });

  it('fails with SEAL_OPEN_FAILED for a wrong or missing aad', () => {
    const box = seal(unit.publicKey, 'k', answer, 'req-42');
    assert.throws(() => open(unit.privateKey, box, 'req-43'), isCode('SEAL_OPEN_FAILED'));
    assert.throws(() => open(unit.privateKey, box), isCode('SEAL_OPEN_FAILED'));
    assert.throws(() => open(unit.privateKey, box, ''), isCode('SEAL_OPEN_FAILED'));
    const noAad = seal(unit.publicKey, 'k', answer);
    assert.throws(() => open(unit.privateKey, noAad, ''), isCode('SEAL_OPEN_FAILED'));
  });

  it('fails with SEAL_OPEN_FAILED when any field is tampered with', () => {
    const box = seal(unit.publicKey, 'unit-key-1', answer, 'req-42');
    const other = seal(unit.publicKey, 'unit-key-1', answer, 'req-42');
    const tampered: Array<[string, unknown]> = [
      ['v', { ...box, v: 2 }],
      ['alg', { ...box, alg: 'X25519-HKDF-SHA256-A128GCM' }],
      ['recipientKeyId', { ...box, recipientKeyId: 'unit-key-2' }],
      ['epk (one bit)', { ...box, epk: flipByte(box.epk, 5, 0x80) }],
      ['epk (swapped from another box)', { ...box, epk: other.epk }],
      ['epk (all-zero low-order point)', { ...box, epk: Buffer.alloc(32).toString('base64url') }],
      ['iv', { ...box, iv: flipByte(box.iv, 11, 0x80) }],
      ['iv (short)', { ...box, iv: box.iv.slice(0, 8) }],
      ['ct (first byte)', { ...box, ct: flipByte(box.ct, 0, 0x80) }],
      ['ct (last byte)', { ...box, ct: flipByte(box.ct, Buffer.from(box.ct, 'base64url').length - 1, 0x80) }],
      ['ct (truncated)', { ...box, ct: Buffer.from(box.ct, 'base64url').subarray(1).toString('base64url') }],
      ['ct (from another box)', { ...box, ct: other.ct }],
      ['tag', { ...box, tag: flipByte(box.tag, 15, 0x80) }],
      [
        'tag (truncated to 12 bytes)',
        { ...box, tag: Buffer.from(box.tag, 'base64url').subarray(0, 12).toString('base64url') },
      ],
      ['tag (not base64url)', { ...box, tag: '!!!' }],
      [
        'missing field',
        { v: box.v, alg: box.alg, recipientKeyId: box.recipientKeyId, epk: box.epk, iv: box.iv, tag: box.tag },
      ],
      ['not an object', 'box'],
    ];
    for (const [what, bad] of tampered) {
      assert.throws(() => open(unit.privateKey, bad as SealedBox, 'req-42'), isCode('SEAL_OPEN_FAILED'), what);
    }
    // The untouched box still opens: the failures above are due to the tampering.
    assert.equal(open(unit.privateKey, box, 'req-42').toString('utf8'), answer);
  });

  it('rejects unusable keys with INVALID_KEY', () => {
    assert.throws(() => seal('AAAA', 'k', 'x'), isCode('INVALID_KEY'));
    assert.throws(
      () => seal(generateSigningKeyPair().publicKey.replace(/^./, 'A').slice(0, 10), 'k', 'x'),
      isCode('INVALID_KEY'),
    );
    assert.throws(() => seal(Buffer.alloc(32).toString('base64url'), 'k', 'x'), isCode('INVALID_KEY'));
    const box = seal(unit.publicKey, 'k', 'x');
    assert.throws(() => open(generateSigningKeyPair().privateKey, box), isCode('INVALID_KEY'));
    assert.throws(() => seal(unit.publicKey, '', 'x'), isCode('INVALID_INPUT'));
  });

  it('SealedBoxSchema parses stored JSON and rejects malformed boxes', () => {
    const box = seal(unit.publicKey, 'k', answer);
    const parsed = SealedBoxSchema.parse(JSON.parse(JSON.stringify(box)));
    assert.deepEqual(parsed, box);
    assert.equal(open(unit.privateKey, parsed).toString('utf8'), answer);
    assert.equal(SealedBoxSchema.safeParse({ ...box, v: 2 }).success, false);
    assert.equal(SealedBoxSchema.safeParse({ ...box, epk: 'short' }).success, false);
    assert.equal(SealedBoxSchema.safeParse({ ...box, tag: `${box.tag}==` }).success, false);
    assert.equal(SealedBoxSchema.safeParse({ ...box, recipientKeyId: '' }).success, false);
  });
});

import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  generateKekSecret,
  hashPassword,
  kekFromSecret,
  loadOrCreateKek,
  PASSWORD_PARAMS,
  passwordNeedsRehash,
  rewrapKey,
  unwrapKey,
  verifyPassword,
  wrapKey,
  wrappedKeyKekId,
} from '../../src/crypto/key-wrap.ts';
import { generateSigningKeyPair } from '../../src/crypto/keys.ts';
import { sign, verify } from '../../src/crypto/signatures.ts';
import { isCode } from '../support/crypto.ts';

const posix = process.platform !== 'win32';

describe('KEK', () => {
  it('kekFromSecret derives a stable short id and rejects bad secrets without echoing them', () => {
    const secret = generateKekSecret();
    assert.match(secret, /^[A-Za-z0-9_-]{43}$/);
    const a = kekFromSecret(secret);
    assert.equal(a.key.length, 32);
    assert.match(a.id, /^[0-9a-f]{16}$/);
    assert.equal(kekFromSecret(secret).id, a.id);
    assert.equal(kekFromSecret(`  ${secret}\n`).id, a.id);
    assert.notEqual(kekFromSecret(generateKekSecret()).id, a.id);
    const short = secret.slice(0, 30);
    assert.throws(
      () => kekFromSecret(short),
      (err: unknown) => isCode('INVALID_KEY')(err) && !(err as Error).message.includes(short),
    );
  });

  describe('loadOrCreateKek', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shokai-kek-'));
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('creates the file (and its directory) with mode 0600, then reuses it', () => {
      const filePath = join(dir, 'nested', 'data', 'master.key');
      const first = loadOrCreateKek({ filePath });
      if (posix) {
        assert.equal(statSync(filePath).mode & 0o777, 0o600);
        assert.equal(statSync(join(dir, 'nested', 'data')).mode & 0o077, 0);
      }
      assert.equal(kekFromSecret(readFileSync(filePath, 'utf8')).id, first.id);
      const second = loadOrCreateKek({ filePath });
      assert.equal(second.id, first.id);
      assert.deepEqual(second.key, first.key);
      // An empty env value does not count as set.
      assert.equal(loadOrCreateKek({ envValue: '', filePath }).id, first.id);
    });

    it('lets SHOKAI_MASTER_KEY win over the file, and does not create a file then', () => {
      const filePath = join(dir, 'env-wins', 'master.key');
      const secret = generateKekSecret();
      const kek = loadOrCreateKek({ envValue: secret, filePath });
      assert.equal(kek.id, kekFromSecret(secret).id);
      assert.throws(() => statSync(filePath), /ENOENT/);
      const fileKek = loadOrCreateKek({ filePath });
      assert.notEqual(fileKek.id, kek.id);
      assert.equal(loadOrCreateKek({ envValue: secret, filePath }).id, kek.id);
    });

    it('rejects an invalid env value rather than silently using the file', () => {
      assert.throws(
        () => loadOrCreateKek({ envValue: 'too-short', filePath: join(dir, 'x.key') }),
        isCode('INVALID_KEY'),
      );
    });

    it('refuses a key file readable by others, and a corrupt one', { skip: !posix }, () => {
      const filePath = join(dir, 'loose.key');
      writeFileSync(filePath, generateKekSecret(), { mode: 0o644 });
      chmodSync(filePath, 0o644);
      assert.throws(() => loadOrCreateKek({ filePath }), isCode('KEK_FILE_INSECURE'));
      const corrupt = join(dir, 'corrupt.key');
      writeFileSync(corrupt, 'not a key', { mode: 0o600 });
      assert.throws(() => loadOrCreateKek({ filePath: corrupt }), isCode('INVALID_KEY'));
    });
  });
});

describe('wrapKey / unwrapKey', () => {
  const kek = kekFromSecret(generateKekSecret());
  const { publicKey, privateKey } = generateSigningKeyPair();

  it('round-trips a private key, which then still signs', () => {
    const wrapped = wrapKey(kek, privateKey, 'unit-key:k1');
    assert.match(wrapped, /^kw1\.[0-9a-f]{16}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    assert.equal(wrappedKeyKekId(wrapped), kek.id);
    assert.equal(wrapped.includes(privateKey), false);
    const unwrapped = unwrapKey(kek, wrapped, 'unit-key:k1');
    assert.equal(unwrapped, privateKey);
    assert.equal(verify(publicKey, 'm', sign(unwrapped, 'm')), true);
    assert.notEqual(wrapKey(kek, privateKey, 'unit-key:k1'), wrapped, 'fresh IV each time');
  });

  it('rejects a wrapped key moved to another row (aad swap)', () => {
    const wrapped = wrapKey(kek, privateKey, 'unit-key:k1');
    assert.throws(() => unwrapKey(kek, wrapped, 'unit-key:k2'), isCode('KEY_UNWRAP_FAILED'));
    assert.throws(() => unwrapKey(kek, wrapped, 'approver-key:k1'), isCode('KEY_UNWRAP_FAILED'));
    assert.throws(() => unwrapKey(kek, wrapped, ''), isCode('KEY_UNWRAP_FAILED'));
  });

  it('rejects the wrong KEK, even one that claims the right id', () => {
    const wrapped = wrapKey(kek, privateKey, 'unit-key:k1');
    const other = kekFromSecret(generateKekSecret());
    assert.throws(
      () => unwrapKey(other, wrapped, 'unit-key:k1'),
      (err: unknown) =>
        isCode('KEY_UNWRAP_FAILED')(err) &&
        (err as Error).message.includes(kek.id) &&
        (err as Error).message.includes(other.id),
    );
    assert.throws(() => unwrapKey({ id: kek.id, key: other.key }, wrapped, 'unit-key:k1'), isCode('KEY_UNWRAP_FAILED'));
  });

  it('rejects tampering with any part', () => {
    const wrapped = wrapKey(kek, privateKey, 'a');
    const parts = wrapped.split('.');
    const flip = (s: string) => {
      const b = Buffer.from(s, 'base64url');
      b[0] = b[0]! ^ 1;
      return b.toString('base64url');
    };
    const variants = [
      ['kw2', ...parts.slice(1)].join('.'),
      [parts[0], parts[1], flip(parts[2]!), parts[3], parts[4]].join('.'),
      [parts[0], parts[1], parts[2], flip(parts[3]!), parts[4]].join('.'),
      [parts[0], parts[1], parts[2], parts[3], flip(parts[4]!)].join('.'),
      parts.slice(0, 4).join('.'),
      `${wrapped}.x`,
      '',
    ];
    for (const v of variants) assert.throws(() => unwrapKey(kek, v, 'a'), isCode('KEY_UNWRAP_FAILED'), v);
  });

  it('rewrapKey moves a key to a new KEK', () => {
    const next = kekFromSecret(generateKekSecret());
    const wrapped = wrapKey(kek, privateKey, 'a');
    const moved = rewrapKey(kek, next, wrapped, 'a');
    assert.equal(wrappedKeyKekId(moved), next.id);
    assert.equal(unwrapKey(next, moved, 'a'), privateKey);
    assert.throws(() => unwrapKey(kek, moved, 'a'), isCode('KEY_UNWRAP_FAILED'));
  });

  it('requires an aad and something to wrap', () => {
    assert.throws(() => wrapKey(kek, privateKey, ''), isCode('INVALID_INPUT'));
    assert.throws(() => wrapKey(kek, '', 'a'), isCode('INVALID_INPUT'));
  });
});

describe('passwords', () => {
  it('hashes in the versioned scrypt format and verifies', async () => {
    const hash = await hashPassword('correct horse battery staple');
    const { N, r, p } = PASSWORD_PARAMS;
    assert.match(hash, new RegExp(`^scrypt\\$${N}\\$${r}\\$${p}\\$[A-Za-z0-9_-]{22}\\$[A-Za-z0-9_-]{43}$`));
    assert.equal(await verifyPassword('correct horse battery staple', hash), true);
    assert.equal(await verifyPassword('correct horse battery stapler', hash), false);
    assert.equal(await verifyPassword('', hash), false);
    assert.equal(passwordNeedsRehash(hash), false);
  });

  it('salts: the same password hashes differently', async () => {
    assert.notEqual(await hashPassword('pw'), await hashPassword('pw'));
  });

  it('normalises with NFKC, so full-width input from an IME matches', async () => {
    const hash = await hashPassword('Passw0rd');
    assert.equal(await verifyPassword('Ｐａｓｓｗ０ｒｄ', hash), true);
    const kana = await hashPassword('ｼｮｳｶｲ');
    assert.equal(await verifyPassword('ショウカイ', kana), true);
  });

  it('verifies hashes made with other parameters and flags them for rehash', async () => {
    const hash = await hashPassword('pw');
    const salt = hash.split('$')[4]!;
    const { scryptSync } = await import('node:crypto');
    const weak =
      `scrypt$1024$8$1$${salt}$` +
      `${scryptSync('pw', Buffer.from(salt, 'base64url'), 32, { N: 1024, r: 8, p: 1 }).toString('base64url')}`;
    assert.equal(await verifyPassword('pw', weak), true);
    assert.equal(passwordNeedsRehash(weak), true);
  });

  it('returns false for malformed or hostile stored hashes', async () => {
    const good = await hashPassword('pw');
    const [, , , , salt, h] = good.split('$');
    for (const bad of [
      '',
      'bcrypt$2b$10$abc',
      `scrypt$1000$8$1$${salt}$${h}`, // N not a power of two
      `scrypt$${1 << 24}$8$1$${salt}$${h}`, // N too large: would cost GBs
      `scrypt$16384$8$1$${salt}$`,
      `scrypt$16384$8$1$${salt}$${h}$extra`,
    ]) {
      assert.equal(await verifyPassword('pw', bad), false, bad);
      assert.equal(passwordNeedsRehash(bad), true);
    }
  });

  it('rejects an empty password at hashing time', async () => {
    await assert.rejects(hashPassword(''), isCode('INVALID_INPUT'));
  });
});

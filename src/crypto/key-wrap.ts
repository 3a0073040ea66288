import type { ScryptOptions } from 'node:crypto';
import { createCipheriv, createDecipheriv, createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { toB64u, tryFromB64u } from './encoding.ts';
import { CryptoError, CryptoRefusal } from './errors.ts';

/**
 * A refusal about the master key, which the operator reads at start: the crypto code callers branch on,
 * and the words in both languages (the CLI prints them in its language).
 */
export class MasterKeyError extends CryptoRefusal {
  override name = 'MasterKeyError';
}

/** What a master key must be, in words. */
const KEY_SHAPE = {
  ja: '32 バイトの乱数を base64url で書いたもの（43 文字）',
  en: '32 random bytes in base64url (43 characters)',
};

/** Why the file system refused the master key file, in words (empty when there is nothing more to say). */
function refusedBecause(err: unknown): { ja: string; en: string } {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM') return { ja: '（権限がありません）', en: ' (no permission)' };
  if (code === 'EISDIR') return { ja: '（ディレクトリです）', en: ' (it is a directory)' };
  if (code === 'EROFS') return { ja: '（読み取り専用の場所です）', en: ' (a read-only place)' };
  if (code === 'ENOSPC') return { ja: '（ディスクに空きがありません）', en: ' (no space left on the disk)' };
  return { ja: '', en: '' };
}

// ---------------------------------------------------------------------------------------------
// Key-encryption key (KEK)
// ---------------------------------------------------------------------------------------------

/**
 * The key that wraps every server-held private key. It never sits in the database: it comes from the
 * SHOKAI_MASTER_KEY environment variable or from a 0600 key file (data/master.key by default).
 * `id` is a short public hash of the key, stored in each wrapped key so that a wrong or rotated KEK
 * is recognised at once.
 */
export type KeyEncryptionKey = { id: string; key: Buffer };

/** A wrapped private key: `kw1.<kekId>.<iv>.<ct>.<tag>` (iv, ct and tag base64url). */
export type WrappedKey = string;

/** A fresh KEK secret: 32 random bytes, base64url (43 characters). */
export function generateKekSecret(): string {
  return toB64u(randomBytes(32));
}

/** Throws INVALID_KEY (without echoing the secret) unless it is 32 bytes of base64url. */
export function kekFromSecret(secret: string): KeyEncryptionKey {
  const key = tryFromB64u(typeof secret === 'string' ? secret.trim() : secret, 32);
  if (key === undefined) {
    throw new MasterKeyError('INVALID_KEY', {
      ja: `マスター鍵は${KEY_SHAPE.ja}でなければなりません`,
      en: `the master key must be ${KEY_SHAPE.en}`,
    });
  }
  const id = createHash('sha256').update('shokai/v1 kek-id\n').update(key).digest('hex').slice(0, 16);
  return { id, key };
}

/**
 * The server's KEK. `envValue` (SHOKAI_MASTER_KEY) wins when set and non-empty; otherwise the file is
 * read, or created — with mode 0600, its directory 0700 — when missing. Never logs the secret. An
 * existing key file readable by group or others is refused (KEK_FILE_INSECURE), as ssh refuses keys.
 */
export function loadOrCreateKek(opts: { envValue?: string; filePath: string }): KeyEncryptionKey {
  if (opts.envValue !== undefined && opts.envValue.trim() !== '') {
    try {
      return kekFromSecret(opts.envValue);
    } catch (cause) {
      throw new MasterKeyError(
        'INVALID_KEY',
        {
          ja: `環境変数 SHOKAI_MASTER_KEY は${KEY_SHAPE.ja}でなければなりません（docs/security.md を参照）`,
          en: `SHOKAI_MASTER_KEY must be ${KEY_SHAPE.en} (see docs/security.md)`,
        },
        { cause },
      );
    }
  }
  const existing = readKekFile(opts.filePath);
  if (existing !== undefined) return existing;
  const secret = generateKekSecret();
  // Write to a private temporary file, then link it into place: link() fails if the target exists,
  // so two processes starting at once cannot overwrite each other's key, and no reader ever sees a
  // half-written file.
  const tmp = `${opts.filePath}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  let fd: number;
  try {
    mkdirSync(dirname(opts.filePath), { recursive: true, mode: 0o700 });
    fd = openSync(tmp, 'wx', 0o600);
  } catch (err) {
    throw keyFileRefused(opts.filePath, err, 'create');
  }
  try {
    writeSync(fd, `${secret}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, opts.filePath);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw keyFileRefused(opts.filePath, err, 'create');
  } finally {
    unlinkSync(tmp);
  }
  const created = readKekFile(opts.filePath);
  if (created === undefined) {
    throw new MasterKeyError('KEK_UNAVAILABLE', {
      ja: `マスター鍵のファイル ${opts.filePath} が作った直後に消えました`,
      en: `the master key file ${opts.filePath} vanished just after it was created`,
    });
  }
  return created;
}

/** What could not be done with the master key file, in Japanese ("cannot …"). */
const CANNOT = { create: '作れません', read: '読めません' } as const;

/**
 * The file system refused the master key file: it cannot be made where it is named (its directory, the
 * file, the link into place), or it cannot be read.
 */
function keyFileRefused(filePath: string, err: unknown, doing: keyof typeof CANNOT): MasterKeyError {
  const why = refusedBecause(err);
  return new MasterKeyError(
    'KEK_UNAVAILABLE',
    {
      ja: `マスター鍵のファイル ${filePath} を${CANNOT[doing]}${why.ja}`,
      en: `cannot ${doing} the master key file ${filePath}${why.en}`,
    },
    { cause: err },
  );
}

/** Whether a private key's file may be read or written by its group or others (never on Windows, no such bits). */
export function groupOrOthersMayAccess(filePath: string): boolean {
  return process.platform !== 'win32' && (statSync(filePath).mode & 0o077) !== 0;
}

function readKekFile(filePath: string): KeyEncryptionKey | undefined {
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw keyFileRefused(filePath, err, 'read');
  }
  if (groupOrOthersMayAccess(filePath)) {
    throw new MasterKeyError('KEK_FILE_INSECURE', {
      ja:
        `マスター鍵のファイル ${filePath} はグループや他の利用者も読み書きできます。` +
        `chmod 600 ${filePath} を実行してください`,
      en: `the master key file ${filePath} is accessible by group or others; run: chmod 600 ${filePath}`,
    });
  }
  try {
    return kekFromSecret(text);
  } catch (cause) {
    throw new MasterKeyError(
      'INVALID_KEY',
      {
        ja: `マスター鍵のファイル ${filePath} に有効な鍵がありません（鍵は${KEY_SHAPE.ja}）`,
        en: `the master key file ${filePath} does not hold a valid key (${KEY_SHAPE.en})`,
      },
      { cause },
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Wrapping
// ---------------------------------------------------------------------------------------------

const WRAP_PREFIX = 'kw1';

function wrapAad(kekId: string, aad: string): Buffer {
  // Length-prefixed so that no (kekId, aad) pair can collide with another.
  return Buffer.from(`shokai/v1 key-wrap\n${kekId.length}:${kekId}\n${aad.length}:${aad}`, 'utf8');
}

/**
 * Encrypt a private key (any secret string: PKCS#8 base64url, a TOTP seed, …) under the KEK with
 * AES-256-GCM. `aad` must name the row the key belongs to (e.g. `unit-key:<keyId>`), so a wrapped
 * key copied into another row fails to unwrap.
 */
export function wrapKey(kek: KeyEncryptionKey, privateKey: string, aad: string): WrappedKey {
  if (typeof privateKey !== 'string' || privateKey.length === 0) {
    throw new CryptoError('INVALID_INPUT', 'nothing to wrap');
  }
  if (typeof aad !== 'string' || aad.length === 0) {
    throw new CryptoError('INVALID_INPUT', 'wrapKey needs a non-empty aad naming the key owner');
  }
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek.key, iv);
  cipher.setAAD(wrapAad(kek.id, aad));
  const plain = Buffer.from(privateKey, 'utf8');
  const ct = Buffer.concat([cipher.update(plain), cipher.final()]);
  plain.fill(0);
  return [WRAP_PREFIX, kek.id, toB64u(iv), toB64u(ct), toB64u(cipher.getAuthTag())].join('.');
}

/** The id of the KEK a wrapped key was made under, or undefined if it is not a kw1 string. */
export function wrappedKeyKekId(wrapped: WrappedKey): string | undefined {
  const parts = typeof wrapped === 'string' ? wrapped.split('.') : [];
  return parts.length === 5 && parts[0] === WRAP_PREFIX ? parts[1] : undefined;
}

/** Decrypt a wrapped key. Throws KEY_UNWRAP_FAILED on a wrong KEK, wrong aad, or any tampering. */
export function unwrapKey(kek: KeyEncryptionKey, wrapped: WrappedKey, aad: string): string {
  const parts = typeof wrapped === 'string' ? wrapped.split('.') : [];
  const [prefix, kekId, ivS, ctS, tagS] = parts;
  if (parts.length !== 5 || prefix !== WRAP_PREFIX || kekId === undefined) {
    throw new CryptoError('KEY_UNWRAP_FAILED', 'not a kw1 wrapped key');
  }
  if (kekId !== kek.id) {
    throw new CryptoError(
      'KEY_UNWRAP_FAILED',
      `key was wrapped under master key ${kekId}, but the loaded master key is ${kek.id}`,
    );
  }
  const iv = tryFromB64u(ivS, 12);
  const ct = tryFromB64u(ctS);
  const tag = tryFromB64u(tagS, 16);
  if (iv === undefined || ct === undefined || tag === undefined || typeof aad !== 'string') {
    throw new CryptoError('KEY_UNWRAP_FAILED', 'malformed wrapped key');
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek.key, iv, { authTagLength: 16 });
    decipher.setAAD(wrapAad(kekId, aad));
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([decipher.update(ct), decipher.final()]);
    const out = plain.toString('utf8');
    plain.fill(0);
    return out;
  } catch (cause) {
    throw new CryptoError('KEY_UNWRAP_FAILED', 'wrapped key failed authentication (wrong aad or tampered)', { cause });
  }
}

/** Re-wrap under a new KEK (master-key rotation): unwrap with the old, wrap with the new. */
export function rewrapKey(
  oldKek: KeyEncryptionKey,
  newKek: KeyEncryptionKey,
  wrapped: WrappedKey,
  aad: string,
): WrappedKey {
  return wrapKey(newKek, unwrapKey(oldKek, wrapped, aad), aad);
}

// ---------------------------------------------------------------------------------------------
// Passwords
// ---------------------------------------------------------------------------------------------

/**
 * scrypt N=2^14, r=8, p=1 (16 MiB, ≈30–60 ms on the 2-core reference machine), 16-byte salt,
 * 32-byte output. Below OWASP's 2^17 by choice: logins also need a TOTP second factor, and the
 * stored string carries its parameters, so passwordNeedsRehash() lets them be raised later without
 * a migration. Passwords are NFKC-normalised first (NIST SP 800-63B §5.1.1.2), so a password typed
 * with full-width characters from an IME still matches.
 */
export const PASSWORD_PARAMS = { N: 16384, r: 8, p: 1, saltBytes: 16, keyBytes: 32 } as const;

const MAX_N = 1 << 20;

function scryptAsync(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

function scryptOptions(N: number, r: number, p: number): ScryptOptions {
  return { N, r, p, maxmem: 128 * N * r * p + 32 * 1024 * 1024 };
}

/** `scrypt$N$r$p$<salt b64url>$<hash b64url>` */
export async function hashPassword(password: string): Promise<string> {
  if (typeof password !== 'string' || password.length === 0) {
    throw new CryptoError('INVALID_INPUT', 'password must be a non-empty string');
  }
  const { N, r, p, saltBytes, keyBytes } = PASSWORD_PARAMS;
  const salt = randomBytes(saltBytes);
  const hash = await scryptAsync(password.normalize('NFKC'), salt, keyBytes, scryptOptions(N, r, p));
  return `scrypt$${N}$${r}$${p}$${toB64u(salt)}$${toB64u(hash)}`;
}

type ParsedHash = { N: number; r: number; p: number; salt: Buffer; hash: Buffer };

function parseHash(encoded: string): ParsedHash | undefined {
  if (typeof encoded !== 'string') return undefined;
  const m = /^scrypt\$(\d{1,8})\$(\d{1,3})\$(\d{1,3})\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/.exec(encoded);
  if (m === null) return undefined;
  const N = Number(m[1]);
  const r = Number(m[2]);
  const p = Number(m[3]);
  const salt = tryFromB64u(m[4]);
  const hash = tryFromB64u(m[5]);
  // Bounds keep a corrupted or hostile stored string from costing unbounded CPU or memory.
  if (N < 2 || N > MAX_N || (N & (N - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16) return undefined;
  if (salt === undefined || hash === undefined || salt.length < 8 || hash.length < 16 || hash.length > 64) {
    return undefined;
  }
  return { N, r, p, salt, hash };
}

/** The salt of the work done for a stored value that is no hash (see verifyPassword). */
const NO_HASH_SALT = Buffer.alloc(PASSWORD_PARAMS.saltBytes);

/**
 * Constant-time check; false (never a throw) for a wrong password or a malformed stored hash. A stored
 * value that is no hash at all (none stored for an unknown login, an account awaiting its enrolment)
 * costs the same scrypt as a real one, so the time a refusal takes tells none of them apart.
 */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  if (typeof password !== 'string') return false;
  const parsed = parseHash(encoded);
  if (parsed === undefined) {
    const { N, r, p, keyBytes } = PASSWORD_PARAMS;
    await scryptAsync(password.normalize('NFKC'), NO_HASH_SALT, keyBytes, scryptOptions(N, r, p));
    return false;
  }
  const candidate = await scryptAsync(
    password.normalize('NFKC'),
    parsed.salt,
    parsed.hash.length,
    scryptOptions(parsed.N, parsed.r, parsed.p),
  );
  return timingSafeEqual(candidate, parsed.hash);
}

/** True when a stored hash uses other parameters than PASSWORD_PARAMS: re-hash at the next login. */
export function passwordNeedsRehash(encoded: string): boolean {
  const parsed = parseHash(encoded);
  if (parsed === undefined) return true;
  const { N, r, p, saltBytes, keyBytes } = PASSWORD_PARAMS;
  return (
    parsed.N !== N ||
    parsed.r !== r ||
    parsed.p !== p ||
    parsed.salt.length !== saltBytes ||
    parsed.hash.length !== keyBytes
  );
}

import type { KeyObject } from 'node:crypto';
import {
  createCipheriv,
  createDecipheriv,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
} from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from './canonical.ts';
import { b64uSchema } from './device-seal.ts';
import { toB64u, toBytes, tryFromB64u } from './encoding.ts';
import { CryptoError } from './errors.ts';
import { importPrivateKey, importPublicKey, tryImportPublicKey } from './keys.ts';

export const SEAL_ALG = 'X25519-HKDF-SHA256-A256GCM';

/**
 * An answer sealed to one unit's X25519 key. Everything but `ct` is public metadata; `recipientKeyId`
 * and `epk` are authenticated together with the caller's aad, so a box cannot be relabelled.
 */
export type SealedBox = {
  v: 1;
  alg: 'X25519-HKDF-SHA256-A256GCM';
  recipientKeyId: string;
  epk: string;
  iv: string;
  ct: string;
  tag: string;
};

/** Parse stored or received JSON into a SealedBox (shape and encodings only; open() authenticates). */
export const SealedBoxSchema = z.object({
  v: z.literal(1),
  alg: z.literal(SEAL_ALG),
  recipientKeyId: z.string().min(1).max(256),
  epk: b64uSchema(32),
  iv: b64uSchema(12),
  ct: b64uSchema(),
  tag: b64uSchema(16),
});

const HKDF_SALT = Buffer.from('shokai/v1 seal salt', 'utf8');
const HKDF_INFO_PREFIX = Buffer.from(`shokai/v1 seal ${SEAL_ALG}\n`, 'utf8');

function deriveKey(shared: Buffer, epkRaw: Buffer, recipientRaw: Buffer): Buffer {
  // The info binds the key to both public keys (as in HPKE's kem_context), so the same shared secret
  // reached with different keys can never yield the same content key.
  const info = Buffer.concat([HKDF_INFO_PREFIX, epkRaw, recipientRaw]);
  return Buffer.from(hkdfSync('sha256', shared, HKDF_SALT, info, 32));
}

function headerAad(recipientKeyId: string, epk: string, aad: string | undefined): Buffer {
  return Buffer.from(
    canonicalJson({ v: 1, alg: SEAL_ALG, recipientKeyId, epk, aad: aad === undefined ? null : aad }),
    'utf8',
  );
}

function rawOf(key: KeyObject): Buffer {
  const x = key.export({ format: 'jwk' }).x;
  if (typeof x !== 'string') throw new CryptoError('INVALID_KEY', 'key has no raw form');
  return Buffer.from(x, 'base64url');
}

function sharedSecret(privateKey: KeyObject, publicKey: KeyObject): Buffer | undefined {
  let shared: Buffer;
  try {
    shared = diffieHellman({ privateKey, publicKey });
  } catch {
    return undefined;
  }
  // A low-order peer key gives an all-zero secret (RFC 7748 §6.1): refuse it.
  if (shared.every((b) => b === 0)) return undefined;
  return shared;
}

/**
 * Seal plaintext to a unit's X25519 public key: fresh ephemeral key, X25519, HKDF-SHA256, AES-256-GCM.
 * `aad` (e.g. the request id) is authenticated but not stored in the box; open() must be given it.
 */
export function seal(
  recipientPublicKey: string,
  recipientKeyId: string,
  plaintext: Uint8Array | string,
  aad?: string,
): SealedBox {
  if (typeof recipientKeyId !== 'string' || recipientKeyId.length === 0 || recipientKeyId.length > 256) {
    throw new CryptoError('INVALID_INPUT', 'recipientKeyId must be a non-empty string of at most 256 characters');
  }
  const recipient = importPublicKey('x25519', recipientPublicKey);
  const recipientRaw = Buffer.from(recipientPublicKey, 'base64url');
  const eph = generateKeyPairSync('x25519');
  const epkRaw = rawOf(eph.publicKey);
  const shared = sharedSecret(eph.privateKey, recipient);
  if (shared === undefined) throw new CryptoError('INVALID_KEY', 'recipient public key is not usable (low order)');
  const key = deriveKey(shared, epkRaw, recipientRaw);
  shared.fill(0);
  const epk = toB64u(epkRaw);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(headerAad(recipientKeyId, epk, aad));
  const ct = Buffer.concat([cipher.update(toBytes(plaintext)), cipher.final()]);
  const tag = cipher.getAuthTag();
  key.fill(0);
  return { v: 1, alg: SEAL_ALG, recipientKeyId, epk, iv: toB64u(iv), ct: toB64u(ct), tag: toB64u(tag) };
}

const openFailed = () =>
  new CryptoError('SEAL_OPEN_FAILED', 'sealed box could not be opened (wrong key, wrong aad, or tampered)');

/**
 * Open a sealed box. Throws CryptoError('SEAL_OPEN_FAILED') on any tampering, wrong key or wrong aad,
 * and INVALID_KEY if recipientPrivateKey is not an X25519 PKCS#8 key at all.
 */
export function open(recipientPrivateKey: string, box: SealedBox, aad?: string): Buffer {
  const priv = importPrivateKey('x25519', recipientPrivateKey);
  const parsed = SealedBoxSchema.safeParse(box);
  if (!parsed.success) throw openFailed();
  const b = parsed.data;
  const epkRaw = tryFromB64u(b.epk, 32);
  const iv = tryFromB64u(b.iv, 12);
  const ct = tryFromB64u(b.ct);
  const tag = tryFromB64u(b.tag, 16);
  if (epkRaw === undefined || iv === undefined || ct === undefined || tag === undefined) throw openFailed();
  // Ephemeral keys are single-use: keep them out of the public-key cache.
  const epk = tryImportPublicKey('x25519', b.epk, { cache: false });
  if (epk === undefined) throw openFailed();
  const shared = sharedSecret(priv, epk);
  if (shared === undefined) throw openFailed();
  const key = deriveKey(shared, epkRaw, rawOf(createPublicKey(priv)));
  shared.fill(0);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
    decipher.setAAD(headerAad(b.recipientKeyId, b.epk, aad));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ct), decipher.final()]);
  } catch (cause) {
    throw new CryptoError('SEAL_OPEN_FAILED', openFailed().message, { cause });
  } finally {
    key.fill(0);
  }
}

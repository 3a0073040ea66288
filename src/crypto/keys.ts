import type { KeyObject } from 'node:crypto';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { fromB64u, toB64u, tryFromB64u } from './encoding.ts';
import { CryptoError } from './errors.ts';

/**
 * Keys cross module boundaries as strings: publicKey is the raw 32-byte key (RFC 8032 / RFC 7748
 * encoding) in base64url, privateKey is PKCS#8 DER in base64url.
 */
export type KeyPairExport = { publicKey: string; privateKey: string };

export type KeyAlgorithm = 'ed25519' | 'x25519';

const JWK_CRV: Record<KeyAlgorithm, 'Ed25519' | 'X25519'> = { ed25519: 'Ed25519', x25519: 'X25519' };

function exportPair(alg: KeyAlgorithm): KeyPairExport {
  const { publicKey, privateKey } = alg === 'ed25519' ? generateKeyPairSync('ed25519') : generateKeyPairSync('x25519');
  return {
    publicKey: rawPublicKey(publicKey),
    privateKey: toB64u(privateKey.export({ format: 'der', type: 'pkcs8' })),
  };
}

/** A new Ed25519 key pair, for unit, approver, provider and audit-checkpoint signatures. */
export function generateSigningKeyPair(): KeyPairExport {
  return exportPair('ed25519');
}

/** A new X25519 key pair, to which answers for a unit are sealed. */
export function generateEncryptionKeyPair(): KeyPairExport {
  return exportPair('x25519');
}

function rawPublicKey(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new CryptoError('INVALID_KEY', 'public key has no raw form');
  return jwk.x;
}

/**
 * The fingerprint form over a key's raw bytes: the first 16 bytes of SHA-256, lower-case hex in groups
 * of four. keyFingerprint, publicKeyFingerprint and a passkey's credentialFingerprint all print this.
 */
export function fingerprintOfBytes(raw: Buffer): string {
  return createHash('sha256')
    .update(raw)
    .digest('hex')
    .slice(0, 32)
    .replace(/.{4}(?=.)/g, '$&:');
}

/**
 * The fingerprint of any public key the directory logs (an Ed25519 or X25519 key, a passkey's COSE key, a
 * custody key's P-256 point): as keyFingerprint, over the raw bytes whatever their length. Undefined when
 * the text is not base64url.
 */
export function publicKeyFingerprint(publicKey: string): string | undefined {
  const raw = tryFromB64u(publicKey);
  if (raw === undefined) return undefined;
  return fingerprintOfBytes(raw);
}

/**
 * Short, stable, human-comparable fingerprint of a public key (either algorithm): the first 16 bytes
 * of SHA-256 over the raw 32-byte key, lower-case hex in groups of four, e.g.
 * `3f2a:9c01:77de:0b45:aa10:c3f9:5e2d:0871`. Read it aloud or compare it on paper when a key is
 * registered out of band. Throws INVALID_KEY if the string is not a 32-byte base64url key.
 */
export function keyFingerprint(publicKey: string): string {
  return fingerprintOfBytes(fromB64u(publicKey, 'public key', 'INVALID_KEY', 32));
}

// Public keys are imported on the verification hot path (every request, answer and checkpoint), so
// imported KeyObjects are cached. Private keys are deliberately NOT cached: they are unwrapped for
// one operation and should not outlive it in a long-lived structure.
const PUBLIC_KEY_CACHE_MAX = 4096;
const publicKeyCache = new Map<string, KeyObject>();

function cacheGet(cacheKey: string): KeyObject | undefined {
  const hit = publicKeyCache.get(cacheKey);
  if (hit !== undefined) {
    // Refresh recency: Map iteration order is insertion order, so re-inserting makes this the newest.
    publicKeyCache.delete(cacheKey);
    publicKeyCache.set(cacheKey, hit);
  }
  return hit;
}

function cachePut(cacheKey: string, key: KeyObject): void {
  if (publicKeyCache.size >= PUBLIC_KEY_CACHE_MAX) {
    const oldest = publicKeyCache.keys().next();
    if (oldest.done !== true) publicKeyCache.delete(oldest.value);
  }
  publicKeyCache.set(cacheKey, key);
}

/** Import a raw base64url public key; undefined if it is not a well-formed key of that algorithm. */
export function tryImportPublicKey(
  alg: KeyAlgorithm,
  publicKey: string,
  options: { cache?: boolean } = {},
): KeyObject | undefined {
  const useCache = options.cache !== false;
  const cacheKey = `${alg}:${publicKey}`;
  const hit = useCache ? cacheGet(cacheKey) : undefined;
  if (hit !== undefined) return hit;
  if (tryFromB64u(publicKey, 32) === undefined) return undefined;
  let key: KeyObject;
  try {
    key = createPublicKey({ key: { kty: 'OKP', crv: JWK_CRV[alg], x: publicKey }, format: 'jwk' });
  } catch {
    return undefined;
  }
  if (key.asymmetricKeyType !== alg) return undefined;
  if (useCache) cachePut(cacheKey, key);
  return key;
}

export function importPublicKey(alg: KeyAlgorithm, publicKey: string): KeyObject {
  const key = tryImportPublicKey(alg, publicKey);
  if (key === undefined) throw new CryptoError('INVALID_KEY', `not a valid ${alg} public key`);
  return key;
}

/** Import a PKCS#8 base64url private key of the given algorithm; throws INVALID_KEY otherwise. */
export function importPrivateKey(alg: KeyAlgorithm, privateKey: string): KeyObject {
  const der = tryFromB64u(privateKey);
  if (der === undefined || der.length === 0) {
    throw new CryptoError('INVALID_KEY', `${alg} private key is not valid base64url`);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch (cause) {
    throw new CryptoError('INVALID_KEY', `not a valid PKCS#8 ${alg} private key`, { cause });
  } finally {
    der.fill(0);
  }
  if (key.asymmetricKeyType !== alg) {
    throw new CryptoError('INVALID_KEY', `expected a ${alg} private key, got ${String(key.asymmetricKeyType)}`);
  }
  return key;
}

/** The raw base64url public key belonging to a PKCS#8 private key (either algorithm). */
export function publicKeyFromPrivate(privateKey: string): string {
  const der = fromB64u(privateKey, 'private key', 'INVALID_KEY');
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch (cause) {
    throw new CryptoError('INVALID_KEY', 'not a valid PKCS#8 private key', { cause });
  } finally {
    der.fill(0);
  }
  if (key.asymmetricKeyType !== 'ed25519' && key.asymmetricKeyType !== 'x25519') {
    throw new CryptoError('INVALID_KEY', `unsupported key type ${String(key.asymmetricKeyType)}`);
  }
  return rawPublicKey(createPublicKey(key));
}

/** Drop cached public keys (tests; or after a bulk key revocation, though revocation is decided by
 * the directory, not by this cache, which holds only the key bytes' parsed form). */
export function clearKeyCache(): void {
  publicKeyCache.clear();
}

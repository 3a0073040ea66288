import { createHmac, hkdfSync } from 'node:crypto';
import type { KeyEncryptionKey } from './key-wrap.ts';

/**
 * Keyed hashes of identifiers (deconfliction between forces): HMAC-SHA-256 under a key derived from the
 * installation's master key (the KEK, which never sits in the database) by HKDF with its own purpose
 * label, so the key itself is never written anywhere and a stolen database cannot be searched by
 * hashing guessed identifiers. Rotating the master key changes the derived key: requests indexed
 * before then no longer match new ones (docs/security.md, "Deconfliction between forces").
 */
const PURPOSE = Buffer.from('shokai/v1 deconfliction identifier key', 'utf8');
const HEARING_CODE_PURPOSE = Buffer.from('shokai/v1 hearing reply code key', 'utf8');
const DEVICE_COOKIE_PURPOSE = Buffer.from('shokai/v1 sign-in device cookie key', 'utf8');
const SALT = Buffer.from('shokai/v1 keyed-hash', 'utf8');

const derived = new Map<string, WeakMap<KeyEncryptionKey, Buffer>>();

/** The key of one purpose, derived from the KEK once per KEK object and kept in memory only. */
function derivedKey(kek: KeyEncryptionKey, purpose: Buffer): Buffer {
  const label = purpose.toString('utf8');
  let keys = derived.get(label);
  if (!keys) {
    keys = new WeakMap();
    derived.set(label, keys);
  }
  let key = keys.get(kek);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', kek.key, SALT, purpose, 32));
    keys.set(kek, key);
  }
  return key;
}

/** The identifier-hashing key of an installation (derived once per KEK object, kept in memory only). */
export function identifierHashKey(kek: KeyEncryptionKey): Buffer {
  return derivedKey(kek, PURPOSE);
}

/**
 * The key the hearing's reply codes are hashed under: eight digits are 10^8 guesses, which an unkeyed hash
 * in a stolen database gives up in a minute; under this key, not without the master key.
 */
export function hearingCodeKey(kek: KeyEncryptionKey): Buffer {
  return derivedKey(kek, HEARING_CODE_PURPOSE);
}

/**
 * The key a browser's sign-in device cookie is signed under (src/auth/device-cookie.ts): only the hub can
 * make one, and a copy of the store does not give the key.
 */
export function deviceCookieKey(kek: KeyEncryptionKey): Buffer {
  return derivedKey(kek, DEVICE_COOKIE_PURPOSE);
}

/** HMAC-SHA-256 of a text under the key, lower-case hex. */
export function keyedHash(key: Buffer, text: string): string {
  return createHmac('sha256', key).update(text, 'utf8').digest('hex');
}

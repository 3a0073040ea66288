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
const SALT = Buffer.from('shokai/v1 keyed-hash', 'utf8');

const derived = new WeakMap<KeyEncryptionKey, Buffer>();

/** The identifier-hashing key of an installation (derived once per KEK object, kept in memory only). */
export function identifierHashKey(kek: KeyEncryptionKey): Buffer {
  let key = derived.get(kek);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', kek.key, SALT, PURPOSE, 32));
    derived.set(kek, key);
  }
  return key;
}

/** HMAC-SHA-256 of a text under the key, lower-case hex. */
export function keyedHash(key: Buffer, text: string): string {
  return createHmac('sha256', key).update(text, 'utf8').digest('hex');
}

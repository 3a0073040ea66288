import { createHash, timingSafeEqual } from 'node:crypto';
import type { KeyEncryptionKey } from '../crypto/key-wrap.ts';
import { hearingCodeKey, keyedHash } from '../crypto/keyed-hash.ts';

// What is kept of the hearing letter's reply code. The link's token is kept in clear (the link is looked up
// by it), so an unkeyed hash of token and code gives the code to anyone with a copy of the store by trying
// its 10^8 values; HMAC-SHA-256 under a key derived from the master key (never in the store) does not.

/** The code's digits, however it was typed (full-width, with or without its hyphen). */
export const codeDigits = (code: string) => code.normalize('NFKC').replace(/\D/g, '');

const KEYED = 'hmac$';

/** What is kept of a new letter's code: `hmac$` and the keyed hash of the token and its digits. */
export function replyCodeHash(kek: KeyEncryptionKey, token: string, code: string): string {
  return `${KEYED}${keyedHash(hearingCodeKey(kek), `${token}:${codeDigits(code)}`)}`;
}

/** A letter sent before kept the unkeyed SHA-256 (its hearing lapses within its two weeks): still read. */
const unkeyedCodeHash = (token: string, code: string) =>
  createHash('sha256')
    .update(`${token}:${codeDigits(code)}`)
    .digest('hex');

/** Whether `code` is the letter's, against what was kept, in constant time. */
export function replyCodeMatches(kek: KeyEncryptionKey, token: string, code: string, kept: string): boolean {
  const given = Buffer.from(
    kept.startsWith(KEYED) ? replyCodeHash(kek, token, code) : unkeyedCodeHash(token, code),
    'utf8',
  );
  const stored = Buffer.from(kept, 'utf8');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// The one-time enrolment code an administrator hands to a person they made (src/auth/enrolment.ts uses
// it): 20 characters of RFC 4648 base32 (100 bits), written in five groups of four so that it can be read
// out or typed from paper. Only its hash is stored, bound to the person's id, so that a code copied from
// one row of the store opens no other account.

/** How long a code stays usable after it was issued. */
export const ENROLMENT_DAYS = 7;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const LENGTH = 20;

/** A new code, grouped for reading: `ABCD-EFGH-JKLM-NPQR-STUV`. */
export function newEnrolmentCode(): string {
  const bytes = randomBytes(LENGTH);
  const chars = Array.from(bytes, (b) => ALPHABET[b & 31]);
  return chars.join('').replace(/(.{4})(?=.)/g, '$1-');
}

/** The code as typed, without the spaces, hyphens and case a person may add: 20 base32 characters or not. */
export function normalisedEnrolmentCode(typed: string): string {
  return typed.replace(/[\s-]+/g, '').toUpperCase();
}

/** Whether a normalised code has the form of one (20 base32 characters). */
export function isEnrolmentCode(normalised: string): boolean {
  return /^[A-Z2-7]{20}$/.test(normalised);
}

/** The stored hash of a code issued to `userId` (SHA-256: the code carries 100 bits, no stretching needed). */
export function enrolmentCodeHash(userId: string, code: string): string {
  return createHash('sha256')
    .update(`shokai/v1 enrolment\n${userId}\n${normalisedEnrolmentCode(code)}`)
    .digest('hex');
}

/** Whether `code` is the one whose hash is stored for `userId` (compared in constant time). */
export function enrolmentCodeMatches(userId: string, code: string, stored: string): boolean {
  const a = Buffer.from(enrolmentCodeHash(userId, code), 'hex');
  const b = Buffer.from(stored, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** When a code issued at `now` lapses. */
export function enrolmentExpiry(now: Date): Date {
  return new Date(now.getTime() + ENROLMENT_DAYS * 24 * 3600_000);
}

/**
 * The stored password of an account whose person has not chosen one yet: no password verifies against it
 * (like `!` in /etc/shadow), so the account cannot be signed in to until its enrolment.
 */
export const NO_PASSWORD_YET = '!';

import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { KeyEncryptionKey } from '../crypto/key-wrap.ts';
import { deviceCookieKey, keyedHash } from '../crypto/keyed-hash.ts';

// The sign-in device cookie (OWASP, "Slow down online guessing attacks with device cookies"): a browser a
// person signed in from is given a cookie naming their login, signed by the hub. A sign-in presenting a
// valid one for the login typed is counted on the cookie's own counter, not the login's: five wrong tries
// from elsewhere, which lock the login, do not keep the person out of their usual browser. The value is
// `d1.<nonce>.<issued, Unix seconds>.<HMAC-SHA-256>`, the HMAC over the login, the nonce and the time
// under a key derived from the master key (src/crypto/keyed-hash.ts); the login itself is not in it.

const VERSION = 'd1';
/** How long a device cookie is honoured after the sign-in that gave it (each sign-in gives a fresh one). */
export const DEVICE_COOKIE_DAYS = 90;
const DEVICE_COOKIE_MS = DEVICE_COOKIE_DAYS * 24 * 3600_000;

const signed = (kek: KeyEncryptionKey, login: string, nonce: string, issued: string) =>
  keyedHash(deviceCookieKey(kek), `shokai/v1 device cookie\n${login}\n${nonce}\n${issued}`);

/** A new device cookie's value for the login, issued now. */
export function issueDeviceCookie(kek: KeyEncryptionKey, login: string, now: Date): string {
  const nonce = randomBytes(18).toString('base64url');
  const issued = String(Math.floor(now.getTime() / 1000));
  return `${VERSION}.${nonce}.${issued}.${signed(kek, login, nonce, issued)}`;
}

/**
 * The nonce of a device cookie when it is the hub's, names `login` and is within its days; else undefined
 * (a forged, altered or old cookie, or one of another login, counts as no cookie: the untrusted client's
 * counter applies).
 */
export function trustedDevice(
  kek: KeyEncryptionKey,
  value: string | undefined,
  login: string,
  now: Date,
): string | undefined {
  if (!value || value.length > 200) return undefined;
  const parts = value.split('.');
  if (parts.length !== 4) return undefined;
  const [version, nonce = '', issued = '', mac = ''] = parts;
  if (version !== VERSION || !/^[A-Za-z0-9_-]{24}$/.test(nonce) || !/^\d{1,12}$/.test(issued)) return undefined;
  const expected = Buffer.from(signed(kek, login, nonce, issued), 'utf8');
  const given = Buffer.from(mac, 'utf8');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  const at = Number(issued) * 1000;
  if (at > now.getTime() + 60_000 || now.getTime() - at > DEVICE_COOKIE_MS) return undefined;
  return nonce;
}

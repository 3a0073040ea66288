import type { CryptoErrorCode } from './errors.ts';
import { CryptoError } from './errors.ts';

const B64U = /^[A-Za-z0-9_-]*$/;

export function toB64u(data: Uint8Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64url');
}

/**
 * Strict base64url (no padding) decoding. Node's decoder silently skips junk characters and ignores
 * non-zero trailing bits, which would let two different strings name the same bytes; here only the
 * one canonical spelling of a byte string is accepted.
 */
export function tryFromB64u(s: unknown, expectedLength?: number): Buffer | undefined {
  if (typeof s !== 'string' || !B64U.test(s) || s.length % 4 === 1) return undefined;
  const buf = Buffer.from(s, 'base64url');
  if (buf.toString('base64url') !== s) return undefined;
  if (expectedLength !== undefined && buf.length !== expectedLength) return undefined;
  return buf;
}

export function fromB64u(s: unknown, what: string, code: CryptoErrorCode, expectedLength?: number): Buffer {
  const buf = tryFromB64u(s, expectedLength);
  if (buf === undefined) {
    const len = expectedLength === undefined ? '' : ` of ${expectedLength} bytes`;
    throw new CryptoError(code, `${what} is not valid base64url${len}`);
  }
  return buf;
}

export function toBytes(message: Uint8Array | string): Uint8Array {
  return typeof message === 'string' ? Buffer.from(message, 'utf8') : message;
}

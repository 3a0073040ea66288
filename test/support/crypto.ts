// What the crypto tests do to a value to see it refused: the error they expect, and one byte changed.
import { type CryptoErrorCode, isCryptoError } from '../../src/crypto/errors.ts';

/** For `assert.throws`: the error is the crypto module's, with `code`. */
export const isCode = (code: CryptoErrorCode) => (err: unknown) => isCryptoError(err, code);

/** A base64url value with the bits `mask` of its byte `index` flipped, encoded again (canonical base64url). */
export function flipByte(b64u: string, index = 0, mask = 0x01): string {
  const buf = Buffer.from(b64u, 'base64url');
  buf[index] = buf[index]! ^ mask;
  return buf.toString('base64url');
}

/**
 * The one error class of the crypto module. Callers branch on `code`, never on the message; messages
 * never contain key material, plaintext or secrets.
 */
export type CryptoErrorCode =
  | 'SEAL_OPEN_FAILED'
  | 'KEY_UNWRAP_FAILED'
  | 'INVALID_KEY'
  | 'INVALID_INPUT'
  | 'INVALID_PURPOSE'
  | 'CANONICALIZATION_FAILED'
  | 'KEK_UNAVAILABLE'
  | 'KEK_FILE_INSECURE';

export class CryptoError extends Error {
  readonly code: CryptoErrorCode;

  constructor(code: CryptoErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CryptoError';
    this.code = code;
  }
}

export function isCryptoError(err: unknown, code?: CryptoErrorCode): err is CryptoError {
  return err instanceof CryptoError && (code === undefined || err.code === code);
}

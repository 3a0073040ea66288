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

/** What an error says in both languages (the domain's Bilingual, written here: crypto imports no layer above). */
export interface CryptoWords {
  ja: string;
  en: string;
}

export class CryptoError extends Error {
  readonly code: CryptoErrorCode;

  constructor(code: CryptoErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CryptoError';
    this.code = code;
  }
}

/**
 * A refusal of the crypto module that a person reads (the master key at start, a device's keys in the
 * browser or the CLI): a CryptoError (callers branch on its `code` as on any other) with its words in both
 * languages; `message` is the English one.
 */
export class CryptoRefusal extends CryptoError {
  readonly messages: CryptoWords;

  constructor(code: CryptoErrorCode, messages: CryptoWords, options?: { cause?: unknown }) {
    super(code, messages.en, options);
    this.name = 'CryptoRefusal';
    this.messages = messages;
  }
}

/** A refusal of the device-side key work (device-seal.ts). */
export class DeviceKeyError extends CryptoRefusal {
  override name = 'DeviceKeyError';
}

/** What the device-side key work (device-seal.ts) says when it refuses, read by a person (browser, CLI). */
export const DEVICE_KEY_WORDS = {
  noWebCrypto: { ja: 'この環境では WebCrypto を使えません', en: 'WebCrypto is not available here' },
  notPublicKey: {
    ja: 'P-256 の公開鍵（65 バイトの点を base64url で書いたもの）ではありません',
    en: 'not a P-256 public key (a 65-byte point in base64url)',
  },
  notOnCurve: { ja: '公開鍵が P-256 の曲線上の点ではありません', en: 'the public key is not a point on P-256' },
  notPrivateKey: { ja: 'P-256 の秘密鍵（PKCS#8）ではありません', en: 'not a P-256 private key (PKCS#8)' },
  keyId: {
    ja: '宛先の鍵の ID は、英数字と _ . : - の 1〜256 文字です',
    en: 'the recipient key id must be 1–256 characters of letters, digits and _ . : -',
  },
  openFailed: {
    ja: '封緘を開けませんでした（鍵が違うか、別のものとして封緘されたか、改ざんされています）',
    en: 'the sealed box could not be opened (the wrong key, sealed for something else, or altered)',
  },
  unwrapFailed: {
    ja:
      'この端末あてに渡された鍵を、この端末の鍵で開けませんでした' +
      '（この端末として登録された鍵ではないか、渡された鍵が改ざんされています）',
    en:
      "this device's key could not open the key wrapped to it " +
      '(it is not the key registered for this device, or the wrapped key was altered)',
  },
} satisfies Record<string, CryptoWords>;

export function isCryptoError(err: unknown, code?: CryptoErrorCode): err is CryptoError {
  return err instanceof CryptoError && (code === undefined || err.code === code);
}

// The refusals of the device-side key work (browser-safe), in both languages. The CLI (describeCliError)
// and the page (ErrorNotice, through deviceRefusal) show a DomainError's words; so a refusal of the crypto
// module (a key that is not one, a box this device cannot open) leaves the client as one too, the
// CryptoError kept as its cause, and what the client itself refuses is one from the start.
import { type CryptoErrorCode, DeviceKeyError, isCryptoError } from '../crypto/errors.ts';
import { DomainError, type ErrorCode } from '../domain/errors.ts';
import { shownFingerprint, shownInput } from '../domain/shown-text.ts';
import type { Bilingual } from '../domain/vocabulary.ts';
import { RESEALED_ITEM_WORDS, type ResealedItem } from './resealed-copy.ts';

const CODE_OF: Partial<Record<CryptoErrorCode, ErrorCode>> = {
  SEAL_OPEN_FAILED: 'SIGNATURE_INVALID',
  KEY_UNWRAP_FAILED: 'SIGNATURE_INVALID',
  INVALID_KEY: 'VALIDATION_FAILED',
  INVALID_INPUT: 'VALIDATION_FAILED',
};

/**
 * A CryptoError that says itself in both languages, as a DomainError with the same words (its code in
 * `details.reason`, the error itself as the cause); any other error as it is.
 */
export function refusalInWords(e: unknown): unknown {
  if (!(e instanceof DeviceKeyError)) return e;
  return new DomainError(CODE_OF[e.code] ?? 'INTERNAL', e.messages, { reason: e.code }, { cause: e });
}

/** The work's result, or its refusal in words (refusalInWords). */
export const inWords = <T>(work: Promise<T>): Promise<T> =>
  work.catch((e: unknown) => {
    throw refusalInWords(e);
  });

/** The device running a rotation (or marking a key compromised) is not among the devices that remain. */
export function notAmongRemaining(deviceId: string, act: 'rotate' | 'compromised'): DomainError {
  const then =
    act === 'rotate'
      ? { ja: '除外と鍵の更新は', en: 'remove and rotate' }
      : { ja: '鍵の漏えいは', en: 'mark the key compromised' };
  return new DomainError(
    'ILLEGAL_TRANSITION',
    {
      ja:
        `この端末は、除外の後に残る登録済みの端末に含まれていません。${then.ja}、` +
        `残る登録済みの端末から${act === 'rotate' ? '行って' : '記録して'}ください`,
      en: `this device is not among the enrolled devices that remain: ${then.en} from an enrolled device that remains`,
    },
    { deviceId },
  );
}

const TARGET_WRONG = {
  id: { ja: 'その公開鍵から導かれる鍵ではありません', en: 'is not the key its public part names' },
  held: { ja: 'この端末が保管している鍵ではありません', en: 'is not held on this device' },
  wrapped: { ja: 'この端末あてに渡された鍵と一致しません', en: 'is not the key wrapped to this device' },
} satisfies Record<string, Bilingual>;

/** The key the hub names to seal copies again to is not one this device can trust: nothing is sealed to it. */
export function resealTargetRefused(keyId: string, why: keyof typeof TARGET_WRONG): DomainError {
  const w = TARGET_WRONG[why];
  return new DomainError(
    'KEY_UNKNOWN',
    {
      ja: `ハブが封緘し直す先として示した鍵は、${w.ja}。何も封緘し直していません`,
      en: `the key the hub names to seal again to ${w.en}: nothing was sealed again`,
    },
    { keyId },
  );
}

/**
 * The key the hub names to seal again to passes every check the hub could also pass, but this device did
 * not make it and its holder did not confirm its fingerprint (`given`: confirmed another). The words name
 * the fingerprint (computed here) to compare with the device that made it; `details.reason` says which.
 */
export function resealTargetUnconfirmed(keyId: string, fingerprint: string, given: boolean): DomainError {
  const fp = shownFingerprint(fingerprint);
  const why = given
    ? { ja: `は確認された指紋と一致しません（${fp}）`, en: `does not match the fingerprint confirmed (it is ${fp})` }
    : { ja: `（${fp}）は、この端末で作った鍵ではありません`, en: `(${fp}) was not made on this device` };
  return new DomainError(
    'KEY_UNKNOWN',
    {
      ja:
        `ハブが封緘し直す先として示した鍵${why.ja}。鍵を作った端末（所属長の「端末と回答鍵」の画面、または ` +
        'shokai device compromised の表示）の指紋と照合し、一致するときだけ確認してください。何も封緘し直していません',
      en:
        `the key the hub names to seal again to ${why.en}: compare its fingerprint with the one the device that ` +
        "made it shows (the head's Devices page, or what shokai device compromised printed) and confirm it only " +
        'if they match. Nothing was sealed again',
    },
    { keyId, fingerprint, reason: given ? 'mismatch' : 'unconfirmed' },
  );
}

/** The hub handed out an item to seal again without the key it is sealed to. */
export function sealedKeyMissing(kind: ResealedItem['kind'], itemId: string): DomainError {
  const w = RESEALED_ITEM_WORDS[kind];
  return new DomainError(
    'KEY_UNKNOWN',
    {
      ja: `ハブが、${w.ja}（${itemId}）を封緘した鍵を渡しませんでした。この分は封緘し直していません`,
      en: `the hub did not hand out the key the ${w.en} (${itemId}) is sealed to: this batch was not sealed again`,
    },
    { kind, itemId },
  );
}

/** The target device's public key (as given to enrol it) is not a P-256 public key; `cause`, the crypto's refusal. */
export function targetKeyRefused(cause: unknown): DomainError {
  return new DomainError(
    'VALIDATION_FAILED',
    {
      ja: '渡す先の端末の公開鍵が、P-256 の公開鍵（65 バイトの点を base64url で書いたもの）ではありません。何も渡していません',
      en:
        "the target device's public key is not a P-256 public key (a 65-byte point in base64url): " +
        'nothing was wrapped to it',
    },
    { reason: isCryptoError(cause) ? cause.code : 'INVALID_KEY' },
    { cause },
  );
}

/** The archive the hub handed out is of another request. */
export function archiveOfAnother(requestId: string): DomainError {
  return new DomainError(
    'SIGNATURE_INVALID',
    {
      ja: 'ハブが渡した保管データは、この要請のものではありません。開いた内容は使いません',
      en: "the archive the hub handed out is not this request's: what was opened is not used",
    },
    { requestId },
  );
}

/** The hub handed out another file than the one asked for. */
export function anotherFile(asked: string, given: string): DomainError {
  return new DomainError(
    'SIGNATURE_INVALID',
    {
      ja: `ハブが、求めたファイル（${asked}）とは別のファイル（${given}）を渡しました。開封しません`,
      en: `the hub handed out another file (${given}) than the one asked for (${asked}): it is not opened`,
    },
    { fileId: asked },
  );
}

const SIGNED_IN = {
  answer: { ja: '署名された回答', en: 'the signed answer' },
  request: { ja: '署名された要請', en: 'the signed request' },
} satisfies Record<string, Bilingual>;

/** The file the hub names is not the one the signed answer (or request) names. */
export function fileNotAsSigned(fileId: string, fileName: string, signedIn: keyof typeof SIGNED_IN): DomainError {
  const s = SIGNED_IN[signedIn];
  const name = shownInput(fileName);
  return new DomainError(
    'SIGNATURE_INVALID',
    {
      ja: `ファイル「${name}」は、${s.ja}が記載するもの（SHA-256・種類・大きさ）と一致しません。開封しません`,
      en: `the file "${name}" is not the file ${s.en} names (its SHA-256, type or size differs): it is not opened`,
    },
    { fileId },
  );
}

/** A file's bytes do not hash to the SHA-256 (or have the size) named. */
export function fileBytesDiffer(fileId: string): DomainError {
  return new DomainError(
    'SIGNATURE_INVALID',
    {
      ja: `ファイル（${fileId}）の内容が、記載された SHA-256 と大きさに一致しません。このファイルではありません`,
      en: `the file ${fileId} does not match its SHA-256 and size: it is not the file named`,
    },
    { fileId },
  );
}

/** A file the signed answer (or request) does not name (or a request not signed yet). */
export function fileNotNamed(fileId: string, signedIn: keyof typeof SIGNED_IN): DomainError {
  const s = SIGNED_IN[signedIn];
  return new DomainError(
    'NOT_FOUND',
    {
      ja: `ファイル（${fileId}）は、${s.ja}に記載されていません`,
      en: `the file ${fileId} is not named in ${s.en}`,
    },
    { fileId },
  );
}

/**
 * An issued request whose signed envelope retention took from the hub (archived sealed to the requesting
 * unit, or purged): its files cannot be checked against what the approver signed, so none is opened.
 */
export function signedRequestRemoved(fileId: string): DomainError {
  return new DomainError(
    'PURGED',
    {
      ja:
        '保存期間を過ぎたため、署名された照会書はここから外されました（要請元所属に封緘して保管、または消去）。' +
        'ファイルをそれと照合できないため開封しません',
      en:
        'past its retention period, the signed request was taken from here (kept sealed to the requesting unit, ' +
        'or purged): the file cannot be checked against it, so it is not opened',
    },
    { fileId },
  );
}

/** Whether a refusal says that retention took what was asked for (not that anything differs). */
export const removedByRetention = (e: unknown): boolean => e instanceof DomainError && e.code === 'PURGED';

/** The answer's signature does not verify, so its files are not checked against it. */
export function answerUnverified(problem: Bilingual | null): DomainError {
  return new DomainError('SIGNATURE_INVALID', {
    ja: `回答の署名を確認できません${problem ? `（${problem.ja}）` : ''}。添付ファイルは照合していません`,
    en: `the answer's signature does not verify${problem ? ` (${problem.en})` : ''}: its files are not checked`,
  });
}

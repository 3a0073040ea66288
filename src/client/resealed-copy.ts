// Opening a box the hub handed out for this device (browser-safe: WebCrypto only), and, when it is a copy
// sealed again after its key was found compromised, checking what was opened against what the
// re-sealing device declared of it: the SHA-256 of the content, under a MAC keyed by the custody key the
// copy is sealed to. Anyone can seal to a public key, the hub too; only a holder of the private part can
// make that MAC, so a box the hub sealed in a copy's place, or a declaration it wrote, is refused here.
import { declarationHolds, openBox, unwrapCustodyKey, type WebKey } from '../crypto/device-seal.ts';
import { DomainError, isDomainError } from '../domain/errors.ts';
import type { Bilingual } from '../domain/vocabulary.ts';
import { sha256Hex } from './answer-seal.ts';

/** What the hub hands out for a device: a box sealed to a custody key, that key wrapped to the device. */
export interface CustodySealed {
  custodyKey: { id: string; publicKey: string; wrapped: unknown };
  sealed: unknown;
  /** For a copy sealed again: what the re-sealing device declared (null or absent: the original). */
  resealed?: { contentSha256: string; declarationTag: string | null } | null;
}

/** Which item a box is: what its copy's declaration names. */
export type ResealedItem = { kind: 'answer' | 'attachment' | 'archive' | 'notice'; itemId: string };

/** Each kind of item sealed again, in words. */
export const RESEALED_ITEM_WORDS: Record<ResealedItem['kind'], Bilingual> = {
  answer: { ja: '回答', en: 'answer' },
  attachment: { ja: '添付ファイル', en: 'file' },
  archive: { ja: '保管データ', en: 'archive' },
  notice: { ja: '提供の通知', en: 'provision notice' },
};

/** A refusal of this device's own (a copy not as declared), in both languages; null for any other error. */
export const deviceRefusal = (e: unknown): Bilingual | null => (isDomainError(e) ? e.messages : null);

function refused(item: ResealedItem, why: 'undeclared' | 'mismatch'): DomainError {
  const w = RESEALED_ITEM_WORDS[item.kind];
  const messages =
    why === 'undeclared'
      ? {
          ja:
            `この${w.ja}（${item.itemId}）は封緘し直された写しですが、封緘し直した端末の申告（内容の SHA-256 と鍵による証明）がありません。` +
            '開いた内容は使いません。漏えいした鍵を持つ端末で封緘し直してください',
          en:
            `this ${w.en} (${item.itemId}) is a copy sealed again, without the re-sealing device's declaration ` +
            "(the content's SHA-256 proven with the key): what was opened is not used; " +
            'seal it again on a device holding the compromised key',
        }
      : {
          ja:
            `この${w.ja}（${item.itemId}）の写しは、封緘し直した端末が申告した内容と一致しません（SHA-256 か鍵による証明が合いません）。` +
            'ハブが差し替えたおそれがあります。開いた内容は使いません',
          en:
            `this copy of the ${w.en} (${item.itemId}) is not what the re-sealing device declared ` +
            '(its SHA-256 or the proof made with the key does not match): ' +
            'the hub may have put another in its place; what was opened is not used',
        };
  return new DomainError('SIGNATURE_INVALID', messages, { field: 'resealed', value: item.itemId });
}

/**
 * Opens such a box here: the device unwraps the custody key, which opens the box bound to `aad`. A
 * copy sealed again opens only when its content has the SHA-256 its re-sealer declared and the
 * declaration carries that device's MAC under the same key (kind, item, context, key and SHA-256).
 */
export async function openCustodyBox(
  device: { id: string; publicKey: string; privateKey: WebKey },
  s: CustodySealed,
  aad: string,
  item: ResealedItem,
): Promise<Uint8Array> {
  const key = await unwrapCustodyKey(device, s.custodyKey.id, s.custodyKey.wrapped);
  const plain = await openBox(key, s.custodyKey.publicKey, s.sealed, aad);
  await checkCopy({ ...s.custodyKey, key }, plain, aad, item, s.resealed);
  return plain;
}

/**
 * Checks what was opened from a copy sealed again (nothing to check for an original: `resealed` null)
 * against its re-sealer's declaration under the key that opened it; throws, zeroing `plain`, if it is not.
 */
export async function checkCopy(
  k: { id: string; publicKey: string; key: WebKey },
  plain: Uint8Array,
  aad: string,
  item: ResealedItem,
  resealed: CustodySealed['resealed'],
): Promise<void> {
  if (!resealed) return;
  const contentSha256 = await sha256Hex(plain);
  const declared = { ...item, aad, keyId: k.id, contentSha256 };
  const why = !resealed.declarationTag
    ? 'undeclared'
    : contentSha256 !== resealed.contentSha256 ||
        !(await declarationHolds(k.key, k.publicKey, declared, resealed.declarationTag))
      ? 'mismatch'
      : null;
  if (why === null) return;
  plain.fill(0);
  throw refused(item, why);
}

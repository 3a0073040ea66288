import { coseKeyAlgorithm } from '../crypto/cose-key.ts';
import type { Bilingual } from '../domain/vocabulary.ts';
import type { DocumentData, DocumentSigner } from './model.ts';

// How a document names its signers: their role (a lawyer signs a civil disclosure as counsel, not as an
// approver) and the algorithm each one signed with — the unit's Ed25519 key, or a person's own passkey
// (WebAuthn: ECDSA P-256 mostly, Ed25519 or RSA on some authenticators). Browser-safe: the device renders too.

const b = (ja: string, en: string): Bilingual => ({ ja, en });

/** A signer's key as the document carries it: with an RP id it is a passkey's COSE_Key, else an Ed25519 key. */
type Key = Pick<DocumentSigner, 'publicKey' | 'rpId'>;

const PASSKEY_ALGORITHMS: Record<'ES256' | 'EdDSA' | 'RS256', string> = {
  ES256: 'ECDSA P-256',
  EdDSA: 'Ed25519',
  RS256: 'RSA PKCS#1 v1.5 SHA-256',
};

/** The algorithm a signer signed with, in words: `Ed25519`, or `ECDSA P-256 (WebAuthn passkey)`. */
export function signerAlgorithm(key: Key): Bilingual {
  if (key.rpId === undefined) return b('Ed25519', 'Ed25519');
  const alg = coseKeyAlgorithm(key.publicKey);
  const name = alg ? PASSKEY_ALGORITHMS[alg] : undefined;
  return name
    ? b(`${name}（WebAuthn の認証器）`, `${name} (WebAuthn passkey)`)
    : b('不明な方式（WebAuthn の認証器）', 'an unknown algorithm (WebAuthn passkey)');
}

/** The algorithm as the signature block prints it, in both languages: `ECDSA P-256（WebAuthn の認証器 / passkey）`. */
export function printedAlgorithm(key: Key): string {
  const words = signerAlgorithm(key);
  return words.ja === words.en
    ? words.ja
    : words.ja.replace('（WebAuthn の認証器）', '（WebAuthn の認証器 / passkey）');
}

/** Whether the request was filed by a lawyer (civil disclosure): its signer is counsel, not a unit head. */
export const signedByCounsel = (data: DocumentData): boolean => data.envelope.payload.kind === 'civil_disclosure';

/** A signer's role in words: a lawyer's request is signed by counsel and their office, others by approver and unit. */
export function signerRole(data: DocumentData, role: DocumentSigner['role'], counselSigns = true): Bilingual {
  if (role === 'court') return b('裁判所', 'court');
  if (counselSigns && signedByCounsel(data))
    return role === 'approver' ? b('代理人', 'counsel') : b('法律事務所', 'law office');
  return role === 'approver' ? b('決裁者', 'approver') : b('所属', 'unit');
}

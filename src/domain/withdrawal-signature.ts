import { z } from 'zod';
import { canonicalJson, sha256Hex } from '../crypto/canonical.ts';
import { type OwnerCheck, unpackOwnerSignature } from './attestation.ts';
import { keyCompromisedBy, keyRevokedBy, keyValidAt, type PublicKeyRecord, signingKeyOf } from './key-trust.ts';
import type { Bilingual } from './vocabulary.ts';

// The requesting office's withdrawal of a request (取下げ), signed with the withdrawing person's own
// passkey: the request, the digest of the reason as written and the instant, so that the addressed
// provider's installation can check it against that person's key in its pinned directory log rather than
// take the hub's word that the request was withdrawn. One payload and one check serve the hub (on every
// read of the request) and the provider's installation (offline, against its pin).

export const WITHDRAWAL_PURPOSE = 'request.withdrawal';

/** What the withdrawing person's passkey signs. */
export interface WithdrawalPayload {
  purpose: typeof WITHDRAWAL_PURPOSE;
  requestId: string;
  /** SHA-256 of the reason exactly as the provider reads it. */
  reasonDigest: string;
  /** When they withdrew it (UTC ISO with ms): the instant the preview fixed and the signature covers. */
  withdrawnAt: string;
}

export function withdrawalPayload(requestId: string, reason: string, withdrawnAt: string): WithdrawalPayload {
  return { purpose: WITHDRAWAL_PURPOSE, requestId, reasonDigest: sha256Hex(reason), withdrawnAt };
}

/** The digest the passkey signs (the WebAuthn challenge): SHA-256 of the canonical payload. */
export const withdrawalDigest = (p: WithdrawalPayload): string => sha256Hex(canonicalJson(p));

/** How long a withdrawal's preview may be signed and sent: after that it is stale and made again. */
export const WITHDRAWAL_SIGNING_WINDOW_MS = 5 * 60 * 1000;

/** The signature a withdrawal carries, as the hub stores and shows it: the key and the packed assertion (wa1). */
export const WithdrawalSignatureSchema = z.strictObject({
  keyId: z.string().min(1).max(200),
  signature: z.string().min(1).max(20000),
});
export type WithdrawalSignature = z.infer<typeof WithdrawalSignatureSchema>;

/**
 * Whether a withdrawal's signature verifies: `verified`; `failed` (anything does not match: the reason,
 * the request, the time, another person's or organisation's key, a key not valid then or revoked);
 * `unsigned` (withdrawn without a passkey: the hub's word only); `key_unknown` (the key it names is not
 * among the keys the checker holds — for an installation, not in its pinned log).
 */
export const WITHDRAWAL_VERDICTS = ['verified', 'failed', 'unsigned', 'key_unknown'] as const;
export type WithdrawalVerdict = (typeof WITHDRAWAL_VERDICTS)[number];

/** What a withdrawal is checked against: the request as the checker knows it, and the instant of the check. */
export interface WithdrawalContext {
  requestId: string;
  /** The requesting office: the signer's key must be one of its people's. */
  agencyOrganisationId: string;
  /** When the request was issued: a withdrawal signed before it is not one of this request. */
  issuedAt: string | null;
  /** Now: a withdrawal dated later (beyond the skew) is refused, and a key compromised by now voids it. */
  now: string;
}

const SKEW_MS = 5 * 60 * 1000;

/** The check of a withdrawal as the hub gives it: the words and instant, and the signature (null: unsigned). */
export function withdrawalVerdict(
  w: { reason: string; at: string; signature: WithdrawalSignature | null },
  key: PublicKeyRecord | undefined,
  on: WithdrawalContext,
  verifyOwner: OwnerCheck,
): WithdrawalVerdict {
  if (!w.signature) return 'unsigned';
  if (!key) return 'key_unknown';
  const own = unpackOwnerSignature(w.signature.signature);
  const at = Date.parse(w.at);
  if (key.id !== w.signature.keyId || !own || Number.isNaN(at)) return 'failed';
  const iso = new Date(at).toISOString();
  if (on.issuedAt !== null && iso < new Date(on.issuedAt).toISOString()) return 'failed';
  if (at > Date.parse(on.now) + SKEW_MS) return 'failed';
  const digest = withdrawalDigest(withdrawalPayload(on.requestId, w.reason, iso));
  const trusted =
    signingKeyOf(key, { ownerType: 'user', organisationId: on.agencyOrganisationId }) &&
    keyValidAt(key, iso) &&
    !keyRevokedBy(key, iso) &&
    !keyCompromisedBy(key, on.now);
  return trusted && verifyOwner(key, digest, { credentialId: key.credential?.id ?? '', ...own })
    ? 'verified'
    : 'failed';
}

/** Each verdict in words (ja/en), for the hub's pages and the provider's installation. */
export const WITHDRAWAL_VERDICT_TEXTS: Record<WithdrawalVerdict, Bilingual> = {
  verified: {
    ja: '取下げは依頼元の担当者の認証器（パスキー）で署名され、その署名を検証しました',
    en: "the withdrawal is signed with the withdrawing person's own passkey, and the signature verifies",
  },
  failed: {
    ja: '取下げの署名を検証できません（理由・要請・日時・署名者のいずれかが署名と一致しません）',
    en: 'the signature on the withdrawal does not verify (the reason, request, time or signer does not match it)',
  },
  unsigned: {
    ja: '取下げは署名されていません（パスキーなしの取下げ）。ハブの記録のみです',
    en: "the withdrawal is not signed (withdrawn without a passkey): the hub's word only",
  },
  key_unknown: {
    ja: '取下げに署名した鍵が固定済みディレクトリのログにありません。検証できません（ハブの記録のみ）',
    en: "the key that signed the withdrawal is not in the pinned directory log: unverified (the hub's word only)",
  },
};

import { canonicalJson, sha256Hex } from '../crypto/canonical.ts';
import { judgeSignatureVerifies, type OwnerCheck, unpackOwnerSignature } from './attestation.ts';
import type { PublicKeyRecord } from './key-trust.ts';
import type { FinalPeriod, SuitPeriod } from './objection-period.ts';
import type { ObjectionParty } from './vocabulary.ts';

// What a judge signs with his passkey when he records how an issued disclosure order stands after it
// was made: that an objection suit (異議の訴え) was filed, that the order became final without one (確定),
// and how the suit ended (./order-set-aside.ts). Each payload names the order (the hub's id and the
// digest of the order as he signed it) and its court; one check serves the three records.

export const OBJECTION_FILED_PURPOSE = 'disclosure-order.objection-filed';
export const ORDER_FINAL_PURPOSE = 'disclosure-order.final';

/** The order a record is about: the hub's id, the digest of the order the judge signed, its court. */
interface OrderRef {
  orderId: string;
  orderDigest: string;
  courtOrganisationId: string;
}

/**
 * That a party brought an objection suit against the order: when, who, the suit's case number, and (signed
 * since migration 071; absent from a record signed before) the days its month is counted from.
 */
export interface ObjectionFiledPayload extends OrderRef {
  purpose: typeof OBJECTION_FILED_PURPOSE;
  filedAt: string;
  by: ObjectionParty;
  caseNumber: string;
  period?: SuitPeriod;
}

/**
 * That the order became final without an objection suit, and when; with (since migration 071) the day each
 * party was notified and the holidays its month is counted over.
 */
export interface OrderFinalPayload extends OrderRef {
  purpose: typeof ORDER_FINAL_PURPOSE;
  finalAt: string;
  period?: FinalPeriod;
}

/** The digest a judge's passkey signs for a record: SHA-256 of the canonical payload. */
export const judgeRecordDigest = (payload: { purpose: string }): string => sha256Hex(canonicalJson(payload));

/** Whether a record's signature verifies under the judge's key, or the record was made before it was signed. */
export const RECORD_SIGNATURES = ['verified', 'failed', 'unsigned'] as const;
export type RecordSignature = (typeof RECORD_SIGNATURES)[number];

/**
 * The hub's verdict on a judge's record it shows: as `RecordSignature`, `not_in_log` when the key the
 * signature names is not in the hub's signed directory log (a key row alone counts for nothing), or
 * `not_judge` when the signature verifies but its signer held no judge's role at the court when he signed,
 * by that log (never a judge there, or his role had ended: moved to another court).
 */
export const HUB_RECORD_SIGNATURES = [...RECORD_SIGNATURES, 'not_in_log', 'not_judge'] as const;
export type HubRecordSignature = (typeof HUB_RECORD_SIGNATURES)[number];

/**
 * Whether the judge's packed passkey signature `signed` over `digest` verifies: `key` is the key it
 * names, a judge's own signing credential of the order's court, valid and not revoked at `at` (when he
 * signed it), and its assertion signs exactly this digest. No signature: `unsigned` (a record made before
 * such records were signed); anything missing or not matching: `failed`.
 */
export function judgeRecordSignature(
  signed: { keyId: string; signature: string } | null,
  key: PublicKeyRecord | undefined,
  courtOrganisationId: string,
  at: string | null,
  digest: string,
  verifyOwner: OwnerCheck,
): RecordSignature {
  if (!signed) return 'unsigned';
  const own = unpackOwnerSignature(signed.signature);
  const when = at === null ? Number.NaN : Date.parse(at);
  if (!key || key.id !== signed.keyId || !own || Number.isNaN(when)) return 'failed';
  const iso = new Date(when).toISOString();
  return judgeSignatureVerifies(key, courtOrganisationId, iso, digest, own, verifyOwner) ? 'verified' : 'failed';
}

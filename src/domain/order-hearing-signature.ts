import { canonicalJson, sha256Hex } from '../crypto/canonical.ts';
import type { HeardParty, HearingManner } from './vocabulary.ts';

// What a judge signs with his own passkey when he records that a party was heard on a disclosure-order
// application (陳述聴取), and when he withdraws such a record made by mistake: a statement over the hearing's
// content, naming the application and the court it is before. A withdrawal names the record it withdraws by
// that record's digest, so it cannot be moved onto another hearing. Pure: built from stored columns when
// signing and when reading, so what was signed and what is checked cannot drift.

export const HEARING_RECORDED_PURPOSE = 'disclosure-order.hearing-recorded';
export const HEARING_WITHDRAWN_PURPOSE = 'disclosure-order.hearing-withdrawn';

/** The application a hearing is about: the hub's id, its reference, the court it is before. */
export interface HearingApplicationRef {
  applicationId: string;
  reference: string;
  courtOrganisationId: string;
}

/** That a party was heard: who, when (the instant, UTC with its `Z` offset), how, and the note. */
export interface HearingRecordedPayload extends HearingApplicationRef {
  purpose: typeof HEARING_RECORDED_PURPOSE;
  party: HeardParty;
  heardAt: string;
  manner: HearingManner;
  note: string;
}

/** That the record of a hearing (named by its digest) is withdrawn, and why. */
export interface HearingWithdrawnPayload extends HearingApplicationRef {
  purpose: typeof HEARING_WITHDRAWN_PURPOSE;
  hearingDigest: string;
  reason: string;
}

/** The digest a judge's passkey signs for a hearing's record or its withdrawal: SHA-256 of the canonical payload. */
export const hearingDigest = (payload: HearingRecordedPayload | HearingWithdrawnPayload): string =>
  sha256Hex(canonicalJson(payload));

/**
 * The hub's verdict on a judge's signature over a hearing's record or its withdrawal, checked whenever it is
 * shown or counted: `unsigned` (recorded before hearings were signed), `failed` (the signature does not verify
 * over the stored record under the key it names, the key was revoked as compromised, or the instant the hub stored
 * does not fit the record), `copy` (it verifies, but the record is a copy of one already counted or withdrawn),
 * `not_judge` (it verifies, but its
 * signer held no judge's role at the court when he signed), `not_in_log` (the key it names is not in the hub's
 * signed directory log, whatever the keys table holds). Only `verified` counts.
 */
export const HEARING_SIGNATURES = ['verified', 'failed', 'unsigned', 'not_judge', 'not_in_log', 'copy'] as const;
export type HearingSignature = (typeof HEARING_SIGNATURES)[number];

import { canonicalJson, sha256Hex } from '../crypto/canonical.ts';
import type { CourtOrder } from './civil-disclosure.ts';
import type { Target } from './targets.ts';
import type { SenderInformation } from './vocabulary.ts';

// A court's sender-information disclosure order (発信者情報開示命令) issued in the system: what the judge
// signs with his own passkey (the same wa1 owner-signature format as a warrant's attestation, under its
// own purpose string), and the check a provider makes of it.

export const DISCLOSURE_ORDER_PURPOSE = 'disclosure-order';

/**
 * What the judge attests: the order (court, case number, time, operative part) and exactly whom it
 * binds for what — the law office presenting it, the provider, the claimant, the posts and the sender
 * information — so it cannot be presented by another office, to another provider, or for other posts.
 */
export interface DisclosureOrderPayload {
  purpose: typeof DISCLOSURE_ORDER_PURPOSE;
  courtOrganisationId: string;
  caseNumber: string;
  orderedAt: string;
  content: string;
  lawOfficeOrganisationId: string;
  providerOrganisationId: string;
  claimant: string;
  targets: Target[];
  senderInformation: SenderInformation[];
}

export function disclosureOrderDigest(payload: DisclosureOrderPayload): string {
  return sha256Hex(canonicalJson(payload));
}

/** The payload a civil request's court order stands for, as the provider rebuilds it from the request. */
export function disclosureOrderPayloadOf(
  order: CourtOrder,
  request: {
    lawOfficeOrganisationId: string;
    providerOrganisationId: string;
    claimant: string;
    targets: Target[];
    senderInformation: readonly SenderInformation[];
  },
): DisclosureOrderPayload {
  return {
    purpose: DISCLOSURE_ORDER_PURPOSE,
    courtOrganisationId: order.courtOrganisationId,
    caseNumber: order.caseNumber,
    orderedAt: order.orderedAt,
    content: order.content,
    lawOfficeOrganisationId: request.lawOfficeOrganisationId,
    providerOrganisationId: request.providerOrganisationId,
    claimant: request.claimant,
    targets: request.targets,
    senderInformation: [...request.senderInformation],
  };
}

import { canonicalJson, sha256Hex } from '../crypto/canonical.ts';
import { judgeOrderVerifies, type OwnerCheck } from './attestation.ts';
import type { PublicKeyRecord } from './key-trust.ts';
import type { Target } from './targets.ts';
import type { AncillaryOrderType } from './vocabulary.ts';

// The orders a court makes beside a disclosure order while its case is pending (付随命令 of the Act):
// a provision order (提供命令, art. 15) and an erasure-prohibition order (消去禁止命令, art. 16). The judge
// signs each with his own passkey in the wa1 format of warrants and disclosure orders, under a purpose
// of its own per type, so neither can pass for the other nor for a disclosure order.

export const ANCILLARY_ORDER_PURPOSES: Readonly<Record<AncillaryOrderType, string>> = {
  provision: 'provision-order',
  erasure_prohibition: 'erasure-prohibition-order',
};

/**
 * What the judge attests: the order (court, case number, time, operative part), the case it belongs
 * to (the disclosure-order application), the applying office, the provider it binds and the posts.
 */
export interface AncillaryOrderPayload {
  purpose: string;
  courtOrganisationId: string;
  caseNumber: string;
  orderedAt: string;
  content: string;
  applicationId: string;
  lawOfficeOrganisationId: string;
  providerOrganisationId: string;
  targets: Target[];
}

/**
 * The additional data a provision notice is sealed under: its id, so a box cannot pass for another
 * notice. The hub and a content provider's own installation seal under the same.
 */
export { provisionNoticeAad } from './provision-notice.ts';

export function ancillaryOrderPayload(
  type: AncillaryOrderType,
  order: Omit<AncillaryOrderPayload, 'purpose'>,
): AncillaryOrderPayload {
  return { purpose: ANCILLARY_ORDER_PURPOSES[type], ...order };
}

export function ancillaryOrderDigest(payload: AncillaryOrderPayload): string {
  return sha256Hex(canonicalJson(payload));
}

/** The form of a provision plan's digest: the second binds the order (the first, before 2026-12-05, did not). */
export const PROVISION_PLAN_FORM = 'shokai/provision-plan/2';

/**
 * The digest of a provision order's plan as a reviewer confirms it: the order it is for (its id, its
 * reference and the digest of what the judge signed) and each communication with the access provider it
 * would be sealed to. A plan confirmed for one order is not the plan of another, even with the same lines.
 */
export function provisionPlanDigest(
  order: { id: string; reference: string; signed: AncillaryOrderPayload },
  communications: ReadonlyArray<{
    address: string;
    port?: number | undefined;
    at: string;
    accessProviderId: string | null;
  }>,
): string {
  return sha256Hex(
    canonicalJson({
      form: PROVISION_PLAN_FORM,
      orderId: order.id,
      orderReference: order.reference,
      order: ancillaryOrderDigest(order.signed),
      communications: communications.map((c) => [c.address, c.port ?? null, c.at, c.accessProviderId]),
    }),
  );
}

/**
 * Whether the judge's signature over an ancillary order verifies, as the provider it binds checks it:
 * the key is a judge's own credential of the named court, valid and not revoked when the order was
 * made, and its assertion signs the digest of exactly this payload.
 */
export function ancillaryOrderVerifies(
  payload: AncillaryOrderPayload,
  attestation: { keyId: string; signature: string },
  judgeKey: PublicKeyRecord | undefined,
  verifyOwner: OwnerCheck,
): boolean {
  return judgeOrderVerifies(payload, ancillaryOrderDigest(payload), attestation, judgeKey, verifyOwner);
}

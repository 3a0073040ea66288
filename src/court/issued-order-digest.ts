import {
  type DisclosureOrderPayload,
  disclosureOrderDigest,
  disclosureOrderPayloadOf,
} from '../domain/disclosure-order.ts';
import type { Target } from '../domain/targets.ts';
import type { SenderInformation } from '../domain/vocabulary.ts';
import type { DisclosureOrderApplicationRow } from '../store/schema.ts';

// The order a judge signs for a disclosure-order application: the payload his passkey signs when he
// issues it, and its digest, which every later record about the order (its objection suit, finality,
// set-aside) names.

/** The order as the judge would issue it for this application: the payload his passkey signs. */
export function orderPayload(
  row: DisclosureOrderApplicationRow,
  order: { caseNumber: string; orderedAt: string; content: string },
): DisclosureOrderPayload {
  return disclosureOrderPayloadOf(
    { type: 'disclosure_order', courtOrganisationId: row.court_organisation_id, ...order },
    {
      lawOfficeOrganisationId: row.law_office_organisation_id,
      providerOrganisationId: row.provider_organisation_id,
      claimant: row.claimant,
      targets: JSON.parse(row.targets) as Target[],
      senderInformation: JSON.parse(row.sender_information) as SenderInformation[],
    },
  );
}

/** The digest of the order as the judge signed it when issuing it (an issued row). */
export function issuedOrderDigest(row: DisclosureOrderApplicationRow): string {
  const order = {
    caseNumber: row.case_number ?? '',
    orderedAt: row.ordered_at ?? '',
    content: row.order_content ?? '',
  };
  return disclosureOrderDigest(orderPayload(row, order));
}

/** How every later record about an issued order names it: the hub's id, the digest above, its court. */
export function issuedOrderRef(row: DisclosureOrderApplicationRow) {
  return { orderId: row.id, orderDigest: issuedOrderDigest(row), courtOrganisationId: row.court_organisation_id };
}

import { issuedOrderDigest } from '../court/issued-order-digest.ts';
import { groundOf, type OrderSetAsideEntry, reasonDigestOf } from '../domain/order-set-aside.ts';
import type { Db, Tx } from '../store/database.ts';
import { type SetAsideRow, setAsideRows } from './order-set-aside.repository.ts';

// The directory log's entries of disclosure orders set aside on an objection suit
// (../domain/order-set-aside.ts): each enters when the judge recorded it, and never moves.

function entryOf({ order, standing: s }: SetAsideRow): OrderSetAsideEntry {
  return {
    type: 'order.set_aside',
    at: s.set_aside_logged_at ?? s.updated_at,
    orderId: order.id,
    orderDigest: issuedOrderDigest(order),
    courtOrganisationId: order.court_organisation_id,
    setAsideAt: s.outcome_at ?? '',
    ground: groundOf(s.set_aside_ground),
    reasonDigest: reasonDigestOf(s.outcome_reason ?? ''),
    attestation:
      s.outcome_key_id && s.outcome_signature ? { keyId: s.outcome_key_id, signature: s.outcome_signature } : null,
  };
}

export async function setAsideEntries(db: Db | Tx): Promise<OrderSetAsideEntry[]> {
  return (await setAsideRows(db)).map(entryOf);
}

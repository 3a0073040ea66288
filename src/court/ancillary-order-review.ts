import type { Principal } from '../domain/access.ts';
import { ancillaryOrderDigest } from '../domain/ancillary-order.ts';
import { parseOrThrow } from '../domain/validation.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import { type AncillaryOrder, ancillaryPayloadOf, toAncillaryView } from './ancillary-order-models.ts';
import { ANCILLARY_ORDERS, AncillaryReasonInput, ancillaryOn, holdForOrder, liftOrder } from './ancillary-orders.ts';
import {
  checkOrderedAt,
  issueSignedOrder,
  moveToDeclined,
  signingPreviewOf,
  wrongApplicationState,
} from './application-kind.ts';
import { DeclineOrderApplicationInput, IssueOrderInput } from './disclosure-order-review.ts';

// Ancillary orders, the court's part: a judge of the court declines with a reason, or issues the order
// with his own passkey over its digest (its own purpose per type: 'provision-order',
// 'erasure-prohibition-order'); issuing an erasure-prohibition places the retention hold. The judge
// declares an order in force ceased when the case ends otherwise than by a decline or a withdrawal.

/** A judge declines the application, with the reason the lawyer reads. */
export async function declineAncillaryOrder(
  uow: UnitOfWork,
  p: Principal,
  id: string,
  raw: unknown,
): Promise<AncillaryOrder> {
  const { row, main } = await ancillaryOn(uow, p, id, 'court');
  const { reason } = parseOrThrow(DeclineOrderApplicationInput, raw);
  const moved = await moveToDeclined(uow, p, ANCILLARY_ORDERS, row, ['filed'], reason, 'ancillary_order.declined');
  return toAncillaryView(uow, p, moved, main, 'court');
}

/** The order the judge is about to issue, checked, and the digest his passkey signs. */
async function issueInput(uow: UnitOfWork, p: Principal, id: string, raw: unknown) {
  const { row, main } = await ancillaryOn(uow, p, id, 'court');
  const input = parseOrThrow(IssueOrderInput, raw);
  if (row.state !== 'filed') throw wrongApplicationState(ANCILLARY_ORDERS, row, ['filed']);
  checkOrderedAt(input.orderedAt, row.filed_at, uow.now);
  const payload = ancillaryPayloadOf(row, main, input);
  return { row, main, input, payload, digest: ancillaryOrderDigest(payload) };
}

/** What the judge is about to sign: the canonical order and the digest. */
export const ancillaryIssuePreview = signingPreviewOf(issueInput);

/** The judge issues the order with his own passkey; an erasure-prohibition holds the data from now. */
export async function issueAncillaryOrder(
  uow: UnitOfWork,
  p: Principal,
  id: string,
  raw: unknown,
): Promise<AncillaryOrder> {
  const { row, main, input, digest } = await issueInput(uow, p, id, raw);
  const moved = await issueSignedOrder(uow, p, ANCILLARY_ORDERS, row, input, digest, 'ancillary_order.issued', {
    type: row.type,
  });
  await holdForOrder(uow, moved, main);
  return toAncillaryView(uow, p, moved, main, 'court');
}

/** The judge records that an order in force ceased: its case ended (e.g. the decision became final). */
export async function liftAncillaryOrder(
  uow: UnitOfWork,
  p: Principal,
  id: string,
  raw: unknown,
): Promise<AncillaryOrder> {
  const { row, main } = await ancillaryOn(uow, p, id, 'court');
  const { reason } = parseOrThrow(AncillaryReasonInput, raw);
  if (row.state !== 'issued') throw wrongApplicationState(ANCILLARY_ORDERS, row, ['issued']);
  return toAncillaryView(uow, p, await liftOrder(uow, p, row, reason), main, 'court');
}

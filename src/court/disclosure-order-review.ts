import { z } from 'zod';
import { AssertionInput } from '../directory/credentials.ts';
import { type Principal, requirePermission } from '../domain/access.ts';
import { disclosureOrderDigest } from '../domain/disclosure-order.ts';
import { DomainError } from '../domain/errors.ts';
import { InstantSchema } from '../domain/instant.ts';
import { parseOrThrow, text } from '../domain/validation.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import { CASE_ENDED, endAncillaryOrdersOf } from './ancillary-orders.ts';
import { checkOrderedAt, issueSignedOrder, moveToDeclined, signingPreviewOf } from './application-kind.ts';
import { findIssuedCaseNumber } from './disclosure-order.repository.ts';
import { requireHeardBeforeOrder } from './disclosure-order-hearing.ts';
import type { DisclosureOrderApplication } from './disclosure-order-models.ts';
import { toView } from './disclosure-order-views.ts';
import { ORDER_APPLICATIONS, onSide, wrongState } from './disclosure-orders.ts';
import { orderPayload } from './issued-order-digest.ts';
import { holdApplicationForHearings } from './order-hearing.repository.ts';

// Disclosure-order applications, the court's part: a judge of the addressed court declines with a
// reason, or issues the order signed with his own passkey — the judge's credential and the wa1
// signature of warrant attestations, over the order's digest (purpose 'disclosure-order'). The
// server holds no key to sign for the court.

export const DeclineOrderApplicationInput = z.strictObject({ reason: text(1, 5000) });
export const IssueOrderInput = z.strictObject({
  /** The court's case number (e.g. 令和8年(発チ)第10123号). */
  caseNumber: text(1, 100),
  /** When the order is made: an instant with its offset, not in the future. */
  orderedAt: InstantSchema,
  /** The operative part (主文). */
  content: text(1, 5000),
  /** The judge's own credential's assertion over the order digest (from the preview). */
  assertion: AssertionInput.optional(),
});

/** A judge declines the application, with the reason the lawyer reads. */
export async function declineOrderApplication(
  uow: UnitOfWork,
  p: Principal,
  id: string,
  raw: unknown,
): Promise<DisclosureOrderApplication> {
  requirePermission(p, 'disclosure_order.decide');
  const row = await onSide(uow, p, id, 'court');
  const { reason } = parseOrThrow(DeclineOrderApplicationInput, raw);
  const moved = await moveToDeclined(uow, p, ORDER_APPLICATIONS, row, ['filed'], reason, 'disclosure_order.declined');
  await endAncillaryOrdersOf(uow, p, row.id, CASE_ENDED.declined);
  return toView(uow, p, moved, 'court');
}

/**
 * The order the judge is about to issue, checked: not in the future, not before the filing, the provider
 * heard by then, a free case number.
 */
async function issueInput(uow: UnitOfWork, p: Principal, id: string, raw: unknown) {
  requirePermission(p, 'disclosure_order.decide');
  // The application held before it and its hearings are read: a withdrawal under way is waited for and seen
  // (it holds the same row), and none starts before the order is issued (order-hearing.repository.ts).
  await holdApplicationForHearings(uow.tx, uow.dialect, id);
  const row = await onSide(uow, p, id, 'court');
  const input = parseOrThrow(IssueOrderInput, raw);
  if (row.state !== 'filed') throw wrongState(row, ['filed']);
  checkOrderedAt(input.orderedAt, row.filed_at, uow.now);
  // The court hears the respondent before it grants the order (陳述聴取); a decline is not held for it.
  await requireHeardBeforeOrder(uow, row, input.orderedAt);
  const taken = await findIssuedCaseNumber(uow.tx, row.court_organisation_id, input.caseNumber);
  if (taken && taken.id !== row.id) {
    throw new DomainError(
      'CONFLICT',
      {
        ja: `事件番号 ${input.caseNumber} は既に別の申立て（${taken.reference}）に使われています`,
        en: `case number ${input.caseNumber} was already given to another application (${taken.reference})`,
      },
      { field: 'caseNumber', value: input.caseNumber },
    );
  }
  const payload = orderPayload(row, input);
  return { row, input, payload, digest: disclosureOrderDigest(payload) };
}

/** What the judge is about to sign: the canonical order and the digest his passkey signs. */
export const orderIssuePreview = signingPreviewOf(issueInput);

/** The judge issues the order with his own passkey; the server holds no key to sign for the court. */
export async function issueOrder(
  uow: UnitOfWork,
  p: Principal,
  id: string,
  raw: unknown,
): Promise<DisclosureOrderApplication> {
  const { row, input, digest } = await issueInput(uow, p, id, raw);
  const moved = await issueSignedOrder(uow, p, ORDER_APPLICATIONS, row, input, digest, 'disclosure_order.issued');
  return toView(uow, p, moved, 'court');
}

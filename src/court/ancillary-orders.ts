import { z } from 'zod';
import { can, disclosureOrderSide, type Permission, type Principal, requirePermission } from '../domain/access.ts';
import { hubNotJudgeMessage } from '../domain/attestation.ts';
import { DomainError } from '../domain/errors.ts';
import { PROVISION_PERMISSION } from '../domain/provision-notice.ts';
import { shownInput } from '../domain/shown-text.ts';
import type { Target } from '../domain/targets.ts';
import { parseOrThrow, text } from '../domain/validation.ts';
import {
  ANCILLARY_ORDER_STATE_LABELS,
  ANCILLARY_ORDER_TYPE_LABELS,
  ANCILLARY_ORDER_TYPES,
  type AncillaryOrderState,
  type Bilingual,
  withArticle,
} from '../domain/vocabulary.ts';
import { liftHolds, placeHold } from '../exchange/holds.ts';
import { newId } from '../kernel/ids.ts';
import { KeepChanges, type UnitOfWork } from '../kernel/unit-of-work.ts';
import type { AncillaryOrderApplicationRow, DisclosureOrderApplicationRow } from '../store/schema.ts';
import { STORED, storedValuesKnown } from '../store/stored-values.ts';
import {
  ancillaryOrdersOfCase,
  findAncillaryOrder,
  insertAncillaryOrder,
  listAncillaryOrderRows,
} from './ancillary-order.repository.ts';
import {
  type AncillaryOrder,
  type AncillarySide,
  signatureProblem,
  toAncillaryView,
} from './ancillary-order-models.ts';
import {
  type ApplicationKind,
  insertNewApplication,
  loadApplicationOf,
  moveApplication,
  moveToWithdrawn,
  NOTHING_ORDERED,
} from './application-kind.ts';
import { findOrderApplication } from './disclosure-order.repository.ts';

// Ancillary orders (付随命令) of a disclosure-order case: the lawyer applies, within the pending case, for
// a provision order (提供命令, art. 15) or an erasure-prohibition order (消去禁止命令, art. 16) against the
// case's respondent; a judge of the court declines it or issues it with his own passkey
// (./ancillary-order-review.ts); the provider bound receives it after checking the judge's signature.
// An erasure-prohibition places a retention hold on the provider's data about the posts until the
// order ceases: when the case ends (the application declined or withdrawn, or the court says so).

export const AncillaryOrderInput = z.strictObject({
  type: z.enum(ANCILLARY_ORDER_TYPES),
  /** Why the order is needed (the 疎明: e.g. the access provider keeps its logs only for months). */
  reasons: text(1, 5000),
});
export const AncillaryReasonInput = z.strictObject({ reason: text(1, 2000) });

export const HOLD_SOURCE = 'ancillary_order';

/** Ancillary orders as the court's shared application rules see them. */
export const ANCILLARY_ORDERS: ApplicationKind<AncillaryOrderApplicationRow, AncillaryOrderState, AncillarySide> = {
  noun: { ja: '付随命令', en: 'ancillary order' },
  stateLabels: ANCILLARY_ORDER_STATE_LABELS,
  subjectType: 'ancillary_order',
  numbering: { newId: () => newId('aord'), series: 'ancillary-order', referencePrefix: 'AO' },
  insert: insertAncillaryOrder,
  find: findAncillaryOrder,
  table: 'ancillary_order_applications',
  sideOf: (p, row) => {
    const side = disclosureOrderSide(p, {
      lawOfficeOrganisationId: row.law_office_organisation_id,
      courtOrganisationId: row.court_organisation_id,
    });
    if (side) return side;
    // The provider bound sees the order once it is issued — never the application or its reasons.
    const bound =
      p.organisationKind === 'provider' &&
      p.organisationId === row.provider_organisation_id &&
      (row.state === 'issued' || row.state === 'lifted') &&
      can(p, 'request.answer');
    return bound ? 'provider' : null;
  },
};

/** The permission each side acts on an ancillary order with. */
const SIDE_PERMISSION = {
  office: 'disclosure_order.apply',
  court: 'disclosure_order.decide',
  provider: PROVISION_PERMISSION,
} as const satisfies Record<AncillarySide, Permission>;

/**
 * The order, its case and the viewer's side; for an act of `side`, the caller needs that side's
 * permission, and it is FORBIDDEN when the caller stands on another side.
 */
export async function ancillaryOn(uow: UnitOfWork, p: Principal, id: string, side?: AncillarySide) {
  if (side) requirePermission(p, SIDE_PERMISSION[side]);
  const loaded = await loadApplicationOf(uow, ANCILLARY_ORDERS, p, id);
  if (side && loaded.side !== side) {
    throw new DomainError(
      'FORBIDDEN',
      {
        ja: 'この操作はこの命令の当事者のうち別の者が行います',
        en: 'another party to this order does this',
      },
      { field: 'id', value: id },
    );
  }
  const main = await findOrderApplication(uow.tx, loaded.row.application_id);
  if (!main) throw new DomainError('NOT_FOUND', { ja: '本案が見つかりません', en: 'the case was not found' });
  return { ...loaded, main };
}

/**
 * The lawyer applies for an ancillary order within a pending disclosure-order case (the case must be
 * before the court): numbered AO-YYYY-NNNNNN, against the case's respondent. One of each type per case
 * while one is pending or in force.
 */
export async function fileAncillaryOrder(
  uow: UnitOfWork,
  p: Principal,
  applicationId: string,
  raw: unknown,
): Promise<AncillaryOrder> {
  requirePermission(p, 'disclosure_order.apply');
  const main = await findOrderApplication(uow.tx, applicationId);
  const side = main
    ? disclosureOrderSide(p, {
        lawOfficeOrganisationId: main.law_office_organisation_id,
        courtOrganisationId: main.court_organisation_id,
      })
    : null;
  if (!main || side !== 'office') {
    throw new DomainError(
      'NOT_FOUND',
      {
        ja: `開示命令の申立て ${shownInput(applicationId)} は存在しません`,
        en: `disclosure order application ${shownInput(applicationId)} does not exist`,
      },
      { field: 'id', value: applicationId },
    );
  }
  const input = parseOrThrow(AncillaryOrderInput, raw);
  if (main.state !== 'filed') {
    throw new DomainError(
      'ILLEGAL_TRANSITION',
      {
        ja: `${ANCILLARY_ORDER_TYPE_LABELS[input.type].ja}は本案（${main.reference}）が審理中のときのみ申し立てられます`,
        en:
          `${withArticle(ANCILLARY_ORDER_TYPE_LABELS[input.type].en.toLowerCase())} ` +
          `is applied for only while the case (${main.reference}) is before the court`,
      },
      { field: 'state', value: main.state },
    );
  }
  const existing = (await ancillaryOrdersOfCase(uow.tx, main.id)).find(
    (o) => o.type === input.type && (o.state === 'filed' || o.state === 'issued'),
  );
  if (existing) {
    throw new DomainError(
      'CONFLICT',
      {
        ja: `この事件には既に${ANCILLARY_ORDER_TYPE_LABELS[input.type].ja}（${existing.reference}）があります`,
        en:
          `this case already has ` +
          `${withArticle(ANCILLARY_ORDER_TYPE_LABELS[input.type].en.toLowerCase())} (${existing.reference})`,
      },
      { field: 'type', value: input.type },
    );
  }
  const row = await insertNewApplication(
    uow,
    p,
    ANCILLARY_ORDERS,
    {
      type: input.type,
      application_id: main.id,
      law_office_organisation_id: main.law_office_organisation_id,
      court_organisation_id: main.court_organisation_id,
      provider_organisation_id: main.provider_organisation_id,
      state: 'filed',
      reasons: input.reasons,
      filed_by: p.id,
      filed_at: uow.now.toISOString(),
      ...NOTHING_ORDERED,
      received_by: null,
      received_at: null,
      lifted_at: null,
      lift_reason: null,
      provided_at: null,
      provision_outcome: null,
    },
    'ancillary_order.filed',
  );
  return toAncillaryView(uow, p, row, main, 'office');
}

/** The orders of a side: the office's, those before the court, or (a provider) those issued to it. */
export async function listAncillaryOrders(uow: UnitOfWork, p: Principal): Promise<AncillaryOrder[]> {
  const side: AncillarySide =
    p.organisationKind === 'court' ? 'court' : p.organisationKind === 'provider' ? 'provider' : 'office';
  requirePermission(p, SIDE_PERMISSION[side]);
  const rows = await listAncillaryOrderRows(uow.tx, { side, organisationId: p.organisationId, limit: 200 });
  const out: AncillaryOrder[] = [];
  for (const r of rows) {
    // A row whose type or state this version does not know is left out of a list (and logged).
    const known = storedValuesKnown(r.id, [STORED.ancillaryOrderType, r.type], [STORED.ancillaryOrderState, r.state]);
    const main = known ? await findOrderApplication(uow.tx, r.application_id) : undefined;
    if (main) out.push(await toAncillaryView(uow, p, r, main, side));
  }
  return out;
}

/** One order; every read is audited. */
export async function getAncillaryOrder(uow: UnitOfWork, p: Principal, id: string): Promise<AncillaryOrder> {
  const { row, side, main } = await ancillaryOn(uow, p, id);
  await uow.auditBy(p, 'ancillary_order.viewed', ['ancillary_order', row.id], { reference: row.reference, side });
  return toAncillaryView(uow, p, row, main, side);
}

/** The office withdraws its application before the court decides. */
export async function withdrawAncillaryOrder(
  uow: UnitOfWork,
  p: Principal,
  id: string,
  raw: unknown,
): Promise<AncillaryOrder> {
  const { row, main } = await ancillaryOn(uow, p, id, 'office');
  const { reason } = parseOrThrow(AncillaryReasonInput, raw);
  const moved = await moveToWithdrawn(uow, p, ANCILLARY_ORDERS, row, reason, 'ancillary_order.withdrawn');
  return toAncillaryView(uow, p, moved, main, 'office');
}

/**
 * The provider bound receives the issued order: the judge's signature is checked against the
 * directory's key over exactly this order first; one that does not verify is refused (the refusal kept
 * in the audit log) and nothing is recorded as received.
 */
export async function receiveAncillaryOrder(uow: UnitOfWork, p: Principal, id: string): Promise<AncillaryOrder> {
  const { row, main } = await ancillaryOn(uow, p, id, 'provider');
  const problem = await signatureProblem(uow, row, main);
  if (problem !== null) {
    await uow.auditBy(p, 'ancillary_order.refused', ['ancillary_order', row.id], { reference: row.reference });
    throw new KeepChanges(
      new DomainError(
        'SIGNATURE_INVALID',
        problem === 'not_judge'
          ? hubNotJudgeMessage({ ja: `命令（${row.reference}）`, en: `the order (${row.reference})` })
          : {
              ja: `命令（${row.reference}）の裁判官の署名を確認できません（改ざん・別の命令・鍵の不一致）。裁判所に確認してください`,
              en:
                `the judge's signature over the order (${row.reference}) does not ` +
                `verify (altered, another order, or wrong key); check with the court`,
            },
        { field: 'attestation', value: row.attestation_key_id },
      ),
    );
  }
  const moved = await moveApplication(
    uow,
    p,
    ANCILLARY_ORDERS,
    row,
    ['issued'],
    { received_by: p.id, received_at: uow.now.toISOString() },
    'ancillary_order.received',
    { type: row.type },
  );
  return toAncillaryView(uow, p, moved, main, 'provider');
}

/** Places the retention hold an erasure-prohibition order makes, on its issue. */
export async function holdForOrder(
  uow: UnitOfWork,
  row: AncillaryOrderApplicationRow,
  main: DisclosureOrderApplicationRow,
): Promise<void> {
  if (row.type !== 'erasure_prohibition') return;
  await placeHold(uow, {
    providerOrganisationId: row.provider_organisation_id,
    targets: JSON.parse(main.targets) as Target[],
    sourceType: HOLD_SOURCE,
    sourceId: row.id,
  });
}

/** An issued order ceases (its case ended): lifted, its hold ended, audited. */
export async function liftOrder(
  uow: UnitOfWork,
  p: Principal,
  row: AncillaryOrderApplicationRow,
  reason: string,
): Promise<AncillaryOrderApplicationRow> {
  const moved = await moveApplication(
    uow,
    p,
    ANCILLARY_ORDERS,
    row,
    ['issued'],
    { state: 'lifted', lifted_at: uow.now.toISOString(), lift_reason: reason },
    'ancillary_order.lifted',
    { type: row.type, holdsEnded: await liftHolds(uow, HOLD_SOURCE, row.id) },
  );
  return moved;
}

/**
 * How the main case ended, as an ancillary order's lift reason records it. The order is the bound
 * provider's to read; the main case's own reasons (the court's for declining it, the office's for
 * withdrawing it) are the parties' and stay on the application, never copied here.
 */
export const CASE_ENDED = {
  declined: { ja: '本案の申立ての却下', en: 'the main application was declined' },
  withdrawn: { ja: '本案の申立ての取下げ', en: 'the main application was withdrawn' },
  final: { ja: '開示命令の確定', en: 'the disclosure order became final' },
} as const satisfies Record<string, Bilingual>;

/**
 * The case ended (declined, withdrawn, decided for good): its pending ancillary applications fall with it
 * and the orders in force cease, their holds ended; `cause` is written in both languages as their reason.
 */
export async function endAncillaryOrdersOf(uow: UnitOfWork, p: Principal, mainId: string, cause: Bilingual) {
  const reason = `${cause.ja} / ${cause.en}`;
  for (const o of await ancillaryOrdersOfCase(uow.tx, mainId)) {
    if (o.state === 'issued') await liftOrder(uow, p, o, reason);
    if (o.state === 'filed') await moveToWithdrawn(uow, p, ANCILLARY_ORDERS, o, reason, 'ancillary_order.withdrawn');
  }
}

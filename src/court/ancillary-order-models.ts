import { z } from 'zod';
import { hubJudgeRefusal } from '../directory/judge-role.ts';
import { keyById, toPublicKey } from '../directory/key.repository.ts';
import { can, type Principal } from '../domain/access.ts';
import {
  type AncillaryOrderPayload,
  ancillaryOrderPayload,
  ancillaryOrderVerifies,
} from '../domain/ancillary-order.ts';
import { type Target, TargetSchema } from '../domain/targets.ts';
import { ownerSignatureProblem } from '../domain/verification.ts';
import { ANCILLARY_ORDER_STATES, ANCILLARY_ORDER_TYPES } from '../domain/vocabulary.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { AncillaryOrderApplicationRow, DisclosureOrderApplicationRow } from '../store/schema.ts';
import { STORED, storedValue } from '../store/stored-values.ts';
import { organisationRef, personRef } from './application-kind.ts';
import { findOrderApplication } from './disclosure-order.repository.ts';
import { IssuedOrderSchema } from './disclosure-order-models.ts';
import { issuedOrder } from './disclosure-order-views.ts';
import { noticesOfOrder } from './provision.repository.ts';
import { namedUnder } from './provision-chain.ts';
import { OrgRef, PersonRef } from './read-models.ts';

// What an ancillary order (提供命令・消去禁止命令) looks like to each side, with what the viewer may do
// now; the payload the judge signs; the bound provider's check of his signature.

export type AncillarySide = 'office' | 'court' | 'provider';
export const ANCILLARY_ORDER_ACTIONS = [
  'withdraw',
  'decline',
  'issue',
  'lift',
  'receive',
  'provide',
  'notify',
] as const;
export type AncillaryOrderAction = (typeof ANCILLARY_ORDER_ACTIONS)[number];

export const AncillaryOrderSchema = z.object({
  id: z.string(),
  reference: z.string(),
  type: z.enum(ANCILLARY_ORDER_TYPES),
  state: z.enum(ANCILLARY_ORDER_STATES),
  side: z.enum(['office', 'court', 'provider']),
  /** The disclosure-order case it belongs to (the office's and the court's view only). */
  applicationId: z.string().nullable(),
  lawOffice: OrgRef,
  court: OrgRef,
  provider: OrgRef,
  /** The posts (or communications) the order concerns. */
  targets: z.array(TargetSchema),
  /** Why the order is needed, as the lawyer explained it to the court (not shown to the provider). */
  reasons: z.string().nullable(),
  filedBy: PersonRef.nullable(),
  filedAt: z.string(),
  withdrawReason: z.string().nullable(),
  decidedBy: PersonRef.nullable(),
  decidedAt: z.string().nullable(),
  declineReason: z.string().nullable(),
  order: IssuedOrderSchema.nullable(),
  /**
   * For the bound provider: exactly what the judge signed (its purpose, court, case number, time,
   * operative part, the case's id, office, provider and posts), so that its own installation checks the
   * signature against its pinned directory without trusting the hub's word (the case's id opens nothing).
   */
  attested: z
    .object({
      purpose: z.string(),
      courtOrganisationId: z.string(),
      caseNumber: z.string(),
      orderedAt: z.string(),
      content: z.string(),
      applicationId: z.string(),
      lawOfficeOrganisationId: z.string(),
      providerOrganisationId: z.string(),
      targets: z.array(TargetSchema),
    })
    .nullable(),
  /** For the bound provider: whether the judge's signature over the order verifies. */
  signatureVerified: z.boolean().nullable(),
  receivedAt: z.string().nullable(),
  liftedAt: z.string().nullable(),
  liftReason: z.string().nullable(),
  /**
   * A provision order carried out: when, and the access providers the content provider named (names
   * only: the sender's communications go to each access provider, never to the lawyer), each with
   * whether the lawyer's application against it was notified.
   */
  provision: z
    .object({
      providedAt: z.string(),
      identified: z.boolean(),
      accessProviders: z.array(
        z.object({
          organisation: OrgRef,
          notified: z.boolean(),
          /** The office's view: its application against that access provider it notified (the next case down). */
          application: z.object({ id: z.string(), reference: z.string() }).nullable(),
        }),
      ),
    })
    .nullable(),
  /**
   * A chain of provision orders: the provision order whose notice was released to this order's provider
   * for this order's case (a content provider's order that named a wholesaler, whose own order then names
   * its reseller). The office gets that order's id and its case, the provider the notice it received.
   */
  namedUnder: z
    .object({
      orderId: z.string().nullable(),
      applicationId: z.string().nullable(),
      noticeId: z.string().nullable(),
      reference: z.string(),
      provider: OrgRef,
    })
    .nullable(),
  actions: z.array(z.enum(ANCILLARY_ORDER_ACTIONS)),
  updatedAt: z.string(),
});
export type AncillaryOrder = z.infer<typeof AncillaryOrderSchema>;

/** The order as the judge signs it, rebuilt from the rows: its case, office, provider and posts. */
export function ancillaryPayloadOf(
  row: AncillaryOrderApplicationRow,
  main: DisclosureOrderApplicationRow,
  order: { caseNumber: string; orderedAt: string; content: string },
): AncillaryOrderPayload {
  return ancillaryOrderPayload(storedValue(STORED.ancillaryOrderType, row.type, row.id), {
    courtOrganisationId: row.court_organisation_id,
    caseNumber: order.caseNumber,
    orderedAt: order.orderedAt,
    content: order.content,
    applicationId: main.id,
    lawOfficeOrganisationId: row.law_office_organisation_id,
    providerOrganisationId: row.provider_organisation_id,
    targets: JSON.parse(main.targets) as Target[],
  });
}

/**
 * The provider's check: the judge's signature verifies over exactly this order, with the directory's key
 * (`signature` when not), and its signer was a judge of the court when he signed it, by the hub's log of the
 * role (`not_judge` when not: the rule the provider's installation applies to its pin). Null when both hold.
 */
export async function signatureProblem(
  uow: Pick<UnitOfWork, 'tx' | 'now'>,
  r: AncillaryOrderApplicationRow,
  main: DisclosureOrderApplicationRow,
): Promise<'signature' | 'not_judge' | null> {
  const order = issuedOrder(r);
  if (!order) return 'signature';
  const row = await keyById(uow.tx, order.attestation.keyId);
  const key = row ? toPublicKey(row) : undefined;
  const payload = ancillaryPayloadOf(r, main, order);
  const ok = ancillaryOrderVerifies(
    payload,
    order.attestation,
    key,
    (k, d, sig) => ownerSignatureProblem(k, d, sig) === null,
  );
  if (!ok || !key) return 'signature';
  const refusal = await hubJudgeRefusal(uow.tx, uow.now, key, r.court_organisation_id, payload.orderedAt);
  return refusal === null ? null : 'not_judge';
}

/** Whether the order's signature counts at the hub (`signatureProblem` finds none). */
export async function signatureVerifies(
  uow: Pick<UnitOfWork, 'tx' | 'now'>,
  r: AncillaryOrderApplicationRow,
  main: DisclosureOrderApplicationRow,
): Promise<boolean> {
  return (await signatureProblem(uow, r, main)) === null;
}

function actionsOf(
  p: Principal,
  r: AncillaryOrderApplicationRow,
  side: AncillarySide,
  provision: AncillaryOrder['provision'],
): AncillaryOrderAction[] {
  if (side === 'court') {
    if (!can(p, 'disclosure_order.decide')) return [];
    if (r.state === 'filed') return ['decline', 'issue'];
    return r.state === 'issued' ? ['lift'] : [];
  }
  if (side === 'office') {
    if (r.state === 'filed') return ['withdraw'];
    return provision?.accessProviders.some((a) => !a.notified) ? ['notify'] : [];
  }
  if (r.state !== 'issued') return [];
  if (!r.received_at) return ['receive'];
  return r.type === 'provision' && !r.provided_at ? ['provide'] : [];
}

async function provisionOf(
  uow: UnitOfWork,
  r: AncillaryOrderApplicationRow,
  side: AncillarySide,
): Promise<AncillaryOrder['provision']> {
  if (!r.provided_at) return null;
  const accessProviders: NonNullable<AncillaryOrder['provision']>['accessProviders'] = [];
  for (const n of await noticesOfOrder(uow.tx, r.id)) {
    const against = side === 'office' && n.application_id ? await findOrderApplication(uow.tx, n.application_id) : null;
    accessProviders.push({
      organisation: await organisationRef(uow, n.access_provider_organisation_id),
      notified: n.state === 'sent',
      application: against ? { id: against.id, reference: against.reference } : null,
    });
  }
  return { providedAt: r.provided_at, identified: r.provision_outcome === 'identified', accessProviders };
}

export async function toAncillaryView(
  uow: UnitOfWork,
  p: Principal,
  r: AncillaryOrderApplicationRow,
  main: DisclosureOrderApplicationRow,
  side: AncillarySide,
): Promise<AncillaryOrder> {
  const counsel = side !== 'provider';
  const order = issuedOrder(r);
  const provision = side === 'court' ? null : await provisionOf(uow, r, side);
  return {
    id: r.id,
    reference: r.reference,
    type: storedValue(STORED.ancillaryOrderType, r.type, r.id),
    state: storedValue(STORED.ancillaryOrderState, r.state, r.id),
    side,
    applicationId: counsel ? r.application_id : null,
    lawOffice: await organisationRef(uow, r.law_office_organisation_id),
    court: await organisationRef(uow, r.court_organisation_id),
    provider: await organisationRef(uow, r.provider_organisation_id),
    targets: JSON.parse(main.targets) as Target[],
    reasons: counsel ? r.reasons : null,
    filedBy: counsel ? await personRef(uow, r.filed_by) : null,
    filedAt: r.filed_at,
    withdrawReason: r.withdraw_reason,
    decidedBy: await personRef(uow, r.decided_by),
    decidedAt: r.decided_at,
    declineReason: counsel ? r.decline_reason : null,
    order,
    attested: side === 'provider' && order ? ancillaryPayloadOf(r, main, order) : null,
    signatureVerified: side === 'provider' && order ? await signatureVerifies(uow, r, main) : null,
    receivedAt: r.received_at,
    liftedAt: r.lifted_at,
    liftReason: r.lift_reason,
    provision,
    namedUnder: r.type === 'provision' ? await namedUnder(uow, r, side) : null,
    actions: actionsOf(p, r, side, provision),
    updatedAt: r.updated_at,
  };
}

export const ProvisionNoticeSchema = z.object({
  id: z.string(),
  /** The provision order it comes from, with the check of the judge's signature against the directory's key. */
  order: z.object({
    reference: z.string(),
    caseNumber: z.string().nullable(),
    court: OrgRef.nullable(),
    orderedAt: z.string().nullable(),
    signatureVerified: z.boolean(),
  }),
  contentProvider: OrgRef,
  /** The lawyer's disclosure-order application against this access provider. */
  applicationReference: z.string().nullable(),
  /** The law office that filed that application. */
  lawOffice: OrgRef.nullable(),
  sentAt: z.string().nullable(),
  /** The sender's communications (only when the notice is opened). */
  communications: z.array(z.object({ address: z.string(), port: z.number().optional(), at: z.string() })).nullable(),
  /**
   * Once opened: the content provider's signature inside, checked against the directory's keys (its key's
   * fingerprint, organisation key or passkey, when signed). Null when not opened, or when the hub sealed
   * it on its own path without the provider's signature (then it is the hub's word, shown as such).
   */
  signedBy: z
    .object({
      keyFingerprint: z.string(),
      credential: z.enum(['organisation', 'passkey']),
      signedAt: z.string(),
      /** For a passkey: the content provider's person who signed (their name in the directory). */
      person: z.string().nullable(),
    })
    .nullable(),
});

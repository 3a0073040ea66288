import { can, type Principal } from '../domain/access.ts';
import type { Target } from '../domain/targets.ts';
import type { DisclosurePurpose, InfringedRight, SenderInformation } from '../domain/vocabulary.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { DisclosureOrderApplicationRow, DisclosureOrderHearingRow } from '../store/schema.ts';
import { STORED, storedValue } from '../store/stored-values.ts';
import { type OrderColumns, organisationRef, personRef } from './application-kind.ts';
import type {
  DisclosureOrderAction,
  DisclosureOrderApplication,
  DisclosureOrderApplicationSummary,
  PartyHeard,
} from './disclosure-order-models.ts';
import { type HearingCheck, hearingCheck, shownHearingSignature } from './hearing-signature.ts';
import { listHearings } from './order-hearing.repository.ts';
import { findStanding } from './order-standing.repository.ts';
import { type OrderStanding, standingView } from './order-standing.ts';

// A disclosure-order application as each side sees it, with what the viewer may do now.

export async function toSummary(
  uow: UnitOfWork,
  r: DisclosureOrderApplicationRow,
): Promise<DisclosureOrderApplicationSummary> {
  return {
    id: r.id,
    reference: r.reference,
    state: storedValue(STORED.disclosureOrderState, r.state, r.id),
    caseReference: r.case_reference,
    lawOffice: await organisationRef(uow, r.law_office_organisation_id),
    court: await organisationRef(uow, r.court_organisation_id),
    provider: await organisationRef(uow, r.provider_organisation_id),
    filedAt: r.filed_at,
    decidedAt: r.decided_at,
    orderCaseNumber: r.state === 'issued' ? r.case_number : null,
    requestId: r.request_id,
    standing: r.state === 'issued' ? await standingView(uow, r, await findStanding(uow.tx, r.id)) : null,
    updatedAt: r.updated_at,
  };
}

function actionsOf(
  p: Principal,
  r: DisclosureOrderApplicationRow,
  side: 'office' | 'court',
  standing: OrderStanding['standing'] | undefined,
  hearings: readonly PartyHeard[],
): DisclosureOrderAction[] {
  const out: DisclosureOrderAction[] = [];
  if (side === 'court') {
    if (!can(p, 'disclosure_order.decide')) return out;
    // The order is granted only once the provider was heard, by a signed record that verifies; a decline is
    // not held for it.
    const kept = hearings.filter((h) => h.withdrawn === null);
    const counted = kept.filter((h) => h.signature.verdict === 'verified');
    if (r.state === 'filed') out.push('record_hearing', 'decline');
    // A record made by mistake is withdrawn while the court has not decided; a withdrawn one does not count.
    if (r.state === 'filed' && kept.length > 0) out.push('withdraw_hearing');
    if (r.state === 'filed' && counted.some((h) => h.party === 'provider')) out.push('issue');
    if (standing === 'not_final') out.push('record_objection', 'record_final');
    if (standing === 'contested') out.push('record_objection_outcome');
    return out;
  }
  if (r.state === 'filed') out.push('withdraw');
  // A request is drafted from an order in force: not one contested in a pending suit, nor one set aside.
  const inForce = standing === 'not_final' || standing === 'final';
  if (inForce && r.request_id === null && can(p, 'request.draft')) out.push('open_request');
  return out;
}

/**
 * The order a judge issued, as stored on a disclosure-order application or an ancillary order: null
 * until all of it is there (case number, time, operative part and the judge's signature).
 */
export function issuedOrder(r: OrderColumns): DisclosureOrderApplication['order'] {
  if (!r.case_number || !r.ordered_at || !r.order_content || !r.attestation_key_id || !r.attestation_signature) {
    return null;
  }
  return {
    caseNumber: r.case_number,
    orderedAt: r.ordered_at,
    content: r.order_content,
    attestation: { keyId: r.attestation_key_id, signature: r.attestation_signature },
  };
}

export async function toView(
  uow: UnitOfWork,
  p: Principal,
  r: DisclosureOrderApplicationRow,
  side: 'office' | 'court',
): Promise<DisclosureOrderApplication> {
  const summary = await toSummary(uow, r);
  const hearings = await hearingsOf(uow, r);
  return {
    ...summary,
    side,
    claimant: r.claimant,
    claimantAddress: r.claimant_address,
    rights: JSON.parse(r.rights) as InfringedRight[],
    rightsInfringed: r.rights_infringed,
    purposes: JSON.parse(r.purposes) as DisclosurePurpose[],
    senderInformation: JSON.parse(r.sender_information) as SenderInformation[],
    targets: JSON.parse(r.targets) as Target[],
    facts: r.facts,
    necessity: r.necessity,
    filedBy: (await personRef(uow, r.filed_by)) ?? { id: r.filed_by, displayName: '' },
    withdrawReason: r.withdraw_reason,
    decidedBy: await personRef(uow, r.decided_by),
    declineReason: r.decline_reason,
    hearings,
    order: r.state === 'issued' ? issuedOrder(r) : null,
    actions: actionsOf(p, r, side, summary.standing?.standing, hearings),
    createdAt: r.created_at,
  };
}

/** The hearings recorded on the application, as its page shows them. */
export async function hearingsOf(uow: UnitOfWork, r: DisclosureOrderApplicationRow): Promise<PartyHeard[]> {
  const out: PartyHeard[] = [];
  const hearings = await listHearings(uow.tx, r.id);
  const check = await hearingCheck(uow, r, hearings);
  for (const h of hearings) {
    out.push({
      id: h.id,
      party: storedValue(STORED.heardParty, h.party, h.id),
      heardAt: h.heard_at,
      manner: storedValue(STORED.hearingManner, h.manner, h.id),
      note: h.note,
      recordedBy: (await personRef(uow, h.recorded_by)) ?? { id: h.recorded_by, displayName: '' },
      recordedAt: h.recorded_at,
      signature: await shownHearingSignature(uow, check, r, h, 'record'),
      withdrawn: await withdrawalOf(uow, check, r, h),
    });
  }
  return out;
}

/** How a hearing's record was withdrawn (when, by whom, why), or null while it stands. */
async function withdrawalOf(
  uow: UnitOfWork,
  check: HearingCheck,
  r: DisclosureOrderApplicationRow,
  h: DisclosureOrderHearingRow,
): Promise<PartyHeard['withdrawn']> {
  if (h.withdrawn_at === null || h.withdrawn_by === null) return null;
  const by = (await personRef(uow, h.withdrawn_by)) ?? { id: h.withdrawn_by, displayName: '' };
  const signature = await shownHearingSignature(uow, check, r, h, 'withdraw');
  return { at: h.withdrawn_at, by, reason: h.withdraw_reason ?? '', signature };
}

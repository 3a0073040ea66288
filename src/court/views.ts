import { can, type Principal } from '../domain/access.ts';
import type { Target } from '../domain/targets.ts';
import type { DataCategory } from '../domain/vocabulary.ts';
import { WARRANT_APPLICATION_PURPOSE, type WarrantApplicationPayload } from '../domain/warrant-application.ts';
import { warrantHolder } from '../exchange/request.repository.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { WarrantApplicationRow } from '../store/schema.ts';
import { STORED, storedValue } from '../store/stored-values.ts';
import { followsOf } from './application-follows.ts';
import { organisationRef, personRef } from './application-kind.ts';
import { liveRequestOf } from './application-warrant.ts';
import type { WarrantApplication, WarrantApplicationAction, WarrantApplicationSummary } from './read-models.ts';

// A warrant application as each side sees it, with what the viewer may do now, and the payload the
// unit head signs.

/** What the application asks the court for, as drafted: what the unit head signs and both sides read. */
export function askedOf(row: WarrantApplicationRow) {
  return {
    caseReference: row.case_reference,
    offence: row.offence,
    facts: row.facts,
    necessity: row.necessity,
    targets: JSON.parse(row.targets) as Target[],
    categories: JSON.parse(row.categories) as DataCategory[],
    recordsPeriod: row.records_from && row.records_to ? { from: row.records_from, to: row.records_to } : null,
    validDays: row.valid_days,
    validityReason: row.validity_reason,
  };
}

/** What the unit head is about to approve and send, exactly (the digest their passkey signs). */
export function applicationPayload(row: WarrantApplicationRow): WarrantApplicationPayload {
  return {
    purpose: WARRANT_APPLICATION_PURPOSE,
    id: row.id,
    reference: row.reference,
    agencyOrganisationId: row.agency_organisation_id,
    unitId: row.unit_id,
    courtOrganisationId: row.court_organisation_id,
    providerOrganisationId: row.provider_organisation_id,
    warrantType: storedValue(STORED.warrantType, row.warrant_type, row.id),
    ...askedOf(row),
  };
}

export async function toSummary(uow: UnitOfWork, r: WarrantApplicationRow): Promise<WarrantApplicationSummary> {
  return {
    id: r.id,
    reference: r.reference,
    state: storedValue(STORED.warrantApplicationState, r.state, r.id),
    warrantType: storedValue(STORED.warrantType, r.warrant_type, r.id),
    caseReference: r.case_reference,
    agency: await organisationRef(uow, r.agency_organisation_id),
    court: await organisationRef(uow, r.court_organisation_id),
    provider: await organisationRef(uow, r.provider_organisation_id),
    sentAt: r.sent_at,
    decidedAt: r.decided_at,
    updatedAt: r.updated_at,
  };
}

/** What the viewer may do with the application now. */
function actionsOf(p: Principal, r: WarrantApplicationRow, side: 'agency' | 'court'): WarrantApplicationAction[] {
  const out: WarrantApplicationAction[] = [];
  const s = storedValue(STORED.warrantApplicationState, r.state, r.id);
  if (side === 'court') {
    if (s === 'sent' && can(p, 'warrant.review')) out.push('decline');
    if (s === 'sent' && can(p, 'warrant.attest')) out.push('attest');
    return out;
  }
  const applies = can(p, 'warrant.apply');
  const approves = can(p, 'warrant.send') && p.id !== r.drafted_by;
  if (s === 'draft' && applies) out.push('edit', 'submit');
  if (s === 'awaiting_approval' && approves) out.push('return', 'send');
  if ((s === 'draft' || s === 'awaiting_approval' || s === 'sent') && (applies || can(p, 'warrant.send'))) {
    out.push('withdraw');
  }
  if (s === 'attested' && r.request_id === null && can(p, 'request.draft')) out.push('open_request');
  return out;
}

export async function toApplication(
  uow: UnitOfWork,
  p: Principal,
  r: WarrantApplicationRow,
  side: 'agency' | 'court',
): Promise<WarrantApplication> {
  const drafter = await personRef(uow, r.drafted_by);
  // The request made with the warrant: drafted from the application, or (drafted from an answer's
  // record with this warrant chosen) the request the warrant was used by.
  const requestId =
    r.request_id ??
    (r.warrant_number
      ? ((await warrantHolder(uow.tx, {
          courtOrganisationId: r.court_organisation_id,
          warrantNumber: r.warrant_number,
          providerOrganisationId: r.provider_organisation_id,
        })) ?? null)
      : null);
  return {
    ...(await toSummary(uow, r)),
    side,
    unitId: r.unit_id,
    ...askedOf(r),
    draftedBy: drafter ?? { id: r.drafted_by, displayName: '' },
    submittedAt: r.submitted_at,
    sentBy: await personRef(uow, r.sent_by),
    sentWithPasskey: r.sent_signature !== null,
    returnedNote: r.returned_note,
    decidedBy: await personRef(uow, r.decided_by),
    declineReason: r.decline_reason,
    warrant:
      r.warrant_number && r.issued_at && r.valid_until && r.attestation_key_id && r.attestation_signature
        ? {
            number: r.warrant_number,
            issuedAt: r.issued_at,
            validUntil: r.valid_until,
            attestation: { keyId: r.attestation_key_id, signature: r.attestation_signature },
          }
        : null,
    requestId,
    follows: await followsOf(uow, p, r, side),
    // A request since withdrawn leaves the warrant free to draft with again.
    actions: actionsOf(
      p,
      { ...r, request_id: r.request_id && !(await liveRequestOf(uow, r)) ? null : requestId },
      side,
    ),
    createdAt: r.created_at,
  };
}

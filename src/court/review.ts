import { z } from 'zod';
import { AssertionInput } from '../directory/credentials.ts';
import { type Principal, requirePermission } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { InstantSchema, parseInstant } from '../domain/instant.ts';
import { parseOrThrow, text } from '../domain/validation.ts';
import { createDraft } from '../exchange/drafting.ts';
import {
  type AttestationPreview,
  type AttestInput,
  checkAttestation,
  previewAttestation,
  signAttestation,
} from '../exchange/warrants.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { WarrantApplicationRow } from '../store/schema.ts';
import { STORED, storedValue } from '../store/stored-values.ts';
import { findApplication, findAttestedNumber } from './application.repository.ts';
import { originForRequest } from './application-follows.ts';
import { moveApplication, moveToDeclined } from './application-kind.ts';
import { requireWarrantFree } from './application-warrant.ts';
import { loadApplication, WARRANT_APPLICATIONS, wrongState } from './applications.ts';
import type { WarrantApplication } from './read-models.ts';
import { askedOf, toApplication } from './views.ts';

// Warrant applications, the court's part and what follows: a judge of the addressed court reviews an
// application in the inbox and declines it with a reason or attests it with their own passkey (the
// same wa1 attestation as the judge's screen); the applying unit then drafts the warrant request from
// the issued warrant, with nothing copied by hand.

export const DeclineApplicationInput = z.strictObject({ reason: text(1, 5000) });
export const AttestApplicationInput = z.strictObject({
  /** The court's number of the warrant (e.g. 令和8年(む)第567号). */
  warrantNumber: text(1, 100),
  issuedAt: InstantSchema,
  validUntil: InstantSchema,
  /** The judge's own credential's assertion over the attestation digest (from the preview). */
  assertion: AssertionInput.optional(),
});
export const OpenRequestInput = z.strictObject({ caseId: z.string().min(1).max(200).optional() });

async function courtRow(uow: UnitOfWork, p: Principal, id: string): Promise<WarrantApplicationRow> {
  const { row, side } = await loadApplication(uow, p, id);
  if (side !== 'court') {
    throw new DomainError(
      'FORBIDDEN',
      {
        ja: '令状請求を審査できるのは宛先の裁判所の裁判官のみです',
        en: 'only judges of the addressed court review it',
      },
      { id },
    );
  }
  return row;
}

/** The attestation an application asks for, as the judge gives it (number, issue, validity). */
async function attestationInput(
  uow: UnitOfWork,
  p: Principal,
  row: WarrantApplicationRow,
  raw: unknown,
): Promise<AttestInput> {
  requirePermission(p, 'warrant.attest');
  const input = parseOrThrow(AttestApplicationInput, raw);
  if (row.state !== 'sent') throw wrongState(row, ['sent']);
  if (row.sent_at && parseInstant(input.issuedAt, 'issuedAt').epochMs < Date.parse(row.sent_at)) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: `発付日時（${input.issuedAt}）が請求の受付（${row.sent_at}）より前です`,
        en: `issuedAt (${input.issuedAt}) is before the application reached the court (${row.sent_at})`,
      },
      { field: 'issuedAt', value: input.issuedAt },
    );
  }
  const taken = await findAttestedNumber(uow.tx, row.court_organisation_id, input.warrantNumber);
  if (taken && taken.id !== row.id) {
    throw new DomainError(
      'CONFLICT',
      {
        ja: `令状番号 ${input.warrantNumber} は既に別の請求（${taken.reference}）に使われています`,
        en: `warrant number ${input.warrantNumber} was already given to another application (${taken.reference})`,
      },
      { field: 'warrantNumber', value: input.warrantNumber },
    );
  }
  // What the application asks is what the judge attests; its period of records too, which the provider reads signed.
  const { targets, categories, recordsPeriod } = askedOf(row);
  return checkAttestation(uow, p, {
    agencyOrganisationId: row.agency_organisation_id,
    providerOrganisationId: row.provider_organisation_id,
    warrantNumber: input.warrantNumber,
    type: storedValue(STORED.warrantType, row.warrant_type, row.id),
    issuedAt: input.issuedAt,
    validUntil: input.validUntil,
    targets,
    categories,
    ...(recordsPeriod ? { recordsPeriod } : {}),
    ...(input.assertion ? { assertion: input.assertion } : {}),
  });
}

/** What the judge is about to attest for an application: the digest their passkey signs. */
export async function applicationAttestationPreview(
  uow: UnitOfWork,
  p: Principal,
  id: string,
  raw: unknown,
): Promise<AttestationPreview> {
  const row = await courtRow(uow, p, id);
  return previewAttestation(uow, p, await attestationInput(uow, p, row, raw));
}

/** The judge attests the application with their own passkey: the warrant is issued. */
export async function attestApplication(
  uow: UnitOfWork,
  p: Principal,
  id: string,
  raw: unknown,
): Promise<WarrantApplication> {
  const row = await courtRow(uow, p, id);
  const input = await attestationInput(uow, p, row, raw);
  const att = await signAttestation(uow, p, input, 'application');
  const moved = await moveApplication(
    uow,
    p,
    WARRANT_APPLICATIONS,
    row,
    ['sent'],
    {
      state: 'attested',
      decided_by: p.id,
      decided_at: uow.now.toISOString(),
      warrant_number: input.warrantNumber,
      issued_at: input.issuedAt,
      valid_until: input.validUntil,
      attestation_key_id: att.keyId,
      attestation_signature: att.signature,
    },
    'warrant_application.attested',
    { warrantNumber: input.warrantNumber, keyId: att.keyId },
  );
  return toApplication(uow, p, moved, 'court');
}

/** The judge declines the application, with the reason the police will read. */
export async function declineApplication(
  uow: UnitOfWork,
  p: Principal,
  id: string,
  raw: unknown,
): Promise<WarrantApplication> {
  requirePermission(p, 'warrant.review');
  const row = await courtRow(uow, p, id);
  const { reason } = parseOrThrow(DeclineApplicationInput, raw);
  const moved = await moveToDeclined(
    uow,
    p,
    WARRANT_APPLICATIONS,
    row,
    ['sent'],
    reason,
    'warrant_application.declined',
  );
  return toApplication(uow, p, moved, 'court');
}

/**
 * The investigator drafts the warrant request from the issued warrant: court, warrant number, type,
 * issue and validity, the judge's attestation, the targets and categories, the provider and the facts
 * all come from the application as attested — nothing is typed again. One request per warrant.
 */
export async function openRequestFromApplication(
  uow: UnitOfWork,
  p: Principal,
  id: string,
  raw: unknown,
): Promise<WarrantApplication> {
  requirePermission(p, 'request.draft');
  const { row, side } = await loadApplication(uow, p, id);
  if (side !== 'agency') throw wrongState(row, ['attested']);
  const input = parseOrThrow(OpenRequestInput, raw ?? {});
  if (row.state !== 'attested') throw wrongState(row, ['attested']);
  await requireWarrantFree(uow, row, 'id');
  if (!row.warrant_number || !row.issued_at || !row.valid_until || !row.attestation_key_id) {
    throw wrongState(row, ['attested']);
  }
  // The request asks what the application asked, under the warrant issued for it; drafted from an answer's
  // record, it follows that answer in the case's trace as one drafted from the answer itself would.
  const { caseReference, offence, facts, necessity, targets, categories, recordsPeriod } = askedOf(row);
  const origin = originForRequest(row);
  if (origin && input.caseId && input.caseId !== origin.caseId) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: 'この令状請求は事件の回答から起案されたものです。要請も同じ事件に起案します',
        en: 'this application was drafted from an answer of its case: the request is drafted in the same case',
      },
      { field: 'caseId', value: input.caseId },
    );
  }
  const caseId = origin?.caseId ?? input.caseId;
  const draft = await createDraft(uow, p, {
    ...(caseId ? { caseId } : {}),
    ...(origin ? { follows: origin.follows } : {}),
    content: {
      kind: 'warrant',
      providerOrganisationId: row.provider_organisation_id,
      caseReference,
      offence,
      facts,
      necessity,
      targets,
      categories,
      warrant: {
        type: row.warrant_type,
        courtOrganisationId: row.court_organisation_id,
        warrantNumber: row.warrant_number,
        issuedAt: row.issued_at,
        validUntil: row.valid_until,
        ...(recordsPeriod ? { recordsPeriod } : {}),
        attestation: { keyId: row.attestation_key_id, signature: row.attestation_signature ?? '' },
      },
    },
  });
  // createDraft recorded the request on the application, as it does for any draft with this warrant.
  const recorded = await findApplication(uow.tx, row.id);
  if (recorded?.request_id !== draft.id) throw wrongState(row, ['attested']);
  return toApplication(uow, p, recorded, 'agency');
}

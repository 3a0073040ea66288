import { z } from 'zod';
import type { AuditAction } from '../audit/events.ts';
import { AssertionInput } from '../directory/credentials.ts';
import { can, type Principal, requirePermission, warrantApplicationSide } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { InstantSchema, parseInstant } from '../domain/instant.ts';
import { futureTargetProblem } from '../domain/target-times.ts';
import { TargetSchema } from '../domain/targets.ts';
import { parseOrThrow, text } from '../domain/validation.ts';
import {
  DATA_CATEGORIES,
  WARRANT_APPLICATION_STATE_LABELS,
  WARRANT_APPLICATION_STATES,
  WARRANT_TYPES,
  type WarrantApplicationState,
} from '../domain/vocabulary.ts';
import { DEFAULT_WARRANT_VALID_DAYS, MAX_WARRANT_VALID_DAYS } from '../domain/warrant-application.ts';
import { newId } from '../kernel/ids.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { WarrantApplicationRow } from '../store/schema.ts';
import { STORED, storedValuesKnown } from '../store/stored-values.ts';
import { findApplication, insertApplication, listApplicationRows } from './application.repository.ts';
import { ApplicationOrigin, originColumns, originDetails, requireOriginKept } from './application-follows.ts';
import { type ApplicationChanges, updateApplicationRow } from './application-kind.repository.ts';
import {
  type ApplicationKind,
  applicationNotFound,
  checkCourtAndProvider,
  insertNewApplication,
  loadApplicationOf,
  moveApplication,
  UNDECIDED,
  wrongApplicationState,
} from './application-kind.ts';
import type { WarrantApplication, WarrantApplicationSummary } from './read-models.ts';
import { toApplication, toSummary } from './views.ts';

// Warrant applications (令状請求), the police's part: an investigator drafts the application to a
// court in the system, the unit head reviews exactly what goes and sends it, signing its digest on
// their own device; until the court decides, the unit may withdraw it. The court's part is in
// ./review.ts.

export const WarrantApplicationInput = z.strictObject({
  courtOrganisationId: text(1, 100),
  /** The provider the warrant is to be served on. */
  providerOrganisationId: text(1, 100),
  warrantType: z.enum(WARRANT_TYPES),
  caseReference: text(1, 100),
  offence: text(1, 500),
  /** 被疑事実の要旨: the summary of the facts of the suspected offence. */
  facts: text(1, 10000),
  /** Why these records are needed (the grounds for the seizure). */
  necessity: text(1, 5000),
  targets: z.array(TargetSchema).min(1).max(200),
  categories: z
    .array(z.enum(DATA_CATEGORIES))
    .min(1)
    .max(DATA_CATEGORIES.length)
    .transform((cs) => DATA_CATEGORIES.filter((c) => cs.includes(c))),
  /** The period of the records sought, when the application names one. */
  recordsPeriod: z.strictObject({ from: InstantSchema, to: InstantSchema }).optional(),
  /** The validity asked for: seven days unless a reason is given for more. */
  validDays: z.number().int().min(1).max(MAX_WARRANT_VALID_DAYS).default(DEFAULT_WARRANT_VALID_DAYS),
  validityReason: text(1, 2000).optional(),
});
type ApplicationInput = z.output<typeof WarrantApplicationInput>;
/** A new application: its content and, when drafted from an answer's record or an e-mail, where it came from. */
export const NewWarrantApplicationInput = WarrantApplicationInput.extend(ApplicationOrigin);

export const ApplicationListQuery = z.strictObject({ state: z.enum(WARRANT_APPLICATION_STATES).optional() });
export const SendApplicationInput = z.strictObject({
  /** The digest of the application as the unit head reviewed it (from the send preview). */
  digest: z.string().regex(/^[0-9a-f]{64}$/, 'hex SHA-256'),
  assertion: AssertionInput.optional(),
});
export const ReturnApplicationInput = z.strictObject({ note: text(1, 2000) });
export const WithdrawApplicationInput = z.strictObject({ reason: text(1, 2000) });

/** Warrant applications as the court's shared application rules see them. */
export const WARRANT_APPLICATIONS: ApplicationKind<WarrantApplicationRow, WarrantApplicationState, 'agency' | 'court'> =
  {
    noun: { ja: '令状請求', en: 'warrant application' },
    stateLabels: WARRANT_APPLICATION_STATE_LABELS,
    subjectType: 'warrant_application',
    numbering: { newId: () => newId('wapp'), series: 'warrant-application', referencePrefix: 'WA' },
    insert: insertApplication,
    find: findApplication,
    table: 'warrant_applications',
    sideOf: (p, row) =>
      warrantApplicationSide(p, {
        agencyOrganisationId: row.agency_organisation_id,
        unitId: row.unit_id,
        courtOrganisationId: row.court_organisation_id,
        draftedBy: row.drafted_by,
        sentAt: row.sent_at,
      }),
  };

/** ILLEGAL_TRANSITION naming the state the application is in and the states the act needs. */
export const wrongState = (row: WarrantApplicationRow, needed: WarrantApplicationState[]): DomainError =>
  wrongApplicationState(WARRANT_APPLICATIONS, row, needed);

/** The application and the viewer's side; NOT_FOUND when it is not theirs to see. */
export const loadApplication = (uow: UnitOfWork, p: Principal, id: string) =>
  loadApplicationOf(uow, WARRANT_APPLICATIONS, p, id);

/** Checks an application against the directory and its rules between fields. */
async function checkInput(uow: UnitOfWork, input: ApplicationInput): Promise<void> {
  await checkCourtAndProvider(uow, input);
  // A target's time later than now would be attested by the judge and refused when the request is drafted.
  const future = futureTargetProblem(input.targets, uow.now);
  if (future) throw future;
  if (input.validDays > DEFAULT_WARRANT_VALID_DAYS && !input.validityReason) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: `有効期間を ${DEFAULT_WARRANT_VALID_DAYS} 日より長く（${input.validDays} 日）求めるときは、その理由を記載してください`,
        en: `a validity longer than ${DEFAULT_WARRANT_VALID_DAYS} days (${input.validDays}) needs a reason`,
      },
      { field: 'validityReason', value: input.validDays },
    );
  }
  if (input.recordsPeriod) {
    const from = parseInstant(input.recordsPeriod.from, 'recordsPeriod.from');
    const to = parseInstant(input.recordsPeriod.to, 'recordsPeriod.to');
    if (to.epochMs <= from.epochMs) {
      throw new DomainError(
        'VALIDATION_FAILED',
        {
          ja: `記録の期間の終期（${input.recordsPeriod.to}）が始期より前です`,
          en: `the end of the records' period (${input.recordsPeriod.to}) is not after its start`,
        },
        { field: 'recordsPeriod.to', value: input.recordsPeriod.to },
      );
    }
    if (from.epochMs > uow.now.getTime()) {
      throw new DomainError(
        'VALIDATION_FAILED',
        {
          ja: `記録の期間の始期（${input.recordsPeriod.from}）が未来です`,
          en: `the start of the records' period (${input.recordsPeriod.from}) is in the future`,
        },
        { field: 'recordsPeriod.from', value: input.recordsPeriod.from },
      );
    }
  }
}

function contentColumns(input: ApplicationInput) {
  return {
    court_organisation_id: input.courtOrganisationId,
    provider_organisation_id: input.providerOrganisationId,
    warrant_type: input.warrantType,
    case_reference: input.caseReference,
    offence: input.offence,
    facts: input.facts,
    necessity: input.necessity,
    targets: JSON.stringify(input.targets),
    categories: JSON.stringify(input.categories),
    records_from: input.recordsPeriod?.from ?? null,
    records_to: input.recordsPeriod?.to ?? null,
    valid_days: input.validDays,
    validity_reason: input.validityReason ?? null,
  };
}

function requireUnit(p: Principal): string {
  if (p.organisationKind !== 'agency' || !p.unitId) {
    throw new DomainError('FORBIDDEN', {
      ja: '捜査機関の所属に属する利用者のみが令状を請求できます',
      en: 'only members of an agency unit apply for warrants',
    });
  }
  return p.unitId;
}

/** An investigator drafts a warrant application to a court; numbered WA-YYYY-NNNNNN. */
export async function draftApplication(uow: UnitOfWork, p: Principal, raw: unknown): Promise<WarrantApplication> {
  requirePermission(p, 'warrant.apply');
  const unitId = requireUnit(p);
  const input = parseOrThrow(NewWarrantApplicationInput, raw);
  await checkInput(uow, input);
  const origin = await originColumns(uow, p, input, input);
  const row = await insertNewApplication(
    uow,
    p,
    WARRANT_APPLICATIONS,
    {
      agency_organisation_id: p.organisationId,
      unit_id: unitId,
      state: 'draft',
      ...contentColumns(input),
      drafted_by: p.id,
      submitted_at: null,
      sent_by: null,
      sent_at: null,
      sent_signature: null,
      returned_note: null,
      ...UNDECIDED,
      warrant_number: null,
      issued_at: null,
      valid_until: null,
      ...origin,
    },
    'warrant_application.drafted',
    originDetails(origin),
  );
  return toApplication(uow, p, row, 'agency');
}

/** The drafter's unit edits a draft (also one the unit head returned). */
export async function updateDraftApplication(
  uow: UnitOfWork,
  p: Principal,
  id: string,
  raw: unknown,
): Promise<WarrantApplication> {
  requirePermission(p, 'warrant.apply');
  const { row } = await agencyRow(uow, p, id);
  if (row.state !== 'draft') throw wrongState(row, ['draft']);
  const input = parseOrThrow(WarrantApplicationInput, raw);
  await checkInput(uow, input);
  await requireOriginKept(uow, p, row, input);
  const changes = { ...contentColumns(input), updated_at: uow.now.toISOString() };
  const changed = await updateApplicationRow(uow.tx, WARRANT_APPLICATIONS.table, id, 'draft', changes);
  if (!changed) throw wrongState(row, ['draft']);
  await uow.auditBy(p, 'warrant_application.updated', ['warrant_application', id]);
  return toApplication(uow, p, { ...row, ...changes }, 'agency');
}

export async function agencyRow(uow: UnitOfWork, p: Principal, id: string) {
  const loaded = await loadApplication(uow, p, id);
  if (loaded.side !== 'agency') throw applicationNotFound(WARRANT_APPLICATIONS, id);
  return loaded;
}

/** Moves an application from one state to another, audited with both; refused when it is not in `from`. */
export const move = (
  uow: UnitOfWork,
  p: Principal,
  row: WarrantApplicationRow,
  from: WarrantApplicationState[],
  to: WarrantApplicationState,
  changes: ApplicationChanges<'warrant_applications'>,
  action: AuditAction,
  details: Record<string, unknown> = {},
): Promise<WarrantApplicationRow> =>
  moveApplication(uow, p, WARRANT_APPLICATIONS, row, from, { ...changes, state: to }, action, {
    from: row.state,
    to,
    ...details,
  });

/** The investigator puts the draft before the unit head. */
export async function submitApplication(uow: UnitOfWork, p: Principal, id: string): Promise<WarrantApplication> {
  requirePermission(p, 'warrant.apply');
  const { row } = await agencyRow(uow, p, id);
  const moved = await move(
    uow,
    p,
    row,
    ['draft'],
    'awaiting_approval',
    { submitted_at: uow.now.toISOString(), returned_note: null },
    'warrant_application.submitted',
  );
  return toApplication(uow, p, moved, 'agency');
}

/** The applying unit withdraws its application before the court decides. */
export async function withdrawApplication(
  uow: UnitOfWork,
  p: Principal,
  id: string,
  raw: unknown,
): Promise<WarrantApplication> {
  if (!(can(p, 'warrant.apply') || can(p, 'warrant.send'))) requirePermission(p, 'warrant.apply');
  const { row } = await agencyRow(uow, p, id);
  const { reason } = parseOrThrow(WithdrawApplicationInput, raw);
  const moved = await move(
    uow,
    p,
    row,
    ['draft', 'awaiting_approval', 'sent'],
    'withdrawn',
    { returned_note: reason },
    'warrant_application.withdrawn',
  );
  return toApplication(uow, p, moved, 'agency');
}

/** The unit's applications, or (for a judge) those sent to their court; no content beyond the summary. */
export async function listApplications(
  uow: UnitOfWork,
  p: Principal,
  raw: unknown,
): Promise<WarrantApplicationSummary[]> {
  const { state } = parseOrThrow(ApplicationListQuery, raw ?? {});
  let rows: WarrantApplicationRow[];
  if (p.organisationKind === 'court') {
    requirePermission(p, 'warrant.review');
    rows = await listApplicationRows(uow.tx, { side: 'court', organisationId: p.organisationId, state, limit: 200 });
  } else {
    if (!can(p, 'warrant.send')) requirePermission(p, 'warrant.apply');
    const unitId = requireUnit(p);
    rows = await listApplicationRows(uow.tx, {
      side: 'agency',
      organisationId: p.organisationId,
      unitId,
      state,
      limit: 200,
    });
  }
  const out: WarrantApplicationSummary[] = [];
  // A row whose state or type this version does not know is left out of a list (and logged).
  for (const r of rows) {
    const known = storedValuesKnown(
      r.id,
      [STORED.warrantApplicationState, r.state],
      [STORED.warrantType, r.warrant_type],
    );
    if (known) out.push(await toSummary(uow, r));
  }
  return out;
}

/** One application with everything in it; every read is audited (it names suspects). */
export async function getApplication(uow: UnitOfWork, p: Principal, id: string): Promise<WarrantApplication> {
  const { row, side } = await loadApplication(uow, p, id);
  await uow.auditBy(p, 'warrant_application.viewed', ['warrant_application', id], { side });
  return toApplication(uow, p, row, side);
}

import type { z } from 'zod';
import type { AuditAction } from '../audit/events.ts';
import { canonicalJson } from '../crypto/canonical.ts';
import { type AssertionInput, checkAssertion, ownPasskey } from '../directory/credentials.ts';
import { getOrganisation, getUser, requireProvider } from '../directory/lookups.ts';
import type { Principal } from '../domain/access.ts';
import { packOwnerSignature } from '../domain/attestation.ts';
import { DomainError } from '../domain/errors.ts';
import { parseInstant } from '../domain/instant.ts';
import type { SigningPreview } from '../domain/owner-signature.ts';
import { shownInput } from '../domain/shown-text.ts';
import { type Bilingual, isOneOf, labelOf } from '../domain/vocabulary.ts';
import { judgeCredential } from '../exchange/warrants.ts';
import type { AuditSubject, UnitOfWork } from '../kernel/unit-of-work.ts';
import { nextYearlyReference } from '../store/counters.ts';
import type { Db, Tx } from '../store/database.ts';
import {
  type ApplicationChanges,
  type ApplicationTableOf,
  type FixedColumn,
  updateApplicationRow,
} from './application-kind.repository.ts';

// What the kinds of application a court decides in the system (warrant applications, 令状請求;
// disclosure-order applications, 発信者情報開示命令の申立て; ancillary orders, 付随命令) have in common:
// an application is numbered by its kind's yearly series, found only by the sides it is between, moves
// from state to state only from the states an act needs (a concurrent act loses cleanly), and every move
// is audited with the application's reference.

/** The columns every application row has. */
export interface ApplicationRow {
  id: string;
  reference: string;
  state: string;
  court_organisation_id: string;
  created_at: string;
  updated_at: string;
}

/** What may change on an application whose row is `Row`: its own columns, never the fixed ones. */
type RowChanges<Row> = Partial<Row> & { [K in FixedColumn]?: never };

/** The columns of a new application its kind fills in: its id, its reference and when it was made. */
export type NewApplication<Row extends ApplicationRow> = Omit<Row, 'id' | 'reference' | 'created_at' | 'updated_at'>;

/** A decision's columns, empty until the court decides: who and when, why not, its signature, the request from it. */
export const UNDECIDED = {
  decided_by: null,
  decided_at: null,
  decline_reason: null,
  attestation_key_id: null,
  attestation_signature: null,
  request_id: null,
} as const;

/**
 * A filed application the court decides by issuing an order (a disclosure or ancillary order), before
 * anything happens to it: not withdrawn, undecided, no order.
 */
export const NOTHING_ORDERED = {
  withdraw_reason: null,
  ...UNDECIDED,
  case_number: null,
  ordered_at: null,
  order_content: null,
} as const;

/** What differs between the kinds: their names, their states' labels, their table and their sides. */
export interface ApplicationKind<Row extends ApplicationRow, State extends string, Side extends string> {
  /** What a person calls one application of the kind. */
  noun: Bilingual;
  stateLabels: Readonly<Record<State, Bilingual>>;
  subjectType: AuditSubject[0];
  /** How its applications are numbered: a new id, and the yearly series of references (WA-2026-000001). */
  numbering: { newId(): string; series: string; referencePrefix: string };
  insert(tx: Tx, row: Row): Promise<void>;
  find(db: Db | Tx, id: string): Promise<Row | undefined>;
  /** Its table, where a row changes only from the state an act needs. */
  table: ApplicationTableOf<Row>;
  /** The side the principal stands on for the application, or null when it is not theirs to see. */
  sideOf(p: Principal, row: Row): Side | null;
}

export function applicationNotFound(kind: { noun: Bilingual }, id: string): DomainError {
  return new DomainError(
    'NOT_FOUND',
    { ja: `${kind.noun.ja} ${shownInput(id)} は存在しません`, en: `${kind.noun.en} ${shownInput(id)} does not exist` },
    { field: 'id', value: id },
  );
}

/** ILLEGAL_TRANSITION naming the state the application is in and the states the act needs. */
export function wrongApplicationState<Row extends ApplicationRow, State extends string>(
  kind: ApplicationKind<Row, State, string>,
  row: Row,
  needed: readonly State[],
): DomainError {
  const now = labelOf(kind.stateLabels, row.state);
  const want = needed.map((s) => kind.stateLabels[s]);
  return new DomainError(
    'ILLEGAL_TRANSITION',
    {
      ja: `${kind.noun.ja} ${row.reference} は「${now.ja}」です（この操作は「${want.map((w) => w.ja).join('」「')}」のときのみ）`,
      en:
        `${kind.noun.en} ${row.reference} is ${now.en.toLowerCase()} ` +
        `(this needs: ${want.map((w) => w.en.toLowerCase()).join(', ')})`,
    },
    { field: 'state', value: row.state },
  );
}

/** Checks the court an application is made to is a court, and the provider it concerns a provider. */
export async function checkCourtAndProvider(
  uow: UnitOfWork,
  input: { courtOrganisationId: string; providerOrganisationId: string },
): Promise<void> {
  const court = await getOrganisation(uow.tx, input.courtOrganisationId);
  if (court.kind !== 'court') {
    throw new DomainError(
      'VALIDATION_FAILED',
      { ja: `${court.nameJa}は裁判所ではありません`, en: `${court.nameEn} is not a court` },
      { field: 'courtOrganisationId', value: input.courtOrganisationId },
    );
  }
  await requireProvider(uow.tx, input.providerOrganisationId);
}

/**
 * Stores a new application, numbered by its kind and made now, audited as `action` with its reference
 * and the court it is made to.
 */
export async function insertNewApplication<Row extends ApplicationRow, State extends string>(
  uow: UnitOfWork,
  p: Principal,
  kind: ApplicationKind<Row, State, string>,
  columns: NewApplication<Row>,
  action: AuditAction,
  details: Record<string, unknown> = {},
): Promise<Row> {
  const { series, referencePrefix } = kind.numbering;
  const at = uow.now.toISOString();
  const row = {
    id: kind.numbering.newId(),
    reference: await nextYearlyReference(uow.tx, series, referencePrefix, uow.now),
    ...columns,
    created_at: at,
    updated_at: at,
  } as Row;
  await kind.insert(uow.tx, row);
  await uow.auditBy(p, action, [kind.subjectType, row.id], {
    reference: row.reference,
    courtOrganisationId: row.court_organisation_id,
    ...details,
  });
  return row;
}

/** The application and the viewer's side; NOT_FOUND when it is not theirs to see. */
export async function loadApplicationOf<Row extends ApplicationRow, State extends string, Side extends string>(
  uow: UnitOfWork,
  kind: ApplicationKind<Row, State, Side>,
  p: Principal,
  id: string,
): Promise<{ row: Row; side: Side }> {
  const row = await kind.find(uow.tx, id);
  const side = row ? kind.sideOf(p, row) : null;
  if (!row || !side) throw applicationNotFound(kind, id);
  return { row, side };
}

/**
 * Changes an application that is in one of the states `from`, audited as `action` with its reference
 * and `details`; refused when it is in another state, or left it meanwhile.
 */
export async function moveApplication<Row extends ApplicationRow, State extends string>(
  uow: UnitOfWork,
  p: Principal,
  kind: ApplicationKind<Row, State, string>,
  row: Row,
  from: readonly State[],
  changes: RowChanges<Row>,
  action: AuditAction,
  details: Record<string, unknown> = {},
): Promise<Row> {
  if (!isOneOf(from, row.state)) throw wrongApplicationState(kind, row, from);
  const all = { ...changes, updated_at: uow.now.toISOString() };
  // kind.table is the table whose rows are Row, so Row's columns are that table's.
  const changed = await updateApplicationRow(
    uow.tx,
    kind.table,
    row.id,
    row.state,
    all as ApplicationChanges<ApplicationTableOf<Row>>,
  );
  if (!changed) throw wrongApplicationState(kind, row, from);
  await uow.auditBy(p, action, [kind.subjectType, row.id], { reference: row.reference, ...details });
  return { ...row, ...all };
}

/** An organisation as an application names it: its id and both names. */
export async function organisationRef(
  uow: UnitOfWork,
  id: string,
): Promise<{ id: string; nameJa: string; nameEn: string }> {
  const o = await getOrganisation(uow.tx, id);
  return { id: o.id, nameJa: o.nameJa, nameEn: o.nameEn };
}

/** A person as an application names them (who drafted, sent or decided it); null for no one. */
export async function personRef(
  uow: UnitOfWork,
  id: string | null,
): Promise<{ id: string; displayName: string } | null> {
  if (!id) return null;
  const u = await getUser(uow.tx, id);
  return { id: u.id, displayName: u.displayName };
}

/** The time an order is made: with its offset, not in the future, not before the application was filed. */
export function checkOrderedAt(orderedAt: string, filedAt: string, now: Date): void {
  const at = parseInstant(orderedAt, 'orderedAt').epochMs;
  if (at > now.getTime()) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: `発令日時（${orderedAt}）が未来です。発令した日時を入力してください`,
        en: `orderedAt (${orderedAt}) is in the future; give the time the order is made`,
      },
      { field: 'orderedAt', value: orderedAt, now: now.toISOString() },
    );
  }
  if (at < Date.parse(filedAt)) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: `発令日時（${orderedAt}）が申立て（${filedAt}）より前です`,
        en: `orderedAt (${orderedAt}) is before the application was filed (${filedAt})`,
      },
      { field: 'orderedAt', value: orderedAt },
    );
  }
}

/** The columns of an application a court decides by issuing a signed order (a disclosure or ancillary order). */
export interface OrderColumns {
  decided_by: string | null;
  decided_at: string | null;
  case_number: string | null;
  ordered_at: string | null;
  order_content: string | null;
  attestation_key_id: string | null;
  attestation_signature: string | null;
}

/**
 * The judge issues the order with his own passkey: the assertion over `digest` is checked against his
 * credential and packed as the order's signature, and the application moves from `filed` to `issued`
 * with the order, audited as `action` (the server holds no key to sign for the court).
 */
export async function issueSignedOrder<Row extends ApplicationRow & OrderColumns, State extends string>(
  uow: UnitOfWork,
  p: Principal,
  kind: ApplicationKind<Row, State, string>,
  row: Row,
  order: {
    caseNumber: string;
    orderedAt: string;
    content: string;
    assertion?: z.infer<typeof AssertionInput> | undefined;
  },
  digest: string,
  action: AuditAction,
  details: Record<string, unknown> = {},
): Promise<Row> {
  const own = await judgeCredential(uow, p);
  const signature = packOwnerSignature(await checkAssertion(uow, own, digest, order.assertion));
  const issued: Partial<OrderColumns> & { state: string } = {
    state: 'issued',
    decided_by: p.id,
    decided_at: uow.now.toISOString(),
    case_number: order.caseNumber,
    ordered_at: order.orderedAt,
    order_content: order.content,
    attestation_key_id: own.id,
    attestation_signature: signature,
  };
  return moveApplication(uow, p, kind, row, ['filed' as State], issued as RowChanges<Row>, action, {
    ...details,
    caseNumber: order.caseNumber,
    keyId: own.id,
    digest,
  });
}

/** What a person is about to sign on their own device (the judge an order, the unit head an application). */
export async function signingPreview(
  uow: UnitOfWork,
  p: Principal,
  signed: { payload: object; digest: string },
): Promise<SigningPreview> {
  return { canonical: canonicalJson(signed.payload), digest: signed.digest, passkey: await ownPasskey(uow, p) };
}

/**
 * The preview of an act signed on the signer's own device: `check` runs the act's checks on its input
 * and gives what is signed; nothing is recorded.
 */
export function signingPreviewOf(
  check: (uow: UnitOfWork, p: Principal, id: string, raw: unknown) => Promise<{ payload: object; digest: string }>,
): (uow: UnitOfWork, p: Principal, id: string, raw: unknown) => Promise<SigningPreview> {
  return async (uow, p, id, raw) => signingPreview(uow, p, await check(uow, p, id, raw));
}

/**
 * A judge declines an application with the reason the applicant reads: moved from one of `from` to
 * `declined`, who and when recorded, audited as `action`.
 */
export async function moveToDeclined<
  Row extends ApplicationRow & Pick<OrderColumns, 'decided_by' | 'decided_at'> & { decline_reason: string | null },
  State extends string,
>(
  uow: UnitOfWork,
  p: Principal,
  kind: ApplicationKind<Row, State, string>,
  row: Row,
  from: readonly State[],
  reason: string,
  action: AuditAction,
): Promise<Row> {
  const declined = { state: 'declined', decided_by: p.id, decided_at: uow.now.toISOString(), decline_reason: reason };
  return moveApplication(uow, p, kind, row, from, declined as RowChanges<Row>, action);
}

/** The applying side withdraws an application the court has not decided (取下げ), with its reason; audited as `action`. */
export async function moveToWithdrawn<
  Row extends ApplicationRow & { withdraw_reason: string | null },
  State extends string,
>(
  uow: UnitOfWork,
  p: Principal,
  kind: ApplicationKind<Row, State, string>,
  row: Row,
  reason: string,
  action: AuditAction,
): Promise<Row> {
  const withdrawn = { state: 'withdrawn', withdraw_reason: reason };
  return moveApplication(uow, p, kind, row, ['filed' as State], withdrawn as RowChanges<Row>, action);
}

/**
 * Records the request drafted from a decided application (one per application): its id on the
 * application, which must still be in one of `from`, audited as `action` with the request's reference.
 */
export async function recordRequestDrafted<
  Row extends ApplicationRow & { request_id: string | null },
  State extends string,
>(
  uow: UnitOfWork,
  p: Principal,
  kind: ApplicationKind<Row, State, string>,
  row: Row,
  from: readonly State[],
  draft: { id: string; reference: string },
  action: AuditAction,
): Promise<Row> {
  const details = { requestId: draft.id, requestReference: draft.reference };
  return moveApplication(uow, p, kind, row, from, { request_id: draft.id } as RowChanges<Row>, action, details);
}

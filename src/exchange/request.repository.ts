import type { SelectQueryBuilder } from 'kysely';
import { storedBoxRecipient } from '../crypto/device-seal.ts';
import type { ListScope } from '../domain/access.ts';
import type { Db, Tx } from '../store/database.ts';
import type {
  AnswerRow,
  Database,
  IdempotencyRow,
  MessageRow,
  ReceivedEnvelopeRow,
  RequestAccessRow,
  RequestLinkRow,
  RequestRow,
} from '../store/schema.ts';

// All SQL about requests: the rows, their messages and answers, received envelopes (replay), used
// warrants, idempotency keys and the reference counter.

type Q = Db | Tx;

export async function findRequest(db: Q, id: string): Promise<RequestRow | undefined> {
  return db.selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertRequest(tx: Q, row: RequestRow): Promise<void> {
  await tx.insertInto('requests').values(row).execute();
}

/**
 * Optimistic concurrency: applies `changes` only to the version the caller read; false when someone
 * else changed the row in between.
 */
export async function updateRequestVersion(
  tx: Q,
  id: string,
  version: number,
  changes: Partial<RequestRow>,
): Promise<boolean> {
  const res = await tx
    .updateTable('requests')
    .set(changes)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export interface RequestListFilter {
  scope: Exclude<ListScope, { kind: 'none' }>;
  states?: string[];
  kinds?: string[];
  caseId?: string;
  /** Only the requests this unit issued (not those shared with the viewer). */
  unitId?: string;
  limit: number;
  cursor?: { updatedAt: string; id: string };
}

/**
 * The requests a list scope shows: an agency its own unit's drafted here and those shared with the
 * viewer (need-to-know); a provider what was delivered to it; the oversight body everything.
 */
export function inListScope<O>(
  q: SelectQueryBuilder<Database, 'requests', O>,
  s: Exclude<ListScope, { kind: 'none' }>,
): SelectQueryBuilder<Database, 'requests', O> {
  // An agency's own list holds what it drafted here, not envelopes claiming to come from it.
  if (s.kind === 'agency') {
    // Need-to-know: the principal's own unit's requests, and those shared with them.
    const { unitId, userId } = s;
    return q
      .where('requests.agency_organisation_id', '=', s.organisationId)
      .where('requests.origin', '=', 'local')
      .where((eb) =>
        eb.or([
          ...(unitId ? [eb('requests.unit_id', '=', unitId)] : []),
          eb(
            'requests.id',
            'in',
            eb
              .selectFrom('request_access')
              .select('request_access.request_id')
              .where('request_access.user_id', '=', userId)
              .where('request_access.kind', '=', 'grant')
              .where('request_access.revoked_at', 'is', null),
          ),
        ]),
      );
  }
  // A provider sees what was delivered to it — never drafts, nor requests withdrawn before delivery.
  if (s.kind === 'provider') {
    return q
      .where('requests.provider_organisation_id', '=', s.organisationId)
      .where('requests.received_at', 'is not', null);
  }
  return q;
}

/** Newest first, keyset-paginated on (updated_at, id), within the caller's scope. */
export async function listRequestRows(db: Q, f: RequestListFilter): Promise<RequestRow[]> {
  let q = inListScope(db.selectFrom('requests').selectAll(), f.scope);
  if (f.states && f.states.length > 0) q = q.where('state', 'in', f.states);
  if (f.kinds && f.kinds.length > 0) q = q.where('kind', 'in', f.kinds);
  if (f.caseId) q = q.where('case_id', '=', f.caseId);
  if (f.unitId) q = q.where('unit_id', '=', f.unitId);
  if (f.cursor) {
    const c = f.cursor;
    q = q.where((eb) =>
      eb.or([eb('updated_at', '<', c.updatedAt), eb.and([eb('updated_at', '=', c.updatedAt), eb('id', '<', c.id)])]),
    );
  }
  return q.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}

// ---- messages ----

export async function insertMessage(tx: Q, row: MessageRow): Promise<void> {
  await tx.insertInto('messages').values(row).execute();
}

/** Whether a request has a message of a purpose (e.g. the subscriber's recorded opinion). */
export async function hasMessage(db: Q, requestId: string, purpose: string): Promise<boolean> {
  const r = await db
    .selectFrom('messages')
    .select('id')
    .where('request_id', '=', requestId)
    .where('purpose', '=', purpose)
    .executeTakeFirst();
  return r !== undefined;
}

export interface MessageView {
  id: string;
  side: string;
  purpose: string;
  body: string;
  /** The system's notice (JSON), rendered in the reader's language; null for what a person wrote. */
  notice: string | null;
  author: string | null;
  createdAt: string;
}

/** A request's messages in order, with authors' names; `excludePurposes` hides e.g. internal notes. */
export async function listMessages(db: Q, requestId: string, excludePurposes: string[] = []): Promise<MessageView[]> {
  const rows = await db
    .selectFrom('messages as m')
    .leftJoin('users as u', 'u.id', 'm.author_user_id')
    .select(['m.id', 'm.side', 'm.purpose', 'm.body', 'm.notice', 'm.created_at', 'u.display_name'])
    .where('m.request_id', '=', requestId)
    .$if(excludePurposes.length > 0, (q) => q.where('m.purpose', 'not in', excludePurposes))
    .orderBy('m.created_at')
    .execute();
  return rows.map((m) => ({
    id: m.id,
    side: m.side,
    purpose: m.purpose,
    body: m.body,
    notice: m.notice,
    author: m.display_name ?? null,
    createdAt: m.created_at,
  }));
}

// ---- answers ----

export async function insertAnswer(tx: Q, row: AnswerRow): Promise<void> {
  const keys = {
    sealed_key_id: storedBoxRecipient(row.sealed),
    sealed_for_provider_key_id: storedBoxRecipient(row.sealed_for_provider),
  };
  await tx
    .insertInto('answers')
    .values({ ...row, ...keys })
    .execute();
}

export async function findAnswer(db: Q, requestId: string): Promise<AnswerRow | undefined> {
  return db.selectFrom('answers').selectAll().where('request_id', '=', requestId).executeTakeFirst();
}

// ---- received envelopes (replay protection) ----

export async function insertReceivedEnvelope(tx: Q, row: ReceivedEnvelopeRow): Promise<void> {
  await tx.insertInto('received_envelopes').values(row).execute();
}

/** The request an envelope id was received as, or undefined when it was never received. */
export async function findReceivedEnvelope(
  db: Q,
  envelopeId: string,
): Promise<{ requestId: string | null } | undefined> {
  const r = await db
    .selectFrom('received_envelopes')
    .select('request_id')
    .where('envelope_id', '=', envelopeId)
    .executeTakeFirst();
  return r ? { requestId: r.request_id } : undefined;
}

// ---- warrants: one attestation, one request ----

export interface WarrantKey {
  courtOrganisationId: string;
  warrantNumber: string;
  providerOrganisationId: string;
}

/** Reserves a warrant for a request (no-op when already reserved); returns the request that holds it. */
export async function reserveWarrant(tx: Q, key: WarrantKey, requestId: string, at: string): Promise<string> {
  await tx
    .insertInto('used_warrants')
    .values({
      court_organisation_id: key.courtOrganisationId,
      warrant_number: key.warrantNumber,
      provider_organisation_id: key.providerOrganisationId,
      request_id: requestId,
      used_at: at,
    })
    .onConflict((oc) => oc.columns(['court_organisation_id', 'warrant_number', 'provider_organisation_id']).doNothing())
    .execute();
  const holder = await warrantHolder(tx, key);
  return holder ?? requestId;
}

export async function warrantHolder(db: Q, key: WarrantKey): Promise<string | undefined> {
  const r = await db
    .selectFrom('used_warrants')
    .select('request_id')
    .where('court_organisation_id', '=', key.courtOrganisationId)
    .where('warrant_number', '=', key.warrantNumber)
    .where('provider_organisation_id', '=', key.providerOrganisationId)
    .executeTakeFirst();
  return r?.request_id;
}

// ---- idempotency ----

export async function findIdempotencyKey(db: Q, key: string): Promise<IdempotencyRow | undefined> {
  return db.selectFrom('idempotency_keys').selectAll().where('key', '=', key).executeTakeFirst();
}

export async function insertIdempotencyKey(tx: Q, row: IdempotencyRow): Promise<void> {
  await tx.insertInto('idempotency_keys').values(row).execute();
}

// ---- need-to-know: shares and break-glass ----

export async function insertRequestAccess(tx: Q, row: RequestAccessRow): Promise<void> {
  await tx.insertInto('request_access').values(row).execute();
}

/** What a user may read of a request beyond their own unit's: a live share, a live break-glass. */
export async function accessOf(
  db: Q,
  requestId: string,
  userId: string,
  at: string,
): Promise<{ shared: boolean; breakGlass: boolean }> {
  const rows = await db
    .selectFrom('request_access')
    .select(['kind'])
    .where('request_id', '=', requestId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', at)]))
    .execute();
  return { shared: rows.some((r) => r.kind === 'grant'), breakGlass: rows.some((r) => r.kind === 'break_glass') };
}

export interface RequestShareView {
  userId: string;
  displayName: string;
  login: string;
  grantedBy: string;
  grantedAt: string;
}

/** The live shares of a request, with the names of the people. */
export async function listShares(db: Q, requestId: string): Promise<RequestShareView[]> {
  const rows = await db
    .selectFrom('request_access as a')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .select(['a.user_id', 'u.display_name', 'u.login', 'a.granted_by', 'a.granted_at'])
    .where('a.request_id', '=', requestId)
    .where('a.kind', '=', 'grant')
    .where('a.revoked_at', 'is', null)
    .orderBy('a.granted_at')
    .execute();
  return rows.map((r) => ({
    userId: r.user_id,
    displayName: r.display_name,
    login: r.login,
    grantedBy: r.granted_by,
    grantedAt: r.granted_at,
  }));
}

/** Ends a user's live share of a request; false when there was none. */
export async function revokeShare(tx: Q, requestId: string, userId: string, at: string): Promise<boolean> {
  const r = await tx
    .updateTable('request_access')
    .set({ revoked_at: at })
    .where('request_id', '=', requestId)
    .where('user_id', '=', userId)
    .where('kind', '=', 'grant')
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

// ---- the chain: links between requests ----

export async function insertRequestLink(tx: Q, row: RequestLinkRow): Promise<void> {
  await tx.insertInto('request_links').values(row).execute();
}

/** Every link touching any of these requests (as source or as follower). */
export async function linksOf(db: Q, requestIds: readonly string[]): Promise<RequestLinkRow[]> {
  if (requestIds.length === 0) return [];
  const ids = [...new Set(requestIds)];
  return db
    .selectFrom('request_links')
    .selectAll()
    .where((eb) => eb.or([eb('to_request_id', 'in', ids), eb('from_request_id', 'in', ids)]))
    .orderBy('created_at')
    .execute();
}

/**
 * The ordinary request that covers an emergency answer (issue 15): an inquiry or a warrant of the same
 * case to the same provider, issued, drafted after the emergency.
 */
export async function findPaperworkFor(
  db: Q,
  emergency: Pick<RequestRow, 'id' | 'case_id' | 'provider_organisation_id' | 'created_at'>,
): Promise<Pick<RequestRow, 'id' | 'reference'> | undefined> {
  if (!emergency.case_id || !emergency.provider_organisation_id) return undefined;
  return db
    .selectFrom('requests')
    .select(['id', 'reference'])
    .where('case_id', '=', emergency.case_id)
    .where('provider_organisation_id', '=', emergency.provider_organisation_id)
    .where('kind', 'in', ['inquiry', 'warrant'])
    .where('issued_at', 'is not', null)
    .where('created_at', '>=', emergency.created_at)
    .where('id', '!=', emergency.id)
    .orderBy('issued_at', 'asc')
    .executeTakeFirst();
}

/**
 * The same for many emergencies at once (a list): one query over their cases, matched here. The map
 * holds an emergency's id when its paperwork was issued.
 */
export async function findPaperworkForMany(
  db: Q,
  emergencies: ReadonlyArray<Pick<RequestRow, 'id' | 'case_id' | 'provider_organisation_id' | 'created_at'>>,
): Promise<Map<string, Pick<RequestRow, 'id' | 'reference'>>> {
  const out = new Map<string, Pick<RequestRow, 'id' | 'reference'>>();
  const caseIds = [...new Set(emergencies.flatMap((e) => (e.case_id ? [e.case_id] : [])))];
  if (caseIds.length === 0) return out;
  const candidates = await db
    .selectFrom('requests')
    .select(['id', 'reference', 'case_id', 'provider_organisation_id', 'created_at'])
    .where('case_id', 'in', caseIds)
    .where('kind', 'in', ['inquiry', 'warrant'])
    .where('issued_at', 'is not', null)
    .orderBy('issued_at', 'asc')
    .execute();
  for (const e of emergencies) {
    const hit = candidates.find(
      (c) =>
        c.case_id === e.case_id &&
        c.provider_organisation_id === e.provider_organisation_id &&
        c.created_at >= e.created_at &&
        c.id !== e.id,
    );
    if (hit && e.provider_organisation_id) out.set(e.id, { id: hit.id, reference: hit.reference });
  }
  return out;
}

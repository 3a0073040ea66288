import type { SelectQueryBuilder } from 'kysely';
import type { StatisticsScope } from '../domain/access.ts';
import type { Db, Tx } from '../store/database.ts';
import type { Database } from '../store/schema.ts';

// The statistics' read model: the facts of the requests in a caller's scope and period, and — to check
// the counts — the audit entries recorded about those same requests. Read only; nothing here writes.

type Q = Db | Tx;

export interface StatisticsFilter {
  scope: StatisticsScope;
  /** UTC ISO instants: a request counts in [from, to) by the time it was issued. */
  from: string;
  to: string;
  providerId?: string;
  agencyId?: string;
  unitId?: string;
}

/** The requests a filter selects: issued (drafts never count), in scope, in the period. */
function selected<O>(q: SelectQueryBuilder<Database, 'requests', O>, f: StatisticsFilter) {
  let r = q.where('requests.issued_at', 'is not', null).where('requests.issued_at', '>=', f.from);
  r = r.where('requests.issued_at', '<', f.to);
  const s = f.scope;
  if (s.kind === 'unit') {
    r = r
      .where('requests.agency_organisation_id', '=', s.organisationId)
      .where('requests.unit_id', '=', s.unitId)
      .where('requests.origin', '=', 'local');
  }
  if (s.kind === 'organisation') {
    r = r.where('requests.agency_organisation_id', '=', s.organisationId).where('requests.origin', '=', 'local');
  }
  if (s.kind === 'provider') {
    r = r
      .where('requests.provider_organisation_id', '=', s.organisationId)
      .where('requests.received_at', 'is not', null);
  }
  if (f.providerId) r = r.where('requests.provider_organisation_id', '=', f.providerId);
  if (f.agencyId) r = r.where('requests.agency_organisation_id', '=', f.agencyId);
  if (f.unitId) r = r.where('requests.unit_id', '=', f.unitId);
  return r;
}

export interface StatisticsFactRow {
  id: string;
  kind: string;
  state: string;
  agency_organisation_id: string;
  unit_id: string;
  provider_organisation_id: string | null;
  content: string;
  issued_at: string | null;
  received_at: string | null;
  answered_at: string | null;
  decline_reason: string | null;
  deadline_at: string | null;
  clarification_asked_at: string | null;
  clarification_messages: number;
}

/** The facts of every selected request, with its clarification letters. */
export async function statisticsFactRows(db: Q, f: StatisticsFilter): Promise<StatisticsFactRow[]> {
  const rows = await selected(
    db
      .selectFrom('requests')
      .select([
        'requests.id',
        'requests.kind',
        'requests.state',
        'requests.agency_organisation_id',
        'requests.unit_id',
        'requests.provider_organisation_id',
        'requests.content',
        'requests.issued_at',
        'requests.received_at',
        'requests.answered_at',
        'requests.decline_reason',
        'requests.deadline_at',
        'requests.clarification_asked_at',
      ])
      .select((eb) =>
        eb
          .selectFrom('messages')
          .select((m) => m.fn.countAll<string | number>().as('n'))
          .whereRef('messages.request_id', '=', 'requests.id')
          .where('messages.purpose', 'in', ['clarification', 'clarified'])
          .as('clarification_messages'),
      ),
    f,
  )
    .orderBy('requests.issued_at')
    .orderBy('requests.id')
    .execute();
  return rows.map((r) => ({ ...r, clarification_messages: Number(r.clarification_messages ?? 0) }));
}

export interface RequestAuditRow {
  subject_id: string | null;
  action: string;
  details: string;
}

/** The audit entries that record a selected request's receipt, its answer, and its lifecycle moves. */
export async function statisticsAuditRows(db: Q, f: StatisticsFilter): Promise<RequestAuditRow[]> {
  return db
    .selectFrom('audit_entries')
    .select(['audit_entries.subject_id', 'audit_entries.action', 'audit_entries.details'])
    .where('audit_entries.subject_type', '=', 'request')
    .where('audit_entries.action', 'in', ['request.received', 'answer.sealed', 'request.transition'])
    .where('audit_entries.subject_id', 'in', selected(db.selectFrom('requests').select('requests.id'), f))
    .orderBy('audit_entries.seq')
    .execute();
}

/** The size of the audit log now (the seq of its last entry; 0 when empty). */
export async function auditLogSize(db: Q): Promise<number> {
  const r = await db
    .selectFrom('audit_entries')
    .select((eb) => eb.fn.max('seq').as('n'))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

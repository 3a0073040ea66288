import type { AuditScope } from '../domain/access.ts';
import type { Db, Tx } from '../store/database.ts';
import { entriesWithActors } from './audit.repository.ts';

// The SQL of the audit log's search for oversight (audit-search.ts): an auditor's part of the log
// (auditScope), filtered by period, acting person, actions and request, newest first, paged by seq.

export interface AuditSearchFilter {
  scope: AuditScope;
  /** UTC ISO instants: entries at or after `from`, before `to`. */
  from?: string;
  to?: string;
  /** The acting person's login. */
  login?: string;
  /** Any of these actions. */
  actions?: readonly string[];
  /** About the request with this reference. */
  reference?: string;
  /** Entries older than this seq (the next page). */
  before?: number;
  limit: number;
}

export interface AuditSearchRow {
  seq: number;
  at: string;
  action: string;
  actor_type: string;
  actor_id: string | null;
  subject_type: string;
  subject_id: string | null;
  details: string;
  user_name: string | null;
  user_roles: string | null;
  client_name: string | null;
  client_roles: string | null;
  organisation_name_ja: string | null;
  organisation_name_en: string | null;
  reference: string | null;
  /** The kind of the request the entry is about, as stored (read through src/store/stored-values.ts). */
  request_kind: string | null;
}

/** The entries in scope that match, newest first, at most `limit`. */
export async function searchAuditRows(db: Db | Tx, f: AuditSearchFilter): Promise<AuditSearchRow[]> {
  let q = entriesWithActors(db)
    .leftJoin('requests as r', (j) => j.onRef('r.id', '=', 'a.subject_id').on('a.subject_type', '=', 'request'))
    .select([
      'a.seq',
      'a.at',
      'a.action',
      'a.actor_type',
      'a.actor_id',
      'a.subject_type',
      'a.subject_id',
      'a.details',
      'u.display_name as user_name',
      'u.roles as user_roles',
      'c.name as client_name',
      'c.roles as client_roles',
      'o.name_ja as organisation_name_ja',
      'o.name_en as organisation_name_en',
      'r.reference',
      'r.kind as request_kind',
    ]);
  const scope = f.scope;
  if (scope.kind === 'organisation') {
    const org = scope.organisationId;
    const requests = scope.requests;
    q = q.where((eb) => {
      const own = eb('a.organisation_id', '=', org);
      if (requests === null) return own;
      const rule = requests.timeline;
      const others = rule.othersActs;
      const startsAt = rule.startsAt;
      // About its own requests, the acts of others that its side of the request's timeline shows
      // (timelineRule): its own requests on its side, nothing withheld, from its start (the latest signing)
      // where it starts there, and of other organisations' acts only those the timeline names.
      const about = [
        eb('a.subject_type', '=', 'request'),
        requests.side === 'agency'
          ? eb.and([eb('r.agency_organisation_id', '=', org), eb('r.origin', '=', 'local')])
          : eb.and([eb('r.provider_organisation_id', '=', org), eb('r.received_at', 'is not', null)]),
        eb('a.action', 'not like', `${rule.withheldPrefix}%`),
        ...(rule.withheldActs.length > 0 ? [eb('a.action', 'not in', rule.withheldActs)] : []),
        ...(others === null
          ? []
          : [
              eb.or([
                eb('a.organisation_id', 'is', null),
                ...(others.length > 0 ? [eb('a.action', 'in', others)] : []),
              ]),
            ]),
        ...(startsAt !== null
          ? [
              eb(
                'a.seq',
                '>=',
                eb
                  .selectFrom('audit_entries as s')
                  .select((m) => m.fn.max('s.seq').as('signed'))
                  .where('s.subject_type', '=', 'request')
                  .whereRef('s.subject_id', '=', 'a.subject_id')
                  .where('s.action', '=', startsAt),
              ),
            ]
          : []),
      ];
      return eb.or([own, eb.and(about)]);
    });
  }
  if (f.from !== undefined) q = q.where('a.at', '>=', f.from);
  if (f.to !== undefined) q = q.where('a.at', '<', f.to);
  if (f.login !== undefined) q = q.where('u.login', '=', f.login);
  if (f.actions !== undefined) q = q.where('a.action', 'in', [...f.actions]);
  if (f.reference !== undefined) q = q.where('r.reference', '=', f.reference);
  if (f.before !== undefined) q = q.where('a.seq', '<', f.before);
  const rows = await q.orderBy('a.seq', 'desc').limit(f.limit).execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

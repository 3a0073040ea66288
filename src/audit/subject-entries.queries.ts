// A subject's entries of the audit log with who acted, by name, organisation and roles (a request's
// timeline, the set-aside order's history).

import { shownRoles } from '../directory/stored-roles.ts';
import type { ActorType, AuditAction, Role } from '../domain/vocabulary.ts';
import type { Db, Tx } from '../store/database.ts';
import { entriesWithActors } from './audit.repository.ts';

export interface SubjectAuditRow {
  seq: number;
  at: string;
  action: AuditAction;
  actorType: ActorType;
  actorId: string | null;
  /** A user's display name or a machine client's registered name. */
  actorName: string | null;
  /** The organisation the actor acted for (null: the system). */
  organisationId: string | null;
  actorOrganisation: { ja: string; en: string } | null;
  /**
   * The roles the actor holds now (the log records the act, not the roles then; a request's timeline puts in
   * a person's the roles they held at the act: src/exchange/timeline.ts); none for the system.
   */
  actorRoles: Role[];
  details: unknown;
}

/** Every entry about one subject from `fromSeq` on, with who acted: by name, organisation and roles. */
export async function subjectEntries(
  db: Db | Tx,
  subjectType: string,
  subjectId: string,
  fromSeq: number,
): Promise<SubjectAuditRow[]> {
  const rows = await entriesWithActors(db)
    .select([
      'a.seq',
      'a.at',
      'a.action',
      'a.actor_type',
      'a.actor_id',
      'a.organisation_id',
      'a.details',
      'u.display_name',
      'c.name as client_name',
      (eb) => eb.fn.coalesce('u.roles', 'c.roles').as('actor_roles'),
      'o.name_ja',
      'o.name_en',
    ])
    .where('a.subject_type', '=', subjectType)
    .where('a.subject_id', '=', subjectId)
    .where('a.seq', '>=', fromSeq)
    .orderBy('a.seq')
    .execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    at: r.at,
    // Written only from the closed lists (events.ts), read back as what they are.
    action: r.action as AuditAction,
    actorType: r.actor_type as ActorType,
    actorId: r.actor_id,
    actorName: r.display_name ?? r.client_name ?? null,
    organisationId: r.organisation_id,
    actorOrganisation: r.name_ja !== null && r.name_en !== null ? { ja: r.name_ja, en: r.name_en } : null,
    actorRoles:
      r.actor_id === null || (r.actor_type !== 'user' && r.actor_type !== 'client')
        ? []
        : shownRoles(r.actor_roles, { kind: r.actor_type, id: r.actor_id, name: r.display_name ?? r.client_name }),
    details: JSON.parse(r.details) as unknown,
  }));
}

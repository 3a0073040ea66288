import { latestSeqOf } from '../audit/audit.repository.ts';
import { subjectEntries } from '../audit/subject-entries.queries.ts';
import { rolePeriodsOf } from '../directory/role-periods.ts';
import { type Principal, timelineRule, timelineShows } from '../domain/access.ts';
import { rolesAt } from '../domain/role-periods.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { AuditItem } from './read-models.ts';
import { loadVisible } from './requests.ts';

/**
 * A request's audit events its viewer may read (`timelineRule`). Roles only of the viewer's own people, and
 * those they held at the act, from the periods the directory records (src/directory/role-periods.ts); a role
 * whose start is not recorded and had not ended by then is told apart (`actorRolesUnsure`), never counted as
 * held. A machine client's roles are those it was registered with: nothing changes them.
 */
export async function requestTimeline(uow: UnitOfWork, p: Principal, id: string): Promise<AuditItem[]> {
  const { row, side } = await loadVisible(uow.tx, p, id, uow.now);
  const startsAt = side === 'oversight' ? null : timelineRule(side).startsAt;
  const fromSeq =
    startsAt === null ? 0 : ((await latestSeqOf(uow.tx, 'request', row.id, startsAt)) ?? Number.MAX_SAFE_INTEGER);
  const entries = (await subjectEntries(uow.tx, 'request', row.id, fromSeq)).filter((e) =>
    timelineShows(side, e, row.provider_organisation_id),
  );
  const ownPeople = entries.flatMap((e) =>
    e.actorType === 'user' && e.actorId !== null && e.organisationId === p.organisationId ? [e.actorId] : [],
  );
  const periods = await rolePeriodsOf(uow.tx, [...new Set(ownPeople)]);
  return entries.map(({ organisationId, ...e }) => {
    const own = organisationId === p.organisationId;
    const then =
      own && e.actorType === 'user' && e.actorId !== null
        ? rolesAt(periods.get(e.actorId) ?? [], e.at)
        : { held: own ? e.actorRoles : [], unsure: [] };
    return {
      ...e,
      actorRoles: then.held,
      actorRolesUnsure: then.unsure,
      details: e.details !== null && typeof e.details === 'object' ? (e.details as Record<string, unknown>) : {},
    };
  });
}

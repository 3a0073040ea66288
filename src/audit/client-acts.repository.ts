import type { Db, Tx } from '../store/database.ts';

// The audit log read for what a provider's machine client (its own installation) did on a subject.

/**
 * The first act on a subject by a machine client of `organisationId` (a provider's own installation): when,
 * and the client's name; null when none acted on it.
 */
export async function firstClientAct(
  db: Db | Tx,
  subjectType: string,
  subjectId: string,
  organisationId: string,
): Promise<{ at: string; name: string } | null> {
  const r = await db
    .selectFrom('audit_entries as a')
    .innerJoin('clients as c', 'c.id', 'a.actor_id')
    .select(['a.at', 'c.name'])
    .where('a.actor_type', '=', 'client')
    .where('a.subject_type', '=', subjectType)
    .where('a.subject_id', '=', subjectId)
    .where('c.organisation_id', '=', organisationId)
    .orderBy('a.seq')
    .limit(1)
    .executeTakeFirst();
  return r ? { at: r.at, name: r.name } : null;
}

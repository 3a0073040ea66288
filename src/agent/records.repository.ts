import type { Db, Tx } from '../store/database.ts';

// The history of the holder's records in its installation — each import of a post log or of a café's
// records, each purge — as the installation's audit log has it (the holders' use cases write it).

export const RECORDS_ACTIONS = ['holders.posts_imported', 'holders.cafe_imported', 'holders.cafe_purged'] as const;
export type RecordsAction = (typeof RECORDS_ACTIONS)[number];

export interface RecordsAuditRow {
  at: string;
  action: RecordsAction;
  actorType: string;
  actorId: string | null;
  details: unknown;
}

/** The latest entries of imports and purges, newest first. */
export async function recordsAuditEntries(db: Db | Tx, limit: number): Promise<RecordsAuditRow[]> {
  const rows = await db
    .selectFrom('audit_entries')
    .select(['at', 'action', 'actor_type', 'actor_id', 'details'])
    .where('action', 'in', [...RECORDS_ACTIONS])
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    at: r.at,
    // Selected by these actions only.
    action: r.action as RecordsAction,
    actorType: r.actor_type,
    actorId: r.actor_id,
    details: JSON.parse(r.details) as unknown,
  }));
}

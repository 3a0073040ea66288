import type { Db, Tx } from '../store/database.ts';
import type { MlatEventRow } from '../store/schema.ts';

// All SQL of an outgoing MLAT request's route (issue 15).

export async function listMlatEvents(db: Db | Tx, requestId: string): Promise<MlatEventRow[]> {
  return db.selectFrom('mlat_events').selectAll().where('request_id', '=', requestId).orderBy('seq').execute();
}

export async function insertMlatEvent(tx: Db | Tx, row: MlatEventRow): Promise<void> {
  await tx.insertInto('mlat_events').values(row).execute();
}

/** The events of many requests at once (a list), in order. */
export async function listMlatEventsOf(db: Db | Tx, requestIds: readonly string[]): Promise<MlatEventRow[]> {
  if (requestIds.length === 0) return [];
  return db
    .selectFrom('mlat_events')
    .selectAll()
    .where('request_id', 'in', [...requestIds])
    .orderBy('request_id')
    .orderBy('seq')
    .execute();
}

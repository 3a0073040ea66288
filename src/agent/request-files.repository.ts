import type { Db, Tx } from '../store/database.ts';
import type { AgentRequestFileRow } from '../store/schema.ts';

// All SQL of the request files the installation checked (migration 042).

type Q = Db | Tx;

/** The checked files of a request, in the order they were recorded. */
export async function requestFilesOf(db: Q, requestId: string): Promise<AgentRequestFileRow[]> {
  return db
    .selectFrom('agent_request_files')
    .selectAll()
    .where('request_id', '=', requestId)
    .orderBy('checked_at')
    .orderBy('id')
    .execute();
}

export async function findRequestFile(db: Q, requestId: string, id: string): Promise<AgentRequestFileRow | undefined> {
  return db
    .selectFrom('agent_request_files')
    .selectAll()
    .where('request_id', '=', requestId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Records a file's verdict once: a file already checked keeps its first verdict (false). */
export async function insertRequestFile(tx: Q, row: AgentRequestFileRow): Promise<boolean> {
  const r = await tx
    .insertInto('agent_request_files')
    .values(row)
    .onConflict((oc) => oc.columns(['request_id', 'id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
}

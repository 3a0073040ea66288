import type { Db, Tx } from '../store/database.ts';
import type { AgentRequestFileRow } from '../store/schema.ts';
import { fileOfRequest } from './file-rows.repository.ts';

// All SQL of the request files the installation checked (migrations 042, 048).

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
  return fileOfRequest(db, 'agent_request_files', requestId, id);
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

/**
 * A later copy of a file recorded as a mismatch verified: the file is verified from now on, and when the
 * mismatch was recorded is kept (false when the file is no longer a mismatch: checked meanwhile).
 */
export async function supersedeMismatch(
  tx: Q,
  requestId: string,
  id: string,
  sealed: string,
  at: string,
): Promise<{ mismatchAt: string } | undefined> {
  const before = await findRequestFile(tx, requestId, id);
  if (before?.state !== 'mismatch') return undefined;
  const mismatchAt = before.mismatch_at ?? before.checked_at;
  await tx
    .updateTable('agent_request_files')
    .set({ state: 'verified', sealed, checked_at: at, mismatch_at: mismatchAt })
    .where('request_id', '=', requestId)
    .where('id', '=', id)
    .where('state', '=', 'mismatch')
    .execute();
  return { mismatchAt };
}

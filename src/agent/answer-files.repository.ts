import type { Db, Tx } from '../store/database.ts';
import type { AgentAnswerFileRow } from '../store/schema.ts';
import { fileOfRequest } from './file-rows.repository.ts';

// All SQL of the files attached to the installation's answers (migration 037).

type Q = Db | Tx;

/** What the review shows of a file, without its bytes. */
export type AnswerFileMeta = Omit<AgentAnswerFileRow, 'content' | 'sealed'>;

const META = [
  'id',
  'request_id',
  'file_name',
  'media_type',
  'byte_size',
  'sha256',
  'added_by',
  'added_at',
  'uploaded_at',
] as const;

/** The files of a request's answer, oldest first, without their bytes. */
export async function answerFilesOf(db: Q, requestId: string): Promise<AnswerFileMeta[]> {
  return db
    .selectFrom('agent_answer_files')
    .select(META)
    .where('request_id', '=', requestId)
    .orderBy('added_at')
    .orderBy('id')
    .execute();
}

/** One file with its bytes. */
export async function findAnswerFile(db: Q, requestId: string, id: string): Promise<AgentAnswerFileRow | undefined> {
  return fileOfRequest(db, 'agent_answer_files', requestId, id);
}

export async function insertAnswerFile(tx: Q, row: AgentAnswerFileRow): Promise<void> {
  await tx.insertInto('agent_answer_files').values(row).execute();
}

/** Removes a file not yet sealed: false when there is none such. */
export async function deleteAnswerFile(tx: Q, requestId: string, id: string): Promise<boolean> {
  const r = await tx
    .deleteFrom('agent_answer_files')
    .where('request_id', '=', requestId)
    .where('id', '=', id)
    .where('sealed', 'is', null)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function storeSealedFile(tx: Q, id: string, sealed: Uint8Array): Promise<void> {
  await tx.updateTable('agent_answer_files').set({ sealed }).where('id', '=', id).execute();
}

/** The sealed files of a request the hub has not taken yet (id and sealed body), oldest first. */
export async function pendingUploads(db: Q, requestId: string): Promise<Array<{ id: string; sealed: Uint8Array }>> {
  const rows = await db
    .selectFrom('agent_answer_files')
    .select(['id', 'sealed'])
    .where('request_id', '=', requestId)
    .where('sealed', 'is not', null)
    .where('uploaded_at', 'is', null)
    .orderBy('added_at')
    .orderBy('id')
    .execute();
  return rows.flatMap((r) => (r.sealed ? [{ id: r.id, sealed: r.sealed }] : []));
}

export async function markUploaded(tx: Q, id: string, at: string): Promise<void> {
  await tx.updateTable('agent_answer_files').set({ uploaded_at: at }).where('id', '=', id).execute();
}

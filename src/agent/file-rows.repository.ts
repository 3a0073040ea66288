import type { Db, Tx } from '../store/database.ts';
import type { AgentAnswerFileRow, AgentRequestFileRow, Database } from '../store/schema.ts';

// The SQL both kinds of the installation's file rows share: the request files it checked (migrations
// 042, 048) and the files attached to its answers (migration 037). Each is keyed by request and file id.

type Q = Db | Tx;

/** One file of a request, by the request and the file's id. */
export async function fileOfRequest<T extends 'agent_request_files' | 'agent_answer_files'>(
  db: Q,
  table: T,
  requestId: string,
  id: string,
): Promise<Database[T] | undefined>;
// (Kysely reads a union of tables as one merged row: the implementation promises only the key columns.)
export async function fileOfRequest(
  db: Q,
  table: 'agent_request_files' | 'agent_answer_files',
  requestId: string,
  id: string,
): Promise<Pick<AgentRequestFileRow | AgentAnswerFileRow, 'request_id' | 'id'> | undefined> {
  return db.selectFrom(table).selectAll().where('request_id', '=', requestId).where('id', '=', id).executeTakeFirst();
}

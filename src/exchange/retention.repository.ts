import { storedBoxRecipient } from '../crypto/device-seal.ts';
import type { Db, Tx } from '../store/database.ts';
import type { AnswerRow, AttachmentRow, MessageRow, RetentionRecordRow } from '../store/schema.ts';

// The SQL of retention: closed requests not yet handled, and removing a request's personal data from
// the rows that hold it (request content and envelope, answer boxes, message bodies, links, attachments).

type Q = Db | Tx;

/** A sealed answer box that retention emptied: the row stays (who answered, when), the ciphertext goes. */
export const PURGED_BOX = '{"purged":true}';

/** Closed requests retention has not handled yet, oldest closing first. */
export async function closedWithoutRetention(
  db: Q,
  limit: number,
): Promise<Array<{ id: string; kind: string; closed_at: string; reference: string }>> {
  const rows = await db
    .selectFrom('requests as r')
    .leftJoin('retention_records as k', 'k.request_id', 'r.id')
    .select(['r.id', 'r.kind', 'r.closed_at', 'r.reference'])
    .where('r.state', '=', 'closed')
    .where('r.closed_at', 'is not', null)
    .where('k.request_id', 'is', null)
    .orderBy('r.closed_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind, closed_at: r.closed_at ?? '', reference: r.reference }));
}

export async function findRetentionRecord(db: Q, requestId: string): Promise<RetentionRecordRow | undefined> {
  return db.selectFrom('retention_records').selectAll().where('request_id', '=', requestId).executeTakeFirst();
}

export async function insertRetentionRecord(tx: Tx, row: RetentionRecordRow): Promise<void> {
  await tx
    .insertInto('retention_records')
    .values({ ...row, archive_key_id: storedBoxRecipient(row.archive) })
    .execute();
}

/** What retention removes of a request, read before it goes (to count it, and to seal it when archived). */
export async function personalDataOf(
  db: Q,
  requestId: string,
): Promise<{
  answer: AnswerRow | undefined;
  messages: Array<Pick<MessageRow, 'id' | 'purpose' | 'body' | 'created_at'>>;
  links: Array<{ id: string; identifier: string }>;
  attachments: Array<Pick<AttachmentRow, 'id' | 'file_name' | 'sealed_for_agency' | 'sealed_for_provider' | 'sha256'>>;
}> {
  const answer = await db.selectFrom('answers').selectAll().where('request_id', '=', requestId).executeTakeFirst();
  const messages = await db
    .selectFrom('messages')
    .select(['id', 'purpose', 'body', 'created_at'])
    .where('request_id', '=', requestId)
    .orderBy('created_at')
    .execute();
  const links = await db
    .selectFrom('request_links')
    .select(['id', 'identifier'])
    .where('to_request_id', '=', requestId)
    .execute();
  const attachments = await db
    .selectFrom('attachments')
    .select(['id', 'file_name', 'sealed_for_agency', 'sealed_for_provider', 'sha256'])
    .where('request_id', '=', requestId)
    .where('purged_at', 'is', null)
    .execute();
  return { answer, messages, links, attachments };
}

/**
 * Removes a request's personal data held in clear: its content and call-back check become `left`'s (what
 * retention leaves of them, src/domain/retention.ts: no targets, no text), the signed envelope and the
 * provider's decline note go, the message bodies and the attachments' file names are emptied and the links
 * that lead to it (their identifier is this request's target) are deleted. `purge` also empties what is
 * sealed: the answer's boxes and the attachments' bytes (archiving keeps those, sealed as they are).
 */
export async function removePersonalData(
  tx: Tx,
  requestId: string,
  left: { content: string; secondCheck: string | null },
  at: string,
  sealedToo: boolean,
): Promise<void> {
  await tx
    .updateTable('requests')
    .set({ content: left.content, second_check: left.secondCheck, envelope: null, decline_note: null, updated_at: at })
    .where('id', '=', requestId)
    .execute();
  await tx.updateTable('messages').set({ body: '' }).where('request_id', '=', requestId).execute();
  await tx.deleteFrom('request_links').where('to_request_id', '=', requestId).execute();
  await tx.updateTable('attachments').set({ file_name: '' }).where('request_id', '=', requestId).execute();
  if (!sealedToo) return;
  await tx
    .updateTable('answers')
    .set({ sealed: PURGED_BOX, sealed_for_provider: null, sealed_key_id: null, sealed_for_provider_key_id: null })
    .where('request_id', '=', requestId)
    .execute();
  await tx
    .updateTable('attachments')
    .set({
      sealed_for_agency: null,
      sealed_for_provider: null,
      sealed_for_agency_key_id: null,
      sealed_for_provider_key_id: null,
      purged_at: at,
    })
    .where('request_id', '=', requestId)
    .where('purged_at', 'is', null)
    .execute();
}

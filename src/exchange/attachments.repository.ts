import { storedBoxRecipient } from '../crypto/device-seal.ts';
import type { Db, Tx } from '../store/database.ts';
import type { AttachmentRow } from '../store/schema.ts';

// The SQL of attachments: their rows (metadata in clear, bytes only sealed).

type Q = Db | Tx;

export async function insertAttachment(tx: Tx, row: AttachmentRow): Promise<void> {
  const keys = {
    sealed_for_agency_key_id: storedBoxRecipient(row.sealed_for_agency),
    sealed_for_provider_key_id: storedBoxRecipient(row.sealed_for_provider),
  };
  await tx
    .insertInto('attachments')
    .values({ ...row, ...keys })
    .execute();
}

export async function attachmentsOf(db: Q, requestId: string): Promise<AttachmentRow[]> {
  return db
    .selectFrom('attachments')
    .selectAll()
    .where('request_id', '=', requestId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function findAttachment(db: Q, requestId: string, id: string): Promise<AttachmentRow | undefined> {
  return db
    .selectFrom('attachments')
    .selectAll()
    .where('request_id', '=', requestId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function deleteAttachment(tx: Tx, requestId: string, id: string): Promise<void> {
  await tx.deleteFrom('attachments').where('request_id', '=', requestId).where('id', '=', id).execute();
}

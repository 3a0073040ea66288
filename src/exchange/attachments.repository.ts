import { storedBoxRecipient } from '../crypto/device-seal.ts';
import type { Db, StoreDialect, Tx } from '../store/database.ts';
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

/**
 * Holds the request's row until the transaction ends, so the uploads to one request take turns: the files
 * counted after it are the files the next insert adds to, and parallel uploads cannot pass the limit
 * together (PostgreSQL FOR UPDATE, whose wait ends on the holder's COMMIT; SQLite has one writer).
 */
export async function holdRequestForFiles(tx: Tx, dialect: StoreDialect, requestId: string): Promise<void> {
  if (dialect !== 'postgres') return;
  await tx.selectFrom('requests').select('id').where('id', '=', requestId).forUpdate().execute();
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

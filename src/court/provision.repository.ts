import { storedBoxRecipient } from '../crypto/device-seal.ts';
import type { Db, Tx } from '../store/database.ts';
import type { ProvisionNoticeRow } from '../store/schema.ts';

// All SQL about provision notices: the sender's communications a content provider gives an access
// provider under a provision order (提供命令, art. 15(1)(2)).

type Q = Db | Tx;

export async function insertProvisionNotice(tx: Q, row: ProvisionNoticeRow): Promise<void> {
  await tx
    .insertInto('provision_notices')
    .values({ ...row, sealed_key_id: storedBoxRecipient(row.sealed) })
    .execute();
}

export async function noticesOfOrder(db: Q, orderId: string): Promise<ProvisionNoticeRow[]> {
  return db.selectFrom('provision_notices').selectAll().where('order_id', '=', orderId).orderBy('id').execute();
}

export async function findProvisionNotice(db: Q, id: string): Promise<ProvisionNoticeRow | undefined> {
  return db.selectFrom('provision_notices').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Releases a prepared notice to its access provider; whether it changed. */
export async function sendProvisionNotice(
  tx: Q,
  id: string,
  changes: { application_id: string; sent_at: string },
): Promise<boolean> {
  const r = await tx
    .updateTable('provision_notices')
    .set({ ...changes, state: 'sent' })
    .where('id', '=', id)
    .where('state', '=', 'prepared')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The notices released to an access provider, newest first. */
export async function noticesSentTo(db: Q, organisationId: string, limit: number): Promise<ProvisionNoticeRow[]> {
  return db
    .selectFrom('provision_notices')
    .selectAll()
    .where('access_provider_organisation_id', '=', organisationId)
    .where('state', '=', 'sent')
    .orderBy('sent_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** The notice released to an access provider for a case (the lawyer's application against it), if any. */
export async function noticeReleasedFor(
  db: Q,
  applicationId: string,
  accessProviderOrganisationId: string,
): Promise<ProvisionNoticeRow | undefined> {
  return db
    .selectFrom('provision_notices')
    .selectAll()
    .where('application_id', '=', applicationId)
    .where('access_provider_organisation_id', '=', accessProviderOrganisationId)
    .where('state', '=', 'sent')
    .orderBy('id')
    .executeTakeFirst();
}

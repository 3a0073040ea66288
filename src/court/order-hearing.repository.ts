import type { Db, StoreDialect, Tx } from '../store/database.ts';
import type { DisclosureOrderHearingRow } from '../store/schema.ts';

// All SQL about the court's hearings of the parties on a disclosure-order application (陳述聴取).

type Q = Db | Tx;

export async function insertHearing(tx: Tx, row: DisclosureOrderHearingRow): Promise<void> {
  await tx.insertInto('disclosure_order_hearings').values(row).execute();
}

/** The hearings recorded on application `applicationId`, in the order they were held. */
export async function listHearings(db: Q, applicationId: string): Promise<DisclosureOrderHearingRow[]> {
  return db
    .selectFrom('disclosure_order_hearings')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('heard_at')
    .orderBy('id')
    .execute();
}

/** Hearing `id` of application `applicationId`, or undefined. */
export async function findHearing(
  db: Q,
  applicationId: string,
  id: string,
): Promise<DisclosureOrderHearingRow | undefined> {
  return db
    .selectFrom('disclosure_order_hearings')
    .selectAll()
    .where('application_id', '=', applicationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Marks hearing `id` withdrawn, only if it is not already: false when another withdrawal came first. */
export async function markHearingWithdrawn(
  tx: Tx,
  id: string,
  withdrawal: Pick<
    DisclosureOrderHearingRow,
    | 'withdrawn_at'
    | 'withdrawn_by'
    | 'withdraw_reason'
    | 'withdraw_key_id'
    | 'withdraw_signature'
    | 'withdraw_signed_at'
  >,
): Promise<boolean> {
  const r = await tx
    .updateTable('disclosure_order_hearings')
    .set(withdrawal)
    .where('id', '=', id)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Holds application `applicationId`'s row until the transaction ends, so issuing its order and withdrawing one of
 * its hearings take turns: whichever comes second reads the application and its hearings as the first left them
 * (PostgreSQL FOR UPDATE, whose wait ends on the holder's COMMIT; SQLite has one writer).
 */
export async function holdApplicationForHearings(tx: Tx, dialect: StoreDialect, applicationId: string): Promise<void> {
  if (dialect !== 'postgres') return;
  await tx
    .selectFrom('disclosure_order_applications')
    .select('id')
    .where('id', '=', applicationId)
    .forUpdate()
    .execute();
}

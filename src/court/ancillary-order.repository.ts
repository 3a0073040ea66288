import type { Db, Tx } from '../store/database.ts';
import type { AncillaryOrderApplicationRow } from '../store/schema.ts';

// All SQL about ancillary orders (付随命令: provision and erasure-prohibition orders).

type Q = Db | Tx;

export async function insertAncillaryOrder(tx: Q, row: AncillaryOrderApplicationRow): Promise<void> {
  await tx.insertInto('ancillary_order_applications').values(row).execute();
}

export async function findAncillaryOrder(db: Q, id: string): Promise<AncillaryOrderApplicationRow | undefined> {
  return db.selectFrom('ancillary_order_applications').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The ancillary orders of one disclosure-order case, oldest first. */
export async function ancillaryOrdersOfCase(db: Q, applicationId: string): Promise<AncillaryOrderApplicationRow[]> {
  return db
    .selectFrom('ancillary_order_applications')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** The list a side sees: the office's, those before the court, or the orders issued to a provider. */
export async function listAncillaryOrderRows(
  db: Q,
  f: { side: 'office' | 'court' | 'provider'; organisationId: string; limit: number },
): Promise<AncillaryOrderApplicationRow[]> {
  const column = {
    office: 'law_office_organisation_id',
    court: 'court_organisation_id',
    provider: 'provider_organisation_id',
  } as const;
  let q = db.selectFrom('ancillary_order_applications').selectAll().where(column[f.side], '=', f.organisationId);
  if (f.side === 'provider') q = q.where('state', 'in', ['issued', 'lifted']);
  return q.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}

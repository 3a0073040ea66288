import type { Db, Tx } from '../store/database.ts';
import type { DisclosureOrderApplicationRow } from '../store/schema.ts';

// All SQL about disclosure-order applications (発信者情報開示命令の申立て).

type Q = Db | Tx;

export async function insertOrderApplication(tx: Q, row: DisclosureOrderApplicationRow): Promise<void> {
  await tx.insertInto('disclosure_order_applications').values(row).execute();
}

export async function findOrderApplication(db: Q, id: string): Promise<DisclosureOrderApplicationRow | undefined> {
  return db.selectFrom('disclosure_order_applications').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Changes an application only if it is still in `fromState`; returns whether the row changed. */
export async function updateOrderApplication(
  tx: Q,
  id: string,
  fromState: string,
  changes: Partial<Omit<DisclosureOrderApplicationRow, 'id' | 'reference' | 'law_office_organisation_id'>>,
): Promise<boolean> {
  // A request is drafted from an application once: setting its id also needs it unset (two concurrent
  // openings both see the state they need; only the first sets the id, the second changes nothing).
  const r = await tx
    .updateTable('disclosure_order_applications')
    .set(changes)
    .where('id', '=', id)
    .where('state', '=', fromState)
    .$if(changes.request_id !== undefined, (q) => q.where('request_id', 'is', null))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** An office's applications, or those filed with a court, newest first. */
export async function listOrderApplicationRows(
  db: Q,
  f: { side: 'office' | 'court'; organisationId: string; state?: string | undefined; limit: number },
): Promise<DisclosureOrderApplicationRow[]> {
  let q = db
    .selectFrom('disclosure_order_applications')
    .selectAll()
    .where(f.side === 'office' ? 'law_office_organisation_id' : 'court_organisation_id', '=', f.organisationId);
  if (f.state) q = q.where('state', '=', f.state);
  return q.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}

/** Another order of this court already issued under this case number, if any. */
export async function findIssuedCaseNumber(
  db: Q,
  courtOrganisationId: string,
  caseNumber: string,
): Promise<DisclosureOrderApplicationRow | undefined> {
  return db
    .selectFrom('disclosure_order_applications')
    .selectAll()
    .where('court_organisation_id', '=', courtOrganisationId)
    .where('case_number', '=', caseNumber)
    .executeTakeFirst();
}

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

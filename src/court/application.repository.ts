import type { Db, Tx } from '../store/database.ts';
import type { WarrantApplicationRow } from '../store/schema.ts';

// All SQL about warrant applications (令状請求).

type Q = Db | Tx;

export async function insertApplication(tx: Q, row: WarrantApplicationRow): Promise<void> {
  await tx.insertInto('warrant_applications').values(row).execute();
}

export async function findApplication(db: Q, id: string): Promise<WarrantApplicationRow | undefined> {
  return db.selectFrom('warrant_applications').selectAll().where('id', '=', id).executeTakeFirst();
}

export type ApplicationListFilter =
  | { side: 'agency'; organisationId: string; unitId: string; state?: string; limit: number }
  | { side: 'court'; organisationId: string; state?: string; limit: number };

/** An applying unit's applications, or those sent to a court (never its drafts), newest first. */
export async function listApplicationRows(db: Q, f: ApplicationListFilter): Promise<WarrantApplicationRow[]> {
  let q = db.selectFrom('warrant_applications').selectAll();
  if (f.side === 'agency') {
    q = q.where('agency_organisation_id', '=', f.organisationId).where('unit_id', '=', f.unitId);
  } else {
    q = q.where('court_organisation_id', '=', f.organisationId).where('sent_at', 'is not', null);
  }
  if (f.state) q = q.where('state', '=', f.state);
  return q.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}

/** Another application of this court already attested under this warrant number, if any. */
export async function findAttestedNumber(
  db: Q,
  courtOrganisationId: string,
  warrantNumber: string,
): Promise<WarrantApplicationRow | undefined> {
  return db
    .selectFrom('warrant_applications')
    .selectAll()
    .where('court_organisation_id', '=', courtOrganisationId)
    .where('warrant_number', '=', warrantNumber)
    .executeTakeFirst();
}

/** The unit's attested application whose warrant this is (court, number and provider), if any. */
export async function findApplicationByWarrant(
  db: Q,
  key: { unitId: string; courtOrganisationId: string; warrantNumber: string; providerOrganisationId: string },
): Promise<WarrantApplicationRow | undefined> {
  return db
    .selectFrom('warrant_applications')
    .selectAll()
    .where('unit_id', '=', key.unitId)
    .where('court_organisation_id', '=', key.courtOrganisationId)
    .where('warrant_number', '=', key.warrantNumber)
    .where('provider_organisation_id', '=', key.providerOrganisationId)
    .where('state', '=', 'attested')
    .executeTakeFirst();
}

/**
 * Records the request drafted with an attested application's warrant, only while the application still records
 * `previous` (none, or a request since withdrawn): a concurrent draft with the same warrant loses (false).
 */
export async function recordApplicationRequest(
  tx: Q,
  id: string,
  requestId: string,
  previous: string | null,
  at: string,
): Promise<boolean> {
  const r = await tx
    .updateTable('warrant_applications')
    .set({ request_id: requestId, updated_at: at })
    .where('id', '=', id)
    .where('state', '=', 'attested')
    .where((eb) => (previous === null ? eb('request_id', 'is', null) : eb('request_id', '=', previous)))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

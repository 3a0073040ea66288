import type { Db, Tx } from '../store/database.ts';
import type { KeyRow, OrganisationRow, UnitRow, UserRow } from '../store/schema.ts';

// All SQL of the published directory (key transparency): every organisation, unit and key, as the
// rows the log's entries are built from.

export async function directoryRows(db: Db | Tx): Promise<{
  organisations: OrganisationRow[];
  units: UnitRow[];
  keys: KeyRow[];
  /** Lawyers (a registration number recorded): public as the bar's own register is. */
  lawyers: Pick<
    UserRow,
    'id' | 'organisation_id' | 'display_name' | 'created_at' | 'bar_registration_number' | 'bar_association'
  >[];
}> {
  const [organisations, units, keys, lawyers] = await Promise.all([
    db.selectFrom('organisations').selectAll().execute(),
    db.selectFrom('units').selectAll().execute(),
    db.selectFrom('keys').selectAll().where('owner_type', '!=', 'client').execute(),
    db
      .selectFrom('users')
      .select(['id', 'organisation_id', 'display_name', 'created_at', 'bar_registration_number', 'bar_association'])
      .where('bar_registration_number', 'is not', null)
      .execute(),
  ]);
  return { organisations, units, keys, lawyers };
}

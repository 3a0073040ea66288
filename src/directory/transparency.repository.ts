import type { Db, Tx } from '../store/database.ts';
import type { KeyRow, OrganisationRow, UnitRow } from '../store/schema.ts';

// All SQL of the published directory (key transparency): every organisation, unit and key, as the
// rows the log's entries are built from.

export async function directoryRows(
  db: Db | Tx,
): Promise<{ organisations: OrganisationRow[]; units: UnitRow[]; keys: KeyRow[] }> {
  const [organisations, units, keys] = await Promise.all([
    db.selectFrom('organisations').selectAll().execute(),
    db.selectFrom('units').selectAll().execute(),
    db.selectFrom('keys').selectAll().where('owner_type', '!=', 'client').execute(),
  ]);
  return { organisations, units, keys };
}

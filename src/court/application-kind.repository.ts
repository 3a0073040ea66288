import type { Db, Tx } from '../store/database.ts';
import type { Database } from '../store/schema.ts';

// The SQL every kind of application a court decides shares (./application-kind.ts): warrant,
// disclosure-order and ancillary-order applications each have their own table, with the same id,
// reference, state and request columns.

export type ApplicationTable =
  | 'warrant_applications'
  | 'disclosure_order_applications'
  | 'ancillary_order_applications';

/** The table whose rows are `Row`. */
export type ApplicationTableOf<Row> = {
  [T in ApplicationTable]: Database[T] extends Row ? T : never;
}[ApplicationTable];

/** What never changes on an application: its identity, and the organisation and unit it belongs to. */
export type FixedColumn = 'id' | 'reference' | 'agency_organisation_id' | 'unit_id' | 'law_office_organisation_id';

/** What may change on an application of table `T`: any of that table's columns but its fixed ones. */
export type ApplicationChanges<T extends ApplicationTable> = Partial<Omit<Database[T], FixedColumn>>;

/**
 * Changes an application only if it is still in `fromState` (a concurrent act loses cleanly); returns
 * whether the row changed.
 */
export async function updateApplicationRow<T extends ApplicationTable>(
  tx: Db | Tx,
  table: T,
  id: string,
  fromState: string,
  changes: ApplicationChanges<T>,
): Promise<boolean>;
export async function updateApplicationRow(
  tx: Db | Tx,
  table: ApplicationTable,
  id: string,
  fromState: string,
  changes: { [T in ApplicationTable]: ApplicationChanges<T> }[ApplicationTable],
): Promise<boolean> {
  // A request is drafted from an application once: setting its id also needs it unset (two concurrent
  // openings both see the state they need; only the first sets the id, the second changes nothing).
  const r = await tx
    .updateTable(table)
    .set(changes)
    .where('id', '=', id)
    .where('state', '=', fromState)
    .$if(changes.request_id !== undefined, (q) => q.where('request_id', 'is', null))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

import type { Db, Tx } from '../store/database.ts';
import type { DisclosureOrderApplicationRow, DisclosureOrderStandingRow } from '../store/schema.ts';

// The SQL of the directory log's set-aside entries: every disclosure order a suit set aside, with the
// order it set aside (whose signed payload the entry's digest is rebuilt from).

export interface SetAsideRow {
  order: DisclosureOrderApplicationRow;
  standing: DisclosureOrderStandingRow;
}

/** Every set-aside that entered the log (`set_aside_logged_at`), with its order. */
export async function setAsideRows(db: Db | Tx): Promise<SetAsideRow[]> {
  const standings = await db
    .selectFrom('disclosure_order_standings')
    .selectAll()
    .where('outcome', '=', 'set_aside')
    .where('set_aside_logged_at', 'is not', null)
    .execute();
  if (standings.length === 0) return [];
  const orders = await db
    .selectFrom('disclosure_order_applications')
    .selectAll()
    .where(
      'id',
      'in',
      standings.map((s) => s.application_id),
    )
    .execute();
  const byId = new Map(orders.map((o) => [o.id, o]));
  return standings.flatMap((standing) => {
    const order = byId.get(standing.application_id);
    return order ? [{ order, standing }] : [];
  });
}

import type { Db, Tx } from '../store/database.ts';
import type { DisclosureOrderApplicationRow, DisclosureOrderStandingRow } from '../store/schema.ts';

// The SQL of the directory log's entries of how issued disclosure orders stand: every standing with a
// record that entered the log (a set-aside, the suit's filing, another outcome, finality), with the order
// it is about (whose signed payload the entry's digest is rebuilt from).

export interface LoggedStandingRow {
  order: DisclosureOrderApplicationRow;
  standing: DisclosureOrderStandingRow;
}

/** Every standing with a record that entered the log (any `*_logged_at`), with its order. */
export async function loggedStandingRows(db: Db | Tx): Promise<LoggedStandingRow[]> {
  const standings = await db
    .selectFrom('disclosure_order_standings')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('outcome', '=', 'set_aside'), eb('set_aside_logged_at', 'is not', null)]),
        eb('objection_logged_at', 'is not', null),
        eb('outcome_logged_at', 'is not', null),
        eb('final_logged_at', 'is not', null),
      ]),
    )
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

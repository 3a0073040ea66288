import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// An objection suit is in time when filed within the month counted from the day the party bringing it was
// notified of the order (art. 14): the court's record of the suit keeps that day (a date in Japan,
// YYYY-MM-DD) when the judge names it, and the last day of the month it gives (moved over closed days and
// the national holidays the judge named). Null for a suit recorded without a notice day (filed within the
// month counted from the order's own day, which no notice precedes) and for suits recorded before.
const COLUMNS = ['objection_noticed_on', 'objection_last_day'];

export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  for (const column of COLUMNS) {
    await db.schema.alterTable('disclosure_order_standings').addColumn(column, 'text').execute();
  }
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  for (const column of [...COLUMNS].reverse()) {
    await db.schema.alterTable('disclosure_order_standings').dropColumn(column).execute();
  }
}

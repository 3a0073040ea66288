import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// The judge signs the days an objection suit's month is counted from (art. 14): with the suit's filing,
// the day the party bringing it was notified (or null: counted from the order's day) and the national
// holidays he named; with finality without a suit, the day each party was notified and the holidays. Kept
// as the JSON he signed (objection_period: {noticedOn, holidays}; final_period: {noticedOn: {provider,
// claimant}, holidays}); null for a record made before, whose signed payload carries none of them.
const COLUMNS = ['objection_period', 'final_period'];

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

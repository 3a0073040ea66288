import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../location.ts';

// The rest of what the judge records of an issued disclosure order enters the hub's directory log, as
// its set-aside did (051): the objection suit filed, the suit ended upholding or changing the order, the
// order final without a suit — so a provider's own installation knows offline that an order is contested
// and waits for the outcome. Each record keeps the instant it entered the log. Records made before this
// migration enter at this migration's instant — after every entry a provider may have pinned, so an old
// pin is extended, not rewritten.
const COLUMNS = ['objection_logged_at', 'outcome_logged_at', 'final_logged_at'];

export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  for (const column of COLUMNS) {
    await db.schema.alterTable('disclosure_order_standings').addColumn(column, 'text').execute();
  }
  const now = new Date().toISOString();
  await sql`UPDATE disclosure_order_standings SET objection_logged_at = ${now}
    WHERE objection_filed_at IS NOT NULL`.execute(db);
  await sql`UPDATE disclosure_order_standings SET outcome_logged_at = ${now}
    WHERE outcome IN ('upheld', 'changed')`.execute(db);
  await sql`UPDATE disclosure_order_standings SET final_logged_at = ${now}
    WHERE final_at IS NOT NULL AND outcome IS NULL`.execute(db);
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  for (const column of [...COLUMNS].reverse()) {
    await db.schema.alterTable('disclosure_order_standings').dropColumn(column).execute();
  }
}

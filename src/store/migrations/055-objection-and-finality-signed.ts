import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../location.ts';

// The judge signs with his passkey the recording that an objection suit was filed and the recording that
// the order became final without one, as he signs how the suit ended (051): each keeps the judge's key,
// the packed assertion and the instant he signed it (his key must have been valid then). The outcome gains
// its instant too; an outcome signed before this migration takes it from when it entered the log (a
// set-aside) or from the row's last change (nothing is recorded after an outcome). Records made before
// they were signed keep null signatures and read as unsigned.
const COLUMNS = [
  'objection_key_id',
  'objection_signature',
  'objection_signed_at',
  'final_key_id',
  'final_signature',
  'final_signed_at',
  'outcome_signed_at',
];

export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  for (const column of COLUMNS) {
    await db.schema.alterTable('disclosure_order_standings').addColumn(column, 'text').execute();
  }
  await sql`UPDATE disclosure_order_standings SET outcome_signed_at = COALESCE(set_aside_logged_at, updated_at)
    WHERE outcome_signature IS NOT NULL`.execute(db);
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  for (const column of [...COLUMNS].reverse()) {
    await db.schema.alterTable('disclosure_order_standings').dropColumn(column).execute();
  }
}

import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../location.ts';

// A disclosure order set aside on an objection suit enters the hub's directory log, so a provider's own
// installation refuses it offline. The set-aside keeps the category of its ground (what the log
// publishes; the judgment's words stay with the parties), the instant it entered the log, and the
// judge's passkey signature over it (the key and the packed assertion). A set-aside recorded before this
// migration enters the log at this migration's instant — after every entry a provider may have pinned,
// so an old pin is extended, not rewritten — with the ground `other` (none was recorded) and unsigned.
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  for (const column of ['set_aside_ground', 'set_aside_logged_at', 'outcome_key_id', 'outcome_signature']) {
    await db.schema.alterTable('disclosure_order_standings').addColumn(column, 'text').execute();
  }
  const now = new Date().toISOString();
  await sql`UPDATE disclosure_order_standings SET set_aside_ground = 'other', set_aside_logged_at = ${now}
    WHERE outcome = 'set_aside'`.execute(db);
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  for (const column of ['outcome_signature', 'outcome_key_id', 'set_aside_logged_at', 'set_aside_ground']) {
    await db.schema.alterTable('disclosure_order_standings').dropColumn(column).execute();
  }
}

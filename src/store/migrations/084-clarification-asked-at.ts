import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../location.ts';

// When the provider asked the requester the clarifying question the request now waits on. The response
// deadline stands still while the request waits (docs/lifecycle.md "Deadlines"): lists and statistics need
// that instant for every row, and the thread's messages are content that retention empties, so it is a
// column of the request, set by request_clarification and cleared by clarify. A request waiting when this
// runs takes its latest clarification message's time. Down drops the column: the code before it lets the
// deadline run while the request waits, as it did.
// Frozen with this migration: the statements are its own.
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await sql`ALTER TABLE requests ADD COLUMN clarification_asked_at text`.execute(db);
  await sql`UPDATE requests SET clarification_asked_at = coalesce(
      (SELECT max(m.created_at) FROM messages m WHERE m.request_id = requests.id AND m.purpose = 'clarification'),
      updated_at)
    WHERE state = 'clarification_requested'`.execute(db);
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await sql`ALTER TABLE requests DROP COLUMN clarification_asked_at`.execute(db);
}

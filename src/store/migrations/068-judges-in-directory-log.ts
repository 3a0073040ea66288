import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../location.ts';

// The directory log carries the grants of the judge's role too, so a provider can check offline that the
// owner of the key that signed a warrant or a court order was a judge of the court then
// (src/domain/pinned-judges.ts). A grant enters the log when it takes effect (`decided_at`); a user's
// disabling ends it (`users.disabled_at`). The judges' grants already active now enter the log at this
// migration's instant (`logged_at`), after every entry a provider may have pinned, so an old pin is
// extended, not rewritten; each keeps its real start (the log's first batch of judges is the hub's one
// declaration of its past). A grant whose holder was disabled before now is left out of the log
// (src/directory/transparency.ts): its end, dated before now, would rewrite every pin.
// Frozen with this migration: the statement below is its own.
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  const now = new Date().toISOString();
  await sql`UPDATE role_grants SET logged_at = ${now}
    WHERE state = 'active' AND role = 'judge' AND logged_at IS NULL`.execute(db);
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await sql`UPDATE role_grants SET logged_at = NULL WHERE role = 'judge'`.execute(db);
}

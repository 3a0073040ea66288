import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../location.ts';

// The directory log carries the grants of roles that approve requests, so a provider can check an
// approver's authority offline against its pin (src/domain/pinned-authority.ts). A grant enters the log
// when it takes effect (`decided_at`); a user's disabling ends their grants (`users.disabled_at`). The
// grants already active now enter the log at this migration's instant (`logged_at`), after every entry
// a provider may have pinned, so an old pin is extended, not rewritten; each keeps its real start. A
// user disabled before now has no recorded instant: their grants are left out of the log.
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.alterTable('role_grants').addColumn('logged_at', 'text').execute();
  await db.schema.alterTable('users').addColumn('disabled_at', 'text').execute();
  const now = new Date().toISOString();
  await sql`UPDATE role_grants SET logged_at = ${now}
    WHERE state = 'active' AND user_id IN (SELECT id FROM users WHERE disabled = 0)`.execute(db);
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.alterTable('users').dropColumn('disabled_at').execute();
  await db.schema.alterTable('role_grants').dropColumn('logged_at').execute();
}

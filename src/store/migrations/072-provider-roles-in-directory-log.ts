import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../location.ts';

// The directory log carries the roles a person is made with (not countersigned, so never a `role_grants`
// row) where a role may act for its organisation in what the directory log is read for: a content
// provider's legal officer and operator, who carry out a provision order and sign its notices
// (src/domain/provision-notice.ts, NOTICE_SIGNING_ROLES). The person's roles took effect when the person was
// made (`users.created_at`) and end when they are disabled (`users.disabled_at`); `roles_logged_at` says
// when the log recorded them. Every person existing now enters the log at this migration's instant, after
// every entry a provider may have pinned, so an old pin is extended, not rewritten; each keeps its real
// start (the log's first batch of these roles is the hub's one declaration of its past), as migration 068
// did for judges. A person made later has none: their roles enter the log when they are made. A person
// disabled before now is left out of the log (src/directory/transparency.ts): their end, dated before
// now, would rewrite every pin. Nothing earlier wrote the column, so `down` only drops it.
// Frozen with this migration: the statements below are its own.
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.alterTable('users').addColumn('roles_logged_at', 'text').execute();
  const now = new Date().toISOString();
  await sql`UPDATE users SET roles_logged_at = ${now}`.execute(db);
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.alterTable('users').dropColumn('roles_logged_at').execute();
}

import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../location.ts';

// The directory log carries the grants of the judge's role too, so a provider can check offline that the
// owner of the key that signed a warrant or a court order was a judge of the court then
// (src/domain/pinned-judges.ts). A grant enters the log when it takes effect (`decided_at`); a user's
// disabling ends it (`users.disabled_at`). Every judge's grant active now enters the log at this
// migration's instant (`logged_at`), after every entry a provider may have pinned, so an old pin is
// extended, not rewritten; each keeps its real start (the log's first batch of judges, all at this one
// instant, is the hub's one declaration of its past). That includes the grants migration 038 already
// dated (it set `logged_at` on every active grant, judges' too, while the log left judges out): kept at
// 038's instant they would enter the log before the heads providers pinned since, and every pin would
// refuse the log as rewritten. Their 038 value is kept in `judge_grants_logged_by_038` so `down` puts
// back what 038 left. A grant whose holder was disabled before now is left out of the log
// (src/directory/transparency.ts): its end, dated before now, would rewrite every pin.
// Frozen with this migration: the statements below are its own.
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('judge_grants_logged_by_038')
    .addColumn('grant_id', 'text', (c) => c.primaryKey())
    .addColumn('logged_at', 'text', (c) => c.notNull())
    .execute();
  await sql`INSERT INTO judge_grants_logged_by_038 (grant_id, logged_at)
    SELECT id, logged_at FROM role_grants WHERE role = 'judge' AND logged_at IS NOT NULL`.execute(db);
  const now = new Date().toISOString();
  await sql`UPDATE role_grants SET logged_at = ${now} WHERE state = 'active' AND role = 'judge'`.execute(db);
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  // The code never writes `logged_at`: a judge's grant not kept above had none before this migration.
  await sql`UPDATE role_grants SET logged_at =
    (SELECT k.logged_at FROM judge_grants_logged_by_038 k WHERE k.grant_id = role_grants.id)
    WHERE role = 'judge'`.execute(db);
  await db.schema.dropTable('judge_grants_logged_by_038').execute();
}

import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// A person's role may end without their account: a judge moves to another court, a provider's legal officer
// to another department. Each end is a row here, with its instant (UTC ms, ISO) and who ended it; the
// directory log enters it as the end of the grant (`role.ended`, as a disabling already is). `grant_id` is
// the role's id in the log: a countersigned grant's `role_grants.id`, or `<user id>:<role>` for a role the
// person was made with (src/directory/transparency.repository.ts). Nothing existed before: no entry of an
// older log moves, so every pin of it is extended, not rewritten. `down` drops the table.
// Frozen with this migration: the statements below are its own.
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('role_ends')
    .addColumn('grant_id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text', (c) => c.notNull())
    .addColumn('ended_by', 'text')
    .execute();
  await db.schema.createIndex('role_ends_user').on('role_ends').columns(['user_id', 'role']).execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.dropTable('role_ends').execute();
}

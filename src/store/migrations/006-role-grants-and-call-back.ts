import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../location.ts';

// Two people grant a privileged role: the grant waits for a countersignature. A unit registers the
// number a provider calls back for a second check of an emergency signed with a new credential, and a
// request records that second check.
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('role_grants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('granted_by', 'text')
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .addColumn('countersigned_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('refusal_reason', 'text')
    .execute();
  await db.schema.createIndex('role_grants_user').on('role_grants').columns(['user_id', 'role']).execute();
  await db.schema.createIndex('role_grants_pending').on('role_grants').columns(['organisation_id', 'state']).execute();
  // Privileged roles held before the two-person rule stay held, recorded as active grants that no one
  // countersigned (a provider's verification shows them as such).
  const users = await sql<{ id: string; organisation_id: string; roles: string; created_at: string }>`
    SELECT id, organisation_id, roles, created_at FROM users`.execute(db);
  for (const u of users.rows) {
    for (const role of JSON.parse(u.roles) as string[]) {
      if (!['unit_head', 'judge', 'admin', 'key_officer'].includes(role)) continue;
      await sql`INSERT INTO role_grants (id, organisation_id, user_id, role, state, granted_by, granted_at,
        countersigned_by, decided_at, refusal_reason)
        VALUES (${`grant_${randomUUID()}`}, ${u.organisation_id}, ${u.id}, ${role}, 'active', NULL, ${u.created_at},
        NULL, ${u.created_at}, NULL)`.execute(db);
    }
  }
  await db.schema.alterTable('units').addColumn('callback_phone', 'text').execute();
  await db.schema.alterTable('requests').addColumn('second_check', 'text').execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.alterTable('requests').dropColumn('second_check').execute();
  await db.schema.alterTable('units').dropColumn('callback_phone').execute();
  await db.schema.dropTable('role_grants').execute();
}

import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// The two-person rule for signing credentials (issue 11, DESIGN §5): a unit head's, judge's or
// provider officer's new passkey waits here until a second person of the organisation (an
// administrator or the key officer) confirms it; only then does it enter the directory as their
// signing key. The key id is given at the request, so the audit and the directory speak of one key.
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('credential_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key_id', 'text', (c) => c.notNull().unique())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('credential_id', 'text', (c) => c.notNull())
    .addColumn('rp_id', 'text', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('algorithm', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('sign_count', 'bigint', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('refusal_reason', 'text')
    .execute();
  await db.schema
    .createIndex('credential_requests_org_state')
    .on('credential_requests')
    .columns(['organisation_id', 'state'])
    .execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.dropTable('credential_requests').execute();
}

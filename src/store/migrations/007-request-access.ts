import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// Need-to-know: a request's content is for its issuing unit, the people that unit shares it with, and
// an oversight auditor only through a recorded reason for a limited time (break-glass).
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('request_access')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('requests.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('granted_by', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('request_access_user').on('request_access').columns(['user_id', 'request_id']).execute();
  await db.schema.createIndex('request_access_request').on('request_access').column('request_id').execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.dropTable('request_access').execute();
}

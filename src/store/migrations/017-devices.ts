import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// Answers in device custody (issue 11): the members' devices with their public keys, and each custody
// key (a unit's or a provider's encryption key whose private part exists only on devices) wrapped to
// each enrolled device by a member who holds it. The hub stores public keys and ciphertext only.
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('devices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    // 'unit' (an agency unit's answers) or 'organisation' (a provider's kept copies)
    .addColumn('owner_type', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    // 'browser' | 'machine' | 'recovery'
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull().unique())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .addColumn('enrolled_at', 'text')
    .addColumn('enrolled_by', 'text')
    .addColumn('removed_at', 'text')
    .addColumn('removed_by', 'text')
    .execute();
  await db.schema.createIndex('devices_owner').on('devices').columns(['owner_type', 'owner_id']).execute();
  await db.schema
    .createTable('custody_key_wraps')
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('wrapped', 'text', (c) => c.notNull())
    .addColumn('wrapped_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('custody_key_wraps_pk', ['key_id', 'device_id'])
    .execute();
  await db.schema.createIndex('custody_key_wraps_device').on('custody_key_wraps').column('device_id').execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.dropTable('custody_key_wraps').execute();
  await db.schema.dropTable('devices').execute();
}

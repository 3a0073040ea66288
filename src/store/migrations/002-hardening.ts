import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// From the security review: warrants are single-use, machine-client nonces are remembered, rows that
// arrived by intake are marked, and the last accepted TOTP step is kept so a code cannot be replayed.
export async function up<DB>(db: Kysely<DB>, dialect: StoreDialect): Promise<void> {
  const bigint = dialect === 'postgres' ? 'bigint' : 'integer';
  await db.schema
    .createTable('used_warrants')
    .addColumn('court_organisation_id', 'text', (c) => c.notNull())
    .addColumn('warrant_number', 'text', (c) => c.notNull())
    .addColumn('provider_organisation_id', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('used_warrants_pk', [
      'court_organisation_id',
      'warrant_number',
      'provider_organisation_id',
    ])
    .execute();
  await db.schema
    .createTable('client_nonces')
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('client_nonces_pk', ['key_id', 'nonce'])
    .execute();
  await db.schema.createIndex('client_nonces_seen').on('client_nonces').column('seen_at').execute();
  await db.schema
    .alterTable('requests')
    .addColumn('origin', 'text', (c) => c.notNull().defaultTo('local'))
    .execute();
  await db.schema
    .alterTable('users')
    .addColumn('totp_last_step', bigint, (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down<DB>(db: Kysely<DB>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('totp_last_step').execute();
  await db.schema.alterTable('requests').dropColumn('origin').execute();
  await db.schema.dropTable('client_nonces').execute();
  await db.schema.dropTable('used_warrants').execute();
}

import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// Credentials held by their owners (WebAuthn passkeys, security keys): the directory keeps the COSE
// public key in `keys.public_key`, with the credential id, the relying-party id it is scoped to and the
// last signature counter seen; the private part never reaches the hub. Registration challenges are
// kept until used or expired (one ceremony each).
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.alterTable('keys').addColumn('credential_id', 'text').execute();
  await db.schema.alterTable('keys').addColumn('rp_id', 'text').execute();
  await db.schema.alterTable('keys').addColumn('sign_count', 'bigint').execute();
  await db.schema.createIndex('keys_credential_id').unique().on('keys').column('credential_id').execute();
  await db.schema
    .createTable('webauthn_challenges')
    .addColumn('challenge', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.dropTable('webauthn_challenges').execute();
  await db.schema.dropIndex('keys_credential_id').execute();
  await db.schema.alterTable('keys').dropColumn('sign_count').execute();
  await db.schema.alterTable('keys').dropColumn('rp_id').execute();
  await db.schema.alterTable('keys').dropColumn('credential_id').execute();
}

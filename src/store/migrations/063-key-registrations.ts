import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// Two people register what signs or acts in a provider's name (src/directory/key-registrations.ts): its
// installation key (the organisation's signing key, which signs its answers) and a machine client (its own
// system, which reads and answers its requests). The first administrator's registration waits here until a
// second person of the organisation (another administrator or the key officer) confirms it; until then the
// provider's current key keeps signing and the client's key opens nothing. The key id (and the client id)
// are given at the request, so the installation writes them into its key files at once and the audit and
// the directory speak of one key. The installation's operator (the command line) registers alone: its
// registration is kept confirmed, with no person named (requested_by null). Down drops the table: what was
// pending is forgotten (never confirmed).
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('key_registrations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull().unique())
    .addColumn('client_id', 'text')
    .addColumn('client_name', 'text')
    .addColumn('client_roles', 'text')
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.references('users.id'))
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('refusal_reason', 'text')
    .execute();
  await db.schema
    .createIndex('key_registrations_org_state')
    .on('key_registrations')
    .columns(['organisation_id', 'state'])
    .execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.dropTable('key_registrations').execute();
}

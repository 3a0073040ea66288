import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// Domain registration data (RDAP domain objects) imported by the installation's operator: whom to
// ask about a site whose operator is unknown — the registrar and the registrant (issue 12).
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('domain_registrations')
    .addColumn('domain', 'text', (c) => c.primaryKey())
    .addColumn('handle', 'text')
    .addColumn('registrar', 'text')
    .addColumn('registrar_iana_id', 'text')
    .addColumn('registrant', 'text')
    .addColumn('registrant_country', 'text')
    .addColumn('abuse', 'text')
    .addColumn('nameservers', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('registered_at', 'text')
    .addColumn('expires_at', 'text')
    .addColumn('changed_at', 'text')
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.dropTable('domain_registrations').execute();
}

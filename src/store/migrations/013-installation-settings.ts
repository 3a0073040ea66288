import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// Settings of the installation itself, kept with its data: e.g. which provider the attribution data
// (its subscribers' records) belongs to.
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('installation_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('set_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.dropTable('installation_settings').execute();
}

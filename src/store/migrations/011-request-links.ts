import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// The chain of a case: a request that follows from another (an identifier its answer revealed, or an
// analysed e-mail) records where it came from.
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('request_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('from_request_id', 'text', (c) => c.references('requests.id'))
    .addColumn('to_request_id', 'text', (c) => c.notNull().references('requests.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('identifier', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('request_links_from').on('request_links').column('from_request_id').execute();
  await db.schema.createIndex('request_links_to').on('request_links').column('to_request_id').execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.dropTable('request_links').execute();
}

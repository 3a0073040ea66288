import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// What kind of holder a provider is (ISP, board, café…): the trace chooses the next request by it.
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.alterTable('organisations').addColumn('provider_category', 'text').execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.alterTable('organisations').dropColumn('provider_category').execute();
}

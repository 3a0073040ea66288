import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// The provider keeps its own record of what it disclosed: the answer is also sealed to the provider's
// own encryption key, beside the copy sealed to the requesting unit.
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.alterTable('answers').addColumn('sealed_for_provider', 'text').execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.alterTable('answers').dropColumn('sealed_for_provider').execute();
}

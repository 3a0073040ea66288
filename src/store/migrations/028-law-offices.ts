import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// Law offices (issue 15): a lawyer's registration number (弁護士登録番号) and bar association (所属弁護士会)
// are kept with the lawyer's account; the office itself is an organisation of kind law_office.
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.alterTable('users').addColumn('bar_registration_number', 'text').execute();
  await db.schema.alterTable('users').addColumn('bar_association', 'text').execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.alterTable('users').dropColumn('bar_association').execute();
  await db.schema.alterTable('users').dropColumn('bar_registration_number').execute();
}

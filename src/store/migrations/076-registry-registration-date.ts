import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// The date an RDAP record was registered (its `registration` event), kept beside `record_date` (its last
// change, which moves on any contact edit): a provider-independent record inside a declared block is taken
// as a transfer by the date it was registered, not by its latest edit (src/evidence/registry/provider-join.ts).
// Null for every range stored before (the last change then stands in) and for formats without the event.
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.alterTable('registry_ranges').addColumn('registered_date', 'text').execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.alterTable('registry_ranges').dropColumn('registered_date').execute();
}

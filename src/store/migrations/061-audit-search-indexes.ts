import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// The audit log's search for oversight (src/audit/audit-search.queries.ts) reads an organisation's entries
// and one person's newest first, paged by seq: an index on each of (organisation_id, seq) and (actor_id, seq)
// keeps that a range read however long the log grows. Down drops them; no entry changes either way.
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .createIndex('audit_organisation_seq')
    .on('audit_entries')
    .columns(['organisation_id', 'seq'])
    .execute();
  await db.schema.createIndex('audit_actor_seq').on('audit_entries').columns(['actor_id', 'seq']).execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.dropIndex('audit_actor_seq').execute();
  await db.schema.dropIndex('audit_organisation_seq').execute();
}

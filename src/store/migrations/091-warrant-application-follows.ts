import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// Where a warrant application drafted from an answer's record (or an analysed e-mail's origin) came from, in
// the words of the trace's links (request_links, migration 011): the source ('answer' | 'mail'), the request
// whose answer revealed the identifier (null for an e-mail), the identifier followed (JSON Target, one of the
// application's targets) and the case they belong to. The request drafted from the attested warrant is linked
// with them, so the case's trace goes from the answer to that request (src/court/review.ts). Applications typed
// from scratch, and every one drafted before, have none (all four null). Down drops the columns: the code before
// it knows no origin, and drafts the request from the warrant unlinked, as it did.
// Frozen with this migration: the statements are its own.
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.alterTable('warrant_applications').addColumn('follows_source', 'text').execute();
  await db.schema
    .alterTable('warrant_applications')
    .addColumn('follows_request_id', 'text', (c) => c.references('requests.id'))
    .execute();
  await db.schema.alterTable('warrant_applications').addColumn('follows_identifier', 'text').execute();
  await db.schema
    .alterTable('warrant_applications')
    .addColumn('follows_case_id', 'text', (c) => c.references('cases.id'))
    .execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  for (const column of ['follows_case_id', 'follows_identifier', 'follows_request_id', 'follows_source']) {
    await db.schema.alterTable('warrant_applications').dropColumn(column).execute();
  }
}

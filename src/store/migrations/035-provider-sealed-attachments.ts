import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// Issue 11 item 3: answer files sealed on the provider's side. `sealed_by` says who sealed a file's
// boxes — 'provider' (its browser or installation; bound to the request, the id and the declared
// SHA-256, type and size) or NULL for a file the hub sealed at upload, as every file before this —
// so each reader rebuilds the right context to open it with. `down` drops the column; files sealed by
// a provider then no longer open on the hub's legacy path (their devices still know the context).
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.alterTable('attachments').addColumn('sealed_by', 'text').execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.alterTable('attachments').dropColumn('sealed_by').execute();
}

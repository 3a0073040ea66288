import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// The source an analyst declared for a log file when importing it (`shokai logs ingest --source`): the NAT
// box or collector the file came from. Files of one declared source and one log format are taken as one
// rotated log when the resolver asks whether the NAT logs show a public address unused after its NAT span
// (src/attribution/nat-cover.ts): their cover stretches (070) join under the same gap rule. Null (every
// file ingested before, and any file imported without --source): never chained, as before. Down drops it.
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.alterTable('attr_file').addColumn('source', 'text').execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.alterTable('attr_file').dropColumn('source').execute();
}

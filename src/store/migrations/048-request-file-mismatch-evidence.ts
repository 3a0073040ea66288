import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// A request file the installation found not to be the one signed (`mismatch`) could never be checked
// again, so a good copy carried later (the first copy damaged, or substituted on the way) could not be
// taken in. It can now, and the first verdict stays as evidence: `mismatch_at` is when a copy that was
// not the one signed was first recorded, kept when a later copy verifies (null: none ever did). Down
// drops the column; a file verified after a mismatch stays verified (its audit entries keep both).
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.alterTable('agent_request_files').addColumn('mismatch_at', 'text').execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.alterTable('agent_request_files').dropColumn('mismatch_at').execute();
}

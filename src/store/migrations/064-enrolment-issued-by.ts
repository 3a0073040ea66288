import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// Who issued the enrolment code a person's account was last enrolled with (null: the installation's operator,
// and every account made before this migration). Whoever held that code could have enrolled in the person's
// place, so they are not that person's second person for a new signing passkey
// (src/directory/credential-requests.ts). Kept after the person enrols. Down drops the column.
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.alterTable('users').addColumn('enrolment_issued_by', 'text').execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.alterTable('users').dropColumn('enrolment_issued_by').execute();
}

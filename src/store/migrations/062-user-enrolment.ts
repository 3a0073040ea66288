import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../location.ts';

// A person chooses their own password and receives their own TOTP secret (src/directory/enrolment.ts):
// the administrator who makes the account gets a one-time enrolment code to hand over, stored here as
// its hash with the instant it lapses. Both are null once the person has enrolled, and for every account
// made before this migration (those people already hold their credentials). Down drops the two columns;
// an account still awaiting its enrolment then has no usable password and is disabled first, so that no
// account is left that nobody can ever sign in to without anyone knowing.
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.alterTable('users').addColumn('enrolment_code_hash', 'text').execute();
  await db.schema.alterTable('users').addColumn('enrolment_expires_at', 'text').execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  const at = new Date().toISOString();
  await sql`UPDATE users SET disabled = 1, disabled_at = ${at}
    WHERE enrolment_code_hash IS NOT NULL AND disabled = 0`.execute(db);
  await db.schema.alterTable('users').dropColumn('enrolment_expires_at').execute();
  await db.schema.alterTable('users').dropColumn('enrolment_code_hash').execute();
}

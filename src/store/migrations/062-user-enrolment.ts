import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../location.ts';

// A person chooses their own password and receives their own TOTP secret (src/directory/enrolment.ts):
// the administrator who makes the account gets a one-time enrolment code to hand over, stored here as
// its hash with the instant it lapses. Both are null once the person has enrolled, and for every account
// made before this migration (those people already hold their credentials). A reset of an enrolled person
// who holds a privileged role takes two people: the first one's request is kept (who, when) until a second
// person completes it. Down drops the four columns;
// an account still awaiting its enrolment then has no usable password and is disabled first, so that no
// account is left that nobody can ever sign in to without anyone knowing.
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.alterTable('users').addColumn('enrolment_code_hash', 'text').execute();
  await db.schema.alterTable('users').addColumn('enrolment_expires_at', 'text').execute();
  await db.schema.alterTable('users').addColumn('reset_requested_by', 'text').execute();
  await db.schema.alterTable('users').addColumn('reset_requested_at', 'text').execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  const at = new Date().toISOString();
  await sql`UPDATE users SET disabled = 1, disabled_at = ${at}
    WHERE enrolment_code_hash IS NOT NULL AND disabled = 0`.execute(db);
  await db.schema.alterTable('users').dropColumn('reset_requested_at').execute();
  await db.schema.alterTable('users').dropColumn('reset_requested_by').execute();
  await db.schema.alterTable('users').dropColumn('enrolment_expires_at').execute();
  await db.schema.alterTable('users').dropColumn('enrolment_code_hash').execute();
}

import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// Answers sealed on the provider's side (issue 11): who sealed the answer ('hub' for the legacy path
// where the hub signed with a key it held, 'provider' when the provider's browser or installation
// sealed and signed it), and, when the outer signature is a passkey assertion, what verifies it
// offline (its authenticator data, client data and credential id, as JSON).
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .alterTable('answers')
    .addColumn('sealed_by', 'text', (c) => c.notNull().defaultTo('hub'))
    .execute();
  await db.schema.alterTable('answers').addColumn('signature_webauthn', 'text').execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.alterTable('answers').dropColumn('signature_webauthn').execute();
  await db.schema.alterTable('answers').dropColumn('sealed_by').execute();
}

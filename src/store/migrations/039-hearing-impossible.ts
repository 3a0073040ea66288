import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// A hearing that could not be held (意見照会不能, issue 15 item 2): the provider records that it cannot
// ask the subscriber's opinion — no contact details held, the letter returned undelivered, the contact
// failed — with a reason from a closed list and its own note; the decision may then proceed (kept
// here when no letter was ever sent).
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('hearing_impossibilities')
    .addColumn('request_id', 'text', (c) => c.primaryKey().references('requests.id'))
    .addColumn('provider_organisation_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('decision', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.dropTable('hearing_impossibilities').execute();
}

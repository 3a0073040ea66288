import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// The consultation desk (issue 15): what a person told the desk, what the desk advised and where it
// referred them, and the case (with its first requests) a consultation became.
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('consultations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('unit_id', 'text')
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('urgency_signals', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('person_name', 'text')
    .addColumn('person_contact', 'text')
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('targets', 'text', (c) => c.notNull())
    .addColumn('mail_headers', 'text')
    .addColumn('referrals', 'text', (c) => c.notNull())
    .addColumn('advice_note', 'text')
    .addColumn('case_id', 'text', (c) => c.references('cases.id'))
    .addColumn('first_requests', 'text', (c) => c.notNull())
    .addColumn('mail_origin', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('consultations_org_received')
    .on('consultations')
    .columns(['organisation_id', 'received_at'])
    .execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.dropTable('consultations').execute();
}

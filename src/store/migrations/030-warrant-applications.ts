import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// Warrant applications (令状請求, issue 15 item 5): the police apply to a court in the system; the
// court's judges review them in their inbox and decline with a reason or attest with their own
// credential; the attested warrant pre-fills the police's request. JSON columns are text.
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('warrant_applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('agency_organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('court_organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('provider_organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('warrant_type', 'text', (c) => c.notNull())
    .addColumn('case_reference', 'text', (c) => c.notNull())
    .addColumn('offence', 'text', (c) => c.notNull())
    .addColumn('facts', 'text', (c) => c.notNull())
    .addColumn('necessity', 'text', (c) => c.notNull())
    .addColumn('targets', 'text', (c) => c.notNull())
    .addColumn('categories', 'text', (c) => c.notNull())
    .addColumn('records_from', 'text')
    .addColumn('records_to', 'text')
    .addColumn('valid_days', 'integer', (c) => c.notNull())
    .addColumn('validity_reason', 'text')
    .addColumn('drafted_by', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('sent_by', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('sent_signature', 'text')
    .addColumn('returned_note', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decline_reason', 'text')
    .addColumn('warrant_number', 'text')
    .addColumn('issued_at', 'text')
    .addColumn('valid_until', 'text')
    .addColumn('attestation_key_id', 'text')
    .addColumn('attestation_signature', 'text')
    .addColumn('request_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('warrant_applications_court_state')
    .on('warrant_applications')
    .columns(['court_organisation_id', 'state'])
    .execute();
  await db.schema
    .createIndex('warrant_applications_unit')
    .on('warrant_applications')
    .columns(['agency_organisation_id', 'unit_id'])
    .execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.dropTable('warrant_applications').execute();
}

import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// Disclosure-order applications (発信者情報開示命令の申立て, issue 15 item 2): the claimant's lawyer
// applies to a court in the system; a judge of the court issues the order with his own passkey (the
// signature kept here) or declines it; the lawyer's civil request presents the issued order.
// JSON columns are text.
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('disclosure_order_applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('law_office_organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('court_organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('provider_organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('case_reference', 'text', (c) => c.notNull())
    .addColumn('claimant', 'text', (c) => c.notNull())
    .addColumn('claimant_address', 'text')
    .addColumn('rights', 'text', (c) => c.notNull())
    .addColumn('rights_infringed', 'text', (c) => c.notNull())
    .addColumn('purposes', 'text', (c) => c.notNull())
    .addColumn('sender_information', 'text', (c) => c.notNull())
    .addColumn('targets', 'text', (c) => c.notNull())
    .addColumn('facts', 'text', (c) => c.notNull())
    .addColumn('necessity', 'text', (c) => c.notNull())
    .addColumn('filed_by', 'text', (c) => c.notNull())
    .addColumn('filed_at', 'text', (c) => c.notNull())
    .addColumn('withdraw_reason', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decline_reason', 'text')
    .addColumn('case_number', 'text')
    .addColumn('ordered_at', 'text')
    .addColumn('order_content', 'text')
    .addColumn('attestation_key_id', 'text')
    .addColumn('attestation_signature', 'text')
    .addColumn('request_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('disclosure_order_applications_court_state')
    .on('disclosure_order_applications')
    .columns(['court_organisation_id', 'state'])
    .execute();
  await db.schema
    .createIndex('disclosure_order_applications_office')
    .on('disclosure_order_applications')
    .columns(['law_office_organisation_id'])
    .execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.dropTable('disclosure_order_applications').execute();
}

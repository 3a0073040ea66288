import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// The orders a court makes beside a disclosure order (付随命令, issue 15 item 2): provision orders
// (提供命令) and erasure-prohibition orders (消去禁止命令), applied for by the lawyer within a pending
// disclosure-order case, issued by the judge with his own passkey, received by the provider bound; and
// the sealed notices a provision order makes the content provider give the access provider, and the
// holds retention keeps while an erasure-prohibition stands. JSON columns are text.
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('ancillary_order_applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('application_id', 'text', (c) => c.notNull().references('disclosure_order_applications.id'))
    .addColumn('law_office_organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('court_organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('provider_organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
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
    .addColumn('received_by', 'text')
    .addColumn('received_at', 'text')
    .addColumn('lifted_at', 'text')
    .addColumn('lift_reason', 'text')
    .addColumn('provided_at', 'text')
    .addColumn('provision_outcome', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ancillary_order_applications_application')
    .on('ancillary_order_applications')
    .columns(['application_id'])
    .execute();
  await db.schema
    .createIndex('ancillary_order_applications_provider')
    .on('ancillary_order_applications')
    .columns(['provider_organisation_id', 'state'])
    .execute();
  // A provision order's second part (art. 15(1)(2)): the sender's communications the content provider
  // gives the access provider, sealed to it, released when the lawyer says it applied against it.
  await db.schema
    .createTable('provision_notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('ancillary_order_applications.id'))
    .addColumn('content_provider_organisation_id', 'text', (c) => c.notNull())
    .addColumn('access_provider_organisation_id', 'text', (c) => c.notNull())
    .addColumn('sealed', 'text', (c) => c.notNull())
    .addColumn('communications', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('application_id', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('provision_notices_access_provider')
    .on('provision_notices')
    .columns(['access_provider_organisation_id', 'state'])
    .execute();
  await db.schema
    .createTable('retention_holds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('provider_organisation_id', 'text', (c) => c.notNull())
    .addColumn('targets', 'text', (c) => c.notNull())
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('placed_at', 'text', (c) => c.notNull())
    .addColumn('lifted_at', 'text')
    .execute();
  await db.schema
    .createIndex('retention_holds_provider')
    .on('retention_holds')
    .columns(['provider_organisation_id', 'lifted_at'])
    .execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.dropTable('retention_holds').execute();
  await db.schema.dropTable('provision_notices').execute();
  await db.schema.dropTable('ancillary_order_applications').execute();
}

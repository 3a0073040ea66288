import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// How an issued disclosure order stands after it was made (issue 15 item 2): an objection suit
// (異議の訴え) filed against it, the suit's outcome (upheld, changed, set aside) and the order's finality
// (確定), each recorded by a judge of the court that made the order. One row per order, created at the
// first such record; an order without a row is issued and not yet final. No existing row changes.
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('disclosure_order_standings')
    .addColumn('application_id', 'text', (c) => c.primaryKey().references('disclosure_order_applications.id'))
    .addColumn('objection_filed_at', 'text')
    .addColumn('objection_by', 'text')
    .addColumn('objection_case_number', 'text')
    .addColumn('objection_recorded_by', 'text')
    .addColumn('outcome', 'text')
    .addColumn('outcome_at', 'text')
    .addColumn('outcome_reason', 'text')
    .addColumn('changed_content', 'text')
    .addColumn('outcome_recorded_by', 'text')
    .addColumn('final_at', 'text')
    .addColumn('final_recorded_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.dropTable('disclosure_order_standings').execute();
}

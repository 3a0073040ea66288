import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// The duty approver (当直責任者, issue 15): a unit head designates a member of the unit who may approve
// the named kinds for a period while the head is away. The signed designation is kept whole (it rides
// inside every envelope the duty approver signs); revocation ends it early.
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('duty_designations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_organisation_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('designee_user_id', 'text', (c) => c.notNull())
    .addColumn('designated_by', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text', (c) => c.notNull())
    .addColumn('kinds', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    // the SignedDutyDesignation as JSON, exactly as signed
    .addColumn('signed', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text')
    .addColumn('revoke_reason', 'text')
    .execute();
  await db.schema
    .createIndex('duty_designations_designee')
    .on('duty_designations')
    .columns(['designee_user_id', 'valid_until'])
    .execute();
  await db.schema.createIndex('duty_designations_unit').on('duty_designations').columns(['unit_id']).execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.dropTable('duty_designations').execute();
}

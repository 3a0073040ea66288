import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// A hearing of a party recorded by mistake is withdrawn, never deleted (src/court/disclosure-order-hearing.ts):
// the row stays, marked with when (UTC), by which judge and why. A withdrawn hearing no longer counts for the
// check before an order is issued. Rows recorded before are not withdrawn (the three columns null). Down drops
// the columns: the code before it knows no withdrawal, and would count a withdrawn hearing again.
// Frozen with this migration: the statements are its own.
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.alterTable('disclosure_order_hearings').addColumn('withdrawn_at', 'text').execute();
  await db.schema
    .alterTable('disclosure_order_hearings')
    .addColumn('withdrawn_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema.alterTable('disclosure_order_hearings').addColumn('withdraw_reason', 'text').execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  for (const column of ['withdraw_reason', 'withdrawn_by', 'withdrawn_at']) {
    await db.schema.alterTable('disclosure_order_hearings').dropColumn(column).execute();
  }
}

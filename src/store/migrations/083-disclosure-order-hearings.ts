import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// The court's record that it heard a party on a disclosure-order application (陳述聴取, src/court/
// disclosure-order-hearing.ts): whose statement, when (UTC), how (in writing or at a hearing date), a short
// note and the judge who recorded it. The order is granted only once the respondent (the provider) was heard.
// Applications filed before have no rows: one still before the court is heard (recorded) before it is issued;
// an order already issued stays as it was signed. Down drops the table.
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('disclosure_order_hearings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('disclosure_order_applications.id'))
    .addColumn('party', 'text', (c) => c.notNull())
    .addColumn('heard_at', 'text', (c) => c.notNull())
    .addColumn('manner', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('disclosure_order_hearings_application')
    .on('disclosure_order_hearings')
    .columns(['application_id', 'heard_at'])
    .execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.dropTable('disclosure_order_hearings').execute();
}

import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// Outgoing mutual legal assistance (issue 15): what happened on the route after the unit head signed —
// each central authority's approval or return, the sending abroad, the foreign acknowledgement,
// reminders, the answer or refusal — with when it happened (the instant as written, and in UTC), who
// acted at that hop, their reference, and who recorded it.
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('mlat_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('requests.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('hop', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('official', 'text')
    .addColumn('reference', 'text')
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('mlat_events_request_seq', ['request_id', 'seq'])
    .execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.dropTable('mlat_events').execute();
}

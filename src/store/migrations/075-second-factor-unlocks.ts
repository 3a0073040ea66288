import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// An administrator lifts a person's second-factor lock (src/directory/second-factor-unlock.ts): the latest
// lift of each person, kept so that the person is told on their screen who lifted it, when, and what the
// lock had counted (the audit log keeps every lift).
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('second_factor_unlocks')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
    .addColumn('unlocked_at', 'text', (c) => c.notNull())
    // the administrator's user id; null for the installation's operator (the command line without --as)
    .addColumn('unlocked_by', 'text')
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('since', 'text', (c) => c.notNull())
    .execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.dropTable('second_factor_unlocks').execute();
}

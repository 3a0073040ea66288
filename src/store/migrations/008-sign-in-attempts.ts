import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// Sign-in attempts are counted in the store, per login and per client address, so the throttle
// survives a restart and is shared by every process serving the same store. A row is one counting
// window: its start and the attempts made in it; `subject` is a SHA-256 of the login or the address.
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('sign_in_attempts')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('sign_in_attempts_pk', ['scope', 'subject'])
    .execute();
  await db.schema.createIndex('sign_in_attempts_window').on('sign_in_attempts').column('window_start').execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.dropTable('sign_in_attempts').execute();
}

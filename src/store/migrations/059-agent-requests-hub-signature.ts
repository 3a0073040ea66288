import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// The office's withdrawal of a held request, as the hub gave it, is checked against the pinned directory
// log; when the pin did not reach the withdrawing person's key that cycle (its extension refused, or the
// hub's log not yet showing it) the check reads "key not in the pinned log" and is made again on later
// cycles, once the pin has grown. The signature the hub gave (JSON: the key id and the packed assertion)
// is kept beside what the hub said, so that the later check is of the same withdrawal, offline. Null: no
// signature given, or learnt before this migration. Down drops it (the check recorded stays as it is).
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.alterTable('agent_requests').addColumn('hub_signature', 'text').execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.alterTable('agent_requests').dropColumn('hub_signature').execute();
}

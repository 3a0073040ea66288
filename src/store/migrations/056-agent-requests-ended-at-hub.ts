import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// A request the provider's installation holds, withdrawn or closed at the hub since it was taken in
// (by the requesting office, or because the court order it rested on was set aside): what the hub said,
// kept beside the request without changing its own state or deleting anything — the hub's state
// (`withdrawn` | `closed`), when (per the hub), why (`office` | `order_set_aside`, null when the hub gave
// none), the office's own words, whether the installation could check it offline, and when it learnt
// it. Null everywhere: the hub has said nothing of the kind. Down drops the columns (the audit keeps
// what was learnt).
const COLUMNS = ['hub_state', 'hub_state_at', 'hub_reason', 'hub_note', 'hub_check', 'hub_noted_at'] as const;

export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  for (const column of COLUMNS) await db.schema.alterTable('agent_requests').addColumn(column, 'text').execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  for (const column of [...COLUMNS].reverse()) {
    await db.schema.alterTable('agent_requests').dropColumn(column).execute();
  }
}

import type { Db, Tx } from '../store/database.ts';
import type { AgentRequestRow, RequestRow } from '../store/schema.ts';
import { AGENT_HOLDING_STATES, HUB_HOLDING_STATES } from './cafe-holds.ts';

// The SQL behind a café's holds: the requests this installation received that may hold its records,
// from the hub's table (a café answering in the hub) and the provider's own installation's table.

/**
 * The hub's requests to `providerOrganisationId` that were delivered and are not draft, with their
 * preservation end; the hold rule (cafe-holds.ts) decides which of them hold.
 */
export async function hubRequestsTo(
  db: Db | Tx,
  providerOrganisationId: string,
  now: string,
): Promise<Pick<RequestRow, 'id' | 'reference' | 'state' | 'content' | 'preservation_until'>[]> {
  return db
    .selectFrom('requests')
    .select(['id', 'reference', 'state', 'content', 'preservation_until'])
    .where('provider_organisation_id', '=', providerOrganisationId)
    .where((eb) => eb.or([eb('state', 'in', HUB_HOLDING_STATES), eb('preservation_until', '>', now)]))
    .execute();
}

/** The installation's requests not yet answered or declined, and the preservations it answered. */
export async function agentRequestsHolding(
  db: Db | Tx,
): Promise<Pick<AgentRequestRow, 'request_id' | 'reference' | 'state' | 'envelope' | 'sent_at'>[]> {
  return db
    .selectFrom('agent_requests')
    .select(['request_id', 'reference', 'state', 'envelope', 'sent_at'])
    .where((eb) =>
      eb.or([
        eb('state', 'in', AGENT_HOLDING_STATES),
        eb.and([eb('kind', '=', 'preservation'), eb('state', '=', 'sent')]),
      ]),
    )
    .execute();
}

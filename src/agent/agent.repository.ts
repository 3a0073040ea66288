import type { Db, Tx } from '../store/database.ts';
import type { AgentRefusalRow, AgentRequestRow } from '../store/schema.ts';

// All SQL of the provider's own installation: the requests it took in and the envelopes it refused.

type Q = Db | Tx;

export async function findAgentRequest(db: Q, requestId: string): Promise<AgentRequestRow | undefined> {
  return db.selectFrom('agent_requests').selectAll().where('request_id', '=', requestId).executeTakeFirst();
}

export async function findAgentRequestByEnvelope(db: Q, envelopeId: string): Promise<AgentRequestRow | undefined> {
  return db.selectFrom('agent_requests').selectAll().where('envelope_id', '=', envelopeId).executeTakeFirst();
}

/** The warrant requests this installation holds, with their envelopes (to see a warrant presented again). */
export async function heldWarrantEnvelopes(db: Q): Promise<Array<{ request_id: string; envelope: string }>> {
  return db.selectFrom('agent_requests').select(['request_id', 'envelope']).where('kind', '=', 'warrant').execute();
}

/** Inserts a request once: false when the request (or its envelope) is already there. */
export async function insertAgentRequest(tx: Q, row: AgentRequestRow): Promise<boolean> {
  const r = await tx
    .insertInto('agent_requests')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** Applies `changes` only when the row is still in `state`: false when someone else moved it first. */
export async function moveAgentRequest(
  tx: Q,
  requestId: string,
  state: string,
  changes: Partial<AgentRequestRow>,
): Promise<boolean> {
  const r = await tx
    .updateTable('agent_requests')
    .set(changes)
    .where('request_id', '=', requestId)
    .where('state', '=', state)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function listAgentRequests(
  db: Q,
  states: readonly string[] | undefined,
  limit: number,
): Promise<AgentRequestRow[]> {
  let q = db.selectFrom('agent_requests').selectAll();
  if (states && states.length > 0) q = q.where('state', 'in', states);
  return q.orderBy('received_at', 'desc').orderBy('request_id').limit(limit).execute();
}

/** How many requests are in each state. */
export async function countAgentRequests(db: Q): Promise<Array<{ state: string; n: number }>> {
  const rows = await db
    .selectFrom('agent_requests')
    .select(['state', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy('state')
    .execute();
  return rows.map((r) => ({ state: r.state, n: Number(r.n) }));
}

/** How many requests the hub says were withdrawn or closed since they were taken in. */
export async function countEndedAtHub(db: Q): Promise<number> {
  const r = await db
    .selectFrom('agent_requests')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('hub_state', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The request ids the agent already holds, among these (one query per pull). */
export async function knownRequestIds(db: Q, ids: readonly string[]): Promise<Set<string>> {
  const known = new Set<string>();
  // In slices: a hub may list many ids, more than a statement takes parameters.
  for (let i = 0; i < ids.length; i += 500) {
    const slice = ids.slice(i, i + 500);
    const rows = await db.selectFrom('agent_requests').select('request_id').where('request_id', 'in', slice).execute();
    for (const r of rows) known.add(r.request_id);
  }
  return known;
}

/** The references of the requests held here among `ids` (by request id): how people name them. */
export async function referencesOf(db: Q, ids: readonly string[]): Promise<Record<string, string>> {
  if (ids.length === 0) return {};
  const rows = await db
    .selectFrom('agent_requests')
    .select(['request_id', 'reference'])
    .where('request_id', 'in', ids)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.request_id, r.reference]));
}

/** Records a refusal once per request, envelope and pinned directory. False when it was already recorded. */
export async function insertRefusal(tx: Q, row: AgentRefusalRow): Promise<boolean> {
  const r = await tx
    .insertInto('agent_refusals')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function listRefusals(db: Q, limit: number): Promise<AgentRefusalRow[]> {
  return db.selectFrom('agent_refusals').selectAll().orderBy('refused_at', 'desc').limit(limit).execute();
}

export async function countRefusals(db: Q): Promise<number> {
  const r = await db
    .selectFrom('agent_refusals')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * The ids among `ids` refused `limit` times or more under the pin of `directorySize` entries after `since` (ISO),
 * in slices.
 */
export async function refusedOftenUnderPin(
  db: Q,
  ids: readonly string[],
  directorySize: number,
  limit: number,
  since: string,
): Promise<Set<string>> {
  const spent = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('agent_refusals')
      .select('request_id')
      .where('request_id', 'in', ids.slice(i, i + 500))
      .where('directory_size', '=', directorySize)
      .where('refused_at', '>', since)
      .groupBy('request_id')
      .having((eb) => eb.fn.countAll(), '>=', limit)
      .execute();
    for (const r of rows) spent.add(r.request_id);
  }
  return spent;
}

/** Whether this request was refused with this envelope under this pinned directory after `since` (ISO). */
export async function wasRefused(
  db: Q,
  requestId: string,
  digest: string,
  directorySize: number,
  since: string,
): Promise<boolean> {
  const r = await db
    .selectFrom('agent_refusals')
    .select('id')
    .where('request_id', '=', requestId)
    .where('envelope_digest', '=', digest)
    .where('directory_size', '=', directorySize)
    .where('refused_at', '>', since)
    .executeTakeFirst();
  return r !== undefined;
}

/** Approved answers and declines not yet acknowledged by the hub, oldest first. */
export async function outbox(db: Q, limit: number): Promise<AgentRequestRow[]> {
  return db
    .selectFrom('agent_requests')
    .selectAll()
    .where('state', 'in', ['approved', 'declined'])
    .where('sent_at', 'is', null)
    .orderBy('decided_at')
    .limit(limit)
    .execute();
}

/** Approved answers and declines the hub refused (kept with its words), not yet sent: newest refusal first. */
export async function refusedSends(db: Q, limit: number): Promise<AgentRequestRow[]> {
  return db
    .selectFrom('agent_requests')
    .selectAll()
    .where('state', 'in', ['approved', 'declined'])
    .where('sent_at', 'is', null)
    .where('last_error', 'is not', null)
    .orderBy('updated_at', 'desc')
    .limit(limit)
    .execute();
}

/** Requests still awaiting a person here (no decision yet), of which the hub has not said they ended. */
export async function awaitingHere(db: Q): Promise<string[]> {
  const rows = await db
    .selectFrom('agent_requests')
    .select('request_id')
    .where('state', 'in', ['received', 'prepared'])
    .where('hub_state', 'is', null)
    .execute();
  return rows.map((r) => r.request_id);
}

/** Records once what the hub said of a request's end (nothing else changes): false when already recorded. */
export async function noteEndedAtHub(
  tx: Q,
  requestId: string,
  said: Required<Pick<AgentRequestRow, 'hub_state' | 'hub_state_at' | 'hub_reason' | 'hub_note' | 'hub_check'>> & {
    hub_noted_at: string;
    hub_signature?: string | null;
  },
): Promise<boolean> {
  const r = await tx
    .updateTable('agent_requests')
    .set(said)
    .where('request_id', '=', requestId)
    .where('hub_state', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Requests the hub said ended whose recorded check is one of `checks` (those that wait on the pinned log)
 * and can be made again here: a set-aside (the pin holds it), or the office's withdrawal whose signature
 * was kept (learnt before migration 059, it was not).
 */
export async function endedWithCheck(db: Q, checks: readonly string[]): Promise<string[]> {
  const rows = await db
    .selectFrom('agent_requests')
    .select('request_id')
    .where('hub_state', 'is not', null)
    .where('hub_check', 'in', checks)
    .where((eb) => eb.or([eb('hub_reason', '=', 'order_set_aside'), eb('hub_signature', 'is not', null)]))
    .orderBy('hub_noted_at')
    .orderBy('request_id')
    .execute();
  return rows.map((r) => r.request_id);
}

/** Replaces the recorded check `from` by `to`, only while it is still `from`: false when it no longer was. */
export async function changeHubCheck(tx: Q, requestId: string, from: string, to: string): Promise<boolean> {
  const r = await tx
    .updateTable('agent_requests')
    .set({ hub_check: to })
    .where('request_id', '=', requestId)
    .where('hub_check', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Requests received and verified but not yet prepared (nor said by the hub to have ended). */
export async function unprepared(db: Q, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('agent_requests')
    .select('request_id')
    .where('state', '=', 'received')
    .where('hub_state', 'is', null)
    .orderBy('received_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.request_id);
}

export async function noteAttempt(tx: Q, requestId: string, error: string | null, at: string): Promise<void> {
  await tx
    .updateTable('agent_requests')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error, updated_at: at }))
    .where('request_id', '=', requestId)
    .execute();
}

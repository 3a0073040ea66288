import { ApiError } from '../client/client.ts';
import { SYSTEM_CALLER } from '../domain/access.ts';
import { arrivedDigest } from '../domain/agent-intake.ts';
import type { DirectoryRefusal } from '../domain/pinned-directory.ts';
import type { AppContext } from '../kernel/context.ts';
import { logger } from '../kernel/logger.ts';
import { inTransaction } from '../kernel/unit-of-work.ts';
import { knownRequestIds, referencesOf, refusedOftenUnderPin, wasRefused } from './agent.repository.ts';
import { learnChangedOrders } from './changed-orders.ts';
import { fetchEnvelope, type HubLink, INTAKE_STATES, listOpenRequests } from './hub.ts';
import { learnEndedAtHub, recheckAwaitingLog } from './hub-ended.ts';
import { type IntakeFor, type IntakeOutcome, pinnedDirectory, receiveEnvelope } from './intake.ts';
import {
  forgetStale,
  GIVE_UP_AFTER,
  keepNotGiven,
  noteGiven,
  noteNotGiven,
  notGivenUnder,
  saysGone,
  waitingOf,
} from './not-given.ts';
import { contestedHere } from './order-set-aside.ts';
import { extendPin, type PinExtension } from './pin-extension.ts';

// One pull: list the open requests addressed to this provider, fetch the envelope of each one not yet
// held, and take it in (verified against the pinned directory first). Before the first envelope the
// cycle has not seen under this pin is verified, the pin is extended to the hub's current log (once a
// cycle, only then: ./pin-extension.ts), so a key or a duty designation revoked since counts; a log that
// does not extend the pin is refused, and then nothing new is taken in this cycle. Last, the requests
// held here awaiting a person that the hub no longer lists as open are asked about, and those it says
// were withdrawn or closed are recorded so (./hub-ended.ts; a set-aside checked against the pin), those
// recorded before whose check waits on the pinned log are checked again against it, and the words of an
// order the pin shows changed are fetched for the requests that present it (./changed-orders.ts).
//
// The hub's list is a hostile party's word too (docs/decisions.md, "The provider's own installation decides on
// its own"): each id is taken once however often it is listed; an id the hub gives no envelope for (it answers
// 404, 410, 403, 5xx) stores nothing, and the cycle goes on; a cycle records (and audits) at most
// MAX_REFUSALS_PER_CYCLE refusals, the others waiting for a later cycle; an id refused MAX_REFUSALS_PER_ID
// times under the current pin is not fetched again until the pin grows or a day has passed since those refusals
// (filtered before the cycle's share is drawn), and an envelope refused is judged again, the pin brought up to
// date first, once its refusal is a day old — a refusal a later log would cure is not kept for good on a quiet
// installation whose pin nothing else grows; and an id the hub answered 404/410 for so many times running is
// passed over until the pin grows or a day has passed, one it answered other errors for waits a time that grows
// (remembered across cycles and restarts: ./not-given.ts). So a hub making up ids or bytes grows the store by a
// bounded number of rows a cycle, never touches a request held here (its id is not fetched), and a genuine
// request it fails to give for a while is still taken in once it gives it.

/** The most refusals one cycle records and audits; the others wait for a later cycle (`deferred`). */
export const MAX_REFUSALS_PER_CYCLE = 20;
/** How often an id is refused under one pin before it is no longer fetched (until the pin grows). */
export const MAX_REFUSALS_PER_ID = 3;
/** How long a refusal under one pin stands before its envelope is fetched and judged again. */
export const REFUSAL_STANDS_MS = 24 * 3_600_000;
/**
 * The most envelopes of ids not held here fetched in one cycle. A hub listing more (made-up ids it answers 404
 * for, each costing a fetch every cycle) has a random share of them fetched each cycle, so that no order of its
 * listing keeps a genuine request from being fetched; the rest wait (`notFetched`).
 */
export const MAX_FETCHES_PER_CYCLE = 100;
/** The longest request id taken from the hub's list; a longer one, or one not text, is not an id. */
const MAX_ID_LENGTH = 200;

export interface PullSummary {
  listed: number;
  stored: string[];
  already: number;
  refused: Array<{ requestId: string | null; reason: string }>;
  /** The pin was extended to the hub's current log this cycle. */
  directoryRefreshed: boolean;
  /** The hub's log was refused as not extending the pin: why; nothing new was taken in. */
  pinRefused: DirectoryRefusal | null;
  /** Envelopes not verified this cycle because the hub's log was refused (they wait for the next). */
  held: number;
  /** Listed ids the hub gave no envelope for (nothing stored for them). */
  unfetched: number;
  /** Those ids (the hub's words: a person reads them through visibleText). */
  unfetchedIds?: string[];
  /**
   * Listed ids not fetched: the hub answered 404/410 for each MAX_REFUSALS_PER_ID times running under this pin, in
   * this cycle or earlier ones (kept across restarts, ./not-given.ts); fetched again once the pin grows, or a day
   * after the last try.
   */
  passedOver?: number;
  passedOverIds?: string[];
  /** Listed ids not fetched now: the hub answered other errors for each (5xx, 429 …); tried again after a wait. */
  retryLater?: number;
  retryLaterIds?: string[];
  /** Listed ids not held here left for a later cycle, this cycle's fetches spent (MAX_FETCHES_PER_CYCLE). */
  notFetched?: number;
  /** Refusals not recorded this cycle, its share of refusals spent (they are judged again next cycle). */
  deferred: number;
  /** Requests held here awaiting a person that the hub says were withdrawn or closed (recorded now). */
  endedAtHub: string[];
  /** Requests recorded as ended whose check waited on the pinned log and changed now, the pin having grown. */
  checkedAgain: string[];
  /** Requests held here whose order's words as changed were fetched and kept now (./changed-orders.ts). */
  changedOrders: string[];
  /** The references of the requests ended at the hub or checked again, by id: how a person is told of them. */
  references: Record<string, string>;
}

export async function pullOnce(ctx: AppContext, hub: HubLink, self: string | IntakeFor): Promise<PullSummary> {
  const summary: PullSummary = {
    listed: 0,
    stored: [],
    already: 0,
    refused: [],
    directoryRefreshed: false,
    pinRefused: null,
    held: 0,
    unfetched: 0,
    deferred: 0,
    endedAtHub: [],
    checkedAgain: [],
    changedOrders: [],
    references: {},
  };
  const open = await listOpenRequests(hub);
  // Each id once, however often the hub lists it; what is not an id is no request.
  const listedIds = open.filter((r) => INTAKE_STATES.includes(r.state)).map((r): unknown => r.id);
  const ids = [...new Set(listedIds)].filter((id): id is string => typeof id === 'string' && isId(id));
  summary.listed = ids.length;
  const known = await knownRequestIds(ctx.store.db, ids);
  // The pin is extended once a cycle at most: before the first new envelope, or a set-aside's check.
  let extension: Promise<PinExtension> | undefined;
  const extendOnce = (): Promise<PinExtension> => {
    extension ??= extendPin(ctx, hub).then((pin) => {
      summary.directoryRefreshed = pin.extended;
      summary.pinRefused = pin.refused;
      return pin;
    });
    return extension;
  };
  summary.already = ids.filter((id) => known.has(id)).length;
  // The pin's size, read once a cycle (and again once the pin grows): what an id's refusals are counted under.
  let size = (await inTransaction(ctx, (uow) => pinnedDirectory(uow)))?.head.size ?? 0;
  // Ids refused often enough under this pin, and ids the hub answered with errors that wait (./not-given.ts),
  // are left out before the cycle's share is drawn, so that they do not crowd genuine ones out of it.
  const notGiven = await notGivenUnder(ctx.store.db, size);
  const now = ctx.clock();
  const waiting = { passedOver: [] as string[], retryLater: [] as string[] };
  const fresh = ids.filter((id) => {
    if (known.has(id)) return false;
    const kind = waitingOf(notGiven, id, now);
    if (kind) waiting[kind].push(id);
    return !kind;
  });
  const standing = new Date(now.getTime() - REFUSAL_STANDS_MS).toISOString();
  const refusedOften = await refusedOftenUnderPin(ctx.store.db, fresh, size, MAX_REFUSALS_PER_ID, standing);
  const unknown = fresh.filter((id) => !refusedOften.has(id));
  summary.passedOver = waiting.passedOver.length;
  summary.passedOverIds = waiting.passedOver;
  summary.retryLater = waiting.retryLater.length;
  summary.retryLaterIds = waiting.retryLater;
  summary.unfetchedIds = [];
  const chosen = unknown.length > MAX_FETCHES_PER_CYCLE ? sample(unknown, MAX_FETCHES_PER_CYCLE) : unknown;
  summary.notFetched = unknown.length - chosen.length;
  const becamePassedOver: Array<{ id: string; status: number }> = [];
  for (const id of chosen) {
    const given = await envelopeIfGiven(hub, id);
    if ('status' in given) {
      summary.unfetched++;
      summary.unfetchedIds.push(id);
      if (noteNotGiven(notGiven, id, size, given.status, ctx.clock())) becamePassedOver.push({ id, ...given });
      continue;
    }
    noteGiven(notGiven, id);
    const { envelope } = given;
    if (await wasRefused(ctx.store.db, id, arrivedDigest(envelope), size, standing)) continue;
    if (summary.pinRefused) {
      summary.held++;
      continue;
    }
    const pin = await extendOnce();
    if (pin.refused) {
      summary.held++;
      continue;
    }
    size = pin.pinned?.head.size ?? size;
    const recordRefusal = summary.refused.length < MAX_REFUSALS_PER_CYCLE;
    const out: IntakeOutcome = await inTransaction(ctx, (uow) =>
      receiveEnvelope(uow, SYSTEM_CALLER, self, { envelope, source: 'pull', expectedRequestId: id, recordRefusal }),
    );
    if (out.outcome === 'stored') {
      summary.stored.push(out.requestId);
      logger.info('agent.received', { requestId: out.requestId, kind: out.kind, source: 'pull' });
    } else if (out.outcome === 'already') summary.already++;
    else if (!recordRefusal) summary.deferred++;
    else {
      summary.refused.push({ requestId: out.requestId, reason: out.verdict.reason });
      logger.warn('agent.refused', { requestId: out.requestId, reason: out.verdict.reason, source: 'pull' });
    }
  }
  forgetStale(notGiven, ctx.clock());
  await inTransaction(ctx, async (uow) => {
    await keepNotGiven(uow.tx, notGiven, uow.now.toISOString());
    // Once per id as it becomes passed over under a pin: a person may look for the request by other ways.
    for (const { id, status } of becamePassedOver) {
      await uow.auditBy(SYSTEM_CALLER, 'agent.envelope_passed_over', ['request', id], {
        status,
        times: GIVE_UP_AFTER,
        directorySize: notGiven.size,
      });
    }
  });
  for (const { id, status } of becamePassedOver) logger.warn('agent.envelope_passed_over', { requestId: id, status });
  // What was recorded in an earlier cycle and waits on the pinned log first, then what ended since.
  summary.checkedAgain = await recheckAwaitingLog(ctx, extendOnce);
  summary.endedAtHub = await learnEndedAtHub(ctx, hub, new Set(open.map((r) => r.id)), extendOnce);
  // An order held as contested waits for the suit's end, which the hub logs whenever the court records it.
  if (!summary.pinRefused && (await inTransaction(ctx, contestedHere))) await extendOnce();
  summary.changedOrders = await learnChangedOrders(ctx, hub);
  summary.references = await referencesOf(ctx.store.db, [...summary.endedAtHub, ...summary.checkedAgain]);
  return summary;
}

const isId = (id: string): boolean => id.length > 0 && id.length <= MAX_ID_LENGTH;

/** `n` of `ids` at random, in their listed order. */
function sample(ids: readonly string[], n: number): string[] {
  const picked = new Set<number>();
  while (picked.size < n) picked.add(Math.floor(Math.random() * ids.length));
  return ids.filter((_, i) => picked.has(i));
}

/**
 * The envelope the hub gives for a listed id, or the status it answers with an error for that id (404, 410,
 * 403, 5xx: logged; the cycle goes on). A hub that cannot be reached fails the cycle, as any call would.
 */
async function envelopeIfGiven(hub: HubLink, requestId: string): Promise<{ envelope: unknown } | { status: number }> {
  try {
    return { envelope: await fetchEnvelope(hub, requestId) };
  } catch (err) {
    if (!(err instanceof ApiError) || err.status === 0) throw err;
    logger.warn('agent.envelope_not_given', { requestId, status: err.status, gone: saysGone(err.status) });
    return { status: err.status };
  }
}

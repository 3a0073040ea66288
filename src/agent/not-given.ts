import { z } from 'zod';
import type { Db, Tx } from '../store/database.ts';
import { getSetting, putSetting, SETTINGS } from '../store/settings.ts';

// The ids the hub listed and answered with an error for (no envelope), kept with the installation's settings so
// that a restart keeps them (./pull.ts), each with how it was answered and when it was last tried (this
// installation's clock). Two kinds of answer, two rules:
// - 404 or 410, the hub saying it has no such envelope: counted under the pin's size; an id answered so
//   GIVE_UP_AFTER times running is "passed over" (audited once, on the status page) — not fetched again until the
//   pin grows, or GONE_RETRY_MS after it was last tried, whichever comes first, so that nothing is lost for good;
// - any other error (5xx, 408, 429, 401, 403 …: the hub failing, not saying the envelope does not exist): fetched
//   each cycle GIVE_UP_AFTER times running, then after a wait from the last try that doubles with each error
//   more, from RETRY_FIRST_MS to at most RETRY_MOST_MS (push-triggered cycles can come seconds apart).
// An envelope given at last forgets its id. A hub making up ids would otherwise cost a fetch for each every
// cycle, and crowd the genuine ones out of a cycle's share of fetches.

/** The most ids kept; past it a new id is not counted (it is fetched as before, within a cycle's share). */
export const MAX_NOT_GIVEN_KEPT = 1000;
/** How many errors of one kind running before an id waits (as for refusals: MAX_REFUSALS_PER_ID). */
export const GIVE_UP_AFTER = 3;
/** A passed-over id (404/410) is fetched again this long after its last try, even under the same pin. */
export const GONE_RETRY_MS = 24 * 3_600_000;
/** The first wait of an id the hub answers other errors for; doubled with each error more. */
export const RETRY_FIRST_MS = 15 * 60_000;
/** The longest such wait. */
export const RETRY_MOST_MS = 4 * 3_600_000;

const EntrySchema = z.strictObject({
  /** 404/410 answers running, under the pin of `size` entries. */
  gone: z.number().int().min(0),
  /** Other error answers running. */
  failed: z.number().int().min(0),
  /** The last status the hub answered. */
  status: z.number().int(),
  /** When this installation last asked for it (ISO, its own clock). */
  last: z.string(),
});
export type NotGivenEntry = z.infer<typeof EntrySchema>;

const NotGivenSchema = z.strictObject({
  /** The pin's size the counts are under; another size (the pin grew, or a new first pin) starts afresh. */
  size: z.number().int().min(0),
  ids: z.record(z.string(), EntrySchema),
});

/** The counts as a cycle reads and changes them, written back once at its end. */
export interface NotGiven {
  size: number;
  ids: Map<string, NotGivenEntry>;
  changed: boolean;
}

/**
 * The record kept under a pin of `size` entries (none when it was kept under another, or in the form before
 * the last-tried instants: those ids are fetched again once, which costs a fetch each and loses nothing).
 */
export async function notGivenUnder(db: Db | Tx, size: number): Promise<NotGiven> {
  const text = await getSetting(db, SETTINGS.agentNotGiven);
  const kept = text ? NotGivenSchema.safeParse(safeJson(text)) : null;
  if (kept?.success && kept.data.size === size)
    return { size, ids: new Map(Object.entries(kept.data.ids)), changed: false };
  return { size, ids: new Map(), changed: !!text };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The wait after the `failed`-th other error running (none before GIVE_UP_AFTER). */
export function retryWaitMs(failed: number): number {
  if (failed < GIVE_UP_AFTER) return 0;
  return Math.min(RETRY_FIRST_MS * 2 ** Math.min(failed - GIVE_UP_AFTER, 20), RETRY_MOST_MS);
}

/**
 * Why `id` is not fetched at `now`: 'passedOver' (the hub said GIVE_UP_AFTER times running it has no such envelope,
 * the last time less than GONE_RETRY_MS ago), 'retryLater' (other errors, its wait not over), or null: fetch it.
 * An instant that cannot be read, or one ahead of `now`, waits for nothing.
 */
export function waitingOf(n: NotGiven, id: string, now: Date): 'passedOver' | 'retryLater' | null {
  const e = n.ids.get(id);
  if (!e) return null;
  const since = now.getTime() - Date.parse(e.last);
  // Not readable, or ahead of this clock (a try recorded under a clock since set back): it waits for nothing.
  if (!Number.isFinite(since) || since < 0) return null;
  if (e.gone >= GIVE_UP_AFTER && since < GONE_RETRY_MS) return 'passedOver';
  if (e.failed >= GIVE_UP_AFTER && since < retryWaitMs(e.failed)) return 'retryLater';
  return null;
}

/** When `e` is fetched again (ISO), or null when it is not waiting. */
export function nextTryOf(e: NotGivenEntry): string | null {
  const last = Date.parse(e.last);
  if (!Number.isFinite(last)) return null;
  if (e.gone >= GIVE_UP_AFTER) return new Date(last + GONE_RETRY_MS).toISOString();
  if (e.failed >= GIVE_UP_AFTER) return new Date(last + retryWaitMs(e.failed)).toISOString();
  return null;
}

/** Whether the hub's answer `status` says it has no such envelope (the only answers that pass an id over). */
export const saysGone = (status: number): boolean => status === 404 || status === 410;

/**
 * Counts an error answer `status` for `id` under the pin of `size` entries, tried at `now` (a grown pin forgets
 * the counts before). True when the id becomes passed over with it (audited once then).
 */
export function noteNotGiven(n: NotGiven, id: string, size: number, status: number, now: Date): boolean {
  if (n.size !== size) {
    n.ids.clear();
    n.size = size;
    n.changed = true;
  }
  const was = n.ids.get(id);
  if (!was && n.ids.size >= MAX_NOT_GIVEN_KEPT) return false;
  const gone = saysGone(status) ? (was?.gone ?? 0) + 1 : 0;
  const failed = saysGone(status) ? 0 : (was?.failed ?? 0) + 1;
  n.ids.set(id, { gone, failed, status, last: now.toISOString() });
  n.changed = true;
  return gone === GIVE_UP_AFTER;
}

/** An envelope given for `id` at last: it is forgotten. */
export function noteGiven(n: NotGiven, id: string): void {
  if (n.ids.delete(id)) n.changed = true;
}

/**
 * Forgets the ids not waiting at `now` that were last tried GONE_RETRY_MS ago or more: listed again, each is
 * fetched at once anyway, so the record keeps room for the ids that wait. Ids not listed this cycle are kept.
 */
export function forgetStale(n: NotGiven, now: Date): void {
  for (const [id, e] of n.ids) {
    const since = now.getTime() - Date.parse(e.last);
    if (Number.isFinite(since) && since >= 0 && since < GONE_RETRY_MS) continue;
    if (waitingOf(n, id, now)) continue;
    n.ids.delete(id);
    n.changed = true;
  }
}

/** Writes the record back, when the cycle changed it. */
export async function keepNotGiven(tx: Tx, n: NotGiven, at: string): Promise<void> {
  if (!n.changed) return;
  const value = n.ids.size ? JSON.stringify({ size: n.size, ids: Object.fromEntries(n.ids) }) : '';
  await putSetting(tx, SETTINGS.agentNotGiven, value, at);
}

/** An id waiting, as the status page and `shokai agent status` show it. */
export interface WaitingId {
  requestId: string;
  status: number;
  lastTried: string;
  nextTry: string | null;
}

/** The ids waiting now under the pin of `size` entries, by kind (at most `limit` of each). */
export async function waitingIds(
  db: Db | Tx,
  size: number,
  now: Date,
  limit = 50,
): Promise<{ passedOver: WaitingId[]; retryLater: WaitingId[] }> {
  const n = await notGivenUnder(db, size);
  const out = { passedOver: [] as WaitingId[], retryLater: [] as WaitingId[] };
  for (const [requestId, e] of n.ids) {
    const kind = waitingOf(n, requestId, now);
    if (!kind || out[kind].length >= limit) continue;
    out[kind].push({ requestId, status: e.status, lastTried: e.last, nextTry: nextTryOf(e) });
  }
  return out;
}

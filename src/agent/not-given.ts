import { z } from 'zod';
import type { Db, Tx } from '../store/database.ts';
import { getSetting, putSetting, SETTINGS } from '../store/settings.ts';

// The ids the hub listed and answered with an error for (404, 403, 5xx: no envelope), counted under the pin's
// size and kept with the installation's settings, so that a restart keeps them (./pull.ts): an id answered so a
// few times under one pin is not fetched again until the pin grows. A hub making up ids would otherwise cost a
// fetch for each every cycle, and crowd the genuine ones out of a cycle's share of fetches.

/** The most ids kept; past it a new id is not counted (it is fetched as before, within a cycle's share). */
export const MAX_NOT_GIVEN_KEPT = 1000;

const NotGivenSchema = z.strictObject({
  /** The pin's size the counts are under; another size (the pin grew, or a new first pin) starts afresh. */
  size: z.number().int().min(0),
  ids: z.record(z.string(), z.number().int().min(1)),
});

/** The counts as a cycle reads and changes them, written back once at its end. */
export interface NotGiven {
  size: number;
  ids: Map<string, number>;
  changed: boolean;
}

/** The counts kept under a pin of `size` entries (none when they were counted under another). */
export async function notGivenUnder(db: Db | Tx, size: number): Promise<NotGiven> {
  const text = await getSetting(db, SETTINGS.agentNotGiven);
  const kept = text ? NotGivenSchema.safeParse(JSON.parse(text)) : null;
  if (kept?.success && kept.data.size === size)
    return { size, ids: new Map(Object.entries(kept.data.ids)), changed: false };
  return { size, ids: new Map(), changed: !!text };
}

/** Whether `id` was answered with an error `limit` times under the pin of `size` entries. */
export const spentUnder = (n: NotGiven, id: string, size: number, limit: number): boolean =>
  n.size === size && (n.ids.get(id) ?? 0) >= limit;

/** Counts an error answered for `id` under the pin of `size` entries (a grown pin forgets the counts before). */
export function noteNotGiven(n: NotGiven, id: string, size: number): void {
  if (n.size !== size) {
    n.ids.clear();
    n.size = size;
    n.changed = true;
  }
  if (!n.ids.has(id) && n.ids.size >= MAX_NOT_GIVEN_KEPT) return;
  n.ids.set(id, (n.ids.get(id) ?? 0) + 1);
  n.changed = true;
}

/** An envelope given for `id` at last: its count goes. */
export function noteGiven(n: NotGiven, id: string): void {
  if (n.ids.delete(id)) n.changed = true;
}

/** Writes the counts back, when the cycle changed them. */
export async function keepNotGiven(tx: Tx, n: NotGiven, at: string): Promise<void> {
  if (!n.changed) return;
  const value = n.ids.size ? JSON.stringify({ size: n.size, ids: Object.fromEntries(n.ids) }) : '';
  await putSetting(tx, SETTINGS.agentNotGiven, value, at);
}

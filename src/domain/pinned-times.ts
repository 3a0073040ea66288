import { keyEntryProblem } from './pinned-keys.ts';
import { SKEW_MS } from './verification.ts';
import type { Bilingual } from './vocabulary.ts';

// The times an installation checks against its own clock, not the hub's word (./pinned-directory.ts).

/**
 * An envelope's signed issue time later than the installation's clock and the skew the hub allows
 * (./verification.ts SKEW_MS), in words naming both instants; null when it is not. A key's holder dating an
 * envelope ahead would otherwise age the key for the emergency call-back (src/agent/own-call-back.ts).
 */
export function issuedAhead(issuedAt: string, now: Date): Bilingual | null {
  if (!(Date.parse(issuedAt) > now.getTime() + SKEW_MS)) return null;
  const here = now.toISOString();
  return { ja: `発出日時 ${issuedAt}、この設置の時刻 ${here}`, en: `issued at ${issuedAt}; the clock here ${here}` };
}

/** An ISO 8601 instant with its offset or Z, to the minute at least (a time without offset is bad input). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
export const isInstant = (at: string): boolean => INSTANT.test(at) && Number.isFinite(Date.parse(at));

/**
 * The first entry of a log from `pinnedSize` on (0 for a first pin: every entry; the pinned size for an
 * extension: those appended) not an ISO instant with offset, dated before the entry before it (the pinned head's
 * last, for the first appended) or later than the installation's clock and the skew: its 0-based position and
 * instant; null when none. The hub writes its log in its entries' order of instants
 * (src/directory/transparency.ts), and a key entry's instant is what ages the key for the emergency call-back: a
 * hub appending a key dated a year back would make a key registered today look old.
 */
export function addedEntryTimeProblem(
  entries: readonly { at: string }[],
  pinnedSize: number,
  now: Date,
): { index: number; at: string } | null {
  const latest = now.getTime() + SKEW_MS;
  for (let i = Math.max(pinnedSize, 0); i < entries.length; i++) {
    const at = entries[i]?.at ?? '';
    const before = i > 0 ? Date.parse(entries[i - 1]?.at ?? '') : Number.NEGATIVE_INFINITY;
    if (!(isInstant(at) && Date.parse(at) >= before && Date.parse(at) <= latest)) return { index: i, at };
  }
  return null;
}

/**
 * The positions a pin's extension appended (0-based, `from` up to `to`, not including it) and the instant this
 * installation first pinned them (ISO, its own clock). The first pin has none: a person compared it out of band.
 */
export interface FirstPinnedSpan {
  from: number;
  to: number;
  at: string;
}

/** When this installation first pinned the entry at `index`; null when it came with the first pin (or before). */
export function firstPinnedAt(spans: readonly FirstPinnedSpan[], index: number): string | null {
  return spans.find((s) => index >= s.from && index < s.to)?.at ?? null;
}

/**
 * Where a key's age starts here: the later of its log entry's `at` (the hub's word) and the instant this
 * installation first pinned that entry, so a key appended today is never older than today here, however the
 * hub dated it (a hub can date it back to the pinned head's last entry after a quiet log: the order rule above
 * lets that through). `pinnedAt` is set only when it is the later. Null when the log holds no key `keyId`.
 */
export function keyAgedFrom(
  entries: readonly { type: string; id?: string; at: string }[],
  keyId: string,
  spans: readonly FirstPinnedSpan[],
): { from: string; at: string; pinnedAt: string | null } | null {
  const index = entries.findIndex((e) => e.type === 'key' && e.id === keyId);
  const entry = entries[index];
  if (!entry) return null;
  const pinned = firstPinnedAt(spans, index);
  if (pinned === null || !(Date.parse(pinned) > Date.parse(entry.at)))
    return { from: entry.at, at: entry.at, pinnedAt: null };
  return { from: pinned, at: entry.at, pinnedAt: pinned };
}

/**
 * The entry a refusal of a log names, for the error's details (1-based): the key entry at fault, or the entry
 * dated wrong (from `pinnedSize` on: 0 for a first pin) with its date; none for another refusal.
 */
export function refusedEntry(
  reason: string,
  entries: Parameters<typeof keyEntryProblem>[0] & readonly { at: string }[],
  pinnedSize: number,
  now: Date,
): { entry: number; keyId: string } | { entry: number; at: string } | Record<string, never> {
  const key = keyEntryProblem(entries);
  if (key && key.reason === reason) return { entry: key.index + 1, keyId: key.keyId };
  const dated = reason === 'entry_time' ? addedEntryTimeProblem(entries, pinnedSize, now) : null;
  return dated ? { entry: dated.index + 1, at: dated.at } : {};
}

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

/**
 * The first entry appended to a pinned log (from `pinnedSize` on) dated before the entry before it (the pinned
 * head's last, for the first) or later than the installation's clock and the skew: its 0-based position and
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
    if (!(Date.parse(at) >= before && Date.parse(at) <= latest)) return { index: i, at };
  }
  return null;
}

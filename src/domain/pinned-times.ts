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

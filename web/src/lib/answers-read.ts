// What this tab read in the answers it opened on the device (issue 13), for the case's trace: per
// answer item, its finding's verdict and whether it names a subscriber. The hub cannot open an answer,
// so the trace knows only what the client says it read. Kept in the tab's session storage (no personal
// data: no names, no records — verdicts and yes/no only); a new tab knows nothing, and the trace then
// says the answers are sealed.

import type { UnsealedAnswer } from '../api/types.ts';

export interface ItemReading {
  verdict?: 'unique' | 'ambiguous' | 'none';
  subscriber: boolean;
}

type Readings = Record<string, Record<string, ItemReading[]>>;
const KEY = 'shokai.answersRead';

function load(): Readings {
  try {
    const raw = sessionStorage.getItem(KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return parsed !== null && typeof parsed === 'object' ? (parsed as Readings) : {};
  } catch {
    return {};
  }
}

/** What an opened answer says, item by item, as the trace needs it. */
export function readingsOf(answer: UnsealedAnswer['answer']): ItemReading[] {
  return answer.items.map((it) => ({
    ...(it.finding ? { verdict: it.finding.verdict } : {}),
    // a café's member is the person its records name, as a carrier's subscriber is
    subscriber: it.subscriber !== undefined || it.member !== undefined,
  }));
}

/** Remembers what was read in the answer of `requestId` (of case `caseId`). */
export function rememberAnswerRead(caseId: string, requestId: string, items: ItemReading[]): void {
  if (items.length === 0) return;
  const all = load();
  all[caseId] = { ...(all[caseId] ?? {}), [requestId]: items };
  try {
    sessionStorage.setItem(KEY, JSON.stringify(all));
  } catch {
    // storage full or refused: the trace will say the answer is sealed
  }
}

/** The readings of a case's answers opened in this tab, as the trace's `answers`. */
export function answersReadIn(caseId: string): Array<{ requestId: string; items: ItemReading[] }> {
  return Object.entries(load()[caseId] ?? {}).map(([requestId, items]) => ({ requestId, items }));
}

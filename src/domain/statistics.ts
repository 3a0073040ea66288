import { pastDeadline } from './deadlines.ts';
import { DAY_MS, daysInMonth, eraYearText, japaneseEra } from './time.ts';
import type {
  Bilingual,
  DataCategory,
  DeclineReason,
  PeriodGranularity,
  RequestKind,
  RequestState,
  StatisticOutcome,
} from './vocabulary.ts';
import { DATA_CATEGORIES, DECLINE_REASONS, REQUEST_KINDS, STATISTIC_OUTCOMES } from './vocabulary.ts';

/**
 * Statistics are counted, never typed in: every number below is derived from the facts of the
 * requests themselves (one `RequestFact` per request, read from the store). Pure: the service reads the
 * facts, this module counts them. Periods are calendar periods in Japan Standard Time (UTC+9, no DST).
 */

/** What the statistics need to know about one issued request. */
export interface RequestFact {
  id: string;
  kind: RequestKind;
  state: RequestState;
  agencyOrganisationId: string;
  unitId: string;
  providerOrganisationId: string | null;
  categories: DataCategory[];
  issuedAt: string;
  receivedAt: string | null;
  answeredAt: string | null;
  declineReason: DeclineReason | null;
  deadlineAt: string | null;
  /**
   * Since when it waits on the requester's clarification (state clarification_requested): its deadline stands
   * still meanwhile (./deadlines.ts pastDeadline). Absent or null: not waiting.
   */
  clarificationAskedAt?: string | null;
  /** Clarification letters exchanged (the provider's question and the agency's reply each count). */
  clarificationMessages: number;
}

/** Paper's cost: a registered letter (書留) per hop and about a week per hop. */
export const PAPER_ASSUMPTIONS = { yenPerLetter: 500, daysPerHop: 7 } as const;

export interface ResponseTimes {
  /** Answers counted: from delivery to the signed answer. */
  count: number;
  p50Ms: number | null;
  p90Ms: number | null;
  p95Ms: number | null;
  maxMs: number | null;
}

export interface Statistics {
  total: number;
  byKind: Record<RequestKind, number>;
  byOutcome: Record<StatisticOutcome, number>;
  byCategory: Record<DataCategory, number>;
  byDeclineReason: Record<DeclineReason, number>;
  responseTime: ResponseTimes;
  overdue: { answeredLate: number; openOverdue: number; total: number };
  /** Answered ÷ (answered + declined); null when nothing was settled yet. */
  disclosureRate: number | null;
  emergencies: { total: number; answered: number; responseTime: ResponseTimes };
  paper: { letters: number; yen: number; days: number };
}

/**
 * The outcome of a request as counted: answered, declined, withdrawn, pending, closed. Full or partial is
 * not counted: it is inside the sealed answer, and nothing derived from it sits beside the box.
 */
export function outcomeOf(f: Pick<RequestFact, 'kind' | 'state' | 'answeredAt' | 'declineReason'>) {
  let o: StatisticOutcome;
  if (f.answeredAt !== null) o = 'answered';
  else if (f.declineReason !== null) o = 'declined';
  else if (f.state === 'withdrawn') o = 'withdrawn';
  // Only a withdrawn request is closed without an answer or a decline — except an MLA package, closed
  // when handed to the foreign authority.
  else if (f.state === 'closed') o = f.kind === 'mlat' ? 'closed_unanswered' : 'withdrawn';
  else o = 'pending';
  return o;
}

/**
 * The nearest-rank percentile (the smallest value with at least q of the values at or below it) of
 * sorted values; null for none.
 */
export function percentile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? null;
}

function responseTimes(durations: number[]): ResponseTimes {
  const s = [...durations].sort((a, b) => a - b);
  return {
    count: s.length,
    p50Ms: percentile(s, 0.5),
    p90Ms: percentile(s, 0.9),
    p95Ms: percentile(s, 0.95),
    maxMs: s.length > 0 ? (s[s.length - 1] ?? null) : null,
  };
}

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** The ms from delivery to the signed answer, or null when it was not answered after a delivery. */
export function responseMs(f: Pick<RequestFact, 'receivedAt' | 'answeredAt'>): number | null {
  if (f.receivedAt === null || f.answeredAt === null) return null;
  return Date.parse(f.answeredAt) - Date.parse(f.receivedAt);
}

/**
 * Overdue: answered after its deadline, or still open past it at `now` — the clock stopped while the request
 * waits on the requester's clarification (the deadline itself is pushed back by the wait once clarified).
 */
export function overdueOf(f: RequestFact, now: Date): 'answered_late' | 'open_overdue' | null {
  if (f.deadlineAt === null) return null;
  const deadline = Date.parse(f.deadlineAt);
  if (f.answeredAt !== null) return Date.parse(f.answeredAt) > deadline ? 'answered_late' : null;
  const asked = f.state === 'clarification_requested' && f.clarificationAskedAt ? f.clarificationAskedAt : null;
  const late = pastDeadline(new Date(deadline), now, asked === null ? null : new Date(asked));
  return outcomeOf(f) === 'pending' && late ? 'open_overdue' : null;
}

/**
 * The letters paper would have taken: the request itself (when delivered to a provider), the answer or
 * the refusal, and each clarification letter. An MLA package goes through diplomatic channels either way.
 */
export function paperLetters(f: RequestFact): number {
  if (f.kind === 'mlat' || f.receivedAt === null) return 0;
  const o = outcomeOf(f);
  const reply = o === 'answered' || o === 'declined' ? 1 : 0;
  return 1 + reply + f.clarificationMessages;
}

/** Counts a set of request facts. */
export function computeStatistics(facts: readonly RequestFact[], now: Date): Statistics {
  const byKind = zeros(REQUEST_KINDS);
  const byOutcome = zeros(STATISTIC_OUTCOMES);
  const byCategory = zeros(DATA_CATEGORIES);
  const byDeclineReason = zeros(DECLINE_REASONS);
  const durations: number[] = [];
  const emergencyDurations: number[] = [];
  let answeredLate = 0;
  let openOverdue = 0;
  let emergencies = 0;
  let emergenciesAnswered = 0;
  let letters = 0;
  for (const f of facts) {
    byKind[f.kind] += 1;
    const o = outcomeOf(f);
    byOutcome[o] += 1;
    for (const c of new Set(f.categories)) byCategory[c] += 1;
    if (o === 'declined' && f.declineReason !== null) byDeclineReason[f.declineReason] += 1;
    const ms = responseMs(f);
    if (ms !== null) durations.push(ms);
    const late = overdueOf(f, now);
    if (late === 'answered_late') answeredLate += 1;
    if (late === 'open_overdue') openOverdue += 1;
    if (f.kind === 'emergency') {
      emergencies += 1;
      if (f.answeredAt !== null) emergenciesAnswered += 1;
      if (ms !== null) emergencyDurations.push(ms);
    }
    letters += paperLetters(f);
  }
  const answered = byOutcome.answered;
  const settled = answered + byOutcome.declined;
  return {
    total: facts.length,
    byKind,
    byOutcome,
    byCategory,
    byDeclineReason,
    responseTime: responseTimes(durations),
    overdue: { answeredLate, openOverdue, total: answeredLate + openOverdue },
    disclosureRate: settled === 0 ? null : answered / settled,
    emergencies: { total: emergencies, answered: emergenciesAnswered, responseTime: responseTimes(emergencyDurations) },
    paper: {
      letters,
      yen: letters * PAPER_ASSUMPTIONS.yenPerLetter,
      days: letters * PAPER_ASSUMPTIONS.daysPerHop,
    },
  };
}

// ---- periods (Japan Standard Time) ----

const JST_MS = 9 * 3600_000;

/** Whether an instant is a midnight in Japan (00:00 JST): where a whole calendar day of the statistics starts. */
export function isJstMidnight(iso: string): boolean {
  return (Date.parse(iso) + JST_MS) % DAY_MS === 0;
}

/** The JST calendar year and month (1–12) of an instant. */
function jstYearMonth(iso: string): { y: number; m: number } {
  const d = new Date(Date.parse(iso) + JST_MS);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1 };
}

/** The key of the period an instant falls in: `2026-03`, `2026-Q1`, `2026-H1`, `2026`. */
export function periodKey(iso: string, g: PeriodGranularity): string {
  const { y, m } = jstYearMonth(iso);
  switch (g) {
    case 'month':
      return `${y}-${String(m).padStart(2, '0')}`;
    case 'quarter':
      return `${y}-Q${Math.ceil(m / 3)}`;
    case 'half':
      return `${y}-H${m <= 6 ? 1 : 2}`;
    case 'year':
      return `${y}`;
  }
}

const PERIOD_KEY = /^(\d{4})(?:-(\d{2})|-Q([1-4])|-H([12]))?$/;

/** The first month (1–12) and the number of months of a period key; null when it is not one. */
function periodMonths(key: string): { y: number; first: number; months: number } | null {
  const m = PERIOD_KEY.exec(key);
  if (!m) return null;
  const y = Number(m[1]);
  if (m[2] !== undefined) {
    const mo = Number(m[2]);
    return mo >= 1 && mo <= 12 ? { y, first: mo, months: 1 } : null;
  }
  if (m[3] !== undefined) return { y, first: (Number(m[3]) - 1) * 3 + 1, months: 3 };
  if (m[4] !== undefined) return { y, first: m[4] === '1' ? 1 : 7, months: 6 };
  return { y, first: 1, months: 12 };
}

/** The instants a period key spans, [from, to), as UTC ISO text; null when the key is not a period. */
export function periodRange(key: string): { from: string; to: string } | null {
  const p = periodMonths(key);
  if (!p) return null;
  const start = Date.UTC(p.y, p.first - 1, 1) - JST_MS;
  const end = Date.UTC(p.y, p.first - 1 + p.months, 1) - JST_MS;
  return { from: new Date(start).toISOString(), to: new Date(end).toISOString() };
}

/** Every period key of a granularity that overlaps [from, to), in order. */
export function periodsBetween(from: string, to: string, g: PeriodGranularity): string[] {
  const out: string[] = [];
  let key = periodKey(from, g);
  for (let guard = 0; guard < 1200; guard++) {
    const r = periodRange(key);
    if (!r || r.from >= to) break;
    out.push(key);
    key = periodKey(r.to, g);
  }
  return out;
}

/**
 * A period's label: `令和8年（2026年）上半期` / `H1 2026`, `令和8年（2026年）3月` / `March 2026`. A period over
 * which the era changed names both eras, as its first and last day read: `平成31年・令和元年（2019年）`.
 */
export function periodLabel(key: string): Bilingual {
  const p = periodMonths(key);
  if (!p) return { ja: key, en: key };
  const lastMonth = p.first + p.months - 1;
  const eras = [japaneseEra(p.y, p.first, 1), japaneseEra(p.y, lastMonth, daysInMonth(p.y, lastMonth))];
  const named = [...new Set(eras.filter((e) => e !== null).map(eraYearText))];
  const yearJa = named.length > 0 ? `${named.join('・')}（${p.y}年）` : `${p.y}年`;
  if (p.months === 1) {
    const en = new Date(Date.UTC(p.y, p.first - 1, 1)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' });
    return { ja: `${yearJa}${p.first}月`, en: `${en} ${p.y}` };
  }
  if (p.months === 3) {
    const q = Math.ceil(p.first / 3);
    return { ja: `${yearJa}第${q}四半期`, en: `Q${q} ${p.y}` };
  }
  if (p.months === 6) {
    return p.first === 1 ? { ja: `${yearJa}上半期`, en: `H1 ${p.y}` } : { ja: `${yearJa}下半期`, en: `H2 ${p.y}` };
  }
  return { ja: yearJa, en: `${p.y}` };
}

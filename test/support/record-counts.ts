import assert from 'node:assert/strict';
// Counts taken straight from the records, independently of src/statistics: plain SQL with GROUP BY and
// CASE over the requests table, for the statistics tests to compare with.
import { sql } from 'kysely';
import type { StatisticsReport } from '../../src/statistics/model.ts';
import type { Db } from '../../src/store/database.ts';

export interface RecordScope {
  from: string;
  to: string;
  agencyId?: string;
  /** With agencyId: the requests of one of its units. */
  unitId?: string;
  providerId?: string;
  /** For open requests past their deadline: the instant to compare with. */
  now?: string;
}

export interface RecordCounts {
  total: number;
  byKind: Record<string, number>;
  byOutcome: Record<string, number>;
  byDeclineReason: Record<string, number>;
  byCategory: Record<string, number>;
  responseMs: number[];
  emergencies: number;
  answeredLate: number;
  openOverdue: number;
  disclosureRate: number | null;
}

export async function countFromRecords(db: Db, s: RecordScope): Promise<RecordCounts> {
  const where = sql`r.issued_at IS NOT NULL AND r.issued_at >= ${s.from} AND r.issued_at < ${s.to}
    ${s.agencyId ? sql`AND r.agency_organisation_id = ${s.agencyId} AND r.origin = 'local'` : sql``}
    ${s.unitId ? sql`AND r.unit_id = ${s.unitId}` : sql``}
    ${s.providerId ? sql`AND r.provider_organisation_id = ${s.providerId} AND r.received_at IS NOT NULL` : sql``}`;
  const grouped = async (column: ReturnType<typeof sql>) => {
    const { rows } = await sql<{ k: string | null; n: string | number }>`
      SELECT ${column} AS k, COUNT(*) AS n FROM requests r
      WHERE ${where} GROUP BY ${column}`.execute(db);
    return Object.fromEntries(rows.filter((r) => r.k !== null).map((r) => [r.k as string, Number(r.n)]));
  };
  const byKind = await grouped(sql`r.kind`);
  const byOutcome = await grouped(sql`CASE
      WHEN r.answered_at IS NOT NULL THEN 'answered'
      WHEN r.decline_reason IS NOT NULL THEN 'declined'
      WHEN r.state = 'withdrawn' THEN 'withdrawn'
      WHEN r.state = 'closed' AND r.kind = 'mlat' THEN 'closed_unanswered'
      WHEN r.state = 'closed' THEN 'withdrawn'
      ELSE 'pending' END`);
  const byDeclineReason = await grouped(sql`r.decline_reason`);
  const { rows } = await sql<{
    kind: string;
    content: string;
    received_at: string | null;
    answered_at: string | null;
    deadline_at: string | null;
    state: string;
    decline_reason: string | null;
    clarification_asked_at: string | null;
  }>`SELECT r.kind, r.content, r.received_at, r.answered_at, r.deadline_at, r.state, r.decline_reason,
       r.clarification_asked_at
     FROM requests r WHERE ${where}`.execute(db);
  const byCategory: Record<string, number> = {};
  const responseMs: number[] = [];
  let answeredLate = 0;
  let openOverdue = 0;
  for (const r of rows) {
    const open = !r.answered_at && !r.decline_reason && r.state !== 'withdrawn' && r.state !== 'closed';
    // The clock stands still while a request waits on the requester's clarification: late only if it was then.
    const waiting = r.state === 'clarification_requested' ? r.clarification_asked_at : null;
    const asOf = waiting && s.now && waiting < s.now ? waiting : s.now;
    if (open && asOf && r.deadline_at && r.deadline_at < asOf) openOverdue += 1;
    for (const c of new Set((JSON.parse(r.content) as { categories: string[] }).categories)) {
      byCategory[c] = (byCategory[c] ?? 0) + 1;
    }
    if (r.received_at && r.answered_at) responseMs.push(Date.parse(r.answered_at) - Date.parse(r.received_at));
    if (r.answered_at && r.deadline_at && r.answered_at > r.deadline_at) answeredLate += 1;
  }
  return {
    total: rows.length,
    byKind,
    byOutcome,
    byDeclineReason,
    byCategory,
    responseMs: responseMs.sort((a, b) => a - b),
    emergencies: rows.filter((r) => r.kind === 'emergency').length,
    answeredLate,
    openOverdue,
    disclosureRate: (() => {
      const answered = byOutcome.answered ?? 0;
      const settled = answered + (byOutcome.declined ?? 0);
      return settled === 0 ? null : answered / settled;
    })(),
  };
}

/** The non-zero entries of a count table (the statistics list every member, the records only those met). */
export const nonZero = (r: Record<string, number>): Record<string, number> =>
  Object.fromEntries(Object.entries(r).filter(([, n]) => n !== 0));

/** The nearest-rank percentile, written out again here: the smallest value with q of them at or below. */
const nearestRank = (sorted: number[], q: number) =>
  sorted.length === 0 ? null : (sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1] ?? null);

/** Asserts that the statistics `s` (`what` names them in a failure) say what the records `r` say. */
export function assertStatsMatch(s: StatisticsReport['totals'], r: RecordCounts, what: string): void {
  assert.equal(s.total, r.total, `${what}: total`);
  assert.deepEqual(nonZero(s.byKind), r.byKind, `${what}: by kind`);
  assert.deepEqual(nonZero(s.byOutcome), r.byOutcome, `${what}: by outcome`);
  assert.deepEqual(nonZero(s.byDeclineReason), r.byDeclineReason, `${what}: by decline reason`);
  assert.deepEqual(nonZero(s.byCategory), r.byCategory, `${what}: by category`);
  assert.equal(s.responseTime.count, r.responseMs.length, `${what}: answers timed`);
  assert.equal(s.responseTime.p50Ms, nearestRank(r.responseMs, 0.5), `${what}: p50`);
  assert.equal(s.responseTime.p90Ms, nearestRank(r.responseMs, 0.9), `${what}: p90`);
  assert.equal(s.responseTime.p95Ms, nearestRank(r.responseMs, 0.95), `${what}: p95`);
  assert.equal(s.responseTime.maxMs, r.responseMs.at(-1) ?? null, `${what}: max`);
  assert.equal(s.emergencies.total, r.emergencies, `${what}: emergencies`);
  assert.equal(s.overdue.answeredLate, r.answeredLate, `${what}: answered late`);
  assert.equal(s.overdue.openOverdue, r.openOverdue, `${what}: open and overdue`);
  assert.equal(s.disclosureRate, r.disclosureRate, `${what}: disclosure rate`);
}

import { canonicalJson, sha256Hex } from '../crypto/canonical.ts';
import { findOrganisations, findUnits } from '../directory/directory.repository.ts';
import { type Caller, statisticsScope } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { toUtcIso } from '../domain/instant.ts';
import {
  computeStatistics,
  isJstMidnight,
  PAPER_ASSUMPTIONS,
  periodKey,
  periodLabel,
  periodsBetween,
  type RequestFact,
} from '../domain/statistics.ts';
import { parseOrThrow } from '../domain/validation.ts';
import type { Bilingual, DataCategory } from '../domain/vocabulary.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { Db, Tx } from '../store/database.ts';
import { requestKindOf, requestStateOf, STORED, storedOptional } from '../store/stored-values.ts';
import { StatisticsInput, type StatisticsInputData, type StatisticsReport } from './model.ts';
import {
  auditLogSize,
  type StatisticsFactRow,
  type StatisticsFilter,
  statisticsAuditRows,
  statisticsFactRows,
} from './statistics.queries.ts';

/** At most ten years per report: a longer span is a mistake in the dates more often than a wish. */
const MAX_SPAN_MS = 10 * 366 * 24 * 3600_000;

function factOf(r: StatisticsFactRow): RequestFact {
  const content = JSON.parse(r.content) as { categories?: DataCategory[] };
  return {
    id: r.id,
    // A published count that silently left a request out would be wrong: an unknown word fails, naming it.
    kind: requestKindOf(r),
    state: requestStateOf(r),
    agencyOrganisationId: r.agency_organisation_id,
    unitId: r.unit_id,
    providerOrganisationId: r.provider_organisation_id,
    categories: content.categories ?? [],
    issuedAt: r.issued_at ?? '',
    receivedAt: r.received_at,
    answeredAt: r.answered_at,
    declineReason: storedOptional(STORED.declineReason, r.decline_reason, r.id),
    deadlineAt: r.deadline_at,
    clarificationAskedAt: r.clarification_asked_at,
    clarificationMessages: r.clarification_messages,
  };
}

function filterOf(caller: Caller, input: StatisticsInputData): StatisticsFilter {
  const from = toUtcIso(input.from, 'from');
  const to = toUtcIso(input.to, 'to');
  if (from >= to || Date.parse(to) - Date.parse(from) > MAX_SPAN_MS) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: '期間の終わりは始まりより後で、始まりから10年以内にしてください',
        en: 'the end of the period must come after its start, at most ten years later',
      },
      { field: 'to', value: input.to },
    );
  }
  const scope = statisticsScope(caller);
  if (scope.kind === 'organisation') requireWholeDays({ from, to }, input);
  return {
    scope,
    from,
    to,
    ...(input.providerId ? { providerId: input.providerId } : {}),
    ...(input.agencyId ? { agencyId: input.agencyId } : {}),
    ...(input.unitId ? { unitId: input.unitId } : {}),
  };
}

/**
 * A statistics officer counts every unit of the force, over whole days of Japan time: both ends at a midnight
 * (00:00 JST). Their reports are by day, month and year; a window of minutes around one request would give
 * back its instant (which unit asked which provider for what, when), and with it the case a colleague can
 * guess from the hour — beyond the force's need-to-know for counts (docs/decisions.md, 2026-12-05).
 */
function requireWholeDays(span: { from: string; to: string }, input: StatisticsInputData): void {
  const named = {
    from: { ja: '期間の始まり', en: 'the start of the period' },
    to: { ja: '期間の終わり', en: 'the end of the period' },
  } as const;
  for (const field of ['from', 'to'] as const) {
    if (isJstMidnight(span[field])) continue;
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: `組織全体の統計は日単位です。${named[field].ja}は日本時間の午前0時（例 2026-04-01T00:00:00+09:00）にしてください`,
        en:
          `the whole organisation's statistics count whole days: ${named[field].en} must be a midnight in Japan ` +
          '(e.g. 2026-04-01T00:00:00+09:00)',
      },
      { field, value: input[field] },
    );
  }
}

type GroupKey = (f: RequestFact) => string;

async function groupsOf(
  db: Db | Tx,
  facts: RequestFact[],
  input: StatisticsInputData,
  filter: StatisticsFilter,
): Promise<Array<{ key: string; label: Bilingual; facts: RequestFact[] }>> {
  if (input.groupBy === 'none') return [];
  const keyOf: GroupKey =
    input.groupBy === 'provider'
      ? (f) => f.providerOrganisationId ?? ''
      : input.groupBy === 'agency'
        ? (f) => f.agencyOrganisationId
        : input.groupBy === 'unit'
          ? (f) => f.unitId
          : (f) => periodKey(f.issuedAt, input.period);
  const buckets = new Map<string, RequestFact[]>();
  // Every period of the span is listed, the empty ones too: a chart of months shows the quiet ones.
  if (input.groupBy === 'period')
    for (const k of periodsBetween(filter.from, filter.to, input.period)) buckets.set(k, []);
  for (const f of facts) {
    const k = keyOf(f);
    buckets.set(k, [...(buckets.get(k) ?? []), f]);
  }
  const keys = [...buckets.keys()];
  const names = new Map<string, Bilingual>();
  if (input.groupBy === 'provider' || input.groupBy === 'agency') {
    for (const o of await findOrganisations(
      db,
      keys.filter((k) => k !== ''),
    ))
      names.set(o.id, { ja: o.name_ja, en: o.name_en });
    names.set('', { ja: '事業者なし（国際共助）', en: 'No provider (mutual legal assistance)' });
  }
  if (input.groupBy === 'unit')
    for (const u of await findUnits(db, keys)) names.set(u.id, { ja: u.name_ja, en: u.name_en });
  const labelOf = (k: string): Bilingual =>
    input.groupBy === 'period' ? periodLabel(k) : (names.get(k) ?? { ja: k, en: k });
  const out = keys.map((key) => ({ key, label: labelOf(key), facts: buckets.get(key) ?? [] }));
  if (input.groupBy === 'period') return out.sort((a, b) => a.key.localeCompare(b.key));
  return out.sort((a, b) => b.facts.length - a.facts.length || a.label.ja.localeCompare(b.label.ja));
}

/**
 * The same requests counted from the audit log: how many were received, answered (an answer sealed)
 * and declined (a move to `declined`), by the entries recorded when it happened.
 */
async function auditCheck(
  db: Db | Tx,
  filter: StatisticsFilter,
  facts: RequestFact[],
): Promise<StatisticsReport['auditCheck']> {
  const received = new Set<string>();
  const answered = new Set<string>();
  const declined = new Set<string>();
  for (const e of await statisticsAuditRows(db, filter)) {
    if (e.subject_id === null) continue;
    if (e.action === 'request.received') {
      received.add(e.subject_id);
      // An envelope that fails verification is declined as invalid on receipt, in the same entry.
      if ((JSON.parse(e.details) as { verified?: boolean }).verified === false) declined.add(e.subject_id);
    }
    if (e.action === 'answer.sealed') answered.add(e.subject_id);
    if (e.action === 'request.transition' && (JSON.parse(e.details) as { to?: string }).to === 'declined') {
      declined.add(e.subject_id);
    }
  }
  const checks = [
    { name: 'received' as const, records: facts.filter((f) => f.receivedAt !== null).length, auditLog: received.size },
    { name: 'answered' as const, records: facts.filter((f) => f.answeredAt !== null).length, auditLog: answered.size },
    {
      name: 'declined' as const,
      records: facts.filter((f) => f.declineReason !== null).length,
      auditLog: declined.size,
    },
  ];
  return { ok: checks.every((c) => c.records === c.auditLog), checks };
}

/** Counts, breakdowns and the audit log's recount of one filter — without auditing (the callers do). */
export async function buildStatistics(
  uow: UnitOfWork,
  caller: Caller,
  input: StatisticsInputData,
): Promise<{ report: StatisticsReport; facts: RequestFact[] }> {
  const filter = filterOf(caller, input);
  const db = uow.tx;
  const facts = (await statisticsFactRows(db, filter)).map(factOf);
  const groups = await groupsOf(db, facts, input, filter);
  const totals = computeStatistics(facts, uow.now);
  const body = {
    scope: filter.scope.kind,
    from: filter.from,
    to: filter.to,
    groupBy: input.groupBy,
    period: input.period,
    filters: { providerId: input.providerId ?? null, agencyId: input.agencyId ?? null, unitId: input.unitId ?? null },
    totals,
    groups: groups.map((g) => ({ key: g.key, label: g.label, stats: computeStatistics(g.facts, uow.now) })),
  };
  const report: StatisticsReport = {
    ...body,
    asOf: { at: uow.now.toISOString(), auditSize: await auditLogSize(db) },
    auditCheck: await auditCheck(db, filter, facts),
    assumptions: { ...PAPER_ASSUMPTIONS },
    digest: sha256Hex(canonicalJson(body)),
  };
  return { report, facts };
}

/**
 * Statistics over the requests the caller may count (its agency's, what was delivered to its
 * provider, or all for the oversight body), by kind, outcome, category and decline reason, with
 * response times, overdue requests, the disclosure rate, emergencies and the paper they saved. Counted
 * from the records each time and recounted from the audit log; the computation is itself audited with
 * the digest of what it returned.
 */
export async function requestStatistics(uow: UnitOfWork, caller: Caller, raw: unknown): Promise<StatisticsReport> {
  statisticsScope(caller);
  const input = parseOrThrow(StatisticsInput, raw);
  const { report } = await buildStatistics(uow, caller, input);
  await uow.auditBy(caller, 'statistics.viewed', ['statistics', null], {
    scope: report.scope,
    from: report.from,
    to: report.to,
    groupBy: report.groupBy,
    period: report.period,
    filters: report.filters,
    total: report.totals.total,
    digest: report.digest,
    auditCheck: report.auditCheck.ok,
  });
  return report;
}

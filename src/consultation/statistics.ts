import { z } from 'zod';
import { type Principal, requirePermission } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { InstantSchema, parseInstant } from '../domain/instant.ts';
import { parseOrThrow } from '../domain/validation.ts';
import {
  CONSULTATION_CATEGORIES,
  CONSULTATION_CHANNELS,
  type ConsultationCategory,
  type ConsultationChannel,
  isOneOf,
} from '../domain/vocabulary.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import { countConsultations } from './consultation.repository.ts';

// Consultation statistics: how many people the desk heard, about what, how they came, how urgent it
// was and how many consultations became cases — counts only, no personal data.

export const ConsultationStatisticsQuery = z.strictObject({
  from: InstantSchema.optional(),
  to: InstantSchema.optional(),
});

export interface CategoryCount {
  category: ConsultationCategory;
  total: number;
  open: number;
  advised: number;
  caseOpened: number;
  urgent: number;
}

export interface ConsultationStatistics {
  from: string;
  to: string;
  total: number;
  urgent: number;
  caseOpened: number;
  byCategory: CategoryCount[];
  byChannel: { channel: ConsultationChannel; total: number }[];
  byMonth: { month: string; total: number }[];
}

const YEAR_MS = 365 * 24 * 3600_000;

export async function consultationStatistics(
  uow: UnitOfWork,
  p: Principal,
  raw: unknown = {},
): Promise<ConsultationStatistics> {
  requirePermission(p, 'consultation.read');
  const q = parseOrThrow(ConsultationStatisticsQuery, raw);
  const to = q.to ? new Date(parseInstant(q.to, 'to').epochMs) : new Date(uow.now.getTime() + 1);
  const from = q.from ? new Date(parseInstant(q.from, 'from').epochMs) : new Date(to.getTime() - YEAR_MS);
  if (from.getTime() >= to.getTime()) {
    throw new DomainError(
      'VALIDATION_FAILED',
      { ja: `期間の始め（${q.from}）が終わりより前ではありません`, en: `from (${q.from}) is not before to` },
      { field: 'from', value: q.from ?? from.toISOString() },
    );
  }
  const rows = await countConsultations(uow.tx, p.organisationId, from.toISOString(), to.toISOString());
  const byCategory = new Map<ConsultationCategory, CategoryCount>(
    CONSULTATION_CATEGORIES.map((category) => [
      category,
      { category, total: 0, open: 0, advised: 0, caseOpened: 0, urgent: 0 },
    ]),
  );
  const byChannel = new Map<ConsultationChannel, number>(CONSULTATION_CHANNELS.map((c) => [c, 0]));
  const byMonth = new Map<string, number>();
  let total = 0;
  let urgent = 0;
  let caseOpened = 0;
  for (const r of rows) {
    total += r.n;
    const cat = isOneOf(CONSULTATION_CATEGORIES, r.category) ? byCategory.get(r.category) : undefined;
    if (cat) {
      cat.total += r.n;
      if (r.state === 'open') cat.open += r.n;
      if (r.state === 'advised') cat.advised += r.n;
      if (r.state === 'case_opened') cat.caseOpened += r.n;
      if (r.urgency !== 'none') cat.urgent += r.n;
    }
    if (r.urgency !== 'none') urgent += r.n;
    if (r.state === 'case_opened') caseOpened += r.n;
    // A word this version does not know counts in the total only (as a category it does not know).
    if (isOneOf(CONSULTATION_CHANNELS, r.channel)) byChannel.set(r.channel, (byChannel.get(r.channel) ?? 0) + r.n);
    byMonth.set(r.month, (byMonth.get(r.month) ?? 0) + r.n);
  }
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    total,
    urgent,
    caseOpened,
    byCategory: [...byCategory.values()],
    byChannel: [...byChannel].map(([channel, n]) => ({ channel, total: n })),
    byMonth: [...byMonth].sort(([a], [b]) => a.localeCompare(b)).map(([month, n]) => ({ month, total: n })),
  };
}

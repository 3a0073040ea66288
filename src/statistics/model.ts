import { z } from 'zod';
import { InstantSchema } from '../domain/instant.ts';
import {
  DATA_CATEGORIES,
  DECLINE_REASONS,
  PERIOD_GRANULARITIES,
  REQUEST_KINDS,
  STATISTIC_GROUPINGS,
  STATISTIC_OUTCOMES,
} from '../domain/vocabulary.ts';

// The statistics' input and read models: they validate the service's input and describe the API.

const Id = z.string().trim().min(1).max(200);

export const StatisticsInput = z.strictObject({
  /** A request counts in [from, to) by the instant it was issued; both with an offset. */
  from: InstantSchema,
  to: InstantSchema,
  groupBy: z.enum(STATISTIC_GROUPINGS).default('none'),
  /** The length of a period when grouped by period (calendar periods in JST). */
  period: z.enum(PERIOD_GRANULARITIES).default('month'),
  providerId: Id.optional(),
  agencyId: Id.optional(),
  unitId: Id.optional(),
});
export type StatisticsInputData = z.output<typeof StatisticsInput>;

const Bilingual = z.object({ ja: z.string(), en: z.string() });
const count = z.number().int().min(0);
const ms = z.number().nullable();
const ResponseTimesSchema = z.object({ count, p50Ms: ms, p90Ms: ms, p95Ms: ms, maxMs: ms });
const recordOf = <T extends readonly [string, ...string[]]>(keys: T) =>
  z.object(Object.fromEntries(keys.map((k) => [k, count])) as { [K in T[number]]: typeof count });

export const StatisticsSchema = z
  .object({
    total: count,
    byKind: recordOf(REQUEST_KINDS),
    byOutcome: recordOf(STATISTIC_OUTCOMES),
    byCategory: recordOf(DATA_CATEGORIES),
    byDeclineReason: recordOf(DECLINE_REASONS),
    responseTime: ResponseTimesSchema,
    overdue: z.object({ answeredLate: count, openOverdue: count, total: count }),
    disclosureRate: z.number().nullable(),
    emergencies: z.object({ total: count, answered: count, responseTime: ResponseTimesSchema }),
    paper: z.object({ letters: count, yen: count, days: count }),
  })
  .meta({ id: 'Statistics' });

export const AUDIT_CHECKS = ['received', 'answered', 'declined'] as const;

export const StatisticsReportSchema = z
  .object({
    scope: z.enum(['unit', 'organisation', 'provider', 'all']),
    from: z.string(),
    to: z.string(),
    groupBy: z.enum(STATISTIC_GROUPINGS),
    period: z.enum(PERIOD_GRANULARITIES),
    filters: z.object({
      providerId: z.string().nullable(),
      agencyId: z.string().nullable(),
      unitId: z.string().nullable(),
    }),
    /** When counted, and how long the audit log was then. */
    asOf: z.object({ at: z.string(), auditSize: count }),
    totals: StatisticsSchema,
    groups: z.array(z.object({ key: z.string(), label: Bilingual, stats: StatisticsSchema })),
    /** The same requests counted again from the audit log's entries about them. */
    auditCheck: z.object({
      ok: z.boolean(),
      checks: z.array(z.object({ name: z.enum(AUDIT_CHECKS), records: count, auditLog: count })),
    }),
    assumptions: z.object({ yenPerLetter: count, daysPerHop: count }),
    /** SHA-256 of the canonical JSON of scope, period, filters, totals and groups: also in the audit entry. */
    digest: z.string(),
  })
  .meta({ id: 'StatisticsReport' });
export type StatisticsReport = z.infer<typeof StatisticsReportSchema>;

// A provider's half-year transparency report (src/statistics/transparency.ts).
const Group = z.object({ key: z.string(), label: Bilingual, stats: StatisticsSchema });

export const TransparencyReportSchema = z
  .object({
    provider: z.object({ id: z.string(), nameJa: z.string(), nameEn: z.string() }),
    half: z.string(),
    label: Bilingual,
    from: z.string(),
    to: z.string(),
    totals: StatisticsSchema,
    months: z.array(Group),
    agencies: z.array(Group),
    auditCheck: StatisticsReportSchema.shape.auditCheck,
    asOf: StatisticsReportSchema.shape.asOf,
    assumptions: StatisticsReportSchema.shape.assumptions,
    /** SHA-256 of the canonical JSON of provider, half, totals, months and agencies (also audited). */
    digest: z.string(),
  })
  .meta({ id: 'TransparencyReport' });
export type TransparencyReport = z.infer<typeof TransparencyReportSchema>;

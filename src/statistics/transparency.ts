import { z } from 'zod';
import { canonicalJson, sha256Hex } from '../crypto/canonical.ts';
import { findOrganisation } from '../directory/directory.repository.ts';
import { type Caller, requireSameOrganisation, statisticsScope } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { shownInput } from '../domain/shown-text.ts';
import { periodLabel, periodRange } from '../domain/statistics.ts';
import { parseOrThrow } from '../domain/validation.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import { type TransparencyReport, TransparencyReportSchema } from './model.ts';
import { buildStatistics } from './statistics-service.ts';
import { transparencyCsv, transparencyHtml } from './transparency-render.ts';

// A provider's half-year transparency report: its statistics for January–June or July–December (JST),
// by month and by requesting agency, as JSON, CSV or a self-contained HTML document with charts. The
// numbers are those of the statistics service — counted from the records, recounted from the audit
// log — and each export is audited with the report's digest.

export { type TransparencyReport, TransparencyReportSchema };

export const TRANSPARENCY_FORMATS = ['json', 'csv', 'html'] as const;
export type TransparencyFormat = (typeof TRANSPARENCY_FORMATS)[number];

export const TransparencyInput = z.strictObject({
  /** The half-year: `2026-H1` (January–June, JST) or `2026-H2`. */
  half: z
    .string()
    .trim()
    .refine((h) => /^\d{4}-H[12]$/.test(h), {
      message: 'a half-year is written like 2026-H1 (January–June) or 2026-H2 (July–December)',
      params: { ja: '半期は 2026-H1（1〜6月）または 2026-H2（7〜12月）のように書いてください' },
    }),
  /** The provider: one's own by default; the oversight body names one. */
  providerId: z.string().trim().min(1).max(200).optional(),
  format: z.enum(TRANSPARENCY_FORMATS).default('json'),
});

export interface TransparencyExport {
  report: TransparencyReport;
  format: TransparencyFormat;
  contentType: string;
  fileName: string;
  body: string;
}

const forbiddenForAgency = () =>
  new DomainError('FORBIDDEN', {
    ja: '透明性レポートは事業者（または監督機関）が作成します。照会機関は統計画面で自機関の件数を確認できます',
    en:
      "a transparency report is the provider's (or the oversight body's) to produce; an agency sees its own " +
      'counts under statistics',
  });

/** The provider whose report this is: one's own, or (oversight, local operator) the one named. */
async function providerOf(uow: UnitOfWork, caller: Caller, providerId: string | undefined) {
  const scope = statisticsScope(caller);
  if (scope.kind === 'unit' || scope.kind === 'organisation') throw forbiddenForAgency();
  if (scope.kind === 'provider') requireSameOrganisation(caller, providerId ?? scope.organisationId);
  const id = scope.kind === 'provider' ? scope.organisationId : providerId;
  if (!id) {
    throw new DomainError(
      'VALIDATION_FAILED',
      { ja: '事業者を指定してください', en: 'name the provider' },
      { field: 'providerId' },
    );
  }
  const org = await findOrganisation(uow.tx, id);
  if (org?.kind !== 'provider') {
    throw new DomainError(
      'NOT_FOUND',
      { ja: `事業者 ${shownInput(id)} は存在しません`, en: `provider ${shownInput(id)} does not exist` },
      { field: 'providerId', value: id },
    );
  }
  return { id: org.id, nameJa: org.name_ja, nameEn: org.name_en };
}

/** Builds a provider's half-year report and renders it in the format asked for; the export is audited. */
export async function exportTransparencyReport(
  uow: UnitOfWork,
  caller: Caller,
  raw: unknown,
): Promise<TransparencyExport> {
  statisticsScope(caller);
  const input = parseOrThrow(TransparencyInput, raw);
  const provider = await providerOf(uow, caller, input.providerId);
  const range = periodRange(input.half);
  if (!range) {
    throw new DomainError(
      'VALIDATION_FAILED',
      { ja: `半期「${input.half}」はありません`, en: `there is no half-year "${input.half}"` },
      { field: 'half', value: input.half },
    );
  }
  const span = { from: range.from, to: range.to, providerId: provider.id };
  const monthly = await buildStatistics(uow, caller, { ...span, groupBy: 'period', period: 'month' });
  const byAgency = await buildStatistics(uow, caller, { ...span, groupBy: 'agency', period: 'month' });
  const body = {
    provider,
    half: input.half,
    totals: monthly.report.totals,
    months: monthly.report.groups,
    agencies: byAgency.report.groups,
  };
  const report: TransparencyReport = {
    ...body,
    label: periodLabel(input.half),
    from: range.from,
    to: range.to,
    auditCheck: monthly.report.auditCheck,
    asOf: monthly.report.asOf,
    assumptions: monthly.report.assumptions,
    digest: sha256Hex(canonicalJson(body)),
  };
  await uow.auditBy(caller, 'transparency.exported', ['organisation', provider.id], {
    half: input.half,
    format: input.format,
    total: report.totals.total,
    digest: report.digest,
  });
  const fileName = `transparency-${input.half}-${provider.id}.${input.format}`;
  if (input.format === 'csv') {
    return { report, format: 'csv', contentType: 'text/csv; charset=utf-8', fileName, body: transparencyCsv(report) };
  }
  if (input.format === 'html') {
    return {
      report,
      format: 'html',
      contentType: 'text/html; charset=utf-8',
      fileName,
      body: transparencyHtml(report),
    };
  }
  return {
    report,
    format: 'json',
    contentType: 'application/json; charset=utf-8',
    fileName,
    body: `${JSON.stringify(report, null, 2)}\n`,
  };
}

// `shokai report transparency`: a provider's half-year transparency report from the local store, as
// HTML (charts inline), CSV or JSON — the same numbers as the API's, and the export audited the same way.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { DomainError, isDomainError } from '../domain/errors.ts';
import { exportTransparencyReport } from '../statistics/transparency.ts';
import { runLocal } from './context.ts';
import { tr } from './language.ts';
import { localOptions } from './store-options.ts';

/**
 * The report's provider left unnamed (the local operator, or an --as who is no provider's person), said as
 * the two options that name it: the service's "name the provider" knows neither.
 */
function providerNotNamed(err: unknown): DomainError | null {
  if (!isDomainError(err) || err.details?.field !== 'providerId' || err.details.value !== undefined) return null;
  return new DomainError(
    err.code,
    {
      ja: 'どの事業者の報告書か指定してください: --provider に事業者の組織 ID、または --as に事業者の利用者のログイン名',
      en: 'name the provider: --provider with its organisation id, or --as with the login of one of its people',
    },
    { field: '--provider' },
    { cause: err },
  );
}

/** The report's settings by the options that give them: a refusal names `--format`, not the setting `format`. */
const OPTION_OF: Readonly<Record<string, string>> = { format: '--format', providerId: '--provider' };

function byOption(err: unknown): DomainError | null {
  const field = isDomainError(err) ? err.details?.field : undefined;
  const option = typeof field === 'string' ? OPTION_OF[field] : undefined;
  if (!isDomainError(err) || option === undefined) return null;
  return new DomainError(err.code, err.messages, { ...err.details, field: option }, { cause: err });
}

export function registerReportCommands(program: Command): void {
  const report = program.command('report').description(tr('統計から作る報告書', 'reports built from the statistics'));
  localOptions(
    report
      .command('transparency')
      .description(
        tr(
          '事業者の半期の透明性レポート（件数は記録から集計し、監査ログと照合）',
          "a provider's half-year transparency report (counted from the records, checked against the audit log)",
        ),
      )
      .requiredOption(
        '--half <half>',
        tr('半期: 2026-H1（1〜6月）または 2026-H2（7〜12月）', 'the half-year: 2026-H1 (January–June) or 2026-H2'),
      )
      .option(
        '--provider <id>',
        tr(
          '事業者の組織 ID（--as が事業者の利用者なら省略可）',
          "the provider's organisation id (optional when --as is one of its people)",
        ),
      )
      .option('--format <format>', tr('html、csv または json', 'html, csv or json'), 'html')
      .option(
        '--out <file>',
        tr('書き出すファイル（省略時: 標準出力）', 'the file to write (default: standard output)'),
      ),
  ).action(
    async (opts: { half: string; provider?: string; format: string; out?: string; store?: string; as?: string }) => {
      const r = await runLocal(opts, exportTransparencyReport, {
        half: opts.half,
        format: opts.format,
        ...(opts.provider ? { providerId: opts.provider } : {}),
      }).catch((err: unknown) => {
        throw providerNotNamed(err) ?? byOption(err) ?? err;
      });
      if (opts.out) {
        writeFileSync(opts.out, r.body);
        process.stderr.write(
          tr(
            `${opts.out} に書き出しました（${r.report.totals.total} 件、ダイジェスト ${r.report.digest}）\n`,
            `wrote ${opts.out} (${r.report.totals.total} requests, digest ${r.report.digest})\n`,
          ),
        );
      } else process.stdout.write(r.body);
    },
  );
}

// `shokai retention policy | set | purge`: retention and purpose limitation of closed requests'
// personal data (docs/security.md, "Retention"). `purge` is the job to run daily from cron or a timer.
import type { Command } from 'commander';
import { SYSTEM_CALLER } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { RETENTION_DAYS } from '../domain/retention.ts';
import { shownInput } from '../domain/shown-text.ts';
import { REQUEST_KIND_LABELS, REQUEST_KINDS, RETENTION_MODE_LABELS } from '../domain/vocabulary.ts';
import { retentionPolicy, runRetention, setRetentionRule } from '../exchange/retention.ts';
import { cliLocale } from '../kernel/text.ts';
import { runLocal, withContext } from './context.ts';
import { tr } from './language.ts';
import { aligned, printResult } from './output.ts';
import { storeOptionHelp, storeResultOptions } from './store-options.ts';

/**
 * --days: a whole number of days from 1 to 36500. Anything else (-5, 1.5, "a year") is refused naming the
 * option and that rule — not "a number is expected", which -5 and 1.5 are.
 */
function daysOption(given: string): number {
  const n = /^\d+$/.test(given.trim()) ? Number(given.trim()) : Number.NaN;
  if (n >= RETENTION_DAYS.min && n <= RETENTION_DAYS.max) return n;
  const { min, max } = RETENTION_DAYS;
  throw new DomainError(
    'VALIDATION_FAILED',
    {
      ja: `--days「${shownInput(given)}」: 完結後の日数を ${min} から ${max} までの整数で指定してください`,
      en: `--days "${shownInput(given)}": a whole number of days after closing is expected, from ${min} to ${max}`,
    },
    { field: '--days', value: given },
  );
}

export function registerRetentionCommands(program: Command): void {
  const retention = program
    .command('retention')
    .description(
      tr(
        '完結した要請の個人データの保存期間（期間経過後に消去または封緘して保管）',
        "retention of closed requests' personal data (purged or archived sealed once the period has run)",
      ),
    );
  storeResultOptions(retention.command('policy'))
    .description(tr('要請の種別ごとの保存期間と処理を表示する', 'show the period and mode for each kind of request'))
    .action(async (o: { store?: string; json?: boolean }) => {
      printResult(o.json, await runLocal(o, retentionPolicy), (r) => {
        const lang = cliLocale();
        const rows = REQUEST_KINDS.map((k) => {
          const rule = r.policy[k];
          const mark = r.overridden.includes(k) ? tr('（設定）', ' (set)') : tr('（既定）', ' (default)');
          return [
            REQUEST_KIND_LABELS[k][lang],
            `${String(rule.days).padStart(5)} ${tr('日', 'days')}`,
            `${RETENTION_MODE_LABELS[rule.mode][lang]}${mark}`,
          ];
        });
        return aligned(rows, '');
      });
    });
  retention
    .command('set')
    .description(
      tr('ある種別の保存期間と処理を設定する（監査記録あり）', 'set the period and mode of one kind (audited)'),
    )
    .requiredOption('--kind <kind>', REQUEST_KINDS.join(' | '))
    .requiredOption('--days <n>', tr('完結後の日数', 'days after closing'))
    .requiredOption('--mode <mode>', 'purge | archive')
    .option('--store <store>', storeOptionHelp())
    .option('--json', tr('変更後の方針全体を JSON で出力する', 'print the whole policy, as changed, as JSON'))
    .action(async (o: { kind: string; days: string; mode: string; store?: string; json?: boolean }) => {
      const days = daysOption(o.days);
      const policy = await runLocal(o, setRetentionRule, { kind: o.kind, days, mode: o.mode });
      printResult(o.json, policy, (p) => {
        // The kind was checked by the service: it names one of the policy's kinds.
        const lang = cliLocale();
        const known = REQUEST_KINDS.find((k) => k === o.kind);
        if (known === undefined) return '';
        const rule = p[known];
        const kind = REQUEST_KIND_LABELS[known][lang];
        const mode = RETENTION_MODE_LABELS[rule.mode][lang];
        return tr(
          `保存期間を設定しました: ${kind} — 完結後 ${rule.days} 日で${mode}`,
          `retention set: ${kind} — ${mode}, ${rule.days} days after closing`,
        );
      });
    });
  storeResultOptions(retention.command('purge'))
    .description(
      tr(
        '保存期間を過ぎた完結済み要請の個人データを消去または封緘保管する（毎日実行するジョブ）',
        'purge or archive sealed the personal data of closed requests past their period (the daily job)',
      ),
    )
    .option('--dry-run', tr('対象を表示するだけで何も変えない', 'list what is due; change nothing'))
    .action(async (o: { dryRun?: boolean; store?: string; json?: boolean }) => {
      const r = await withContext(o.store, (ctx) => runRetention(ctx, SYSTEM_CALLER, { dryRun: o.dryRun === true }));
      printResult(o.json, r, (r) => {
        const lang = cliLocale();
        return [
          ...r.due.map(
            (d) => `${d.reference}  ${REQUEST_KIND_LABELS[d.kind][lang]}  ${RETENTION_MODE_LABELS[d.mode][lang]}`,
          ),
          ...r.unreadable.map((u) => {
            const kind = shownInput(u.kind);
            return tr(
              `${u.reference}  判断できません: この版の知らない種別 "${kind}"（消去も保管もしていません）`,
              `${u.reference}  not judged: a kind this version does not know, "${kind}" (neither purged nor archived)`,
            );
          }),
          o.dryRun
            ? tr(`対象 ${r.due.length} 件（変更なし）`, `${r.due.length} due (nothing changed)`)
            : tr(`処理 ${r.applied.length} 件`, `${r.applied.length} handled`),
        ];
      });
    });
}

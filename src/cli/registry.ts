import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { type Bilingual, isOneOf } from '../domain/vocabulary.ts';
import { importDomainRegistrations } from '../evidence/domains/domain-service.ts';
import type { AddressLookup } from '../evidence/registry/lookup.ts';
import type { ImportSummary } from '../evidence/registry/registry.repository.ts';
import { refreshRegistrySnapshot } from '../evidence/registry/registry-index.ts';
import { importRegistry, lookupRegistry } from '../evidence/registry/registry-service.ts';
import { MAX_PROBLEMS, REGISTRY_FORMATS, type RegistrySource } from '../evidence/registry/types.ts';
import { cliLocale, type Locale } from '../kernel/text.ts';
import { run } from '../kernel/unit-of-work.ts';
import { runLocal, withCaller, zoneOption } from './context.ts';
import { tr } from './language.ts';
import { JSON_HELP, out, printJson, printResult } from './output.ts';
import { localOptions, localResultOptions } from './store-options.ts';
import { instantsIn, zoneOptionOn } from './zone.ts';

type LookupOptions = { store?: string; as?: string; json?: boolean; snapshot?: boolean; zone?: string };

/** A file's summary line, then why parts were skipped (the kept reasons, and how many more there were). */
function withProblems(
  head: string,
  s: { problems: readonly Bilingual[]; problemsNotKept: number },
  locale: Locale,
): string {
  const ja = locale === 'ja';
  const lines = [head, ...s.problems.map((p) => `  ${ja ? p.ja : p.en}`)];
  if (s.problemsNotKept > 0) {
    lines.push(
      ja
        ? `  （ほかに ${s.problemsNotKept} 件。理由は最初の ${MAX_PROBLEMS} 件まで示します）`
        : `  (and ${s.problemsNotKept} more: reasons are given for the first ${MAX_PROBLEMS} only)`,
    );
  }
  return lines.join('\n');
}

/** The kinds of file a registry import reads, by their names (the --format values are for typing). */
const FORMAT_LABELS: Record<RegistrySource['format'], Bilingual> = {
  delegated: { ja: 'RIR 統計', en: 'RIR statistics' },
  rdap: { ja: 'RDAP', en: 'RDAP' },
  jpnic: { ja: 'JPNIC WHOIS', en: 'JPNIC WHOIS' },
};

function renderImport(s: ImportSummary, locale: Locale): string {
  const ja = locale === 'ja';
  const format = FORMAT_LABELS[s.format][locale];
  const head = ja
    ? `${s.file}: 形式 ${format}${s.registry ? `（${s.registry}）` : ''}、範囲 ${s.ranges} 件、ASN ${s.asns} 件、読み飛ばし ` +
      `${s.skipped} 件、データ日付 ${s.dataDate ?? '不明'}`
    : `${s.file}: format ${format}${s.registry ? ` (${s.registry})` : ''}, ${s.ranges} ranges, ` +
      `${s.asns} ASN blocks, ${s.skipped} skipped, data date ${s.dataDate ?? 'unknown'}`;
  // What was skipped with a reason (not unassigned space, which is skipped by design and said by none).
  return withProblems(head, s, locale);
}

/** An address looked up, in lines: its range, holder and whom to ask; when each source was imported, in `zone`. */
function renderLookup(r: AddressLookup, locale: Locale, zone: string): string {
  const ja = locale === 'ja';
  const lines = [r.address];
  if (r.error) return `${r.address}: ${ja ? r.error.messageJa : r.error.message}`;
  const na = ja ? '不明' : 'unknown';
  lines.push(`  ${ja ? '登録機関' : 'registry'}: ${r.registry ?? na}   ${ja ? '国' : 'country'}: ${r.country ?? na}`);
  lines.push(
    `  ${ja ? '範囲' : 'range'}: ${r.range ? `${r.range.start} - ${r.range.end} (${r.range.cidrs.join(', ')})` : na}`,
  );
  lines.push(
    `  ${ja ? '保有者' : 'holder'}: ` +
      `${r.holder ? `${r.holder.name ?? ''}${r.holder.handle ? ` [${r.holder.handle}]` : ''}` : na}`,
  );
  lines.push(`  ${ja ? '不正利用窓口' : 'abuse'}: ${r.abuse ?? na}`);
  lines.push(`  ${ja ? '照会先' : 'ask'}: ${ja ? r.provider.messageJa : r.provider.message}`);
  for (const s of r.source)
    lines.push(
      `  ${ja ? '出典' : 'source'}: ${s.file} (${FORMAT_LABELS[s.format][locale]}, ` +
        `${ja ? 'データ日付' : 'data'} ${s.dataDate ?? '-'}, ${ja ? '記録日付' : 'record'} ${s.recordDate ?? '-'}, ` +
        `${ja ? '取込' : 'imported'} ${instantsIn(zone)(s.importedAt)})`,
    );
  return lines.join('\n');
}

export function registerRegistryCommands(program: Command): void {
  const registry = program
    .command('registry')
    .description(
      tr(
        'IP アドレスの登録情報（RIR 統計、RDAP、JPNIC WHOIS）',
        'IP registry data (RIR statistics, RDAP, JPNIC WHOIS)',
      ),
    );
  localOptions(registry.command('import'))
    .description(tr('登録データのファイルをストアに取り込む', 'import registry files into the store'))
    .argument(
      '<files...>',
      tr(
        'delegated(-extended) 統計、RDAP の ip network JSON、JPNIC WHOIS（/e）のテキスト',
        'delegated(-extended) statistics, RDAP ip network JSON, JPNIC WHOIS (/e) text',
      ),
    )
    .option(
      '--format <format>',
      tr('delegated | rdap | jpnic（省略時: 自動判定）', 'delegated | rdap | jpnic (default: detected)'),
    )
    .option('--json', JSON_HELP())
    .option(
      '--no-snapshot',
      tr(
        '検索用の索引を今は作らない（最初の検索で作って保存する）',
        'do not build the lookup index now (the first lookup builds and saves it)',
      ),
    )
    .action(
      async (
        files: string[],
        opts: { store?: string; as?: string; format?: string; json?: boolean; snapshot?: boolean },
      ) => {
        const format = opts.format;
        if (format !== undefined && !isOneOf(REGISTRY_FORMATS, format))
          throw new Error(
            tr(
              `--format は delegated、rdap、jpnic のいずれかです（指定: "${format}"）`,
              `--format must be delegated, rdap or jpnic (got "${format}")`,
            ),
          );
        await withCaller(opts, async (ctx, caller) => {
          const input = files.map((file) => ({ name: file, content: readFileSync(file) }));
          const summaries = await run(ctx, importRegistry, caller, { files: input, ...(format ? { format } : {}) });
          if (!opts.json) for (const s of summaries) out(renderImport(s, cliLocale()));
          // the import invalidated the saved index: build it once now, so that lookups start fast
          if (opts.snapshot !== false && files.length > 0) {
            const bytes = await refreshRegistrySnapshot(ctx.store);
            if (!opts.json && bytes !== null)
              out(tr(`索引を保存しました（${bytes} バイト）`, `index saved (${bytes} bytes)`));
          }
          if (opts.json) printJson(summaries);
        });
      },
    );
  localResultOptions(registry.command('domains'))
    .description(
      tr(
        'ドメイン登録情報（保存した RDAP の domain 回答）を取り込む',
        'import domain registration data (saved RDAP domain answers)',
      ),
    )
    .argument('<files...>', tr('RDAP の domain JSON', 'RDAP domain JSON'))
    .action(async (files: string[], opts: { store?: string; as?: string; json?: boolean }) => {
      const input = { files: files.map((file) => ({ name: file, content: readFileSync(file, 'utf8') })) };
      const summaries = await runLocal(opts, importDomainRegistrations, input);
      const locale = cliLocale();
      printResult(opts.json, summaries, (list) =>
        list.map((s) =>
          withProblems(
            locale === 'ja'
              ? `${s.file}: ドメイン ${s.domains} 件、読み飛ばし ${s.skipped} 件`
              : `${s.file}: ${s.domains} domain(s), ${s.skipped} skipped`,
            s,
            locale,
          ),
        ),
      );
    });
  zoneOptionOn(localOptions(registry.command('lookup')))
    .description(
      tr(
        'アドレスを調べる: 登録機関、国、保有者、不正利用窓口、照会先',
        'look up addresses: registry, country, holder, abuse contact, provider to ask',
      ),
    )
    .argument(
      '<addresses...>',
      tr(
        'IPv4 / IPv6 アドレス（"-" は標準入力から 1 行に 1 つ）',
        'IPv4 / IPv6 addresses ("-" reads one per line from standard input)',
      ),
    )
    .option('--json', tr('JSON で出力する（アドレスごとに 1 オブジェクト）', 'print JSON (one object per address)'))
    .option(
      '--no-snapshot',
      tr(
        '保存済みの索引を読まず、保存された行から作る（遅い。何も保存しない）',
        'build the index from the stored rows instead of loading its saved snapshot (slow; saves nothing)',
      ),
    )
    .action(async (addresses: string[], opts: LookupOptions) => {
      const zone = zoneOption(opts.zone);
      const list = addresses.flatMap((a) => (a === '-' ? readFileSync(0, 'utf8').split(/\s+/).filter(Boolean) : [a]));
      const results: AddressLookup[] = await runLocal(opts, lookupRegistry, {
        addresses: list,
        snapshot: opts.snapshot !== false,
      });
      printResult(opts.json, results, (list) => list.map((r) => renderLookup(r, cliLocale(), zone)));
      if (results.some((r) => r.error)) process.exitCode = 2;
    });
}

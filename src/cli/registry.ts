import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { loadProviderNetworks } from '../directory/networks.ts';
import { EvidenceInputError } from '../evidence/messages.ts';
import { parseRegistryFile } from '../evidence/registry/import.ts';
import { type AddressLookup, lookupAddresses } from '../evidence/registry/lookup.ts';
import {
  type ImportSummary,
  importParsed,
  loadRegistryTable,
  openRegistryStore,
  refreshRegistrySnapshot,
} from '../evidence/registry/store.ts';
import type { ParsedRegistryFile, RegistrySource } from '../evidence/registry/types.ts';
import { cliLocale, type Locale } from '../kernel/text.ts';

const defaultStore = (): string => process.env.DATABASE_URL ?? 'data/shokai.sqlite';

function localised(err: unknown): never {
  if (err instanceof EvidenceInputError)
    throw new Error(`${err.code}: ${cliLocale() === 'ja' ? err.ja : err.message}`, { cause: err });
  throw err;
}

function renderImport(s: ImportSummary, locale: Locale): string {
  return locale === 'ja'
    ? `${s.file}: 形式 ${s.format}${s.registry ? `（${s.registry}）` : ''}、範囲 ${s.ranges} 件、ASN ${s.asns} 件、読み飛ばし ${s.skipped} 件、データ日付 ${s.dataDate ?? '不明'}\n`
    : `${s.file}: format ${s.format}${s.registry ? ` (${s.registry})` : ''}, ${s.ranges} ranges, ${s.asns} ASN blocks, ${s.skipped} skipped, data date ${s.dataDate ?? 'unknown'}\n`;
}

function renderLookup(r: AddressLookup, locale: Locale): string {
  const ja = locale === 'ja';
  const lines = [r.address];
  if (r.error) return `${r.address}: ${ja ? r.error.messageJa : r.error.message}\n`;
  const na = ja ? '不明' : 'unknown';
  lines.push(`  ${ja ? '登録機関' : 'registry'}: ${r.registry ?? na}   ${ja ? '国' : 'country'}: ${r.country ?? na}`);
  lines.push(
    `  ${ja ? '範囲' : 'range'}: ${r.range ? `${r.range.start} - ${r.range.end} (${r.range.cidrs.join(', ')})` : na}`,
  );
  lines.push(
    `  ${ja ? '保有者' : 'holder'}: ${r.holder ? `${r.holder.name ?? ''}${r.holder.handle ? ` [${r.holder.handle}]` : ''}` : na}`,
  );
  lines.push(`  ${ja ? '不正利用窓口' : 'abuse'}: ${r.abuse ?? na}`);
  lines.push(`  ${ja ? '照会先' : 'ask'}: ${ja ? r.provider.messageJa : r.provider.message}`);
  for (const s of r.source)
    lines.push(
      `  ${ja ? '出典' : 'source'}: ${s.file} (${s.format}, ${ja ? 'データ日付' : 'data'} ${s.dataDate ?? '-'}, ${ja ? '記録日付' : 'record'} ${s.recordDate ?? '-'}, ${ja ? '取込' : 'imported'} ${s.importedAt})`,
    );
  return `${lines.join('\n')}\n`;
}

export function registerRegistryCommands(program: Command): void {
  const registry = program
    .command('registry')
    .description('IP registry data (RIR statistics, RDAP, JPNIC WHOIS) / IP アドレス登録情報');
  registry
    .command('import')
    .description('import registry files into the store / 登録データを取り込む')
    .argument('<files...>', 'delegated(-extended) statistics, RDAP ip network JSON, JPNIC WHOIS (/e) text')
    .option('--store <store>', 'SQLite path or postgres:// URL (default: DATABASE_URL or data/shokai.sqlite)')
    .option('--format <format>', 'delegated | rdap | jpnic (default: detected)')
    .option('--json', 'print JSON')
    .option('--no-snapshot', 'do not build the lookup index now (the first lookup builds and saves it)')
    .action(async (files: string[], opts: { store?: string; format?: string; json?: boolean; snapshot?: boolean }) => {
      const format = opts.format as RegistrySource['format'] | undefined;
      if (format !== undefined && !['delegated', 'rdap', 'jpnic'].includes(format))
        throw new Error(`--format must be delegated, rdap or jpnic (got "${format}")`);
      const store = await openRegistryStore(opts.store ?? defaultStore());
      const summaries: ImportSummary[] = [];
      try {
        for (const file of files) {
          const content = readFileSync(file);
          let parsed: ParsedRegistryFile;
          try {
            parsed = parseRegistryFile(content.toString('utf8'), format);
          } catch (err) {
            localised(err);
          }
          const summary = await importParsed(store, file, content, parsed);
          summaries.push(summary);
          if (!opts.json) process.stdout.write(renderImport(summary, cliLocale()));
        }
        // each import invalidated the saved index: build it once now, so that lookups start fast
        if (opts.snapshot !== false && files.length > 0) {
          const bytes = await refreshRegistrySnapshot(store);
          if (!opts.json && bytes !== null)
            process.stdout.write(
              cliLocale() === 'ja' ? `索引を保存しました（${bytes} バイト）\n` : `index saved (${bytes} bytes)\n`,
            );
        }
      } finally {
        await store.close();
      }
      if (opts.json) process.stdout.write(`${JSON.stringify(summaries, null, 2)}\n`);
    });
  registry
    .command('lookup')
    .description(
      'look up addresses: registry, country, holder, abuse contact, provider to ask / アドレスの登録情報と照会先',
    )
    .argument('<addresses...>', 'IPv4 / IPv6 addresses ("-" reads one per line from standard input)')
    .option('--store <store>', 'SQLite path or postgres:// URL (default: DATABASE_URL or data/shokai.sqlite)')
    .option('--json', 'print JSON (one object per address)')
    .option(
      '--no-snapshot',
      'build the index from the stored rows instead of loading its saved snapshot (slow; saves nothing)',
    )
    .action(async (addresses: string[], opts: { store?: string; json?: boolean; snapshot?: boolean }) => {
      const storeUrl = opts.store ?? defaultStore();
      const list = addresses.flatMap((a) => (a === '-' ? readFileSync(0, 'utf8').split(/\s+/).filter(Boolean) : [a]));
      const store = await openRegistryStore(storeUrl);
      let results: AddressLookup[];
      try {
        const table = await loadRegistryTable(store, { snapshot: opts.snapshot !== false });
        const declarations = await loadProviderNetworks(storeUrl);
        results = lookupAddresses(table, list, declarations);
      } finally {
        await store.close();
      }
      if (opts.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
      else for (const r of results) process.stdout.write(renderLookup(r, cliLocale()));
      if (results.some((r) => r.error)) process.exitCode = 2;
    });
}

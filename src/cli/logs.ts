// `shokai logs …`: ingest an ISP's own RADIUS / DHCP / CGNAT logs and answer attribution queries
// on its premises. Thin: parses options, calls src/attribution, prints.
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import {
  claimAttributionData,
  importNatConfigs,
  importSubscribers,
  ingestLogs,
  lookupAddress,
} from '../attribution/attribution-service.ts';
import { type IngestError, type IngestSummary, StrictStop } from '../attribution/ingest.ts';
import { fileSha256, numberedLines } from '../attribution/lines.ts';
import { t } from '../attribution/messages.ts';
import { ParseError, splitCsv } from '../attribution/model.ts';
import { type NatConfig, NatConfigError, parseNatConfigs } from '../attribution/nat-config.ts';
import { isLogFormat, LOG_FORMATS } from '../attribution/parsers/index.ts';
import { type AttributionQuery, QueryError, type Resolution, Resolver } from '../attribution/resolver.ts';
import { attributionRepository, attributionSnapshot } from '../attribution/store/repositories.ts';
import {
  type DirectoryLine,
  oneEntryPerContract,
  parseSubscriberHeader,
  parseSubscriberLine,
} from '../attribution/subscribers.ts';
import { TimeError } from '../attribution/time.ts';
import { DomainError } from '../domain/errors.ts';
import { run } from '../kernel/unit-of-work.ts';
import { runLocal, withCaller, zoneOption } from './context.ts';
import { readJsonFile } from './json-file.ts';
import { tr } from './language.ts';
import { humanResolution } from './lookup-lines.ts';
import { JSON_HELP, ja, out, printResult, warnLine } from './output.ts';
import { localOptions } from './store-options.ts';
import { instantsIn } from './zone.ts';

class CliInputError extends Error {
  override name = 'CliInputError';
}

/** A line skipped, its reason in English (`reason`) and Japanese (`reasonJa`). */
type SkippedLine = IngestError;

/** The lines skipped, each as file:line: reason (in the CLI's language) on standard error. */
function printSkipped(errors: readonly SkippedLine[]): void {
  for (const e of errors) warnLine(`${e.file}:${e.line}: ${ja() ? e.reasonJa : e.reason}`);
}

/**
 * What a load of records (logs, the subscriber directory) did: one JSON summary with --json, else the
 * lines skipped on standard error, the files already loaded and `done`; skipped lines exit 2.
 */
function printLoadSummary(
  json: boolean | undefined,
  s: { ingested: number; keptAsOne?: number; skipped: number; errors: SkippedLine[]; alreadyIngested?: string[] },
  done: string,
  runs: Pick<IngestSummary, 'earlierRuns' | 'nothingStored' | 'refusedBefore' | 'readAgain'> = {
    earlierRuns: [],
    nothingStored: [],
    refusedBefore: [],
    readAgain: [],
  },
): void {
  if (json) out(JSON.stringify({ ...s, ...runs }));
  else {
    printSkipped(s.errors);
    const shown = instantsIn(zoneOption(undefined));
    for (const r of runs.earlierRuns) {
      const at = shown(r.at);
      out(t('already_ingested', { file: r.file, format: r.format, at }));
    }
    // lines an earlier run refused are not in the store: said each time, with how to take them in
    for (const r of runs.refusedBefore) {
      const advice = t(r.zone === '' ? 'refused_advice_zone' : 'refused_advice_copy');
      warnLine(t('refused_before', { file: r.file, n: r.lines, advice }));
    }
    for (const r of runs.readAgain) out(t('read_again', { file: r.file, n: r.lines, zone: r.zone ?? '' }));
    for (const f of runs.nothingStored) warnLine(t('nothing_stored', { file: f }));
    out(done);
    if (s.keptAsOne) out(t('kept_as_one', { n: s.keptAsOne }));
  }
  if (s.skipped > 0 || runs.refusedBefore.length > 0) process.exitCode = 2;
}

export function registerLogsCommands(program: Command): void {
  const logs = program
    .command('logs')
    .description(
      tr(
        '事業者の帰属調査: RADIUS / DHCP / CGNAT のログを取り込み、アドレスとポートの利用者に答える（照会対応）',
        'ISP attribution: ingest RADIUS / DHCP / CGNAT logs, answer who held an address and port (for requests)',
      ),
    );

  localOptions(logs.command('ingest'))
    .description(tr('ログファイルを帰属調査のストアに取り込む', 'ingest log files into the attribution store'))
    .requiredOption('--format <format>', LOG_FORMATS.join(' | '))
    .option(
      '--zone <zone>',
      tr(
        'オフセットのない時刻の IANA タイムゾーン（例: Asia/Tokyo）',
        'IANA zone of timestamps that carry no offset (e.g. Asia/Tokyo)',
      ),
    )
    .option(
      '--source <name>',
      tr(
        'ファイルの送信元（NAT 装置・収集サーバの名前。例: cgn-tokyo-1）。同じ送信元・形式のファイルは' +
          'ローテーションされた一つのログとしてつながれる',
        'the source the files came from (the NAT box or collector, e.g. cgn-tokyo-1); files of one source ' +
          'and format are joined as one rotated log',
      ),
    )
    .option(
      '--strict',
      tr('不正な行を読み飛ばさず、最初の 1 行で止める', 'stop at the first bad line instead of skipping it'),
    )
    .option('--json', tr('JSON の要約を 1 つ出力する', 'print one JSON summary'))
    .argument('<files...>', tr('ログファイル', 'log files'))
    .action(
      async (
        files: string[],
        o: {
          store?: string;
          as?: string;
          format: string;
          source?: string;
          zone?: string;
          strict?: boolean;
          json?: boolean;
        },
      ) => {
        if (!isLogFormat(o.format))
          throw new CliInputError(t('bad_format', { format: o.format, list: LOG_FORMATS.join(', ') }));
        const format = o.format;
        if (o.zone !== undefined) zoneOption(o.zone);
        const bar =
          !o.json && process.stderr.isTTY
            ? new cliProgress.SingleBar(
                { format: '{bar} {percentage}% | {value}/{total} MB', stream: process.stderr },
                cliProgress.Presets.shades_classic,
              )
            : null;
        await withCaller(o, async (ctx, caller) => {
          let summary: IngestSummary;
          try {
            let started = false;
            summary = await ingestLogs(ctx, caller, {
              files,
              format,
              ...(o.source !== undefined ? { source: o.source } : {}),
              ...(o.zone !== undefined ? { zone: o.zone } : {}),
              strict: o.strict === true,
              progress: (done, total) => {
                if (!bar) return;
                if (!started) {
                  bar.start(Math.max(1, Math.round(total / 1e6)), 0);
                  started = true;
                }
                bar.update(Math.round(done / 1e6));
              },
            });
            bar?.stop();
          } catch (err) {
            bar?.stop();
            if (err instanceof StrictStop) {
              if (o.json) {
                out(JSON.stringify({ ingested: 0, skipped: 1, errors: [err.error], stopped: true }));
                process.exitCode = 1;
                return;
              }
              throw new CliInputError(`${ja() ? err.ja : err.message} (${t('strict_stop')})`);
            }
            throw err;
          }
          const { ingested, keptAsOne, skipped, errors, alreadyIngested, earlierRuns, nothingStored } = summary;
          const { refusedBefore, readAgain } = summary;
          const done = t('ingest_done', { files: files.length, ingested, skipped });
          printLoadSummary(o.json, { ingested, keptAsOne, skipped, errors, alreadyIngested }, done, {
            earlierRuns,
            nothingStored,
            refusedBefore,
            readAgain,
          });
        });
      },
    );

  localOptions(logs.command('subscribers'))
    .description(
      tr(
        '加入者台帳の CSV を読み込む（アカウント → 契約者）',
        'load the subscriber directory CSV (account → contract holder)',
      ),
    )
    .option('--strict', tr('最初の不正な行で止める', 'stop at the first bad line'))
    .option('--json', tr('JSON の要約を 1 つ出力する', 'print one JSON summary'))
    .argument(
      '<file>',
      tr(
        '加入者台帳の CSV（回線の種別 line_use: residential / business / shared は任意の列）',
        'the subscriber directory CSV (the kind of line, line_use: residential / business / shared, ' +
          'is an optional column)',
      ),
    )
    .action(async (file: string, o: { store?: string; as?: string; strict?: boolean; json?: boolean }) => {
      const read: DirectoryLine[] = [];
      const errors: SkippedLine[] = [];
      const refuse = (line: number, err: ParseError) => {
        if (o.strict) throw new CliInputError(`${file}:${line}: ${ja() ? err.ja : err.en}`);
        errors.push({ file, line, reason: err.en, reasonJa: err.ja });
      };
      let cols: Map<string, number> | null = null;
      for (const { line, text } of numberedLines(file)) {
        try {
          if (cols === null) cols = parseSubscriberHeader(text);
          else read.push({ line, entry: parseSubscriberLine(cols, text) });
        } catch (err) {
          if (!(err instanceof ParseError)) throw err;
          if (cols === null) throw new CliInputError(`${file}:${line}: ${ja() ? err.ja : err.en}`);
          refuse(line, err);
        }
      }
      const { entries: list, refused } = oneEntryPerContract(read);
      for (const r of refused) refuse(r.line, r.error);
      errors.sort((x, y) => x.line - y.line);
      const source = { file, sha256: fileSha256(file) };
      const n = await runLocal(o, importSubscribers, { source, subscribers: list, skipped: errors.length });
      const done = t('subscribers_done', { n, skipped: errors.length });
      printLoadSummary(o.json, { ingested: n, skipped: errors.length, errors }, done);
    });

  localOptions(logs.command('nat-config'))
    .description(
      tr(
        '決定論的 NAT（RFC 7422）の設定（JSON）を保存する',
        'store a deterministic NAT (RFC 7422) configuration (JSON)',
      ),
    )
    .option('--json', tr('JSON の要約を 1 つ出力する', 'print one JSON summary'))
    .argument('<file>', tr('設定の JSON ファイル', 'the configuration JSON file'))
    .action(async (file: string, o: { store?: string; as?: string; json?: boolean }) => {
      let configs: NatConfig[];
      try {
        configs = parseNatConfigs(readJsonFile(file));
      } catch (err) {
        if (err instanceof NatConfigError) throw new CliInputError(`${file}: ${ja() ? err.ja : err.en}`);
        throw err;
      }
      const source = { file, sha256: fileSha256(file) };
      const n = await runLocal(o, importNatConfigs, { source, configs });
      out(o.json ? JSON.stringify({ ingested: n }) : t('nat_config_done', { n }));
    });

  localOptions(logs.command('owner'))
    .description(
      tr(
        'この設置の加入者・通信記録の持ち主（事業者）を登録する（一度だけ）',
        "name the provider this installation's subscriber and address records belong to (once)",
      ),
    )
    .argument('<organisation>', tr('事業者の組織 ID', "the provider organisation's id"))
    .action(async (organisation: string, o: { store?: string; as?: string }) => {
      const owner = await runLocal(o, claimAttributionData, organisation);
      out(`${tr('記録の持ち主', 'owner of the records')}: ${owner}`);
    });

  localOptions(logs.command('lookup'))
    .description(
      tr(
        'ある時点でアドレス（とポート）を使っていたのは誰か（照会ごとに監査ログに記録）',
        'who held an address (and port) at an instant (each lookup is audited)',
      ),
    )
    .option('--ip <ip>', tr('IPv4 または IPv6 アドレス', 'IPv4 or IPv6 address'))
    .option(
      '--port <port>',
      tr('送信元ポート（CGNAT の内側を特定するには必須）', 'source port (required for an exact answer behind CGNAT)'),
    )
    .option(
      '--at <instant>',
      tr(
        'オフセット付きの ISO-8601 時刻（例: 2026-03-29T01:30:12+09:00）',
        'ISO-8601 instant with offset, e.g. 2026-03-29T01:30:12+09:00',
      ),
    )
    .option('--tolerance <tol>', tr('時計の誤差の許容幅（例: 2s）', 'clock tolerance, e.g. 2s'), '0')
    .option(
      '--queries <file>',
      tr(
        '列 ip,port,at,tolerance の CSV（1 行ごとに JSON を 1 つ出力）',
        'CSV with columns ip,port,at,tolerance: one JSON object per line',
      ),
    )
    .option(
      '--stale-after <seconds>',
      tr(
        '終了記録のない保持をどれだけの間あり得るとみなすか（秒）',
        'how long a holding without an end record stays possible (seconds)',
      ),
      '86400',
    )
    .option(
      '--snapshot',
      tr(
        'SQLite: 先にメモリ上の索引を読み込む（大量の --queries に有効）',
        'SQLite: load the in-memory snapshot first (worth it for large --queries batches)',
      ),
    )
    .option('--json', JSON_HELP())
    .action(
      async (o: {
        store?: string;
        as?: string;
        ip?: string;
        port?: string;
        at?: string;
        tolerance: string;
        queries?: string;
        staleAfter: string;
        snapshot?: boolean;
        json?: boolean;
      }) => {
        const stale = Number(o.staleAfter);
        if (!Number.isFinite(stale) || stale < 0)
          throw new CliInputError(
            `--stale-after: ${tr('秒数ではありません', 'not a number of seconds')}: "${o.staleAfter}"`,
          );
        await withCaller(o, async (ctx, caller) => {
          const store = (o.snapshot ? await attributionSnapshot(ctx.store) : null) ?? attributionRepository(ctx.store);
          const resolver = new Resolver(store, { staleAfterSeconds: stale });
          const lookup = (q: AttributionQuery) => run(ctx, lookupAddress, caller, q, { resolver });
          if (o.queries !== undefined) {
            let cols: Map<string, number> | null = null;
            for (const { line, text } of numberedLines(o.queries)) {
              const f = splitCsv(text).map((x) => x.trim());
              if (cols === null) {
                const header = new Map(f.map((n, j) => [n, j]));
                const missing = ['ip', 'at'].filter((c) => !header.has(c));
                if (missing.length > 0)
                  throw new CliInputError(
                    `${o.queries}:${line}: ${tr('見出し行に列がありません', 'header lacks column(s)')}: ` +
                      `${missing.join(', ')} (ip,port,at,tolerance)`,
                  );
                cols = header;
                continue;
              }
              const columns = cols;
              const get = (c: string): string => {
                const j = columns.get(c);
                return j === undefined ? '' : (f[j] ?? '');
              };
              try {
                const r = await lookup({
                  ip: get('ip'),
                  port: get('port'),
                  at: get('at'),
                  tolerance: get('tolerance') || '0',
                });
                out(o.json ? JSON.stringify(r) : humanResolution(r));
              } catch (err) {
                if (!(err instanceof QueryError)) throw err;
                const value = get(err.field);
                warnLine(`${o.queries}:${line}: ${err.field}="${value}": ${ja() ? err.ja : err.en}`);
                process.exitCode = 2;
              }
            }
            return;
          }
          if (o.ip === undefined || o.at === undefined) throw new CliInputError(t('need_ip_at'));
          let r: Resolution;
          try {
            r = await lookup({ ip: o.ip, port: o.port ?? null, at: o.at, tolerance: o.tolerance });
          } catch (err) {
            if (err instanceof QueryError) {
              const value = { ip: o.ip, port: o.port, at: o.at, tolerance: o.tolerance }[err.field];
              throw new DomainError(err.code, { ja: err.ja, en: err.en }, { field: `--${err.field}`, value });
            }
            if (err instanceof TimeError) throw new CliInputError(ja() ? err.ja : err.en);
            throw err;
          }
          printResult(o.json, r, humanResolution);
        });
      },
    );
}

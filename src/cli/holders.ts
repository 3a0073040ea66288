// `shokai board …` and `shokai cafe …`: a bulletin board's post log and an internet café's ID-check
// and terminal-use records in the holder's own installation (docs/holders.md). Every import, lookup
// and purge is a use case of src/holders, audited in the installation's log.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { candidateSpans, type Finding } from '../domain/finding.ts';
import { asReceivedWords } from '../domain/shown-text.ts';
import {
  CANDIDATE_SPAN_LABELS,
  FINDING_RECORDS_LABELS,
  FINDING_VERDICT_LABELS,
  ID_DOCUMENT_KIND_LABELS,
  SOURCE_RECORD_KIND_LABELS,
} from '../domain/vocabulary.ts';
import { importPostLog, lookupPost } from '../holders/board-service.ts';
import { type CafePurgeSummary, importCafeRecords, lookupTerminal, purgeCafeRecords } from '../holders/cafe-service.ts';
import { decodeRecordFile } from '../holders/record-encoding.ts';
import { cliLocale } from '../kernel/text.ts';
import { runLocal, zoneOption } from './context.ts';
import { tr } from './language.ts';
import { printResult } from './output.ts';
import { localResultOptions } from './store-options.ts';
import { instantsIn, instantsOf, zoneOptionOn } from './zone.ts';

type Local = { store?: string; as?: string; json?: boolean; zone?: string };

/** A lookup's or purge's options: localResultOptions, and --zone for the instants it shows. */
const localZoneResultOptions = (command: Command): Command => zoneOptionOn(localResultOptions(command));

/** What an import says: the file taken in, or that the same content was taken in before. */
function imported(r: { file: string; alreadyImported: boolean }, what: string): string {
  return r.alreadyImported
    ? tr(`${r.file}: 取込み済みです（同じ内容）`, `${r.file}: already imported (same content)`)
    : what;
}

/** A finding as lines of text in the CLI's language, its instants in `zone` with the offset. */
export function renderFinding(f: Finding, zone: string): string {
  const l = cliLocale();
  const at = instantsIn(zone);
  const lines = [
    `${tr('判定', 'Verdict')}: ${FINDING_VERDICT_LABELS[f.verdict][l]}  (${FINDING_RECORDS_LABELS[f.records][l]})`,
    `${tr('照会', 'Question')}: ${asReceivedWords(f.query.asReceived, l)}`,
  ];
  if (f.query.window)
    lines.push(`${tr('調べた範囲', 'Window')}: ${at(f.query.window.from)} – ${at(f.query.window.to)}`);
  for (const r of f.reasons) lines.push(`  · ${r.text[l]}`);
  f.candidates.forEach((c, i) => {
    lines.push(`${tr('候補', 'Candidate')} ${i + 1}: ${c.account ?? '—'}${c.person?.name ? `  ${c.person.name}` : ''}`);
    for (const x of candidateSpans(c))
      lines.push(`    ${CANDIDATE_SPAN_LABELS[x.span][l]}: ${at(x.from)} – ${at(x.to)}`);
    for (const p of c.posts ?? []) {
      lines.push(`    ${at(p.at)}  ${p.address ?? '—'}${p.port === undefined ? '' : `:${p.port}`}  ${p.account ?? ''}`);
    }
    for (const u of c.terminalUse ?? []) lines.push(`    ${u.terminal}  ${at(u.enteredAt)} – ${at(u.exitedAt) || '—'}`);
    for (const k of c.idChecks ?? [])
      lines.push(`    ${ID_DOCUMENT_KIND_LABELS[k.documentKind][l]}  ${at(k.checkedAt)}`);
    for (const s of c.sources) {
      lines.push(`    ${SOURCE_RECORD_KIND_LABELS[s.kind][l]}  ${s.file}:${s.line}${s.endLine ? `–${s.endLine}` : ''}`);
    }
    for (const n of c.notes) lines.push(`    ※ ${n.text[l]}`);
  });
  for (const h of f.resolveBy) lines.push(`${tr('一意にするには', 'Would make it unique')}: ${h.text[l]}`);
  return lines.join('\n');
}

function fileArg(path: string, format: string | undefined): { name: string; content: string; format?: string } {
  const content = decodeRecordFile(path, readFileSync(path));
  return { name: path, content, ...(format === undefined ? {} : { format }) };
}

export function registerHolderCommands(program: Command): void {
  const board = program
    .command('board')
    .description(
      tr(
        '掲示板の投稿記録（取込みと、投稿からの照会への回答）',
        "a bulletin board's post log (import, and answers about posts)",
      ),
    );
  localResultOptions(
    board
      .command('import')
      .description(
        tr(
          '投稿記録のエクスポート（CSV または JSON）を取り込む。不正な行が1つでもあれば何も取り込まない',
          'import a post log export (CSV or JSON); one bad line and nothing is imported',
        ),
      )
      .argument(
        '<file>',
        tr(
          'post_url,post_id,posted_at,source_address,source_port,account の CSV か JSON',
          'CSV or JSON with post_url, post_id, posted_at, source_address, source_port, account',
        ),
      )
      .option('--format <format>', tr('csv | json（省略時: 拡張子から）', 'csv | json (default: from the extension)')),
  ).action(async (path: string, o: Local & { format?: string }) => {
    const r = await runLocal(o, importPostLog, { file: fileArg(path, o.format) });
    printResult(o.json, r, (r) =>
      imported(r, tr(`${r.file}: ${r.posts} 件の投稿を取り込みました`, `${r.file}: ${r.posts} post(s) imported`)),
    );
  });
  localZoneResultOptions(
    board
      .command('lookup')
      .description(
        tr(
          '投稿の URL（と投稿ID）から、投稿日時・接続元・アカウントを調べる',
          'a post (URL and post ID) → time, source address and port, account',
        ),
      )
      .requiredOption('--url <url>', tr('投稿またはスレッドの URL', 'the URL of the post or thread'))
      .option('--post-id <id>', tr('投稿ID', 'the post ID')),
  ).action(async (o: Local & { url: string; postId?: string }) => {
    const zone = zoneOption(o.zone);
    const input = { url: o.url, ...(o.postId === undefined ? {} : { postId: o.postId }) };
    printResult(o.json, await runLocal(o, lookupPost, input), (f) => renderFinding(f, zone));
  });

  const cafe = program
    .command('cafe')
    .description(
      tr(
        'インターネットカフェの本人確認記録・端末利用記録（東京都条例、3年保存）',
        "an internet café's ID-check and terminal-use records (Tokyo ordinance, kept three years)",
      ),
    );
  localResultOptions(
    cafe
      .command('import')
      .description(
        tr(
          '記録のエクスポート（CSV または JSON）を取り込む。不正な行が1つでもあれば何も取り込まない',
          'import an export (CSV or JSON); one bad line and nothing is imported',
        ),
      )
      .requiredOption(
        '--kind <kind>',
        tr(
          'id-checks（member,document_kind,checked_at,name,address,birth_date）| ' +
            'terminal-use（terminal,member,entered_at,exited_at）',
          'id-checks (member, document_kind, checked_at, name, address, birth_date) | ' +
            'terminal-use (terminal, member, entered_at, exited_at)',
        ),
      )
      .argument('<file>', tr('CSV または JSON', 'CSV or JSON'))
      .option('--format <format>', tr('csv | json（省略時: 拡張子から）', 'csv | json (default: from the extension)')),
  ).action(async (path: string, o: Local & { kind: string; format?: string }) => {
    const r = await runLocal(o, importCafeRecords, { kind: o.kind, file: fileArg(path, o.format) });
    printResult(o.json, r, (r) =>
      imported(r, tr(`${r.file}: ${r.records} 件の記録を取り込みました`, `${r.file}: ${r.records} record(s) imported`)),
    );
  });
  localZoneResultOptions(
    cafe
      .command('lookup')
      .description(tr('端末と時間帯から、利用した会員を調べる', 'a terminal over a period → the member who used it'))
      .requiredOption('--terminal <terminal>', tr('端末（ブース）番号', 'the terminal (booth)'))
      .requiredOption('--from <instant>', tr('開始日時（時差付き ISO 8601）', 'start, ISO 8601 with an offset'))
      .requiredOption('--to <instant>', tr('終了日時（時差付き ISO 8601）', 'end, ISO 8601 with an offset')),
  ).action(async (o: Local & { terminal: string; from: string; to: string }) => {
    const zone = zoneOption(o.zone);
    const input = { terminal: o.terminal, from: o.from, to: o.to };
    printResult(o.json, await runLocal(o, lookupTerminal, input), (f) => renderFinding(f, zone));
  });
  localZoneResultOptions(
    cafe
      .command('purge')
      .description(
        tr(
          'サービス終了から3年を過ぎた記録を消去する（毎日実行するジョブ、監査記録あり）',
          'purge records three years past the end of the service (the daily job; audited)',
        ),
      )
      .option('--dry-run', tr('件数を表示するだけで何も消さない', 'count what is due; delete nothing')),
  ).action(async (o: Local & { dryRun?: boolean }) => {
    const at = instantsOf(o);
    const r = await runLocal(o, purgeCafeRecords, { dryRun: o.dryRun === true });
    printResult(o.json, r, (r) =>
      tr(
        `${at(r.cutoff)} より前に終わった記録: 端末利用 ${r.terminalUse} 件、本人確認 ` +
          `${r.idChecks} 件${r.dryRun ? '（消去せず）' : 'を消去しました'}` +
          `${r.held > 0 ? `\n要請 ${refs(r)} の対象のため端末利用 ${r.held} 件を残しました` : ''}`,
        `records of services ended before ${at(r.cutoff)}: ${r.terminalUse} terminal use, ` +
          `${r.idChecks} ID checks${r.dryRun ? ' (nothing deleted)' : ' purged'}` +
          `${r.held > 0 ? `\nkept ${r.held} terminal use that requests ask about: ${refs(r)}` : ''}`,
      ),
    );
  });
}

/** The references of the requests that keep records, as people name them. */
const refs = (r: CafePurgeSummary): string => r.holdingRequests.map((h) => h.reference).join(', ');

import type { Bilingual } from '../domain/vocabulary.ts';
import { ID_CHECK_COLUMNS, TERMINAL_USE_COLUMNS } from '../holders/cafe-records.ts';
import type { CafePurgeSummary } from '../holders/cafe-service.ts';
import { POST_LOG_COLUMNS } from '../holders/post-log.ts';
import {
  MAX_RECORDS_FILE_BYTES,
  RECORD_FILE_KINDS,
  type RecordFileKind,
  type RecordsHistoryEntry,
  type RecordsImportResult,
} from './records.ts';
import { esc, type Lang, textsOf, when } from './render.ts';
import { page } from './web-pages.ts';

// The records area of the installation's pages (no script): upload a board's post log or a café's
// records, read what the import did (or, refused, each bad line, field and value), the history of
// imports and purges, and the café's purge — counted first, done only once the officer confirms.

/** A bad record of a refused file, as the holders' check named it. */
export interface ShownProblem {
  line: number;
  field: string;
  value: unknown;
  message: Bilingual;
}

export type RecordsOutcome =
  | { type: 'imported'; result: RecordsImportResult }
  | { type: 'refused'; messages: Bilingual; problems: ShownProblem[]; kind?: string }
  | { type: 'confirm' | 'purged'; purge: CafePurgeSummary };

const KIND_LABELS: Record<RecordFileKind, Bilingual> = {
  posts: { ja: '掲示板の投稿記録', en: "Bulletin board's post log" },
  'id-checks': { ja: 'カフェの本人確認記録', en: "Café's ID checks" },
  'terminal-use': { ja: 'カフェの端末利用記録', en: "Café's terminal use" },
};
const COLUMNS: Record<RecordFileKind, readonly string[]> = {
  posts: POST_LOG_COLUMNS,
  'id-checks': ID_CHECK_COLUMNS,
  'terminal-use': TERMINAL_USE_COLUMNS,
};

const T = {
  title: { ja: '記録の取込み', en: 'Records' },
  import: { ja: 'ファイルを取り込む', en: 'Import a file' },
  kind: { ja: '記録の種類', en: 'Kind of records' },
  file: { ja: 'ファイル（CSV または JSON）', en: 'File (CSV or JSON)' },
  go: { ja: '取り込む', en: 'Import' },
  hint: {
    ja: `${MAX_RECORDS_FILE_BYTES / 1024 / 1024} MiB まで。不正な行が1つでもあれば、何も取り込みません。同じ内容のファイルは二度取り込みません。列:`,
    en: `Up to ${MAX_RECORDS_FILE_BYTES / 1024 / 1024} MiB. One bad line and nothing is imported; a file with the same content is not imported twice. Columns:`,
  },
  done: { ja: '取り込みました', en: 'Imported' },
  taken: { ja: '取り込んだ行', en: 'Rows taken' },
  present: { ja: '取込み済みだった行', en: 'Rows already present' },
  refused: { ja: '取り込めませんでした（何も保存していません）', en: 'Not imported (nothing was stored)' },
  line: { ja: '行', en: 'Line' },
  field: { ja: '列', en: 'Field' },
  value: { ja: '値', en: 'Value' },
  why: { ja: '理由', en: 'What is wrong' },
  purge: { ja: '保存期間を過ぎた記録の消去（カフェ）', en: 'Purging records past retention (café)' },
  purgeHint: {
    ja: '利用の終了から3年を過ぎた端末利用記録と、その後に利用のない会員の本人確認記録を消去します。まず件数を数え、確認してから消去します。',
    en: 'Deletes terminal use that ended more than three years ago, and the ID checks of members with no later use. It counts them first and deletes only once you confirm.',
  },
  count: { ja: '消去する記録を数える', en: 'Count what is due' },
  due: { ja: '次の日時より前に終わった記録を消去します', en: 'These records of services ended before' },
  confirm: { ja: '消去する（元に戻せません）', en: 'Delete them (cannot be undone)' },
  cancel: { ja: 'やめる', en: 'Cancel' },
  purged: { ja: '消去しました', en: 'Purged' },
  terminalUse: { ja: '端末利用', en: 'Terminal use' },
  idChecks: { ja: '本人確認', en: 'ID checks' },
  history: { ja: '取込みと消去の履歴', en: 'Imports and purges' },
  none: { ja: '履歴はありません', en: 'Nothing yet' },
  at: { ja: '日時', en: 'When' },
  by: { ja: '操作した人', en: 'Who' },
  what: { ja: '内容', en: 'What' },
  name: { ja: 'ファイル名', en: 'File name' },
  counts: { ja: '件数', en: 'Counts' },
  operator: { ja: '運用担当（コマンド）', en: 'operator (command line)' },
  purgedAct: { ja: '消去', en: 'Purge' },
  counted: { ja: '件数の確認のみ', en: 'counted only' },
} satisfies Record<string, Bilingual>;
const t = textsOf(T);

const purgeCounts = (p: Pick<CafePurgeSummary, 'terminalUse' | 'idChecks'>, lang: Lang) =>
  `${t('terminalUse', lang)} ${p.terminalUse} · ${t('idChecks', lang)} ${p.idChecks}`;

/** What requests keep past the three years, and which: nothing when none does. */
function heldHtml(p: CafePurgeSummary, lang: Lang): string {
  if (p.held === 0) return '';
  const refs = p.holdingRequests.map((r) => `<li><code>${esc(r.reference)}</code></li>`).join('');
  const line =
    lang === 'ja'
      ? `要請 ${p.holdingRequests.length} 件が対象とする端末利用記録 ${p.held} 件は、保存期間を過ぎていても消去しません（回答・辞退まで、保全要請は保全期間の終わりまで）。`
      : `${p.held} terminal-use record(s) that ${p.holdingRequests.length} request(s) ask about are kept although past retention (until answered or declined; for a preservation request, until its preservation ends).`;
  return `<div data-testid="held"><p>${line}</p><ul>${refs}</ul></div>`;
}

function outcomeHtml(o: RecordsOutcome | null, lang: Lang): string {
  if (!o) return '';
  switch (o.type) {
    case 'imported':
      return `<div role="status" data-testid="imported"><p><strong>${t('done', lang)}</strong>: ${esc(KIND_LABELS[o.result.kind][lang])} <code>${esc(o.result.file)}</code></p><p>${t('taken', lang)}: <span data-testid="taken">${o.result.taken}</span> · ${t('present', lang)}: <span data-testid="present">${o.result.present}</span></p><p>SHA-256 <code>${esc(o.result.sha256)}</code></p></div>`;
    case 'refused': {
      const rows = o.problems
        .map(
          (p) =>
            `<tr><td>${p.line}</td><td><code>${esc(p.field)}</code></td><td><code>${esc(typeof p.value === 'string' ? p.value : JSON.stringify(p.value ?? ''))}</code></td><td>${esc(p.message[lang])}</td></tr>`,
        )
        .join('');
      const table = rows
        ? `<table data-testid="problems"><thead><tr><th>${t('line', lang)}</th><th>${t('field', lang)}</th><th>${t('value', lang)}</th><th>${t('why', lang)}</th></tr></thead><tbody>${rows}</tbody></table>`
        : '';
      const first = (o.messages[lang].split('\n')[0] ?? '').trim();
      return `<div role="alert" class="field-error" id="err-file"><p>${t('refused', lang)}</p><p>${esc(first)}</p></div>${table}`;
    }
    case 'confirm':
      return `<div role="status"><p>${t('due', lang)} ${esc(when(o.purge.cutoff))}: <span data-testid="due">${purgeCounts(o.purge, lang)}</span></p>${heldHtml(o.purge, lang)}
<form method="post" action="/records/purge"><input type="hidden" name="confirm" value="yes"><button id="purge-confirm">${t('confirm', lang)}</button> <a href="/records">${t('cancel', lang)}</a></form></div>`;
    case 'purged':
      return `<div role="status"><p><strong>${t('purged', lang)}</strong>: <span data-testid="purged">${purgeCounts(o.purge, lang)}</span></p>${heldHtml(o.purge, lang)}</div>`;
  }
}

function historyHtml(rows: RecordsHistoryEntry[], lang: Lang): string {
  if (rows.length === 0) return `<p>${t('none', lang)}</p>`;
  const body = rows
    .map((r) => {
      const who = esc(r.by ?? T.operator[lang]);
      const cells =
        r.what === 'purge'
          ? `<td>${t('purgedAct', lang)}${r.dryRun ? ` (${t('counted', lang)})` : ''}</td><td></td><td></td><td>${purgeCounts(r, lang)}</td>`
          : `<td>${esc(KIND_LABELS[r.what][lang])}</td><td>${esc(r.file)}</td><td><code>${esc(r.sha256)}</code></td><td>${t('taken', lang)} ${r.taken} · ${t('present', lang)} ${r.present}</td>`;
      return `<tr><td class="nowrap">${esc(when(r.at))}</td><td>${who}</td>${cells}</tr>`;
    })
    .join('');
  return `<table data-testid="history"><thead><tr><th>${t('at', lang)}</th><th>${t('by', lang)}</th><th>${t('what', lang)}</th><th>${t('name', lang)}</th><th>SHA-256</th><th>${t('counts', lang)}</th></tr></thead><tbody>${body}</tbody></table>`;
}

/** The records page; `outcome` is what the officer's last action did (or why it was refused). */
export function recordsPage(lang: Lang, history: RecordsHistoryEntry[], outcome: RecordsOutcome | null): string {
  const refused = outcome?.type === 'refused';
  // A refused file is usually fixed and sent again as the same kind: keep the kind chosen.
  const chosen = outcome?.type === 'refused' ? outcome.kind : undefined;
  const options = RECORD_FILE_KINDS.map(
    (k) => `<option value="${k}"${k === chosen ? ' selected' : ''}>${esc(KIND_LABELS[k][lang])}</option>`,
  ).join('');
  const columns = RECORD_FILE_KINDS.map(
    (k) => `<li><small>${esc(KIND_LABELS[k][lang])}: <code>${COLUMNS[k].map(esc).join(', ')}</code></small></li>`,
  ).join('');
  const importForm = `<form method="post" action="/records/import" enctype="multipart/form-data">
<p><label for="kind">${t('kind', lang)}</label> <select id="kind" name="kind">${options}</select></p>
<p><label for="records-file">${t('file', lang)}</label> <input type="file" id="records-file" name="file" accept=".csv,.json,.txt"${refused ? ' aria-describedby="err-file"' : ''}> <button id="import">${t('go', lang)}</button></p>
<p><small>${t('hint', lang)}</small></p><ul>${columns}</ul></form>`;
  const isImport = outcome?.type === 'imported' || refused;
  const purge = `<h2>${t('purge', lang)}</h2><p>${t('purgeHint', lang)}</p>${isImport ? '' : outcomeHtml(outcome, lang)}${
    outcome?.type === 'confirm'
      ? ''
      : `<form method="post" action="/records/purge"><button id="purge-count">${t('count', lang)}</button></form>`
  }`;
  const body = `<h2>${t('import', lang)}</h2>${isImport ? outcomeHtml(outcome, lang) : ''}${importForm}${purge}<h2>${t('history', lang)}</h2>${historyHtml(history, lang)}`;
  return page(lang, T.title[lang], body, true);
}

import type { Bilingual } from '../domain/vocabulary.ts';
import { ID_CHECK_COLUMNS, TERMINAL_USE_COLUMNS } from '../holders/cafe-records.ts';
import type { CafePurgeSummary } from '../holders/cafe-service.ts';
import { POST_LOG_COLUMNS } from '../holders/post-log.ts';
import {
  RECORD_FILE_KINDS,
  type RecordFileKind,
  type RecordsHistoryEntry,
  type RecordsImportResult,
} from './records.ts';
import { esc, type Lang, when } from './render.ts';
import { page } from './web-pages.ts';
import { plain, t } from './web-texts.ts';

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

const purgeCounts = (p: Pick<CafePurgeSummary, 'terminalUse' | 'idChecks'>, lang: Lang) =>
  `${t('records.terminalUse', lang)} ${p.terminalUse} · ${t('records.idChecks', lang)} ${p.idChecks}`;

/** What requests keep past the three years, and which: nothing when none does. */
function heldHtml(p: CafePurgeSummary, lang: Lang): string {
  if (p.held === 0) return '';
  const refs = p.holdingRequests.map((r) => `<li><code>${esc(r.reference)}</code></li>`).join('');
  const line =
    lang === 'ja'
      ? `要請 ${p.holdingRequests.length} 件が対象とする端末利用記録 ${p.held} 件は、保存期間を過ぎていても消去しません（回答・辞退まで、保全要請は保全期間の終わりまで）。`
      : `${p.held} terminal-use record(s) that ${p.holdingRequests.length} request(s) ask about are kept although ` +
        'past retention (until answered or declined; for a preservation request, until its preservation ends).';
  return `<div data-testid="held"><p>${line}</p><ul>${refs}</ul></div>`;
}

function outcomeHtml(o: RecordsOutcome | null, lang: Lang): string {
  if (!o) return '';
  switch (o.type) {
    case 'imported':
      return (
        `<div role="status" data-testid="imported"><p><strong>${t('records.done', lang)}</strong>` +
        `: ${esc(KIND_LABELS[o.result.kind][lang])} <code>${esc(o.result.file)}</code></p>` +
        `<p>${t('records.taken', lang)}: <span data-testid="taken">${o.result.taken}</span>` +
        ` · ${t('records.present', lang)}: <span data-testid="present">${o.result.present}</span></p>` +
        `<p>SHA-256 <code>${esc(o.result.sha256)}</code></p></div>`
      );
    case 'refused': {
      const rows = o.problems
        .map(
          (p) =>
            `<tr><td>${p.line}</td><td><code>${esc(p.field)}</code></td><td>` +
            `<code>${esc(typeof p.value === 'string' ? p.value : JSON.stringify(p.value ?? ''))}</code></td>` +
            `<td>${esc(p.message[lang])}</td></tr>`,
        )
        .join('');
      const table = rows
        ? `<table data-testid="problems"><thead><tr><th>${t('records.line', lang)}</th>` +
          `<th>${t('records.field', lang)}</th><th>${t('records.value', lang)}</th>` +
          `<th>${t('records.why', lang)}</th></tr></thead><tbody>${rows}</tbody></table>`
        : '';
      const first = (o.messages[lang].split('\n')[0] ?? '').trim();
      return (
        '<div role="alert" class="field-error" id="err-file">' +
        `<p>${t('records.refused', lang)}</p><p>${esc(first)}</p></div>${table}`
      );
    }
    case 'confirm':
      return (
        `<div role="status"><p>${t('records.due', lang)} ${esc(when(o.purge.cutoff))}: ` +
        `<span data-testid="due">${purgeCounts(o.purge, lang)}</span></p>${heldHtml(o.purge, lang)}
<form method="post" action="/records/purge"><input type="hidden" name="confirm" value="yes">` +
        `<button id="purge-confirm">${t('records.confirm', lang)}</button> ` +
        `<a href="/records">${t('records.cancel', lang)}</a></form></div>`
      );
    case 'purged':
      return (
        `<div role="status"><p><strong>${t('records.purged', lang)}</strong>: ` +
        `<span data-testid="purged">${purgeCounts(o.purge, lang)}</span></p>${heldHtml(o.purge, lang)}</div>`
      );
  }
}

function historyHtml(rows: RecordsHistoryEntry[], lang: Lang): string {
  if (rows.length === 0) return `<p>${t('records.none', lang)}</p>`;
  const body = rows
    .map((r) => {
      const who = esc(r.by ?? plain('records.operator', lang));
      const cells =
        r.what === 'purge'
          ? `<td>${t('records.purgedAct', lang)}${r.dryRun ? ` (${t('records.counted', lang)})` : ''}</td>` +
            `<td></td><td></td><td>${purgeCounts(r, lang)}</td>`
          : `<td>${esc(KIND_LABELS[r.what][lang])}</td><td>${esc(r.file)}</td><td>` +
            `<code>${esc(r.sha256)}</code></td><td>${t('records.taken', lang)} ` +
            `${r.taken} · ${t('records.present', lang)} ${r.present}</td>`;
      return `<tr><td class="nowrap">${esc(when(r.at))}</td><td>${who}</td>${cells}</tr>`;
    })
    .join('');
  return (
    `<table data-testid="history"><thead><tr><th>${t('records.at', lang)}</th>` +
    `<th>${t('records.by', lang)}</th><th>${t('records.what', lang)}</th><th>${t('common.fileName', lang)}</th>` +
    `<th>SHA-256</th><th>${t('common.counts', lang)}</th></tr></thead><tbody>${body}</tbody></table>`
  );
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
  const importForm =
    `<form method="post" action="/records/import" enctype="multipart/form-data">
<p><label for="kind">${t('records.kind', lang)}</label> <select id="kind" name="kind">${options}</select></p>
<p><label for="records-file">${t('records.file', lang)}</label> ` +
    `<input type="file" id="records-file" name="file" accept=".csv,.json,.txt"${
      refused ? ' aria-describedby="err-file"' : ''
    }> <button id="import">${t('records.go', lang)}</button></p>
<p><small>${t('records.hint', lang)}</small></p><ul>${columns}</ul></form>`;
  const isImport = outcome?.type === 'imported' || refused;
  const purge =
    `<h2>${t('records.purge', lang)}</h2><p>${t('records.purgeHint', lang)}</p>` +
    `${isImport ? '' : outcomeHtml(outcome, lang)}${
      outcome?.type === 'confirm'
        ? ''
        : '<form method="post" action="/records/purge">' +
          `<button id="purge-count">${t('records.count', lang)}</button></form>`
    }`;
  const body =
    `<h2>${t('records.import', lang)}</h2>${isImport ? outcomeHtml(outcome, lang) : ''}` +
    `${importForm}${purge}<h2>${t('records.history', lang)}</h2>${historyHtml(history, lang)}`;
  return page(lang, plain('page.records', lang), body, true);
}

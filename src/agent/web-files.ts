import { esc, type Lang, when, written } from './render.ts';
import { EARLIER_MISMATCH, REQUEST_FILE_STATE_LABELS } from './request-files.ts';
import type { AgentRequestView } from './review.ts';
import type { EditError } from './web-edit-form.ts';
import { t } from './web-texts.ts';

// The files of a request's answer on its page (no script): the list — name, type, size, SHA-256, who
// added them — and, while the answer is a draft, a form to add one and a button to remove each. A
// refused file comes back with its message next to the file control, in the reviewer's language.

const size = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${n} B`;

/** What either list says of a file first: its name, type, size and SHA-256 (the heads, then a row's cells). */
const fileHeads = (lang: Lang) =>
  `<th>${t('common.fileName', lang)}</th><th>${t('files.type', lang)}</th>` +
  `<th>${t('files.size', lang)}</th><th>SHA-256</th>`;
const fileCells = (f: { fileName: string; mediaType: string; byteSize: number; sha256: string }, lang: Lang) =>
  `<td>${written(f.fileName, lang)}</td><td>${esc(f.mediaType)}</td>` +
  `<td class="nowrap">${esc(size(f.byteSize))}</td><td><code>${esc(f.sha256)}</code></td>`;

/** The files section of a request's page; `error` is a refused file, shown next to the file control. */
export function filesHtml(v: AgentRequestView, lang: Lang, error: EditError | null): string {
  const open = v.state === 'prepared' && !v.hubEnded;
  const rows = v.files
    .map(
      (f) =>
        `<tr data-file="${esc(f.id)}">${fileCells(f, lang)}<td>${esc(f.addedBy)} ${esc(when(f.addedAt))}</td>${
          open
            ? `<td class="nowrap"><form method="post" action="/requests/${esc(v.requestId)}/files/remove">` +
              `<input type="hidden" name="fileId" value="${esc(f.id)}">` +
              `<button>${t('files.remove', lang)}</button></form></td>`
            : `<td>${f.uploadedAt ? esc(when(f.uploadedAt)) : t('files.notYet', lang)}</td>`
        }</tr>`,
    )
    .join('');
  const list = rows
    ? `<table data-testid="files"><thead><tr>${fileHeads(lang)}<th>${t('files.added', lang)}</th>` +
      `<th>${open ? '' : t('files.uploaded', lang)}</th></tr></thead><tbody>${rows}</tbody></table>`
    : `<p>${t('files.none', lang)}</p>`;
  if (!open) return `<h2>${t('files.heading', lang)}</h2>${list}`;
  const alert = error ? `<p role="alert" class="field-error" id="err-file">${esc(error.messages[lang])}</p>` : '';
  const form =
    `<form method="post" action="/requests/${esc(v.requestId)}/files" enctype="multipart/form-data">` +
    `<p><label for="file">${t('files.choose', lang)}</label> ` +
    `<input type="file" id="file" name="file" accept=".png,.jpg,.jpeg,.gif,.webp,.pdf,.txt,.log,.csv"${
      error ? ' aria-describedby="err-file"' : ''
    }> <button id="attach">${t('files.attach', lang)}</button></p>${alert}` +
    `<p><small>${t('files.hint', lang)}</small></p></form>`;
  return `<h2>${t('files.heading', lang)}</h2>${list}${form}`;
}

/** The requester's files on a request's page: each with its check, and a download only for a verified one. */
export function requestFilesHtml(v: AgentRequestView, lang: Lang): string {
  if (v.requestFiles.length === 0) return '';
  const rows = v.requestFiles
    .map(
      (f) =>
        `<tr data-request-file="${esc(f.id)}" data-state="${esc(f.state)}">${fileCells(f, lang)}` +
        `<td${f.state === 'verified' || f.state === 'pending' ? '' : ' role="alert"'}>` +
        `${esc(REQUEST_FILE_STATE_LABELS[f.state][lang])}` +
        `${
          f.mismatchAt
            ? `<br><small data-mismatch-at>${esc(EARLIER_MISMATCH[lang])} (${esc(when(f.mismatchAt))})</small>`
            : ''
        }` +
        `</td><td>${
          f.state === 'verified'
            ? `<a href="/requests/${esc(v.requestId)}/request-files/${esc(f.id)}" download>` +
              `${t('requestFiles.download', lang)}</a>`
            : ''
        }</td></tr>`,
    )
    .join('');
  return (
    `<h2>${t('requestFiles.heading', lang)}</h2><table data-testid="request-files"><thead>` +
    `<tr>${fileHeads(lang)}<th>${t('requestFiles.check', lang)}</th><th></th></tr></thead>` +
    `<tbody>${rows}</tbody></table><p><small>${t('requestFiles.hint', lang)}</small></p>`
  );
}

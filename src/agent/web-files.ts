import { MAX_ATTACHMENT_BYTES } from '../domain/attachments.ts';
import type { Bilingual } from '../domain/vocabulary.ts';
import { esc, type Lang, textsOf, when } from './render.ts';
import { REQUEST_FILE_STATE_LABELS } from './request-files.ts';
import type { AgentRequestView } from './review.ts';
import type { EditError } from './web-edit-form.ts';

// The files of a request's answer on its page (no script): the list — name, type, size, SHA-256, who
// added them — and, while the answer is a draft, a form to add one and a button to remove each. A
// refused file comes back with its message next to the file control, in the reviewer's language.

const T = {
  heading: { ja: '回答に添付するファイル', en: 'Files attached to the answer' },
  none: { ja: '添付ファイルはありません', en: 'No files attached' },
  name: { ja: 'ファイル名', en: 'File name' },
  type: { ja: '種類', en: 'Type' },
  size: { ja: '大きさ', en: 'Size' },
  added: { ja: '添付した人・日時', en: 'Added by, at' },
  uploaded: { ja: 'ハブへの送付', en: 'Sent to the hub' },
  notYet: { ja: '未送付', en: 'not yet' },
  remove: { ja: '削除', en: 'Remove' },
  choose: { ja: '添付するファイル', en: 'File to attach' },
  attach: { ja: 'ファイルを添付する', en: 'Attach the file' },
  requestHeading: { ja: '要請の添付ファイル', en: 'Files attached to the request' },
  check: { ja: '照合', en: 'Check' },
  download: { ja: 'ダウンロード', en: 'Download' },
  requestHint: {
    ja: '要請者のブラウザで自社の鍵に封緘されたファイルです。この設置の端末で開封し、決裁者が署名した SHA-256 と一致したものだけを提供します（ダウンロードは記録されます）',
    en: "Sealed to the provider's key in the requester's browser, opened on this installation's device; only a file matching the SHA-256 the approver signed is offered (each download is recorded)",
  },
  hint: {
    ja: `PNG・JPEG・GIF・WebP の画像、PDF、テキスト・CSV で、${MAX_ATTACHMENT_BYTES / 1024 / 1024} MiB まで。承認すると回答と同じ鍵で封緘して送られ、回答の署名にファイルの SHA-256 が含まれます。ファイル名・種類・大きさはハブにも見えるため、ファイル名に個人情報を書かないでください`,
    en: `PNG, JPEG, GIF or WebP images, PDF, plain text or CSV, up to ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MiB. On approval each file is sealed to the same keys as the answer and sent, and the signed answer names its SHA-256. The hub sees its name, type and size: put no personal data in the file name`,
  },
} satisfies Record<string, Bilingual>;
const t = textsOf(T);

const size = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${n} B`;

/** The files section of a request's page; `error` is a refused file, shown next to the file control. */
export function filesHtml(v: AgentRequestView, lang: Lang, error: EditError | null): string {
  const open = v.state === 'prepared';
  const rows = v.files
    .map(
      (f) =>
        `<tr data-file="${esc(f.id)}"><td>${esc(f.fileName)}</td><td>${esc(f.mediaType)}</td><td class="nowrap">${esc(size(f.byteSize))}</td><td><code>${esc(f.sha256)}</code></td><td>${esc(f.addedBy)} ${esc(when(f.addedAt))}</td>${
          open
            ? `<td class="nowrap"><form method="post" action="/requests/${esc(v.requestId)}/files/remove"><input type="hidden" name="fileId" value="${esc(f.id)}"><button>${t('remove', lang)}</button></form></td>`
            : `<td>${f.uploadedAt ? esc(when(f.uploadedAt)) : t('notYet', lang)}</td>`
        }</tr>`,
    )
    .join('');
  const list = rows
    ? `<table data-testid="files"><thead><tr><th>${t('name', lang)}</th><th>${t('type', lang)}</th><th>${t('size', lang)}</th><th>SHA-256</th><th>${t('added', lang)}</th><th>${open ? '' : t('uploaded', lang)}</th></tr></thead><tbody>${rows}</tbody></table>`
    : `<p>${t('none', lang)}</p>`;
  if (!open) return `<h2>${t('heading', lang)}</h2>${list}`;
  const alert = error ? `<p role="alert" class="field-error" id="err-file">${esc(error.messages[lang])}</p>` : '';
  const form = `<form method="post" action="/requests/${esc(v.requestId)}/files" enctype="multipart/form-data"><p><label for="file">${t('choose', lang)}</label> <input type="file" id="file" name="file" accept=".png,.jpg,.jpeg,.gif,.webp,.pdf,.txt,.log,.csv"${
    error ? ' aria-describedby="err-file"' : ''
  }> <button id="attach">${t('attach', lang)}</button></p>${alert}<p><small>${t('hint', lang)}</small></p></form>`;
  return `<h2>${t('heading', lang)}</h2>${list}${form}`;
}

/** The requester's files on a request's page: each with its check, and a download only for a verified one. */
export function requestFilesHtml(v: AgentRequestView, lang: Lang): string {
  if (v.requestFiles.length === 0) return '';
  const rows = v.requestFiles
    .map(
      (f) =>
        `<tr data-request-file="${esc(f.id)}" data-state="${esc(f.state)}"><td>${esc(f.fileName)}</td><td>${esc(f.mediaType)}</td><td class="nowrap">${esc(size(f.byteSize))}</td><td><code>${esc(f.sha256)}</code></td><td${f.state === 'verified' || f.state === 'pending' ? '' : ' role="alert"'}>${esc(REQUEST_FILE_STATE_LABELS[f.state][lang])}</td><td>${
          f.state === 'verified'
            ? `<a href="/requests/${esc(v.requestId)}/request-files/${esc(f.id)}" download>${t('download', lang)}</a>`
            : ''
        }</td></tr>`,
    )
    .join('');
  return `<h2>${t('requestHeading', lang)}</h2><table data-testid="request-files"><thead><tr><th>${t('name', lang)}</th><th>${t('type', lang)}</th><th>${t('size', lang)}</th><th>SHA-256</th><th>${t('check', lang)}</th><th></th></tr></thead><tbody>${rows}</tbody></table><p><small>${t('requestHint', lang)}</small></p>`;
}

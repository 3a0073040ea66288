import type { AnswerItem } from '../domain/answer-content.ts';
import type { AnswerHolder } from '../domain/answer-holder.ts';
import { ANSWER_ITEM_RESULT_LABELS, ANSWER_ITEM_RESULTS, type Bilingual } from '../domain/vocabulary.ts';
import { esc, type Lang, when } from './render.ts';
import type { AgentRequestView } from './review.ts';
import { disclosedFields, formName, type SubscriberField } from './review-form.ts';
import { subscriberFieldWords } from './web-draft.ts';
import { t } from './web-texts.ts';

// The per-field edit form of a request's page (no script): per target, the result, the subscriber
// fields to disclose, the candidates of an ambiguous finding, and a note. A refused edit comes back
// with its message next to the control it is about, in the reviewer's language.

/**
 * A refused edit: the field it names (`items.0.result`, …) and its message in both languages, which names
 * no field path (the control it sits next to names the field).
 */
export interface EditError {
  field: string;
  messages: Bilingual;
}

/** Which control group an error belongs to: `top`, or an item's `result` / `data` / `note`. */
function placeOf(field: string): { item: number; group: 'result' | 'data' | 'note' } | null {
  const m = /^(?:answer\.)*items\.(\d+)\.(\w+)/.exec(field);
  if (!m) return null;
  const group = m[2] === 'result' ? 'result' : m[2] === 'note' ? 'note' : 'data';
  return { item: Number(m[1]), group };
}

function shownValue(item: AnswerItem, f: SubscriberField): string {
  const top = item.subscriber?.[f];
  if (top !== undefined) return top;
  const cands = item.finding?.candidates ?? [];
  if (cands.length !== 1) return '';
  const c = cands[0];
  if (f === 'account') return c?.account ?? '';
  return (c?.person as Record<string, string | undefined> | undefined)?.[f] ?? c?.line?.[f as 'billingAddress'] ?? '';
}

function itemHtml(item: AnswerItem, i: number, lang: Lang, error: EditError | null, holder: AnswerHolder): string {
  // An error about this item: its message sits after the control group it is about, which points to it.
  const place = error ? placeOf(error.field) : null;
  const shown = error && place?.item === i ? { group: place.group, text: esc(error.messages[lang]) } : null;
  const errAt = (group: string) =>
    shown?.group === group ? `<p role="alert" class="field-error" id="err-${i}-${group}">${shown.text}</p>` : '';
  const described = (group: string) => (shown?.group === group ? ` aria-describedby="err-${i}-${group}"` : '');
  const options = ANSWER_ITEM_RESULTS.map(
    (r) =>
      `<option value="${r}"${r === item.result ? ' selected' : ''}>${esc(ANSWER_ITEM_RESULT_LABELS[r][lang])}</option>`,
  ).join('');
  const result =
    `<p><label for="result-${i}">${t('edit.result', lang)}</label> ` +
    `<select id="result-${i}" name="${formName.result(i)}"${described('result')}>${options}</select> ` +
    `<small>${t('edit.notFound', lang)}</small></p>${errAt('result')}`;
  const fields = disclosedFields(item)
    .map((f) => {
      const v = shownValue(item, f);
      return (
        `<li><label><input type="checkbox" name="${formName.field(i, f)}" value="1" checked>` +
        ` ${esc(subscriberFieldWords(holder, f)[lang])}` +
        `${v ? `: ${esc(typeof v === 'string' ? when(v) : v)}` : ''}</label></li>`
      );
    })
    .join('');
  const fieldSet = fields
    ? `<fieldset${described('data')}><legend>${t('edit.fields', lang)}</legend>` +
      `<ul class="plain">${fields}</ul></fieldset>`
    : '';
  const cands =
    item.finding?.verdict === 'ambiguous'
      ? `<fieldset${described('data')}><legend>${t('edit.candidates', lang)}</legend>` +
        `<ul class="plain">${item.finding.candidates
          .map((c, j) => {
            const who = [c.account, c.person?.name, c.insideAddress].filter(Boolean).map(esc).join(' / ');
            return (
              `<li><label><input type="checkbox" name="${formName.candidate(i, j)}" value="1" checked>` +
              ` ${t('edit.candidate', lang)} ${j + 1}${who ? `: ${who}` : ''}</label></li>`
            );
          })
          .join('')}</ul></fieldset>`
      : '';
  const note =
    `<p><label for="note-${i}">${t('edit.note', lang)}</label>` +
    `<textarea class="note" id="note-${i}" name="${formName.note(i)}"${described('note')}>` +
    `${esc(item.note ?? '')}</textarea></p>${errAt('note')}`;
  return (
    `<fieldset data-item="${i}"><legend>${t('common.target', lang)} ${item.targetIndex + 1}</legend>` +
    `${result}${fieldSet}${cands}${errAt('data')}${note}</fieldset>`
  );
}

/** The form (posting to /requests/:id/fields) for a prepared request with a draft, in `holder`'s words. */
export function editFormHtml(
  v: AgentRequestView,
  lang: Lang,
  error: EditError | null,
  holder: AnswerHolder = 'carrier',
): string {
  if (!v.draft || !v.draftDigest) return '';
  const place = error ? placeOf(error.field) : null;
  const top =
    error && (!place || place.item >= v.draft.items.length)
      ? `<p role="alert" class="field-error">${esc(error.messages[lang])}</p>`
      : '';
  return (
    `<h2>${t('edit.heading', lang)}</h2>${top}` +
    `<form method="post" action="/requests/${esc(v.requestId)}/fields">` +
    `<input type="hidden" name="digest" value="${esc(v.draftDigest)}">${v.draft.items
      .map((it, i) => itemHtml(it, i, lang, error, holder))
      .join('')}<button id="save-fields">${t('edit.save', lang)}</button></form>`
  );
}

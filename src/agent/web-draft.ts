// The draft answer on the installation's review page, as the person who approves it reads it: per target, the
// result and everything the answer would disclose — a carrier's subscriber and access log (a board's registered
// user and posts, in their words), a café's member as registered and its terminal uses — so nothing is signed that
// the page did not show.
import { ACCESS_LOG_WORDS, type AnswerHolder, SUBSCRIBER_RECORD_WORDS } from '../domain/answer-holder.ts';
import {
  ANSWER_ITEM_RESULT_LABELS,
  ANSWER_OUTCOME_LABELS,
  type Bilingual,
  FINDING_VERDICT_LABELS,
  ID_DOCUMENT_KIND_LABELS,
  knownLabel,
  MEMBER_FIELD_LABELS,
  MEMBER_FIELDS,
} from '../domain/vocabulary.ts';
import type { Lang } from './render.ts';
import { esc, exactWhen, when } from './render.ts';
import type { AgentRequestView } from './review.ts';
import { SUBSCRIBER_FIELD_LABELS, type SubscriberField } from './review-form.ts';
import { t } from './web-texts.ts';

const label = (b: Bilingual | undefined, lang: Lang, fallback: string) => esc(b ? b[lang] : fallback);

/** A subscriber field's label in the words of whose record it is: a board's user as registered, else the form's. */
export function subscriberFieldWords(holder: AnswerHolder, f: SubscriberField): Bilingual {
  return holder === 'board' ? SUBSCRIBER_RECORD_WORDS.board[f] : SUBSCRIBER_FIELD_LABELS[f];
}

/**
 * The draft answer as a person reads it: per target, the result and what would be disclosed, in the words of whose
 * record it gives (`holder`: the installation's category, else the request's targets).
 */
export function draftHtml(draft: AgentRequestView['draft'], lang: Lang, holder: AnswerHolder = 'carrier'): string {
  if (!draft) return `<p>${t('draft.none', lang)}</p>`;
  // A board's post log is its access log: headed as its posts.
  const logHeading = holder === 'board' ? esc(ACCESS_LOG_WORDS.board[lang]) : t('draft.accessLog', lang);
  const fieldWords = (k: string) =>
    k in SUBSCRIBER_FIELD_LABELS ? subscriberFieldWords(holder, k as SubscriberField) : undefined;
  const items = draft.items
    .map((it) => {
      const sub = it.subscriber
        ? `<dl>${Object.entries(it.subscriber)
            .map(
              ([k, val]) =>
                `<dt>${label(fieldWords(k), lang, k)}</dt>` +
                `<dd>${esc(typeof val === 'string' ? when(val) : val)}</dd>`,
            )
            .join('')}</dl>`
        : '';
      const log = (it.accessLog ?? [])
        .map(
          (e) => `<li>${esc(exactWhen(e.at))} ${esc(e.address)}${e.port !== undefined ? `:${esc(e.port)}` : ''}</li>`,
        )
        .join('');
      const member = it.member
        ? `<dl>${MEMBER_FIELDS.flatMap((k) => {
            const val = it.member?.[k];
            if (val === undefined) return [];
            const shown =
              k === 'idDocument' ? label(knownLabel(ID_DOCUMENT_KIND_LABELS, val), lang, val) : esc(when(val));
            return [`<dt>${label(MEMBER_FIELD_LABELS[k], lang, k)}</dt><dd>${shown}</dd>`];
          }).join('')}</dl>`
        : '';
      const until = (to: string | undefined) => (to ? esc(exactWhen(to)) : t('draft.exitNotLogged', lang));
      const uses = (it.terminalUse ?? [])
        .map((u) => `<li>${esc(u.terminal)} ${esc(exactWhen(u.from))} – ${until(u.to)}</li>`)
        .join('');
      const verdict = it.finding
        ? ` · ${label(FINDING_VERDICT_LABELS[it.finding.verdict], lang, it.finding.verdict)}`
        : '';
      return (
        `<li>${t('common.target', lang)} ${it.targetIndex + 1}: ` +
        `${label(ANSWER_ITEM_RESULT_LABELS[it.result], lang, it.result)}${verdict}${sub}${member}${
          log ? `<p>${logHeading}</p><ul>${log}</ul>` : ''
        }${uses ? `<p>${t('draft.terminalUse', lang)}</p><ul>${uses}</ul>` : ''}</li>`
      );
    })
    .join('');
  return (
    `<p>${label(ANSWER_OUTCOME_LABELS[draft.outcome], lang, draft.outcome)}</p>` +
    `<ul data-testid="draft">${items}</ul>`
  );
}

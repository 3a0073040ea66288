// An answer as a person reads it at the command line (`shokai device open-answer`, the draft of `shokai agent
// review`): per target, what the provider found by its label, and what it discloses under its field's name —
// never the answer's JSON, which --json gives to programs.
import { exactWhen, findingLines, type Lang, REVIEW_ZONE, when } from '../agent/render.ts';
import { SUBSCRIBER_FIELD_LABELS } from '../agent/review-form.ts';
import type { AnswerContent, AnswerItem } from '../domain/answer-content.ts';
import { type AnswerHolder, SUBSCRIBER_RECORD_WORDS } from '../domain/answer-holder.ts';
import { visibleText } from '../domain/shown-text.ts';
import {
  ANSWER_ITEM_RESULT_LABELS,
  ANSWER_OUTCOME_LABELS,
  type Bilingual,
  ID_DOCUMENT_KIND_LABELS,
  labelOf,
  MEMBER_FIELD_LABELS,
} from '../domain/vocabulary.ts';

const WORDS = {
  target: { ja: '対象', en: 'target' },
  accessLog: { ja: '通信記録', en: 'access log' },
  posts: { ja: '投稿の記録', en: 'posts' },
  member: { ja: '会員（登録のとおり）', en: 'member (as registered)' },
  terminalUse: { ja: '端末利用記録', en: 'terminal use' },
  noExit: { ja: '退店記録なし', en: 'no exit recorded' },
  traffic: { ja: '通信履歴', en: 'traffic' },
  content: { ja: '内容', en: 'content' },
  preservedUntil: { ja: '保全期限', en: 'preserved until' },
  note: { ja: '備考', en: 'note' },
  finding: { ja: '照合の結果', en: 'finding' },
  outcome: { ja: '回答の種類', en: 'outcome' },
  files: { ja: '添付ファイル', en: 'files' },
} as const satisfies Record<string, Bilingual>;

/**
 * Free text of the provider's, each further line indented under its first, and every character a terminal
 * acts on (a lone CR, ESC sequences, other controls) written out as `\uXXXX`: no line of theirs passes for
 * ours, and none overwrites one.
 */
const indented = (text: string, indent: string): string =>
  visibleText(text.replace(/\r\n/g, '\n'), { keepLines: true }).replace(/\n/g, `\n${indent}`);

/**
 * One item's lines: the target and the result, then what it discloses, indented by `indent`; a board's registered
 * user and posts in their words (`holder`), not a line's subscriber and access records.
 */
function itemLines(
  it: AnswerItem,
  lang: Lang,
  indent: string,
  holder: AnswerHolder | undefined,
  zone: string,
): string[] {
  const board = holder === 'board';
  const w = (k: keyof typeof WORDS) => WORDS[k][lang];
  const more = `${indent}  `;
  const out = [`${indent}${w('target')} ${it.targetIndex + 1}: ${ANSWER_ITEM_RESULT_LABELS[it.result][lang]}`];
  for (const [k, v] of Object.entries(it.subscriber ?? {})) {
    if (v === undefined) continue;
    const label = labelOf(board ? SUBSCRIBER_RECORD_WORDS.board : SUBSCRIBER_FIELD_LABELS, k)[lang];
    out.push(`${more}${label}: ${indented(when(v, zone), `${more}  `)}`);
  }
  if (it.accessLog?.length) {
    out.push(`${more}${w(board ? 'posts' : 'accessLog')}:`);
    for (const e of it.accessLog)
      out.push(
        `${more}  ${exactWhen(e.at, zone)}  ${e.address}${e.port !== undefined ? `:${e.port}` : ''}` +
          `${e.action ? `  ${visibleText(e.action)}` : ''}`,
      );
  }
  if (it.member) {
    out.push(`${more}${w('member')}:`);
    for (const [k, v] of Object.entries(it.member)) {
      if (v === undefined) continue;
      const value = k === 'idDocument' ? labelOf(ID_DOCUMENT_KIND_LABELS, v)[lang] : when(v, zone);
      out.push(`${more}  ${labelOf(MEMBER_FIELD_LABELS, k)[lang]}: ${indented(value, `${more}    `)}`);
    }
  }
  if (it.terminalUse?.length) {
    out.push(`${more}${w('terminalUse')}:`);
    for (const u of it.terminalUse)
      out.push(
        `${more}  ${visibleText(u.terminal)}  ` +
          `${exactWhen(u.from, zone)} – ${u.to ? exactWhen(u.to, zone) : w('noExit')}`,
      );
  }
  if (it.traffic?.length) {
    out.push(`${more}${w('traffic')}:`);
    for (const r of it.traffic)
      out.push(
        `${more}  ${indented(
          Object.entries(r)
            .map(([k, v]) => `${k}: ${v}`)
            .join(', '),
          `${more}    `,
        )}`,
      );
  }
  if (it.content !== undefined) out.push(`${more}${w('content')}:`, `${more}  ${indented(it.content, `${more}  `)}`);
  if (it.preservedUntil) out.push(`${more}${w('preservedUntil')}: ${when(it.preservedUntil, zone)}`);
  if (it.note) out.push(`${more}${w('note')}: ${indented(it.note, `${more}  `)}`);
  if (it.finding) {
    out.push(`${more}${w('finding')}:`);
    for (const l of findingLines(it.finding, lang, zone)) out.push(`${more}  ${l}`);
  }
  return out;
}

/**
 * The answer's lines, each `indent` first: its outcome when `withOutcome`, each item, its note and the files
 * it names (each with the SHA-256 signed with it); in the words of whose record it gives (`holder`, by default a
 * line's subscriber); its instants in `zone` (by default the installation's, which the agent's review shows).
 */
export function answerLines(
  a: AnswerContent,
  lang: Lang,
  o: { indent?: string; withOutcome?: boolean; holder?: AnswerHolder; zone?: string } = {},
): string[] {
  const indent = o.indent ?? '';
  const out = o.withOutcome
    ? [`${indent}${WORDS.outcome[lang]}: ${labelOf(ANSWER_OUTCOME_LABELS, a.outcome)[lang]}`]
    : [];
  for (const it of a.items) out.push(...itemLines(it, lang, indent, o.holder, o.zone ?? REVIEW_ZONE));
  if (a.note) out.push(`${indent}${WORDS.note[lang]}: ${indented(a.note, `${indent}  `)}`);
  if (a.attachments?.length) {
    out.push(`${indent}${WORDS.files[lang]}:`);
    for (const f of a.attachments)
      out.push(`${indent}  ${visibleText(f.fileName)}  ${f.mediaType}  ${f.byteSize} B  SHA-256 ${f.sha256}`);
  }
  return out;
}

// The words an answer's refusal names its fields by, as the answer form labels them: `items.0.accessLog.1.address`
// is 対象 1 › 接続記録 2 › IPアドレス — the target the item answers and the row of the form the entry came from
// (rows left blank are not sent, so the entry's index in the answer need not be the row's).
import { type Bilingual, MEMBER_FIELD_LABELS, type MemberField } from '#shokai/vocabulary';
import type { AnswerShape } from '../components/answer-shape.ts';
import { type MessageKey, messages } from '../i18n/dictionary.ts';
import { type FieldWords, fieldInWords } from './error-text.ts';

/** What the form sent for one item: the target it answers and, per access-log entry sent, its row on the form. */
export interface SentItem {
  targetIndex: number;
  logRows: number[];
}

const LOG_FIELD: Readonly<Record<string, MessageKey>> = {
  at: 'target.at',
  address: 'answer.logAddress',
  port: 'target.port',
  action: 'answer.logAction',
};

/** A board names its log rows as posts, from their source address and port. */
const POST_FIELD: Readonly<Record<string, MessageKey>> = {
  ...LOG_FIELD,
  address: 'answer.board.sourceAddress',
  port: 'answer.board.sourcePort',
};

const USE_FIELD: Readonly<Record<string, MessageKey>> = {
  terminal: 'answer.cafe.terminal',
  from: 'answer.cafe.from',
  to: 'answer.cafe.to',
};

const BOARD_SUBSCRIBER: Readonly<Record<string, MessageKey>> = {
  name: 'answer.board.name',
  email: 'answer.board.email',
  phone: 'answer.board.phone',
};

const isMemberField = (k: string): k is MemberField => Object.hasOwn(MEMBER_FIELD_LABELS, k);

const ITEM_FIELD: Readonly<Record<string, MessageKey>> = {
  result: 'answer.result',
  preservedUntil: 'answer.preservedUntil',
  note: 'answer.itemNote',
};

const fill = (key: MessageKey, n: number): Bilingual => ({
  ja: messages[key].ja.replace('{n}', String(n)),
  en: messages[key].en.replace('{n}', String(n)),
});

const joined = (parts: Bilingual[]): Bilingual => ({
  ja: parts.map((p) => p.ja).join(' › '),
  en: parts.map((p) => p.en).join(' › '),
});

/** The answer form's words for a refusal's paths (`answer.` in front or not); others as fieldInWords. */
export function answerFieldWords(sent: readonly SentItem[], shape: AnswerShape = 'carrier'): FieldWords {
  return (path) => {
    const m = /^(?:answer\.)?items\.(\d+)(?:\.(.+))?$/.exec(path);
    const item = m ? sent[Number(m[1])] : undefined;
    if (!m || !item) return fieldInWords(path);
    const target = fill('editor.targetN', item.targetIndex + 1);
    const rest = m[2] ?? '';
    // A log's rows (a carrier's access records, a board's posts, a café's terminal uses), by the form's row.
    const log = /^(accessLog|terminalUse)(?:\.(\d+)(?:\.(\w+))?)?$/.exec(rest);
    if (log) {
      const uses = log[1] === 'terminalUse';
      const [title, rowKey, fields] = uses
        ? (['answer.cafe.uses', 'answer.cafe.useRow', USE_FIELD] as const)
        : shape === 'board'
          ? (['answer.board.posts', 'answer.board.postRow', POST_FIELD] as const)
          : (['answer.accessLog', 'answer.logRow', LOG_FIELD] as const);
      const row = log[2] === undefined ? undefined : (item.logRows[Number(log[2])] ?? Number(log[2]));
      const parts = [target, row === undefined ? messages[title] : fill(rowKey, row + 1)];
      const field = log[3] === undefined ? undefined : fields[log[3]];
      return joined(field ? [...parts, messages[field]] : parts);
    }
    const member = /^member\.(\w+)$/.exec(rest)?.[1];
    if (member !== undefined && isMemberField(member)) return joined([target, MEMBER_FIELD_LABELS[member]]);
    const sub = /^subscriber\.(\w+)$/.exec(rest);
    const boardKey = sub && shape === 'board' ? BOARD_SUBSCRIBER[sub[1] ?? ''] : undefined;
    const subKey = boardKey ?? (sub ? (`subscriber.${sub[1]}` as MessageKey) : undefined);
    if (subKey && subKey in messages) return joined([target, messages[subKey]]);
    const own = ITEM_FIELD[rest];
    if (own) return joined([target, messages[own]]);
    const inner = rest === '' ? null : fieldInWords(rest);
    return joined(inner ? [target, inner] : [target]);
  };
}

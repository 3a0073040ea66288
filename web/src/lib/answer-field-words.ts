// The words an answer's refusal names its fields by, as the answer form labels them: `items.0.accessLog.1.address`
// is 対象 1 › 接続記録 2 › IPアドレス — the target the item answers and the row of the form the entry came from
// (rows left blank are not sent, so the entry's index in the answer need not be the row's).
import type { Bilingual } from '#shokai/vocabulary';
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
export function answerFieldWords(sent: readonly SentItem[]): FieldWords {
  return (path) => {
    const m = /^(?:answer\.)?items\.(\d+)(?:\.(.+))?$/.exec(path);
    const item = m ? sent[Number(m[1])] : undefined;
    if (!m || !item) return fieldInWords(path);
    const target = fill('editor.targetN', item.targetIndex + 1);
    const rest = m[2] ?? '';
    const log = /^accessLog(?:\.(\d+)(?:\.(\w+))?)?$/.exec(rest);
    if (log) {
      const row = log[1] === undefined ? undefined : (item.logRows[Number(log[1])] ?? Number(log[1]));
      const parts = [target, row === undefined ? messages['answer.accessLog'] : fill('answer.logRow', row + 1)];
      const field = log[2] === undefined ? undefined : LOG_FIELD[log[2]];
      return joined(field ? [...parts, messages[field]] : parts);
    }
    const sub = /^subscriber\.(\w+)$/.exec(rest);
    const subKey = sub ? (`subscriber.${sub[1]}` as MessageKey) : undefined;
    if (subKey && subKey in messages) return joined([target, messages[subKey]]);
    const own = ITEM_FIELD[rest];
    if (own) return joined([target, messages[own]]);
    const inner = rest === '' ? null : fieldInWords(rest);
    return joined(inner ? [target, inner] : [target]);
  };
}

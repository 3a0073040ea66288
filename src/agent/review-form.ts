import type { AnswerContent, AnswerItem } from '../domain/answer-content.ts';
import { ANSWER_ITEM_RESULTS, type AnswerItemResult } from '../domain/answer-content.ts';
import { invalidField } from '../domain/errors.ts';
import type { Bilingual } from '../domain/vocabulary.ts';
import { KEEP_TWO_CANDIDATES } from './edit-rules.ts';

// The review pages' per-field edit form, turned into an answer: for each item, its result, which
// subscriber fields are disclosed (an unchecked field is withheld from the item and from every
// candidate of its finding), which candidates of an ambiguous finding are kept, and its note. The
// result is checked by the same schema and rules as any draft (review.ts editDraft): nothing here
// adds data, it only withholds.

/** The subscriber fields a reviewer can withhold, in the order they are shown. */
export const SUBSCRIBER_FIELD_LABELS = {
  account: { ja: 'アカウント', en: 'Account' },
  name: { ja: '氏名', en: 'Name' },
  nameKana: { ja: 'フリガナ', en: 'Name (kana)' },
  installationAddress: { ja: '設置場所の住所', en: 'Installation address' },
  billingAddress: { ja: '請求先の住所', en: 'Billing address' },
  phone: { ja: '電話番号', en: 'Phone' },
  email: { ja: 'メールアドレス', en: 'E-mail' },
  contractStart: { ja: '契約開始', en: 'Contract start' },
  contractEnd: { ja: '契約終了', en: 'Contract end' },
} as const satisfies Record<string, Bilingual>;
export type SubscriberField = keyof typeof SUBSCRIBER_FIELD_LABELS;
export const SUBSCRIBER_FIELDS = Object.keys(SUBSCRIBER_FIELD_LABELS) as SubscriberField[];

/** Form control names (one form, every item): `result.0`, `field.0.name`, `cand.0.1`, `note.0`. */
export const formName = {
  result: (i: number) => `result.${i}`,
  field: (i: number, f: SubscriberField) => `field.${i}.${f}`,
  candidate: (i: number, j: number) => `cand.${i}.${j}`,
  note: (i: number) => `note.${i}`,
};

/** The subscriber fields an item discloses, at its level or in any candidate of its finding. */
export function disclosedFields(item: AnswerItem): SubscriberField[] {
  const present = new Set<string>(Object.keys(item.subscriber ?? {}));
  for (const c of item.finding?.candidates ?? []) {
    if (c.account !== undefined) present.add('account');
    for (const k of Object.keys(c.person ?? {})) present.add(k);
    if (c.line?.installationAddress !== undefined) present.add('installationAddress');
    if (c.line?.billingAddress !== undefined) present.add('billingAddress');
  }
  return SUBSCRIBER_FIELDS.filter((f) => present.has(f));
}

type Form = Record<string, unknown>;

function bad(field: string, value: unknown, ja: string, en: string): never {
  throw invalidField(field, value, ja, en);
}

function withhold(item: AnswerItem, f: SubscriberField): AnswerItem {
  const next: AnswerItem = { ...item };
  if (next.subscriber) {
    const { [f]: _gone, ...rest } = next.subscriber;
    next.subscriber = Object.keys(rest).length > 0 ? rest : undefined;
    if (next.subscriber === undefined) delete next.subscriber;
  }
  if (next.finding) {
    next.finding = {
      ...next.finding,
      candidates: next.finding.candidates.map((c) => {
        const cand = { ...c };
        if (f === 'account') delete cand.account;
        if (cand.person && f !== 'account') {
          const { [f]: _p, ...person } = cand.person as Record<string, string | undefined>;
          cand.person = person;
        }
        if (cand.line && (f === 'installationAddress' || f === 'billingAddress')) {
          const { [f]: _l, ...line } = cand.line;
          cand.line = { ...line, addressesDiffer: false };
        }
        return cand;
      }),
    };
  }
  return next;
}

/**
 * The edited answer from the posted form (throws DomainError naming the control, e.g. `items.1.candidates`).
 * An ambiguous finding keeps at least two candidates: withholding all but one would read as a single
 * subscriber; to disclose none, the reviewer changes the item's result instead.
 */
export function draftFromForm(draft: AnswerContent, form: Form): AnswerContent {
  const items = draft.items.map((original, i): AnswerItem => {
    const raw = form[formName.result(i)];
    const result = typeof raw === 'string' ? raw : original.result;
    if (!(ANSWER_ITEM_RESULTS as readonly string[]).includes(result)) {
      bad(`items.${i}.result`, result, `結果「${result}」は選べません`, `"${result}" is not a result one can choose`);
    }
    let item: AnswerItem = { ...original, result: result as AnswerItemResult };
    const noteRaw = form[formName.note(i)];
    const note = typeof noteRaw === 'string' ? noteRaw.trim() : '';
    if (note === '') delete item.note;
    else item.note = note;
    if (item.result !== 'found') {
      // Not disclosed: no data, and no finding that names anyone (a `none` finding names no one: kept).
      for (const k of ['subscriber', 'accessLog', 'member', 'terminalUse', 'traffic', 'content'] as const)
        delete item[k];
      if (item.finding && item.finding.verdict !== 'none') delete item.finding;
      return item;
    }
    for (const f of disclosedFields(original)) {
      if (form[formName.field(i, f)] === undefined) item = withhold(item, f);
    }
    const finding = item.finding;
    if (finding?.verdict === 'ambiguous') {
      const kept = finding.candidates.filter((_, j) => form[formName.candidate(i, j)] !== undefined);
      if (kept.length < 2 && kept.length < finding.candidates.length) {
        bad(`items.${i}.candidates`, kept.length, KEEP_TWO_CANDIDATES.ja, KEEP_TWO_CANDIDATES.en);
      }
      item.finding = { ...finding, candidates: kept };
    }
    return item;
  });
  return { ...draft, items };
}

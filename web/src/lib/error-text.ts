// What a person reads of a refusal: the server's message, with the field it concerns named in words
// from the labels the screens already show. The dotted path of a field (`content.targets.0.at`) is
// for programs: it stays in the error's details and is never shown.
import { fieldInWords, statisticsFieldInWords } from '#shokai/field-words';
import type { Bilingual } from '#shokai/vocabulary';

export { fieldInWords, statisticsFieldInWords };

/** How a form names its fields in words: fieldInWords, or a form's own labels (a target's `IPアドレス`). */
export type FieldWords = (field: string) => Bilingual | null;

/**
 * One message with its field in words in front: `対象 1 › 日時: …` — unless the message already names it in
 * both languages (`期間の終わりは始まりより後で…`), as the CLI's notes do.
 */
export function issueText(message: Bilingual, field: unknown, words: FieldWords = fieldInWords): Bilingual {
  if (typeof field !== 'string' || field === '') return message;
  const named = words(field);
  if (!named) return message;
  if (message.ja.includes(named.ja) && message.en.toLowerCase().includes(named.en.toLowerCase())) return message;
  return { ja: `${named.ja}: ${message.ja}`, en: `${named.en}: ${message.en}` };
}

export interface RefusalIssue {
  field: string;
  message: Bilingual;
}

function isIssue(v: unknown): v is RefusalIssue {
  if (typeof v !== 'object' || v === null || !('field' in v) || !('message' in v)) return false;
  const m = v.message;
  return (
    typeof v.field === 'string' &&
    typeof m === 'object' &&
    m !== null &&
    'ja' in m &&
    'en' in m &&
    typeof m.ja === 'string' &&
    typeof m.en === 'string'
  );
}

/** The issues of a failed validation, each with its field and message (the field a path, for programs). */
export function refusalIssueList(details: Record<string, unknown> | undefined): RefusalIssue[] {
  const issues = details?.issues;
  return Array.isArray(issues) ? issues.filter(isIssue) : [];
}

/**
 * The issues of a failed validation, each in words, each once; empty for any other refusal. An issue
 * whose field is named only by the object it belongs to (`令状: 入力が必要です`) beside issues that name that
 * object's own fields (`令状 › 令状番号`) repeats them in words a person cannot act on: it is left out.
 */
export function refusalIssues(
  details: Record<string, unknown> | undefined,
  words: FieldWords = fieldInWords,
): Bilingual[] {
  const said: Bilingual[] = [];
  const all = refusalIssueList(details);
  const named = all.map((i) => (i.field === '' ? null : words(i.field)));
  const within = (inner: Bilingual | null, outer: Bilingual) => inner?.ja.startsWith(`${outer.ja} › `) === true;
  for (const [n, i] of all.entries()) {
    const name = named[n];
    if (name && named.some((other) => within(other, name))) continue;
    const b = issueText(i.message, i.field, words);
    if (!said.some((s) => s.ja === b.ja && s.en === b.en)) said.push(b);
  }
  return said;
}

/** The refusal's headline: its message, naming its field in words. */
export function refusalText(
  message: Bilingual,
  details: Record<string, unknown> | undefined,
  words: FieldWords = fieldInWords,
): Bilingual {
  return issueText(message, details?.field, words);
}

/**
 * Problems this side found in a form before sending it (a time its field could not read), each
 * already in words: thrown instead of sending, shown as a refusal's issues are.
 */
export class FormIssues extends Error {
  override name = 'FormIssues';
  readonly issues: Bilingual[];
  constructor(issues: Bilingual[]) {
    super(issues.map((i) => i.en).join('; '));
    this.issues = issues;
  }
}

/** An error of this side whose message is already in the person's words and language (shown as is). */
export class ShownError extends Error {
  override name = 'ShownError';
}

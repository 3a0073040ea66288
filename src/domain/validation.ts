import { z } from 'zod';
import type { ErrorCode } from './errors.ts';
import { DomainError, ERROR_CODES } from './errors.ts';
import { visibleText } from './shown-text.ts';
import { type Bilingual, REQUIRED_MESSAGE } from './vocabulary.ts';

/**
 * From zod issues to the domain's error codes. Schemas of the domain put `params.code` (and
 * `params.ja`, the Japanese message) on every custom issue; the remaining zod issue kinds map here,
 * so the HTTP layer needs one call per issue.
 */

type Issue = z.core.$ZodIssue;

/** Free text of an input: trimmed, from `min` to `max` characters. */
export const text = (min: number, max: number) => z.string().trim().min(min).max(max);

/** The language a file is written in: Japanese (the default) or English; any other is refused with the choices. */
export const FileLanguage = z.enum(['ja', 'en']).default('ja');

/** The Japanese of a pattern check's message, by its English (a format issue carries only the English). */
const PATTERN_JA = new Map<string, string>();

/**
 * A pattern check's message in both languages, as `.regex(re, patternWords(words))`: the English is the
 * issue's message, the Japanese is said for it (not a bare 形式が正しくありません beside an explained English).
 */
export function patternWords(words: Bilingual): string {
  PATTERN_JA.set(words.en, words.ja);
  return words.en;
}

/** Bytes sent as base64url text (a passkey's parts and signature), up to 20,000 characters. */
export const base64urlField = z
  .string()
  .min(1)
  .max(20000)
  .regex(/^[A-Za-z0-9_-]+$/, 'base64url');

/** The dotted path of an issue, as named in error details: `targets.2.address`. */
export function issueField(issue: { path: ReadonlyArray<PropertyKey> }, prefix?: string): string {
  const parts = issue.path.map((p) => String(p));
  if (prefix !== undefined && prefix !== '') parts.unshift(prefix);
  return parts.length === 0 ? '(root)' : parts.join('.');
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** The domain error code of one zod issue. */
export function issueErrorCode(issue: Issue): ErrorCode {
  if (issue.code === 'custom') {
    const code = issue.params?.code;
    return isErrorCode(code) ? code : 'VALIDATION_FAILED';
  }
  if (issue.code === 'unrecognized_keys') return 'UNKNOWN_FIELD';
  if (issue.code === 'invalid_union' && 'discriminator' in issue && issue.path.some((p) => p === 'targets')) {
    return 'INVALID_IDENTIFIER';
  }
  return 'VALIDATION_FAILED';
}

/** What a value of a kind is called in a message (a number, a text…). */
const KIND_WORDS: Readonly<Record<string, Bilingual>> = {
  string: { ja: '文字列', en: 'a text' },
  number: { ja: '数値', en: 'a number' },
  int: { ja: '整数', en: 'a whole number' },
  bigint: { ja: '整数', en: 'a whole number' },
  boolean: { ja: 'true または false', en: 'true or false' },
  array: { ja: '一覧（配列）', en: 'a list (array)' },
  object: { ja: '項目の組（オブジェクト）', en: 'a set of fields (object)' },
  date: { ja: '日付', en: 'a date' },
};

/** The values a choice takes, as written in the input: at most 12, then how many more. */
function choices(values: ReadonlyArray<unknown>, sep: string, more: (n: number) => string): string {
  const shown = values.slice(0, 12).map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v))));
  return values.length > 12 ? `${shown.join(sep)}${more(values.length - 12)}` : shown.join(sep);
}

/** A bound of a size: a number's value, a text's length, a list's count. */
function bound(origin: string, n: string, side: 'min' | 'max', inclusive: boolean): Bilingual | null {
  const min = side === 'min';
  if (origin === 'number' || origin === 'int' || origin === 'bigint') {
    return min
      ? {
          ja: `${n} ${inclusive ? '以上' : 'より大きい値'}にしてください`,
          en: `must be ${inclusive ? 'at least' : 'more than'} ${n}`,
        }
      : {
          ja: `${n} ${inclusive ? '以下' : '未満'}にしてください`,
          en: `must be ${inclusive ? 'at most' : 'less than'} ${n}`,
        };
  }
  if (origin === 'string') {
    return min
      ? { ja: `${n} 文字以上で入力してください`, en: `must be at least ${n} characters long` }
      : { ja: `${n} 文字以内で入力してください`, en: `must be at most ${n} characters long` };
  }
  if (origin === 'array' || origin === 'set') {
    return min
      ? { ja: `${n} 件以上指定してください`, en: `needs at least ${n} entries` }
      : { ja: `${n} 件までにしてください`, en: `takes at most ${n} entries` };
  }
  return null;
}

/**
 * Our words for an issue of zod's own kinds, in both languages: what is expected, with the choices or
 * bounds (never the library's wording or a programming type name). Null for a kind not worded here.
 */
export function issueWords(issue: Issue | z.core.$ZodRawIssue): Bilingual | null {
  switch (issue.code) {
    case 'invalid_type': {
      const kind = KIND_WORDS[issue.expected];
      return kind ? { ja: `${kind.ja}を指定してください`, en: `${kind.en} is expected` } : null;
    }
    case 'invalid_value': {
      if (issue.values.length === 1) {
        const one = choices(issue.values, '', () => '');
        return { ja: `「${one}」を指定してください`, en: `expected "${one}"` };
      }
      return {
        ja: `次のいずれかを指定してください: ${choices(issue.values, '、', (n) => `ほか ${n} 件`)}`,
        en: `expected one of: ${choices(issue.values, ', ', (n) => ` and ${n} more`)}`,
      };
    }
    case 'too_small':
      return bound(issue.origin, String(issue.minimum), 'min', issue.inclusive !== false);
    case 'too_big':
      return bound(issue.origin, String(issue.maximum), 'max', issue.inclusive !== false);
    case 'unrecognized_keys': {
      const keys = choices(issue.keys, '', () => '');
      const list = {
        ja: choices(issue.keys, '、', (n) => `ほか ${n} 件`),
        en: choices(issue.keys, ', ', (n) => ` and ${n} more`),
      };
      return keys === ''
        ? null
        : { ja: `受け付けない項目があります: ${list.ja}`, en: `not a field this takes: ${list.en}` };
    }
    case 'invalid_union': {
      // A discriminated union whose tag matched none of its options: the tag's choices, as for a value.
      const options = 'options' in issue && Array.isArray(issue.options) ? (issue.options as unknown[]) : [];
      if (!('discriminator' in issue) || options.length === 0) return null;
      return {
        ja: `次のいずれかを指定してください: ${choices(options, '、', (n) => `ほか ${n} 件`)}`,
        en: `expected one of: ${choices(options, ', ', (n) => ` and ${n} more`)}`,
      };
    }
    case 'invalid_format':
      if (issue.format === 'email') return { ja: 'メールアドレスの形式ではありません', en: 'not an e-mail address' };
      if (issue.format === 'url') return { ja: 'URL の形式ではありません', en: 'not a URL' };
      return { ja: '形式が正しくありません', en: 'not in the expected format' };
    default:
      return null;
  }
}

// zod's own issues are worded in English by issueWords unless a schema gave its own message (a schema's
// message comes first in zod's order); the Japanese is issueMessageJa's.
z.config({ customError: (issue) => (isMissing(issue) ? REQUIRED_MESSAGE.en : issueWords(issue)?.en) });

/** A field not given at all (zod reads it as of the wrong type): said to be required. */
function isMissing(issue: z.core.$ZodRawIssue): boolean {
  return issue.code === 'invalid_type' && issue.input === undefined && issue.expected !== 'undefined';
}

/**
 * The Japanese message of an issue: ours carry it in params.ja; zod's own are worded by issueWords. It
 * names no field: the path is in the issue's `field`, and a person is shown the field in words.
 */
export function issueMessageJa(issue: Issue): string {
  if (issue.code === 'custom' && typeof issue.params?.ja === 'string') return issue.params.ja;
  const pattern = issue.code === 'invalid_format' ? PATTERN_JA.get(issue.message) : undefined;
  if (pattern !== undefined) return pattern;
  if (isLeftEmpty(issue) || (issue.code === 'invalid_type' && issue.message === REQUIRED_MESSAGE.en)) {
    return REQUIRED_MESSAGE.ja;
  }
  return issueWords(issue)?.ja ?? '値が不正です';
}

/** A required text left empty: said as such, not as a length out of range. */
function isLeftEmpty(issue: Issue): boolean {
  return issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) === 1;
}

/** One issue of a failed parse: where (`field`, a dotted path for programs), its code, and what is wrong. */
export type ValidationIssue = { field: string; code: ErrorCode; message: { ja: string; en: string } };

/**
 * The issues of a failed parse, each in words. The words may repeat the input (an unknown key is named):
 * what a reader would not see as written is put as `\uXXXX` (shown-text.ts), with the top message of an
 * API error made safe the same way at the server's sink.
 */
export function describeIssues(error: z.ZodError, prefix?: string): ValidationIssue[] {
  return error.issues.map((issue) => ({
    field: issueField(issue, prefix),
    code: issueErrorCode(issue),
    message: {
      ja: visibleText(issueMessageJa(issue), { keepLines: true }),
      en: visibleText(isLeftEmpty(issue) ? REQUIRED_MESSAGE.en : issue.message, { keepLines: true }),
    },
  }));
}

/**
 * Parse with a schema or throw one DomainError: its code is that of the first issue, details carry
 * `field` (first issue's path) and every issue.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, prefix?: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw validationError(result.error, value, prefix);
}

/** One DomainError for a failed parse of `value`: the first issue's code, field and value, and every issue. */
export function validationError(error: z.ZodError, value: unknown, prefix?: string): DomainError {
  const issues = describeIssues(error, prefix);
  const first = issues[0] ?? {
    field: prefix ?? '(root)',
    code: 'VALIDATION_FAILED' as const,
    message: { ja: '入力が不正です', en: 'invalid input' },
  };
  const firstIssue = error.issues[0];
  const firstValue = firstIssue === undefined ? undefined : echoedValue(value, firstIssue);
  return new DomainError(first.code, first.message, {
    field: first.field,
    ...(firstValue === undefined ? {} : { value: firstValue }),
    issues,
  });
}

/** A field whose value an error never repeats: a secret the caller typed. */
const SECRET_FIELD = /pass(word|phrase)|totp|secret|token|private|recovery/i;

/** The longest text an error's details repeat for programs; longer is cut with `…`. */
export const MAX_ECHOED_TEXT = 1000;

/**
 * The value an error's details repeat for programs: the scalar at the issue's field, a long text cut;
 * the names of unknown fields rather than the object holding them; never a secret's value, and never
 * an object or list (a body sent back would carry every field of it, a password among them).
 */
function echoedValue(root: unknown, issue: Issue): unknown {
  if (issue.code === 'unrecognized_keys') return issue.keys;
  if (issue.path.some((p) => typeof p === 'string' && SECRET_FIELD.test(p))) return undefined;
  const v = valueAt(root, issue.path);
  if (typeof v === 'string') return v.length > MAX_ECHOED_TEXT ? `${v.slice(0, MAX_ECHOED_TEXT)}…` : v;
  return typeof v === 'number' || typeof v === 'boolean' || v === null ? v : undefined;
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let cur: unknown = root;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[p];
  }
  return cur;
}

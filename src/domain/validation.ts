import { z } from 'zod';
import type { ErrorCode } from './errors.ts';
import { DomainError, ERROR_CODES } from './errors.ts';
import { visibleText } from './shown-text.ts';
import { REQUIRED_MESSAGE } from './vocabulary.ts';

/**
 * From zod issues to the domain's error codes. Schemas of the domain put `params.code` (and
 * `params.ja`, the Japanese message) on every custom issue; the remaining zod issue kinds map here,
 * so the HTTP layer needs one call per issue.
 */

type Issue = z.core.$ZodIssue;

/** Free text of an input: trimmed, from `min` to `max` characters. */
export const text = (min: number, max: number) => z.string().trim().min(min).max(max);

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

/**
 * The Japanese message of an issue: ours carry it in params.ja; zod's own get a generic sentence. It
 * names no field: the path is in the issue's `field`, and a person is shown the field in words.
 */
export function issueMessageJa(issue: Issue): string {
  if (issue.code === 'custom' && typeof issue.params?.ja === 'string') return issue.params.ja;
  if (isLeftEmpty(issue)) return REQUIRED_MESSAGE.ja;
  if (issue.code === 'unrecognized_keys') return `未知の項目があります: ${issue.keys.join(', ')}`;
  if (issue.code === 'invalid_type') return `型が不正です（${issue.expected} が必要です）`;
  if (issue.code === 'too_small' || issue.code === 'too_big') return '値または長さが許容範囲外です';
  return '値が不正です';
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
  const firstValue = firstIssue === undefined ? undefined : valueAt(value, firstIssue.path);
  return new DomainError(first.code, first.message, { field: first.field, value: firstValue, issues });
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let cur: unknown = root;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[p];
  }
  return cur;
}

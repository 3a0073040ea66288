import { DomainError } from '../domain/errors.ts';
import { moreValuesThan, repeatedKeyProblem } from '../domain/json-keys.ts';

// One check of every JSON body at the door, before any handler or service sees it: nesting deeper
// than any request of the API needs (deeper bodies exhaust recursive code such as JSON.stringify and
// canonicalisation: a 500 instead of an answer), and text that is not well-formed Unicode (a lone
// UTF-16 surrogate can be stored but never signed, so the request could never be approved), and a key
// twice in one object (JSON.parse keeps the last; a reviewer or another parser may read the first).

/**
 * A body over 1 MiB (only the mail analysis takes one: a message and its key records, a few values) holds
 * at most this many objects, arrays and values; counted before it is parsed (`moreValuesThan`).
 */
export const MAX_LARGE_VALUES = 10_000;
const LARGE_TEXT = 1024 * 1024;

/** Far deeper than any body of the API needs (its deepest bodies nest a few levels). */
export const MAX_JSON_DEPTH = 32;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const fieldOf = (path: readonly (string | number)[]) => (path.length === 0 ? '(root)' : path.join('.'));

/** The problem of a parsed JSON body, naming the field; undefined when there is none. Iterative. */
export function jsonBodyProblem(body: unknown): DomainError | undefined {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: body, path: [] }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { value, path } = item;
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value)) return loneSurrogate(fieldOf(path));
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= MAX_JSON_DEPTH) {
      const shown = `${path.slice(0, 8).join('.')}${path.length > 8 ? '…' : ''}`;
      return new DomainError(
        'VALIDATION_FAILED',
        {
          ja: `本文の入れ子が深すぎます（${MAX_JSON_DEPTH} 段まで）`,
          en: `the body is nested too deeply (at most ${MAX_JSON_DEPTH} levels)`,
        },
        { field: shown, maxDepth: MAX_JSON_DEPTH },
      );
    }
    const worth = (v: unknown) => typeof v === 'string' || (v !== null && typeof v === 'object');
    if (Array.isArray(value)) {
      value.forEach((v, i) => {
        if (worth(v)) stack.push({ value: v, path: [...path, i] });
      });
      continue;
    }
    for (const [k, v] of Object.entries(value)) {
      if (LONE_SURROGATE.test(k)) return loneSurrogate(fieldOf([...path, k]));
      if (worth(v)) stack.push({ value: v, path: [...path, k] });
    }
  }
  return undefined;
}

function loneSurrogate(field: string): DomainError {
  return new DomainError(
    'VALIDATION_FAILED',
    {
      ja: '文字として成り立たない符号（対になっていない UTF-16 サロゲート）が含まれています',
      en: 'contains a character that is not valid text (a lone UTF-16 surrogate)',
    },
    { field },
  );
}

/**
 * The problem of a body's JSON text, naming the field; undefined when there is none, and when the text is
 * empty or not JSON (the handler's own parse answers that, as before).
 */
export function jsonTextProblem(text: string): DomainError | undefined {
  if (text.length > LARGE_TEXT && moreValuesThan(text, MAX_LARGE_VALUES)) {
    return new DomainError(
      'VALIDATION_FAILED',
      {
        ja: `大きな本文の値が多すぎます（1 MiB を超える本文は ${MAX_LARGE_VALUES} 個まで）`,
        en: `a large body holds too many values (at most ${MAX_LARGE_VALUES} in a body over 1 MiB)`,
      },
      { field: '(root)', maxValues: MAX_LARGE_VALUES },
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  return jsonBodyProblem(parsed) ?? repeatedKeyProblem(text);
}

import { DomainError } from './errors.ts';
import { shownInput } from './shown-text.ts';
import type { Bilingual } from './vocabulary.ts';

// A key twice in one object of a JSON text. JSON.parse keeps the last value, silently; a reviewer
// reading the text, a log, or another party's parser may keep the first. What the hub signs is the
// canonical form of what it parsed, so one text could be read as two requests. Such a text is refused
// wherever JSON enters from outside (the API's door, the files a person or another party hands over).
// And a text that is not JSON at all is said in words (notJson), never in the parser's English.

/** One open object or array of the text: the keys seen so far, or the index of the current item. */
type Frame =
  | { kind: 'object'; keys: Set<string>; key: string | null; expectKey: boolean }
  | { kind: 'array'; index: number };

/**
 * Where the string token opening at `start` (a `"`) ends, just after its closing quote: the first quote
 * after an even run of backslashes (the text is already known to be JSON). A scan, not a regular
 * expression: a backtracking one overflows the stack on a string of some MiB (a whole e-mail message).
 */
function stringEnd(text: string, start: number): number {
  for (let from = start + 1; ; ) {
    const quote = text.indexOf('"', from);
    if (quote < 0) return text.length;
    let k = quote - 1;
    while (k > start && text.charCodeAt(k) === 0x5c) k--;
    if ((quote - 1 - k) % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

/**
 * Whether a JSON text opens more than `max` objects and arrays or separates more than `max` values
 * (`{`, `[` and `,` outside strings), counted in one scan before anything is parsed: a large body made of
 * tiny values (`[[],[],…]`) costs many times its size once parsed and walked.
 */
export function moreValuesThan(text: string, max: number): boolean {
  let n = 0;
  for (let i = 0; i < text.length; ) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22) {
      i = stringEnd(text, i);
      continue;
    }
    if ((ch === 0x7b || ch === 0x5b || ch === 0x2c) && ++n > max) return true;
    i++;
  }
  return false;
}

/**
 * The path of the first key a JSON text repeats within one object (`['content', 'targets', 0, 'id']`),
 * or undefined. `text` must already have parsed as JSON (JSON.parse); this only walks its tokens, once,
 * without recursion, comparing keys as parsed (`"a"` and `"\u0061"` are the same key).
 */
export function repeatedKeyPath(text: string): (string | number)[] | undefined {
  const stack: Frame[] = [];
  const pathTo = (key: string) => [
    ...stack.slice(0, -1).map((f) => (f.kind === 'object' ? (f.key ?? '') : f.index)),
    key,
  ];
  for (let i = 0; i < text.length; ) {
    const ch = text[i];
    if (ch === '"') {
      const end = stringEnd(text, i);
      const token = text.slice(i, end);
      i = end;
      const top = stack.at(-1);
      if (top?.kind !== 'object' || !top.expectKey) continue; // a value: skipped whole
      const key = token.includes('\\') ? (JSON.parse(token) as string) : token.slice(1, -1);
      if (top.keys.has(key)) return pathTo(key);
      top.keys.add(key);
      top.key = key;
      top.expectKey = false;
      continue;
    }
    i++;
    if (ch === '{') stack.push({ kind: 'object', keys: new Set(), key: null, expectKey: true });
    else if (ch === '[') stack.push({ kind: 'array', index: 0 });
    else if (ch === '}' || ch === ']') stack.pop();
    else if (ch === ',') {
      const top = stack.at(-1);
      if (top?.kind === 'object') top.expectKey = true;
      else if (top) top.index++;
    }
  }
  return undefined;
}

/** The dotted path of the details (`content.targets.0.id`), as every refusal names its field. */
const dotted = (path: readonly (string | number)[]) => path.join('.');

/** The refusal of a text that repeats a key, naming the field (`prefix` before the path, e.g. a file's part). */
export function repeatedKeyError(path: readonly (string | number)[], prefix?: string): DomainError {
  const key = shownInput(String(path.at(-1) ?? ''));
  return new DomainError(
    'VALIDATION_FAILED',
    {
      ja: `項目「${key}」が同じまとまりの中に2回あります（読み手によってどちらの値とも取れるため、受け付けません）`,
      en: `the key "${key}" appears twice in the same object (readers could take either value, so it is refused)`,
    },
    { field: prefix ? `${prefix}.${dotted(path)}` : dotted(path), key: path.at(-1) },
  );
}

/** The refusal of a JSON text that repeats a key, or undefined (the text must already have parsed). */
export function repeatedKeyProblem(text: string, prefix?: string): DomainError | undefined {
  const path = repeatedKeyPath(text);
  return path ? repeatedKeyError(path, prefix) : undefined;
}

/** JSON.parse, refusing a text that repeats a key in one object (a text that is not JSON throws as JSON.parse does). */
export function parseJsonOnce(text: string): unknown {
  const value: unknown = JSON.parse(text);
  const problem = repeatedKeyProblem(text);
  if (problem) throw problem;
  return value;
}

/**
 * That `subject` is not JSON, in words: where the parser stopped (line and column) when it says, else the
 * character it did not expect, or that the text is empty or ends early.
 */
export function notJson(subject: Bilingual, text: string, err: unknown): Bilingual {
  if (text.trim() === '') return { ja: `${subject.ja} は空です（JSON がありません）`, en: `${subject.en} is empty` };
  const why = whyNotJson(text, err);
  return { ja: `${subject.ja} は JSON ではありません（${why.ja}）`, en: `${subject.en} is not JSON (${why.en})` };
}

/**
 * Why `text` did not parse as JSON (`err` is what JSON.parse threw), in words: where the parser stopped,
 * else the character it did not expect, that the text is empty or ends early; never the parser's English.
 */
export function whyNotJson(text: string, err: unknown): Bilingual {
  if (text.trim() === '') return { ja: '空です', en: 'it is empty' };
  const said = err instanceof Error ? err.message : '';
  const at = /\bat position (\d+)/.exec(said);
  if (at) {
    const lines = text.slice(0, Number(at[1])).split('\n');
    const [line, column] = [lines.length, (lines.at(-1)?.length ?? 0) + 1];
    return { ja: `${line} 行目 ${column} 文字目`, en: `line ${line}, column ${column}` };
  }
  // JSON.parse names the character it did not expect, but not where it is.
  const token = /^Unexpected token '(.+?)', /su.exec(said)?.[1];
  if (token !== undefined) {
    const shown = shownInput(token);
    return { ja: `予期しない文字「${shown}」があります`, en: `unexpected "${shown}"` };
  }
  if (/end of JSON input/.test(said)) return { ja: '途中で終わっています', en: 'it ends too early' };
  return { ja: '書き方が正しくありません', en: 'it is not written as JSON is' };
}

// What a command prints: a line, a result as JSON, or (with --json) the JSON and otherwise its text.
import { cliLocale } from '../kernel/text.ts';

/**
 * Characters a terminal acts on rather than shows: C0 controls but newline and tab, DEL, C1 controls, and the
 * bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). Text from the hub, a medium, a file or
 * another party could carry them to hide or rewrite what the reader sees (ESC [ …, OSC 8 links, BEL, CR).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters it finds.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text made safe to show on a terminal: each character a terminal would act on is written out as `\uXXXX`,
 * visible to the reader and, inside a JSON string, the same character when parsed. Newline and tab stay.
 */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** One line on standard output (made terminal-safe: it may carry words from the hub or another party). */
export function out(line: string): void {
  process.stdout.write(`${terminalSafe(line)}\n`);
}

/** One line on standard error, made terminal-safe as out's. */
export function warnLine(line: string): void {
  process.stderr.write(`${terminalSafe(line)}\n`);
}

/** A value as indented JSON on standard output. */
export function printJson(value: unknown): void {
  out(JSON.stringify(value, null, 2));
}

/** Whether the CLI speaks Japanese (SHOKAI_LANG). */
export function ja(): boolean {
  return cliLocale() === 'ja';
}

/**
 * A command's result: as JSON when the person asked for it (--json), else the lines people read
 * (`text` gives them; an empty list prints nothing).
 */
export function printResult<T>(
  json: boolean | undefined,
  value: T,
  text: (value: T) => string | readonly string[],
): void {
  if (json) {
    printJson(value);
    return;
  }
  const lines = text(value);
  for (const line of typeof lines === 'string' ? [lines] : lines) out(line);
}

/** A check's result, printed as printResult prints it; a failed check (not `ok`) exits 2. */
export function printCheck<T extends { ok: boolean }>(
  json: boolean | undefined,
  value: T,
  text: (value: T) => string | readonly string[],
): void {
  printResult(json, value, text);
  if (!value.ok) process.exitCode = 2;
}

// What a command prints: a line, a result as JSON, or (with --json) the JSON and otherwise its text.
import stringWidth from 'string-width';
import { visibleText } from '../domain/shown-text.ts';
import { cliLocale } from '../kernel/text.ts';
import { tr } from './language.ts';

/**
 * Text made safe to show on a terminal: each character a terminal would act on, or that changes how the line
 * reads (controls, zero-width and text-direction characters), is written out as `\uXXXX` by the domain's one
 * function (src/domain/shown-text.ts), visible to the reader and, inside a JSON string, the same character when
 * parsed. Newline and tab stay.
 */
export function terminalSafe(text: string): string {
  return visibleText(text, { keepLines: true });
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

/** What --json says it prints, for the commands whose result is the one object they made or changed. */
export const JSON_HELP = () => tr('結果を JSON で出力する', 'print the result as JSON');

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

/**
 * Rows as aligned columns: each cell padded to its column's widest as a terminal shows it (a CJK or
 * full-width character takes two columns), the last cell as it is, joined by two spaces, `indent` first.
 * Each cell is made terminal-safe (as `out` would) before it is measured.
 */
export function aligned(given: readonly (readonly string[])[], indent = '  '): string[] {
  const rows = given.map((row) => row.map(terminalSafe));
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, stringWidth(cell));
    });
  }
  const padded = (cell: string, i: number) => cell + ' '.repeat((widths[i] ?? 0) - stringWidth(cell));
  return rows.map(
    (row) => `${indent}${row.map((cell, i) => (i === row.length - 1 ? cell : padded(cell, i))).join('  ')}`,
  );
}

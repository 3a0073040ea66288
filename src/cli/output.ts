// What a command prints: a line, a result as JSON, or (with --json) the JSON and otherwise its text.
import { cliLocale } from '../kernel/text.ts';

/** One line on standard output. */
export function out(line: string): void {
  process.stdout.write(`${line}\n`);
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

// What every benchmark shares: its command-line options (--quick, --out and its own), the JSON it
// writes to bench/results/, and the Markdown table it prints.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = join(import.meta.dirname, '..', '..');

export interface BenchOptions<K extends string> {
  /** --quick: a short run (CI, a smoke test). */
  quick: boolean;
  /** --out FILE: where the JSON goes (default bench/results/NAME.json). */
  out: string;
  /** One of the bench's own options, as given, else its default. */
  option(name: K): string | undefined;
}

/**
 * The options of the benchmark `name`: --quick, --out, and its own string options with their defaults
 * (null: none).
 * Not strict: `npm run bench` passes the same extra arguments to every benchmark.
 */
export function benchOptions<K extends string = never>(
  name: string,
  own: Record<K, string | null> = {} as Record<K, string | null>,
): BenchOptions<K> {
  const options: Record<string, { type: 'string' | 'boolean'; default?: string | boolean }> = {
    quick: { type: 'boolean', default: false },
    out: { type: 'string', default: join(ROOT, 'bench', 'results', `${name}.json`) },
  };
  for (const [key, value] of Object.entries<string | null>(own))
    options[key] = value === null ? { type: 'string' } : { type: 'string', default: value };
  const { values } = parseArgs({ strict: false, options });
  const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  return {
    quick: values.quick === true,
    out: text(values.out) ?? join(ROOT, 'bench', 'results', `${name}.json`),
    option: (key) => text(values[key]),
  };
}

/** What a run's JSON begins with: the bench, when it ran, the load average of the minute before, its iterations. */
export function runHead(bench: string, iterations: number) {
  return { bench, at: new Date().toISOString(), loadAverage1m: loadavg()[0] ?? 0, iterations };
}

/** Writes the run's results as indented JSON, creating the folder. */
export function writeResults(out: string, result: unknown): void {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
}

/**
 * Writes the run's results and prints them: the JSON on one line, then a table of each measure's time
 * (to `digits` decimals) and its ratio to the first, the baseline measured in the same run.
 */
export function reportAgainstBaseline(
  out: string,
  result: unknown,
  head: readonly [string, string, string],
  measures: ReadonlyArray<{ name: string; ms: number }>,
  digits: number,
): void {
  writeResults(out, result);
  console.log(JSON.stringify(result));
  const baseline = measures[0]?.ms ?? Number.NaN;
  const row = (m: { name: string; ms: number }, i: number) => [
    m.name,
    m.ms.toFixed(digits),
    i === 0 ? '1.00' : (m.ms / baseline).toFixed(2),
  ];
  console.log(markdownTable(head, measures.map(row)));
}

/** A Markdown table: the heading row, the alignment row (left unless given, e.g. '---:'), the rows. */
export function markdownTable(
  head: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  align?: readonly string[],
): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), `|${(align ?? head.map(() => '---')).join('|')}|`, ...rows.map(line)].join('\n');
}

// `npm run bench:cli`: how long the `shokai` command takes to start, with the baseline in the same run.
// The baseline is what every command cost before the CLI loaded only the modules its command line names
// and before it kept Node's compile cache: every command module loaded (`shokai --help`), no cache. Each
// case runs the real launcher (bin/shokai.js) in a child process and stops at the command's help, so
// nothing but the start is measured. Each case's median wall time of N runs; the warm cache is filled by
// one untimed run in a folder of the bench's own.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchOptions, reportAgainstBaseline, runHead } from './lib/report.ts';

const BIN = join(import.meta.dirname, '..', 'bin', 'shokai.js');
const options = benchOptions('cli', { runs: '15' });
const runs = options.quick ? 3 : Number(options.option('runs'));
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs: a whole number of runs is needed, not ${runs}`);

const cache = mkdtempSync(join(tmpdir(), 'shokai-bench-cli-'));
const env = (cached: boolean): NodeJS.ProcessEnv => {
  const e: NodeJS.ProcessEnv = { ...process.env, SHOKAI_LANG: 'en', NODE_COMPILE_CACHE: cache };
  if (!cached) e.NODE_DISABLE_COMPILE_CACHE = '1';
  return e;
};

/** One start of the command `args`: its wall time in ms (it must succeed). */
function once(args: string[], cached: boolean): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, [BIN, ...args], { env: env(cached), encoding: 'utf8' });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`shokai ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return ms;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? Number.NaN) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

const cases: Array<{ name: string; args: string[]; cached: boolean }> = [
  { name: 'every module, no cache (baseline: before)', args: ['--help'], cached: false },
  { name: 'agent status: its group, no cache', args: ['agent', 'status', '--help'], cached: false },
  { name: 'user list: its two groups, no cache', args: ['user', 'list', '--help'], cached: false },
  { name: 'every module, warm cache', args: ['--help'], cached: true },
  { name: 'agent status: its group, warm cache', args: ['agent', 'status', '--help'], cached: true },
  { name: 'user list: its two groups, warm cache', args: ['user', 'list', '--help'], cached: true },
];

try {
  for (const c of cases) if (c.cached) once(c.args, true);
  const measures = cases.map((c) => {
    const times = Array.from({ length: runs }, () => once(c.args, c.cached));
    return { name: c.name, ms: median(times), times };
  });
  const result = { ...runHead('cli', runs), measures };
  reportAgainstBaseline(options.out, result, ['start of `shokai …`', 'median ms', 'ratio'], measures, 0);
} finally {
  rmSync(cache, { recursive: true, force: true });
}

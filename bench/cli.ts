// `npm run bench:cli`: how long the `shokai` command takes to start, with the baseline in the same run.
// The baseline is what every command cost before the CLI loaded only the modules its command line names
// and before it kept Node's compile cache: every command module loaded (`shokai --help`), no cache. Each
// case runs the real launcher (bin/shokai.js) in a child process and stops at the command's help, so
// nothing but the start is measured. Each case's median wall time of N runs; the warm cache is filled by
// one untimed run in a folder of the bench's own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { coldCli } from './lib/cli.ts';
import { benchOptions, reportAgainstBaseline, runHead } from './lib/report.ts';

const options = benchOptions('cli', { runs: '15' });
const runs = options.quick ? 3 : Number(options.option('runs'));
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs: a whole number of runs is needed, not ${runs}`);

const cache = mkdtempSync(join(tmpdir(), 'shokai-bench-cli-'));
/** The compile cache in the bench's own folder, or none at all. */
const env = (cached: boolean): NodeJS.ProcessEnv =>
  cached ? { NODE_COMPILE_CACHE: cache } : { NODE_COMPILE_CACHE: cache, NODE_DISABLE_COMPILE_CACHE: '1' };

const cases: Array<{ name: string; args: string[]; cached: boolean }> = [
  { name: 'every module, no cache (baseline: before)', args: ['--help'], cached: false },
  { name: 'agent status: its group, no cache', args: ['agent', 'status', '--help'], cached: false },
  { name: 'user list: its two groups, no cache', args: ['user', 'list', '--help'], cached: false },
  { name: 'every module, warm cache', args: ['--help'], cached: true },
  { name: 'agent status: its group, warm cache', args: ['agent', 'status', '--help'], cached: true },
  { name: 'user list: its two groups, warm cache', args: ['user', 'list', '--help'], cached: true },
];

try {
  for (const c of cases) if (c.cached) coldCli(c.args, 1, env(true));
  const measures = cases.map((c) => {
    const r = coldCli(c.args, runs, env(c.cached));
    return { name: c.name, ms: r.wallMs, cpuMs: r.cpuMs, times: r.walls };
  });
  const result = { ...runHead('cli', runs), measures };
  reportAgainstBaseline(options.out, result, ['start of `shokai …`', 'median ms', 'ratio'], measures, 0);
} finally {
  rmSync(cache, { recursive: true, force: true });
}

// The `shokai` command started cold, as a person or a script starts it: a new process a run, through the
// real launcher. What the benchmarks that time the command line share.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'shokai.js');
const clkTck = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** CPU time (user + system) of this process's finished children, in ms (Linux /proc; null elsewhere). */
function childrenCpuMs(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[13]) + Number(f[14])) * 1000) / clkTck;
  } catch {
    return null;
  }
}

/** The median of `xs` (the mean of the two middle values of an even count). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? Number.NaN) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

export interface ColdRuns {
  /** Median wall time of a run, ms. */
  wallMs: number;
  /** Median CPU time (user + system) of a run, ms; null where /proc is not there. */
  cpuMs: number | null;
  /** Each run's wall time, ms. */
  walls: number[];
}

/**
 * `shokai args` started `runs` times, each in a new process, in English with `env` added to this
 * process's environment; every run must succeed.
 */
export function coldCli(args: readonly string[], runs: number, env: NodeJS.ProcessEnv = {}): ColdRuns {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let k = 0; k < runs; k++) {
    const c0 = childrenCpuMs();
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [BIN, ...args], {
      encoding: 'utf8',
      env: { ...process.env, SHOKAI_LANG: 'en', ...env },
    });
    walls.push(performance.now() - t0);
    const c1 = childrenCpuMs();
    if (c0 !== null && c1 !== null) cpus.push(c1 - c0);
    if (r.status !== 0) throw new Error(`shokai ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  }
  return { wallMs: Math.round(median(walls)), cpuMs: cpus.length ? Math.round(median(cpus)) : null, walls };
}

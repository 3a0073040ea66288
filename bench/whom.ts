// npm run bench:whom [-- --quick --out FILE]
//
// Whom to ask about an address, as the API and the trace call it: one audited unit of work per
// question (whomToAsk) over a SQLite store holding generated registry data for all five RIRs (the
// data of `npm run bench:evidence`) and the demo's directory. Baseline in the same run: the registry
// lookup use case (lookupRegistry) for the same addresses, which loads the saved index from its
// snapshot on every call — what whom-to-ask would cost without its in-memory index per store.
// Prints a table and writes JSON (bench/results/whom.json). Only 127.0.0.1; no network.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { SYSTEM_CALLER } from '../src/domain/access.ts';
import { refreshRegistrySnapshot } from '../src/evidence/registry/registry-index.ts';
import { importRegistry, lookupRegistry } from '../src/evidence/registry/registry-service.ts';
import { whomToAsk } from '../src/evidence/whom/whom-service.ts';
import { run } from '../src/kernel/unit-of-work.ts';
import { withDemoStore } from './lib/demo-store.ts';
import { benchOptions, markdownTable, writeResults } from './lib/report.ts';

const ROOT = join(import.meta.dirname, '..');
const args = benchOptions('whom');
const QUICK = args.quick;
const WHOM_CALLS = QUICK ? 100 : 1000;
const BASE_CALLS = QUICK ? 5 : 20;

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const load0 = loadavg()[0] ?? 0;
await withDemoStore('whom', async ({ dir, store, ctx }) => {
  const dataDir = join(dir, 'rir');
  execFileSync(process.execPath, [join(ROOT, 'bench', 'evidence.ts'), '--write-data', dataDir], { stdio: 'ignore' });
  const files = readdirSync(dataDir).map((name) => ({ name, content: readFileSync(join(dataDir, name)) }));
  const t0 = performance.now();
  await run(ctx, importRegistry, SYSTEM_CALLER, { files });
  await refreshRegistrySnapshot(store);
  const importMs = performance.now() - t0;

  // Addresses spread over the generated IPv4 space, plus the demo's declared ones.
  let seed = 0x5eed;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const address = (i: number) =>
    i % 10 === 0
      ? `203.0.113.${i % 250}`
      : `${1 + Math.floor(rand() * 222)}.${Math.floor(rand() * 256)}.${Math.floor(rand() * 256)}.` +
        `${1 + Math.floor(rand() * 254)}`;

  const measure = async (n: number, fn: (i: number) => Promise<unknown>) => {
    const w = performance.now();
    const c = cpuMs();
    for (let i = 0; i < n; i++) await fn(i);
    return { calls: n, wallMs: performance.now() - w, cpuMs: cpuMs() - c };
  };
  const ask = (i: number) =>
    run(ctx, whomToAsk, SYSTEM_CALLER, {
      address: address(i),
      port: 40000 + (i % 1000),
      at: '2026-11-30T23:42:17+09:00',
    });
  const first = await measure(1, ask);
  const whom = await measure(WHOM_CALLS, ask);
  const baseline = await measure(BASE_CALLS, (i) =>
    run(ctx, lookupRegistry, SYSTEM_CALLER, { addresses: [address(i)] }),
  );
  const perSec = (m: { calls: number; wallMs: number }) => (m.calls * 1000) / m.wallMs;
  const result = {
    at: new Date().toISOString(),
    node: process.version,
    loadAverage: { start: load0, end: loadavg()[0] ?? 0 },
    data: { files: files.length, bytes: files.reduce((n, f) => n + f.content.length, 0), importAndIndexMs: importMs },
    whomFirstCallMs: first.wallMs,
    whom: { ...whom, perSecond: perSec(whom), msPerCall: whom.wallMs / whom.calls },
    baselineLookupRegistry: { ...baseline, perSecond: perSec(baseline), msPerCall: baseline.wallMs / baseline.calls },
    ratio: perSec(whom) / perSec(baseline),
  };
  writeResults(args.out, result);
  const row = (name: string, m: { calls: number; wallMs: number; cpuMs: number }) => [
    name,
    String(m.calls),
    `${(m.wallMs / m.calls).toFixed(2)} ms`,
    `${(m.cpuMs / m.calls).toFixed(2)} ms`,
    perSec(m).toFixed(1),
  ];
  process.stdout.write(
    [
      `registry data: ${result.data.files} files, ${(result.data.bytes / 1e6).toFixed(1)} MB; ` +
        `load average ${load0.toFixed(1)} → ${result.loadAverage.end.toFixed(1)}`,
      markdownTable(
        ['measure', 'calls', 'wall per call', 'CPU per call', 'calls/s'],
        [
          row('whomToAsk (audited unit of work, index kept per store)', whom),
          row('baseline: lookupRegistry (index loaded from its snapshot per call)', baseline),
          ['first whomToAsk (loads the index)', '1', `${first.wallMs.toFixed(0)} ms`, '', ''],
        ],
        ['---', '---:', '---:', '---:', '---:'],
      ),
      `ratio whomToAsk ÷ baseline: ${result.ratio.toFixed(1)}×`,
      `wrote ${args.out}`,
      '',
    ].join('\n'),
  );
});

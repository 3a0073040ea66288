// Flows read end-first: conntrack flows and NetScaler LSN mappings over rotated files, ingested oldest file first
// (the baseline: every flow's start read before its end) and newest file first (each flow crossing a rotation has
// its end read before its start, kept unstarted and joined at the start file's last commit: same-start.ts,
// fileOpenNatSql). Both orders in one run, on a fresh store each; the ratio of their ingest and lookup rates is
// the cost of reading end-first. The same lookups must give the same answers in both orders (verdict, accounts,
// spans, notes, reasons, sources) and the same stored rows: else the run fails.
//
//   npm run bench:attribution-flows -- [--flows 200000] [--files 24] [--hours 6] [--subscribers 20000]
//                                      [--lookups 5000] [--formats conntrack,netscaler-lsn] [--store postgres]
//
// `--store postgres`: the store in a schema of its own at SHOKAI_BENCH_POSTGRES_URL (else the test URL,
// 127.0.0.1 only), dropped before and after each order. `--dir DIR --keep yes`: the log files are left in DIR.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestFiles } from '../src/attribution/ingest.ts';
import { parseLogSource } from '../src/attribution/log-source.ts';
import { type Resolution, Resolver } from '../src/attribution/resolver.ts';
import { attributionRepository } from '../src/attribution/store/repositories.ts';
import type { StoreStats } from '../src/attribution/store/types.ts';
import { formatIPv4 } from '../src/net/address.ts';
import { openStore } from '../src/store/database.ts';
import { type Flows, FlowWriter } from './lib/flow-logs.ts';
import { seededRandom } from './lib/generate.ts';
import { benchPostgresUrl, dropSchema } from './lib/postgres.ts';
import { benchOptions, markdownTable, runHead, writeResults } from './lib/report.ts';

const opts = benchOptions('attribution-flows', {
  flows: '200000',
  files: '24',
  hours: '6',
  subscribers: '20000',
  lookups: '5000',
  formats: 'conntrack,netscaler-lsn',
  store: null,
  dir: null,
  keep: null,
});
const num = (name: 'flows' | 'files' | 'hours' | 'subscribers' | 'lookups'): number => {
  const v = Number(opts.option(name));
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name}: not a positive whole number: "${opts.option(name)}"`);
  return v;
};
const FLOWS = opts.quick ? 20_000 : num('flows');
const FILES = num('files');
const SPAN = num('hours') * 3600;
const SUBS = num('subscribers');
const LOOKUPS = opts.quick ? 1000 : num('lookups');
type FlowFormat = 'conntrack' | 'netscaler-lsn';
const FORMATS = (opts.option('formats') ?? '').split(',').map((f): FlowFormat => {
  if (f !== 'conntrack' && f !== 'netscaler-lsn') throw new Error(`--formats: conntrack or netscaler-lsn, not "${f}"`);
  return f;
});
const STORE = opts.option('store') ?? 'sqlite';
if (STORE !== 'sqlite' && STORE !== 'postgres') throw new Error(`--store: postgres or sqlite, not "${STORE}"`);
const PG_URL = benchPostgresUrl();
const PG_SCHEMA = 'bench_attr_flows';
const DIR = opts.option('dir') ?? mkdtempSync(join(tmpdir(), 'shokai-bench-flows-'));
mkdirSync(DIR, { recursive: true });
const SOURCE = parseLogSource('cgn-bench');

// ---------------------------------------------------------------- deterministic random
const { rand, randInt } = seededRandom(0x2545f491);

// ---------------------------------------------------------------- the flows
const T0 = Date.parse('2026-03-29T01:00:00Z') / 1000;
const INSIDE_BASE = 0x64400000; // 100.64.0.0
const PUBLIC_BASE = 0xc6120000; // 198.18.0.0
/** Seconds a public port rests between two flows (the NAT's reuse delay; a second apart would share a second). */
const REUSE_GAP = 3;

/**
 * Flows in start order, as a NAT box hands out ports: durations a mix of short (1–60 s, 60 %), medium (1–15 min,
 * 30 %) and long (15 min–3 h, 10 %) flows; each takes the next public port (cycling over just enough of them for
 * twice the flows open at once) that has rested REUSE_GAP seconds since its last flow ended, so ports are reused.
 */
function generate(): Flows {
  const n = FLOWS;
  const starts = new Float64Array(n);
  for (let i = 0; i < n; i++) starts[i] = rand() * (SPAN - 1);
  starts.sort();
  const f: Flows = {
    n,
    t0: starts,
    t1: new Float64Array(n),
    sub: new Int32Array(n),
    sport: new Int32Array(n),
    pub: new Int32Array(n),
    port: new Int32Array(n),
    udp: new Uint8Array(n),
  };
  const meanLen = 0.6 * 30 + 0.3 * 480 + 0.1 * 5850;
  const slots = Math.max(1000, Math.ceil(((2 * n) / SPAN) * meanLen));
  const freeAt = new Float64Array(slots).fill(-1e9);
  let cursor = 0;
  for (let i = 0; i < n; i++) {
    const r = rand();
    const len = r < 0.6 ? randInt(1, 60) : r < 0.9 ? randInt(60, 900) : randInt(900, 10800);
    const t0 = starts[i]!;
    f.t1[i] = Math.min(SPAN - 0.5, t0 + len + rand());
    let tries = 0;
    while (freeAt[cursor]! + REUSE_GAP > t0) {
      cursor = (cursor + 1) % slots;
      if (++tries > slots) throw new Error('generator: out of public ports');
    }
    freeAt[cursor] = f.t1[i]!;
    f.pub[i] = Math.floor(cursor / 64512);
    f.port[i] = 1024 + (cursor % 64512);
    cursor = (cursor + 1) % slots;
    f.sub[i] = randInt(0, SUBS - 1);
    f.sport[i] = randInt(1024, 65535);
    f.udp[i] = rand() < 0.2 ? 1 : 0;
  }
  return f;
}

const account = (s: number): string => `u${s.toString().padStart(6, '0')}`;
const insideOf = (s: number): string => formatIPv4(INSIDE_BASE + s);
const publicOf = (p: number): string => formatIPv4(PUBLIC_BASE + p);
/** The file (0-based, in time order) an instant falls in. */
const fileOf = (t: number): number => Math.min(FILES - 1, Math.floor((t * FILES) / SPAN));

// ---------------------------------------------------------------- lookups with known answers
interface Q {
  ip: string;
  port: number;
  at: string;
  expect: string | null;
}
function makeQueries(f: Flows): Q[] {
  const qs: Q[] = [];
  while (qs.length < LOOKUPS) {
    const k = randInt(0, f.n - 1);
    const lo = Math.ceil(f.t0[k]!) + 1;
    const hi = Math.floor(f.t1[k]!) - 1;
    if (hi < lo) continue;
    const t = randInt(lo, hi);
    const at = `${new Date((T0 + t) * 1000).toISOString().slice(0, 19)}Z`;
    // one in ten asks for a port next to the flow's, free or another flow's: the answer is the store's, compared
    const off = qs.length % 10 === 9;
    qs.push({
      ip: publicOf(f.pub[k]!),
      port: off ? 1024 + ((f.port[k]! - 1024 + 1) % 64512) : f.port[k]!,
      at,
      expect: off ? null : account(f.sub[k]!),
    });
  }
  return qs;
}

/** An answer as the orders must agree on it: everything but the wording. */
function shape(r: Resolution): string {
  return JSON.stringify({
    verdict: r.verdict,
    candidates: r.candidates.map((c) => ({
      account: c.account,
      inside: c.insideAddress,
      from: c.from,
      to: c.to,
      possibleTo: c.possibleTo,
      notes: c.notes.map((n) => n.code),
      sources: c.sources,
    })),
    reasons: r.reasons.map((x) => x.code),
  });
}

const pct = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

// ---------------------------------------------------------------- one order on a fresh store
interface OrderRun {
  order: 'start-first' | 'end-first';
  records: number;
  ingestSeconds: number;
  ingestCpuSeconds: number;
  recordsPerSecond: number;
  recordsPerCpuSecond: number;
  /** Seconds each file took, in the order read. */
  fileSeconds: number[];
  stats: StoreStats;
  lookups: { count: number; p50Us: number; p99Us: number; lookupsPerSecond: number; wrong: number };
  answers: string[];
}

async function runOrder(
  format: FlowFormat,
  files: string[],
  insideCsv: string,
  order: OrderRun['order'],
  qs: Q[],
): Promise<OrderRun> {
  const dbPath = join(DIR, `store-${format}-${order}.sqlite`);
  if (STORE === 'postgres') await dropSchema(PG_URL, PG_SCHEMA);
  const main =
    STORE === 'postgres'
      ? await openStore({ kind: 'postgres', url: PG_URL, schema: PG_SCHEMA })
      : await openStore(dbPath);
  try {
    const store = attributionRepository(main);
    const inside = await ingestFiles(store, [insideCsv], { format: 'generic-csv' });
    if (inside.skipped > 0) throw new Error(`inside.csv: ${JSON.stringify(inside.errors.slice(0, 3))}`);
    const list = order === 'start-first' ? files : [...files].reverse();
    const fileSeconds: number[] = [];
    let records = 0;
    const cpu0 = process.cpuUsage();
    const w0 = performance.now();
    for (const file of list) {
      const s = performance.now();
      const r = await ingestFiles(store, [file], { format, source: SOURCE });
      fileSeconds.push((performance.now() - s) / 1000);
      if (r.skipped > 0) throw new Error(`${file}: lines skipped: ${JSON.stringify(r.errors.slice(0, 3))}`);
      records += r.ingested;
    }
    const ingestSeconds = (performance.now() - w0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const ingestCpuSeconds = (cpu.user + cpu.system) / 1e6;
    const stats = await store.stats();
    const resolver = new Resolver(store);
    for (const q of qs.slice(0, 200)) await resolver.resolve(q); // warm-up
    const lat: number[] = [];
    const answers: string[] = [];
    let wrong = 0;
    const l0 = performance.now();
    for (const q of qs) {
      const s = performance.now();
      const r = await resolver.resolve(q);
      lat.push((performance.now() - s) * 1000);
      answers.push(shape(r));
      if (q.expect !== null && (r.verdict !== 'unique' || r.candidates[0]?.account !== q.expect)) wrong++;
    }
    const lookupSeconds = (performance.now() - l0) / 1000;
    lat.sort((a, b) => a - b);
    return {
      order,
      records,
      ingestSeconds,
      ingestCpuSeconds,
      recordsPerSecond: records / ingestSeconds,
      recordsPerCpuSecond: records / ingestCpuSeconds,
      fileSeconds,
      stats,
      lookups: {
        count: qs.length,
        p50Us: pct(lat, 50),
        p99Us: pct(lat, 99),
        lookupsPerSecond: qs.length / lookupSeconds,
        wrong,
      },
      answers,
    };
  } finally {
    await main.close();
    if (STORE === 'postgres') await dropSchema(PG_URL, PG_SCHEMA);
    for (const x of ['', '-wal', '-shm']) rmSync(`${dbPath}${x}`, { force: true });
  }
}

// ---------------------------------------------------------------- run
const log = (s: string): void => {
  process.stderr.write(`${s}\n`);
};
log(`flows read end-first: ${FLOWS} flows over ${SPAN / 3600} h in ${FILES} files, ${STORE}; files in ${DIR}`);
const flows = generate();
let crossing = 0;
for (let i = 0; i < flows.n; i++) if (fileOf(flows.t0[i]!) !== fileOf(flows.t1[i]!)) crossing++;
const qs = makeQueries(flows);
const results: Array<{ format: FlowFormat; startFirst: OrderRun; endFirst: OrderRun }> = [];
for (const format of FORMATS) {
  const writer = new FlowWriter(join(DIR, format), format, FILES, fileOf);
  const files = writer.write(flows, T0, { insideOf, publicOf });
  const insideCsv = writer.insideCsv(SUBS, T0 - 86400, T0 + SPAN + 86400, { insideOf, account });
  const startFirst = await runOrder(format, files, insideCsv, 'start-first', qs);
  const endFirst = await runOrder(format, files, insideCsv, 'end-first', qs);
  for (const r of [startFirst, endFirst]) {
    log(
      `${format} ${r.order}: ${r.records} records in ${r.ingestSeconds.toFixed(1)} s ` +
        `(${Math.round(r.recordsPerSecond)}/s), ${r.stats.natSessions} session rows; lookups p50 ` +
        `${r.lookups.p50Us.toFixed(0)} µs, ${Math.round(r.lookups.lookupsPerSecond)}/s, wrong ${r.lookups.wrong}`,
    );
  }
  // correctness, not timing: the same rows and the same answers whichever file was read first
  const differ = qs.flatMap((q, i) =>
    startFirst.answers[i] === endFirst.answers[i]
      ? []
      : [{ q, startFirst: startFirst.answers[i], endFirst: endFirst.answers[i] }],
  );
  if (differ.length > 0 || startFirst.stats.natSessions !== endFirst.stats.natSessions) {
    log(JSON.stringify(differ.slice(0, 3), null, 1));
    throw new Error(
      `${format}: the orders differ: ${differ.length} of ${qs.length} answers, session rows ` +
        `${startFirst.stats.natSessions} (start first) vs ${endFirst.stats.natSessions} (end first)`,
    );
  }
  results.push({ format, startFirst, endFirst });
  if (opts.option('keep') !== 'yes') rmSync(join(DIR, format), { recursive: true, force: true });
}

const strip = ({ answers: _a, ...r }: OrderRun) => r;
writeResults(opts.out, {
  ...runHead('attribution-flows', 1),
  command: `npm run bench:attribution-flows -- ${process.argv.slice(2).join(' ')}`.trim(),
  machine: { node: process.version, cpus: 2 },
  store: STORE,
  synthetic: {
    flows: FLOWS,
    files: FILES,
    hours: SPAN / 3600,
    subscribers: SUBS,
    crossing,
    crossingShare: crossing / FLOWS,
  },
  formats: results.map((r) => ({
    format: r.format,
    startFirst: strip(r.startFirst),
    endFirst: strip(r.endFirst),
    ingestRatioEndOverStart: r.startFirst.recordsPerSecond / r.endFirst.recordsPerSecond,
    ingestCpuRatioEndOverStart: r.startFirst.recordsPerCpuSecond / r.endFirst.recordsPerCpuSecond,
    lookupRatioEndOverStart: r.startFirst.lookups.lookupsPerSecond / r.endFirst.lookups.lookupsPerSecond,
    answersCompared: qs.length,
    answersDiffering: 0,
  })),
  loadAverageAtEnd: loadavg(),
});
const rows = results.flatMap((r) =>
  [r.startFirst, r.endFirst].map((o) => [
    `${r.format} ${o.order}`,
    String(o.records),
    Math.round(o.recordsPerSecond).toLocaleString('en'),
    Math.round(o.recordsPerCpuSecond).toLocaleString('en'),
    (r.startFirst.recordsPerSecond / o.recordsPerSecond).toFixed(2),
    `${o.lookups.p50Us.toFixed(0)} / ${o.lookups.p99Us.toFixed(0)}`,
    Math.round(o.lookups.lookupsPerSecond).toLocaleString('en'),
    (r.startFirst.lookups.lookupsPerSecond / o.lookups.lookupsPerSecond).toFixed(2),
  ]),
);
console.log(
  `${STORE}, ${FLOWS} flows in ${FILES} files, ${((100 * crossing) / FLOWS).toFixed(1)} % read end-first; ` +
    `${qs.length} lookups, the same answers in both orders`,
);
console.log(
  markdownTable(
    ['format, order', 'records', 'records/s', 'per CPU-s', 'time ×', 'lookup p50 / p99 µs', 'lookups/s', 'time ×'],
    rows,
    ['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:'],
  ),
);
if (opts.option('dir') === undefined) rmSync(DIR, { recursive: true, force: true });

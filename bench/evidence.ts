// npm run bench:evidence — header analysis and registry lookup throughput, with baselines, and a
// longer fuzz run. Everything is generated locally; nothing leaves the machine.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import PostalMime from 'postal-mime';
import { analyzeMessage } from '../src/evidence/mail/analyze.ts';
import { lookupAddresses } from '../src/evidence/registry/lookup.ts';
import { parseDelegated } from '../src/evidence/registry/parse-delegated.ts';
import type { ProviderNetworkDeclaration } from '../src/evidence/registry/provider-join.ts';
import { ReferenceRegistry } from '../src/evidence/registry/reference.ts';
import { importParsed } from '../src/evidence/registry/registry.repository.ts';
import { type LoadReport, loadRegistryTableWithReport } from '../src/evidence/registry/registry-index.ts';
import { decodeSnapshot, encodeSnapshot } from '../src/evidence/registry/snapshot.ts';
import { RegistryTable, type TableRecord } from '../src/evidence/registry/table.ts';
import { formatIPv4, HEADER_SYNTAX, parseAddress, parseIPv4 } from '../src/net/address.ts';
import { openStore } from '../src/store/database.ts';
import { fuzz } from '../test/evidence/fuzz.ts';
import { rng } from '../test/evidence/helpers.ts';
import { type ColdRuns, coldCli } from './lib/cli.ts';
import { writeResults } from './lib/report.ts';

const QUICK = process.argv.includes('--quick');
const loadAtStart = loadavg()[0] ?? 0;
const rand = rng(42);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const ip4 = (): string =>
  `${1 + Math.floor(rand() * 222)}.${Math.floor(rand() * 256)}.${Math.floor(rand() * 256)}.` +
  `${1 + Math.floor(rand() * 254)}`;
const ip6 = (): string =>
  `2400:${Math.floor(rand() * 65536).toString(16)}:${Math.floor(rand() * 65536).toString(16)}::` +
  `${Math.floor(rand() * 65536).toString(16)}`;
const host = (): string =>
  `${pick(['mail', 'smtp', 'mx', 'relay', 'out'])}${Math.floor(rand() * 100)}.` +
  `${pick(['example.jp', 'example.com', 'example.ne.jp', 'example.net', 'example.co.jp'])}`;
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
function date(t: number, offsetMin: number): string {
  const d = new Date(t + offsetMin * 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  const o = Math.abs(offsetMin);
  const p = (n: number): string => String(n).padStart(2, '0');
  return (
    `${DAYS[(d.getUTCDay() + 6) % 7]}, ${d.getUTCDate()} ` +
    `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()]} ` +
    `${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ` +
    `${sign}${p(Math.floor(o / 60))}${p(o % 60)}`
  );
}

const STYLES = [
  (t: number) =>
    `Received: from ${host()} (${host()} [${ip4()}])\r\n` +
    `\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))\r\n` +
    `\tby ${host()} (Postfix) with ESMTPS id 4X${Math.floor(rand() * 1e9).toString(36)}\r\n` +
    `\tfor <user@example.jp>; ${date(t, 540)} (JST)`,
  (t: number) =>
    `Received: from ${host()} ([${ip4()}]:${1024 + Math.floor(rand() * 60000)} helo=${host()})\r\n` +
    `\tby ${host()} with esmtps  (TLS1.3) tls TLS_AES_256_GCM_SHA384\r\n` +
    `\t(Exim 4.96)\r\n\t(envelope-from <a@example.net>)\r\n` +
    `\tid 1t${Math.floor(rand() * 1e9).toString(36)}-000\r\n\tfor b@example.org; ${date(t, 0)}`,
  (t: number) =>
    `Received: from ${host()} (${host()} [${ip4()}] (may be forged))\r\n` +
    `\tby ${host()} (8.15.2/8.15.2) with ESMTP id 5A${Math.floor(rand() * 1e9)}\r\n` +
    `\tfor <c@example.edu>; ${date(t, -300)} (EST)`,
  (t: number) => `Received: from unknown (HELO ${host()}) (${ip4()})\r\n  by ${host()} with SMTP; ${date(t, 540)}`,
  (t: number) =>
    `Received: from ${host()} (${ip6()}) by\r\n` +
    ` ${host()} (${ip6()}) with Microsoft\r\n` +
    ` SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id\r\n` +
    ` 15.20.8000.1; ${date(t, 0)}`,
  (t: number) =>
    `Received: from ${host()} (${host()}. [${ip6()}])\r\n` +
    `        by mx.google.com with ESMTPS id d9443c01a7336-${Math.floor(rand() * 1e12)}\r\n` +
    `        for <v@gmail.com>\r\n` +
    `        (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256);\r\n` +
    `        ${date(t, -480)} (PST)`,
  (t: number) =>
    `Received: from [${ip4()}] by web${Math.floor(rand() * 1000)}.mail.ssk.yahoo.co.jp via HTTP; ${date(t, 540)} (JST)`,
];

function message(i: number): string {
  let t = Date.UTC(2026, 10, 25, 3, 0, 0) - Math.floor(rand() * 86_400_000);
  const hops = 3 + Math.floor(rand() * 6);
  const lines: string[] = [];
  for (let h = 0; h < hops; h++) {
    lines.unshift(pick(STYLES)(t));
    t += Math.floor(rand() * 5000);
  }
  return [
    'Return-Path: <bounce@example.net>',
    'Delivered-To: victim@example.jp',
    `Authentication-Results: mx.example.jp; spf=pass smtp.mailfrom=example.net; ` +
      `dkim=pass header.d=example.net header.s=s${i % 7}; dmarc=pass header.from=example.net`,
    ...lines,
    `DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.net; s=s${i % 7};\r\n` +
      `\th=from:to:subject:date:message-id; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;\r\n` +
      `\tb=${'A'.repeat(344)}`,
    `From: =?UTF-8?B?5a6F6YWN5L6/?= <info@example.net>`,
    'To: victim@example.jp',
    `Subject: =?UTF-8?Q?=E3=81=8A=E5=B1=8A=E3=81=91_${i}?=`,
    `Date: ${date(Date.UTC(2026, 10, 25, 2, 0, 0), 540)}`,
    `Message-ID: <${i}.${Math.floor(rand() * 1e9)}@example.net>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    'こんにちは。お届けの確認です。'.repeat(8),
    '',
  ].join('\r\n');
}

function rate(count: number, ns: bigint): number {
  return count / (Number(ns) / 1e9);
}

/** CPU time of this process (user + system) in ns: unlike wall time, not inflated by other processes. */
function cpuNow(): bigint {
  const u = process.cpuUsage();
  return BigInt(u.user + u.system) * 1000n;
}

function timeFor<T>(minMs: number, fn: () => T): { ops: number; ns: bigint; cpuNs: bigint } {
  let ops = 0;
  const cpu0 = cpuNow();
  const start = process.hrtime.bigint();
  const limit = BigInt(minMs) * 1_000_000n;
  let now = start;
  while (now - start < limit) {
    fn();
    ops++;
    now = process.hrtime.bigint();
  }
  return { ops, ns: now - start, cpuNs: cpuNow() - cpu0 };
}

// ---------- header analysis ----------
const CORPUS_SIZE = QUICK ? 500 : 5000;
const corpusText = Array.from({ length: CORPUS_SIZE }, (_, i) => message(i));
const corpus = corpusText.map((m) => new TextEncoder().encode(m));
const corpusBytes = corpus.reduce((n, m) => n + m.length, 0);
const now = new Date('2026-12-01T00:00:00Z');

// warm-up
for (let i = 0; i < Math.min(500, corpus.length); i++) analyzeMessage(corpus[i]!, { now, authservId: 'mx.example.jp' });
const analyzeRounds = QUICK ? 1 : 3;
let analyzeOps = 0;
const aCpu = cpuNow();
const aStart = process.hrtime.bigint();
let origins = 0;
for (let r = 0; r < analyzeRounds; r++) {
  for (const m of corpus) {
    if (analyzeMessage(m, { now, authservId: 'mx.example.jp' }).originatingIp !== null) origins++;
    analyzeOps++;
  }
}
const analyzeNs = process.hrtime.bigint() - aStart;
const analyzeCpuNs = cpuNow() - aCpu;

for (let i = 0; i < Math.min(200, corpus.length); i++) await PostalMime.parse(corpus[i]!); // warm-up
let mimeOps = 0;
const mCpu = cpuNow();
const mStart = process.hrtime.bigint();
for (let r = 0; r < analyzeRounds; r++) {
  for (const m of corpus) {
    await PostalMime.parse(m);
    mimeOps++;
  }
}
const mimeNs = process.hrtime.bigint() - mStart;
const mimeCpuNs = cpuNow() - mCpu;
if (process.argv.includes('--mail-only')) {
  process.stdout.write(
    `analysis ${Math.round(rate(analyzeOps, analyzeCpuNs))}/cpu-s, ` +
      `postal-mime ${Math.round(rate(mimeOps, mimeCpuNs))}/cpu-s\n`,
  );
  process.exit(0);
}
const analyzeWall = rate(analyzeOps, analyzeNs);
const mimeWall = rate(mimeOps, mimeNs);
const analyzeRate = rate(analyzeOps, analyzeCpuNs);
const mimeRate = rate(mimeOps, mimeCpuNs);

// ---------- registry: a full-size delegated data set for all five RIRs ----------
// Sizes close to the real files (late 2025): IPv4 ≈ 250k records, IPv6 ≈ 120k, ASN ≈ 120k in total.
const RIR_SHARE: Array<[string, number, string[]]> = [
  ['ripencc', 0.38, ['DE', 'GB', 'RU', 'NL', 'FR', 'IT', 'PL']],
  ['arin', 0.24, ['US', 'CA']],
  ['apnic', 0.22, ['JP', 'CN', 'AU', 'KR', 'IN', 'ID']],
  ['lacnic', 0.12, ['BR', 'AR', 'MX', 'CL']],
  ['afrinic', 0.04, ['ZA', 'NG', 'EG', 'KE']],
];
const V4_RECORDS = QUICK ? 50_000 : 250_000;
const V6_RECORDS = QUICK ? 25_000 : 120_000;
const ASN_RECORDS = QUICK ? 25_000 : 120_000;
const files = new Map<string, string[]>(RIR_SHARE.map(([r]) => [r, []]));
const regOf = (): [string, string[]] => {
  const x = rand();
  let acc = 0;
  for (const [r, share, ccs] of RIR_SHARE) {
    acc += share;
    if (x < acc) return [r, ccs];
  }
  return ['afrinic', RIR_SHARE[4]![2]];
};
// IPv4: walk the unicast space in order, with blocks of 256 × k addresses (not only powers of two)
let cursor = parseIPv4('1.0.0.0');
const v4Span = parseIPv4('223.255.255.255') - cursor;
const avg = Math.floor(v4Span / V4_RECORDS);
for (let i = 0; i < V4_RECORDS; i++) {
  const count = Math.max(256, Math.floor(((rand() * 1.6 + 0.2) * avg) / 256) * 256);
  const [r, ccs] = regOf();
  if (rand() < 0.92)
    files
      .get(r)!
      .push(
        `${r}|${pick(ccs)}|ipv4|${formatIPv4(cursor)}|${count}|20${10 + Math.floor(rand() * 15)}0101|` +
          `${rand() < 0.7 ? 'allocated' : 'assigned'}|${r.toUpperCase()}-${i % 40000}`,
      );
  cursor += count;
  // a few overlaps, as across RIR transfers
  if (cursor > parseIPv4('223.0.0.0')) cursor = parseIPv4('1.0.0.0') + Math.floor(rand() * 65536) * 256;
}
for (let i = 0; i < V6_RECORDS; i++) {
  const [r, ccs] = regOf();
  const prefix = pick([29, 32, 32, 32, 36, 40, 44, 48, 48]);
  const w0 = 0x2000 + Math.floor(i / 60_000);
  const w1 = (i * 7) % 65536;
  files
    .get(r)!
    .push(
      `${r}|${pick(ccs)}|ipv6|${w0.toString(16)}:${w1.toString(16)}::|${prefix}|20150101|allocated|` +
        `${r.toUpperCase()}-${i % 40000}`,
    );
}
for (let i = 0; i < ASN_RECORDS; i++) {
  const [r, ccs] = regOf();
  files.get(r)!.push(`${r}|${pick(ccs)}|asn|${1000 + i}|1|20100101|allocated|${r.toUpperCase()}-${i % 40000}`);
}
const texts = [...files].map(
  ([r, lines]) => [r, `2.3|${r}|20261124|${lines.length}|19830101|20261123|+0000\n${lines.join('\n')}\n`] as const,
);
const regBytes = texts.reduce((n, [, t]) => n + t.length, 0);
const writeDir = process.argv[process.argv.indexOf('--write-data') + 1];
if (process.argv.includes('--write-data') && writeDir) {
  // the generated files, for timing `shokai registry import` by hand
  mkdirSync(writeDir, { recursive: true });
  for (const [r, t] of texts) writeFileSync(join(writeDir, `delegated-${r}-extended-generated`), t);
  process.stdout.write(`wrote ${texts.length} files to ${writeDir}\n`);
  process.exit(0);
}

const pStart = process.hrtime.bigint();
const parsed = texts.map(([r, t]) => ({ r, p: parseDelegated(t), t }));
const parseNs = process.hrtime.bigint() - pStart;
const records: TableRecord[] = [];
const asnBlocks = parsed.flatMap(({ p }) => p.asns);
for (const { r, p } of parsed) {
  const source = {
    format: 'delegated' as const,
    file: `delegated-${r}-extended-latest`,
    sha256: '-',
    dataDate: p.dataDate,
    importedAt: '-',
  };
  for (const x of p.ranges) records.push({ ...x, source });
}
const bStart = process.hrtime.bigint();
const table = RegistryTable.build(records, asnBlocks);
const buildNs = process.hrtime.bigint() - bStart;

// Probe addresses: half inside delegated space, half random.
const PROBES = 1 << 16;
const probesV4 = new Uint32Array(PROBES);
for (let i = 0; i < PROBES; i++) probesV4[i] = Math.floor(rand() * 2 ** 32) >>> 0;
const probeText = Array.from(probesV4, (v) => formatIPv4(v));
const probeV6 = Array.from(
  { length: 4096 },
  (_, i) => `${(0x2000 + (i % 3)).toString(16)}:${((i * 13) % 65536).toString(16)}::${i.toString(16)}`,
);

let sink = 0;
const numeric = timeFor(QUICK ? 300 : 1500, () => {
  for (let i = 0; i < PROBES; i++) sink += table.findV4(probesV4[i]!).delegated;
});
const numericRate = rate(numeric.ops * PROBES, numeric.cpuNs);
const numericRateWall = rate(numeric.ops * PROBES, numeric.ns);
const fromText = timeFor(QUICK ? 300 : 1500, () => {
  for (let i = 0; i < PROBES; i++) {
    const a = parseAddress(probeText[i]!, HEADER_SYNTAX);
    if (a) sink += table.find(a).delegated;
  }
});
const textRate = rate(fromText.ops * PROBES, fromText.cpuNs);
const textRateWall = rate(fromText.ops * PROBES, fromText.ns);
const withRecord = timeFor(QUICK ? 300 : 1500, () => {
  for (let i = 0; i < PROBES; i++) {
    const a = parseAddress(probeText[i]!, HEADER_SYNTAX);
    if (a) sink += table.lookup(a).delegated?.country ? 1 : 0;
  }
});
const recordRate = rate(withRecord.ops * PROBES, withRecord.cpuNs);
const recordRateWall = rate(withRecord.ops * PROBES, withRecord.ns);
const withCountry = timeFor(QUICK ? 300 : 1500, () => {
  for (let i = 0; i < PROBES; i++) {
    const a = parseAddress(probeText[i]!, HEADER_SYNTAX);
    if (a) sink += table.registryAndCountry(a).country === null ? 0 : 1;
  }
});
const countryRate = rate(withCountry.ops * PROBES, withCountry.cpuNs);
const countryRateWall = rate(withCountry.ops * PROBES, withCountry.ns);
// The full record from text (registry, country, range + CIDRs, holder, abuse, ASNs, sources with
// dates): the merged index and one shared frozen answer per distinct answer. "First touch" builds
// each answer on its first use (a table with empty caches, one pass); "warm" is every later use.
function firstTouch(): { cpuNs: bigint; wallNs: bigint; distinct: number } {
  const fresh = decodeSnapshot(encodeSnapshot(table))!; // same data, no answer built yet
  const cpu0 = cpuNow();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < PROBES; i++) sink += fresh.answerText(probeText[i]!)!.country === null ? 0 : 1;
  const wallNs = process.hrtime.bigint() - t0;
  const cpuNs = cpuNow() - cpu0;
  return { cpuNs, wallNs, distinct: new Set(probeText.map((t) => fresh.answerText(t))).size };
}
const { cpuNs: firstTouchCpuNs, wallNs: firstTouchWallNs, distinct: firstTouchAnswers } = firstTouch();
// warm-up: builds the answers
for (let i = 0; i < PROBES; i++) sink += table.answerText(probeText[i]!)!.country === null ? 0 : 1;
const fullRecord = timeFor(QUICK ? 300 : 1500, () => {
  for (let i = 0; i < PROBES; i++) sink += table.answerText(probeText[i]!)!.country === null ? 0 : 1;
});
const fullRecordRate = rate(fullRecord.ops * PROBES, fullRecord.cpuNs);
const fullRecordRateWall = rate(fullRecord.ops * PROBES, fullRecord.ns);
// Baselines, same data and probes: the reference implementation (separate indexes per kind, as
// before the merged index): record objects only, and the full record built afresh per lookup.
function baselines(): {
  refRecord: ReturnType<typeof timeFor>;
  refFull: ReturnType<typeof timeFor>;
  mismatches: number;
} {
  const reference = new ReferenceRegistry(records, asnBlocks);
  const refRecord = timeFor(QUICK ? 300 : 1500, () => {
    for (let i = 0; i < PROBES; i++) {
      const a = parseAddress(probeText[i]!, HEADER_SYNTAX);
      if (a) sink += reference.lookup(a).delegated?.country ? 1 : 0;
    }
  });
  const refFull = timeFor(QUICK ? 300 : 1500, () => {
    for (let i = 0; i < 8192; i++) sink += reference.answerText(probeText[i]!)!.country === null ? 0 : 1;
  });
  // the fast path must answer exactly as the reference does
  let mismatches = 0;
  for (let i = 0; i < 20_000; i++)
    if (JSON.stringify(table.answerText(probeText[i]!)) !== JSON.stringify(reference.answerText(probeText[i]!)))
      mismatches++;
  return { refRecord, refFull, mismatches };
}
const { refRecord, refFull, mismatches: answerMismatches } = baselines();
const refRecordRate = rate(refRecord.ops * PROBES, refRecord.cpuNs);
const refRecordRateWall = rate(refRecord.ops * PROBES, refRecord.ns);
const refFullRate = rate(refFull.ops * 8192, refFull.cpuNs);
const refFullRateWall = rate(refFull.ops * 8192, refFull.ns);

const parsedV6 = probeV6.map((s) => parseAddress(s, HEADER_SYNTAX)!);
const v6 = timeFor(QUICK ? 300 : 1500, () => {
  for (const a of parsedV6) sink += table.find(a).delegated;
});
const v6Rate = rate(v6.ops * parsedV6.length, v6.cpuNs);
const v6RateWall = rate(v6.ops * parsedV6.length, v6.ns);
const decls: ProviderNetworkDeclaration[] = Array.from({ length: 200 }, (_, i) => ({
  organisationId: `org-${i}`,
  nameJa: `事業者${i}`,
  nameEn: `Provider ${i}`,
  cidrs: [`${formatIPv4(probesV4[i]! & 0xffff0000)}/16`],
  asns: [1000 + i],
  domains: [],
}));
const fullBatch = probeText.slice(0, 4096);
const full = timeFor(QUICK ? 300 : 1500, () => {
  sink += lookupAddresses(table, fullBatch, decls).length;
});
const fullRate = rate(full.ops * fullBatch.length, full.cpuNs);
const fullRateWall = rate(full.ops * fullBatch.length, full.ns);

// Baseline: naive linear scan for the most specific range over the same data.
const v4recs = records.filter((r) => r.family === 4);
const ls = new Float64Array(v4recs.map((r) => Number(r.start)));
const le = new Float64Array(v4recs.map((r) => Number(r.end)));
const linearProbes = QUICK ? 200 : 1000;
const lCpu = cpuNow();
const lStart = process.hrtime.bigint();
for (let i = 0; i < linearProbes; i++) {
  const v = probesV4[i]!;
  let best = -1;
  let bestSize = Infinity;
  for (let k = 0; k < ls.length; k++)
    if (v >= ls[k]! && v <= le[k]! && le[k]! - ls[k]! < bestSize) {
      best = k;
      bestSize = le[k]! - ls[k]!;
    }
  sink += best;
}
const linearRateWall = rate(linearProbes, process.hrtime.bigint() - lStart);
const linearRate = rate(linearProbes, cpuNow() - lCpu);
// cross-check the index against the linear scan on the same probes
let mismatches = 0;
for (let i = 0; i < 200; i++) {
  const v = probesV4[i]!;
  let bestSize = Infinity;
  for (let k = 0; k < ls.length; k++)
    if (v >= ls[k]! && v <= le[k]! && le[k]! - ls[k]! < bestSize) bestSize = le[k]! - ls[k]!;
  const d = table.findV4(v).delegated;
  const got = d < 0 ? Infinity : Number(records[d]!.end - records[d]!.start);
  if (got !== bestSize) mismatches++;
}

// Store round trip: import the five files, load the table back — from the rows (building the index
// and saving its snapshot), then from the snapshot. Then the cold CLI, a new process per lookup.
/** The cold CLI, a new process a run, in the bench's own data folder. */
const cold = (args: string[], runs: number): ColdRuns => coldCli(args, runs, { SHOKAI_DATA_DIR: dir });
interface StoreFigures {
  importMs: number;
  loadFromRowsAndSaveMs: number;
  loadFromSnapshotMs: number;
  snapshotBytes: number | null;
  cliColdWithSnapshot: ColdRuns;
  cliColdRebuildFromRows: ColdRuns;
  loadedRecords: number;
}
const CLI_RUNS = QUICK ? 1 : 5;
async function storeFigures(url: string): Promise<StoreFigures> {
  const store = await openStore(url);
  let importNs: bigint;
  let fromRows: LoadReport;
  let fromSnap: LoadReport;
  try {
    const iStart = process.hrtime.bigint();
    for (const { r, p, t } of parsed)
      await store.transaction((tx) =>
        importParsed(tx, store.dialect, `delegated-${r}-extended-latest`, t, p, new Date()),
      );
    importNs = process.hrtime.bigint() - iStart;
    fromRows = await loadRegistryTableWithReport(store);
    fromSnap = await loadRegistryTableWithReport(store);
    if (fromRows.from !== 'rows' || fromSnap.from !== 'snapshot')
      throw new Error(`unexpected load paths: ${fromRows.from}, ${fromSnap.from} (${fromSnap.note})`);
  } finally {
    await store.close();
  }
  const lookup = ['registry', 'lookup', '--store', url, '60.32.128.5', '--json'];
  const rebuild = cold([...lookup, '--no-snapshot'], Math.min(CLI_RUNS, 3));
  const snap = cold(lookup, CLI_RUNS);
  return {
    importMs: Math.round(Number(importNs) / 1e6),
    loadFromRowsAndSaveMs: Math.round(fromRows.ms),
    loadFromSnapshotMs: Math.round(fromSnap.ms),
    snapshotBytes: fromSnap.snapshotBytes,
    cliColdWithSnapshot: snap,
    cliColdRebuildFromRows: rebuild,
    loadedRecords: fromSnap.table.recordCount,
  };
}
const dir = mkdtempSync(join(tmpdir(), 'shokai-bench-'));
const sqliteFigures = await storeFigures(join(dir, 'bench.sqlite'));
// PostgreSQL too when SHOKAI_BENCH_POSTGRES_URL is set (a throw-away schema is created and dropped)
let pgFigures: StoreFigures | null = null;
const pgBase = process.env.SHOKAI_BENCH_POSTGRES_URL;
if (pgBase && !QUICK) {
  const schema = `bench_evidence_${process.pid}`;
  const u = new URL(pgBase);
  u.searchParams.set('schema', schema);
  try {
    pgFigures = await storeFigures(u.toString());
  } finally {
    const { default: pg } = await import('pg');
    const c = new pg.Client({ connectionString: pgBase });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await c.end();
  }
}
const cliFloor = cold(['--help'], CLI_RUNS);
rmSync(dir, { recursive: true, force: true });

// All answers built at once (what a long-running service may do at start): time and heap. Run after
// the store figures, in a function, so that its ≈ 200 MB do not weigh on them.
function precomputeAll(): { answers: number; ns: bigint; heapMb: number } {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void; // to measure the heap the answers keep
  const t = decodeSnapshot(encodeSnapshot(table))!;
  gc();
  const heap0 = process.memoryUsage().heapUsed;
  const start = process.hrtime.bigint();
  const answers = t.precomputeAnswers();
  const ns = process.hrtime.bigint() - start;
  gc();
  const heapMb = (process.memoryUsage().heapUsed - heap0) / 1e6;
  sink += t.answerCount;
  return { answers, ns, heapMb };
}
const { answers: precomputed, ns: precomputeNs, heapMb: precomputeHeapMb } = precomputeAll();

// ---------- longer fuzz run ----------
const FUZZ = QUICK ? 5_000 : 50_000;
const fStart = process.hrtime.bigint();
const fz = fuzz(0xbe9c4, FUZZ);
const fuzzNs = process.hrtime.bigint() - fStart;

const result = {
  when: new Date().toISOString(),
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  quick: QUICK,
  // other processes on the machine depress the figures: the 1-minute load average is recorded
  loadAverage: { start: Number(loadAtStart.toFixed(2)), end: Number((loadavg()[0] ?? 0).toFixed(2)) },
  mail: {
    corpusMessages: CORPUS_SIZE,
    corpusBytes,
    analyzed: analyzeOps,
    originsFound: origins,
    // rates per CPU-second of this process; *Wall are per elapsed second (depressed by other load)
    analyzeMessagesPerSec: Math.round(analyzeRate),
    postalMimeParseMessagesPerSec: Math.round(mimeRate),
    analyzeMessagesPerSecWall: Math.round(analyzeWall),
    postalMimeParseMessagesPerSecWall: Math.round(mimeWall),
    ratioToMimeParse: Number((analyzeRate / mimeRate).toFixed(2)),
    targets: { messagesPerSec: 10_000, ratioToMimeParse: 0.25 },
  },
  registry: {
    delegatedBytes: regBytes,
    ipv4Ranges: records.filter((r) => r.family === 4).length,
    ipv6Ranges: records.filter((r) => r.family === 6).length,
    asnBlocks: asnBlocks.length,
    segments: table.segmentCount,
    parseMs: Math.round(Number(parseNs) / 1e6),
    buildMs: Math.round(Number(buildNs) / 1e6),
    sqlite: sqliteFigures,
    postgres: pgFigures,
    // node start + loading the CLI's modules (`shokai --help`): the floor of any cold CLI run
    cliHelpCold: cliFloor,
    cliColdSpeedupSqlite: Number(
      (sqliteFigures.cliColdRebuildFromRows.wallMs / sqliteFigures.cliColdWithSnapshot.wallMs).toFixed(2),
    ),
    cliColdSpeedupPostgres: pgFigures
      ? Number((pgFigures.cliColdRebuildFromRows.wallMs / pgFigures.cliColdWithSnapshot.wallMs).toFixed(2))
      : null,
    distinctAnswers: table.answerCount,
    precomputeAllAnswers: {
      answers: precomputed,
      ms: Math.round(Number(precomputeNs) / 1e6),
      heapMb: Math.round(precomputeHeapMb),
    },
    // rates per CPU-second; *Wall per elapsed second
    lookupsPerSecV4Numeric: Math.round(numericRate),
    lookupsPerSecV4NumericWall: Math.round(numericRateWall),
    lookupsPerSecV4FromTextWall: Math.round(textRateWall),
    lookupsPerSecV6Wall: Math.round(v6RateWall),
    lookupsPerSecFullResultWithJoinWall: Math.round(fullRateWall),
    linearScanLookupsPerSecWall: Math.round(linearRateWall),
    lookupsPerSecV4FromText: Math.round(textRate),
    lookupsPerSecV4FromTextWithRecord: Math.round(recordRate),
    lookupsPerSecV4FromTextWithRecordWall: Math.round(recordRateWall),
    lookupsPerSecV4FromTextRegistryCountry: Math.round(countryRate),
    lookupsPerSecV4FromTextRegistryCountryWall: Math.round(countryRateWall),
    lookupsPerSecV6: Math.round(v6Rate),
    // the full record from text (the target's measure): warm, first touch, and the two baselines
    fullRecordsPerSecFromText: Math.round(fullRecordRate),
    fullRecordsPerSecFromTextWall: Math.round(fullRecordRateWall),
    fullRecordsFirstTouchPerSec: Math.round(rate(PROBES, firstTouchCpuNs)),
    fullRecordsFirstTouchPerSecWall: Math.round(rate(PROBES, firstTouchWallNs)),
    firstTouchDistinctAnswers: firstTouchAnswers,
    referenceRecordObjectsPerSec: Math.round(refRecordRate),
    referenceRecordObjectsPerSecWall: Math.round(refRecordRateWall),
    referenceFullRecordsPerSec: Math.round(refFullRate),
    referenceFullRecordsPerSecWall: Math.round(refFullRateWall),
    ratioFullRecordToReferenceRecordObjects: Number((fullRecordRate / refRecordRate).toFixed(2)),
    ratioFullRecordToReferenceFullRecord: Number((fullRecordRate / refFullRate).toFixed(1)),
    fastVsReferenceMismatches: answerMismatches,
    lookupsPerSecFullResultWithJoin: Math.round(fullRate),
    linearScanLookupsPerSec: Math.round(linearRate),
    ratioV4NumericToLinear: Math.round(numericRate / linearRate),
    ratioV4TextToLinear: Math.round(textRate / linearRate),
    indexVsLinearMismatches: mismatches,
    targets: { lookupsPerSec: 2_000_000 },
  },
  fuzz: {
    seed: 0xbe9c4,
    mailCases: fz.mailCases,
    registryCases: fz.registryCases,
    refusedWithinLimits: fz.refused,
    seconds: Number((Number(fuzzNs) / 1e9).toFixed(1)),
  },
  sink: sink % 7,
};
writeResults(join(import.meta.dirname, 'results', 'evidence.json'), result);

const f = (n: number): string => n.toLocaleString('en-US');
const rows: Array<[string, string, string]> = [
  [
    'header analysis (msg/s)',
    f(result.mail.analyzeMessagesPerSec),
    `target ≥ 10,000 · wall ${f(result.mail.analyzeMessagesPerSecWall)}`,
  ],
  [
    'postal-mime parse, same corpus (msg/s)',
    f(result.mail.postalMimeParseMessagesPerSec),
    `floor · wall ${f(result.mail.postalMimeParseMessagesPerSecWall)}`,
  ],
  ['analysis / MIME parse', `${result.mail.ratioToMimeParse}×`, 'target ≥ 0.25×'],
  [
    'registry v4 lookups/s (uint32 in)',
    f(result.registry.lookupsPerSecV4Numeric),
    `target ≥ 2,000,000 · wall ${f(result.registry.lookupsPerSecV4NumericWall)}`,
  ],
  [
    'registry v4 lookups/s (text in)',
    f(result.registry.lookupsPerSecV4FromText),
    `parse + index · wall ${f(result.registry.lookupsPerSecV4FromTextWall)}`,
  ],
  [
    '  … with registry + country (columns)',
    f(result.registry.lookupsPerSecV4FromTextRegistryCountry),
    `wall ${f(result.registry.lookupsPerSecV4FromTextRegistryCountryWall)}`,
  ],
  [
    '  … with the record objects',
    f(result.registry.lookupsPerSecV4FromTextWithRecord),
    `wall ${f(result.registry.lookupsPerSecV4FromTextWithRecordWall)}`,
  ],
  [
    'full record from text /s (warm)',
    f(result.registry.fullRecordsPerSecFromText),
    `target ≥ 2,000,000 · wall ${f(result.registry.fullRecordsPerSecFromTextWall)}`,
  ],
  [
    '  … first touch (answers built on use)',
    f(result.registry.fullRecordsFirstTouchPerSec),
    `${f(result.registry.firstTouchDistinctAnswers)} distinct answers in ${f(PROBES)} probes · wall ` +
      `${f(result.registry.fullRecordsFirstTouchPerSecWall)}`,
  ],
  [
    '  baseline: reference, record objects',
    f(result.registry.referenceRecordObjectsPerSec),
    `full record ${result.registry.ratioFullRecordToReferenceRecordObjects}× · wall ` +
      `${f(result.registry.referenceRecordObjectsPerSecWall)}`,
  ],
  [
    '  baseline: reference, full record built',
    f(result.registry.referenceFullRecordsPerSec),
    `full record ${result.registry.ratioFullRecordToReferenceFullRecord}× · ` +
      `${result.registry.fastVsReferenceMismatches} mismatches in 20,000`,
  ],
  [
    '  all answers built at once',
    `${f(result.registry.precomputeAllAnswers.ms)} ms`,
    `${f(result.registry.precomputeAllAnswers.answers)} answers, ` +
      `+${f(result.registry.precomputeAllAnswers.heapMb)} MB heap`,
  ],
  ['registry v6 lookups/s', f(result.registry.lookupsPerSecV6), `wall ${f(result.registry.lookupsPerSecV6Wall)}`],
  [
    'full answer + directory join /s',
    f(result.registry.lookupsPerSecFullResultWithJoin),
    `wall ${f(result.registry.lookupsPerSecFullResultWithJoinWall)}`,
  ],
  [
    'naive linear scan lookups/s',
    f(result.registry.linearScanLookupsPerSec),
    `index ${f(result.registry.ratioV4NumericToLinear)}× faster · wall ` +
      `${f(result.registry.linearScanLookupsPerSecWall)}`,
  ],
  [
    'ranges (v4 / v6) · segments',
    `${f(result.registry.ipv4Ranges)} / ${f(result.registry.ipv6Ranges)} · ${f(result.registry.segments)}`,
    `build ${result.registry.buildMs} ms`,
  ],
  [
    'SQLite import · load+build+save · load snapshot (ms)',
    `${f(sqliteFigures.importMs)} · ${f(sqliteFigures.loadFromRowsAndSaveMs)} · ${f(sqliteFigures.loadFromSnapshotMs)}`,
    `snapshot ${f(sqliteFigures.snapshotBytes ?? 0)} bytes`,
  ],
  [
    'cold CLI lookup, SQLite: snapshot · rebuild (ms)',
    `${f(sqliteFigures.cliColdWithSnapshot.wallMs)} · ${f(sqliteFigures.cliColdRebuildFromRows.wallMs)}`,
    `${result.registry.cliColdSpeedupSqlite}× · cpu ${sqliteFigures.cliColdWithSnapshot.cpuMs ?? '-'} · ` +
      `${sqliteFigures.cliColdRebuildFromRows.cpuMs ?? '-'} ms · \`--help\` ${f(cliFloor.wallMs)} ms`,
  ],
  ...(pgFigures
    ? ([
        [
          'PostgreSQL import · load+build+save · load snapshot (ms)',
          `${f(pgFigures.importMs)} · ${f(pgFigures.loadFromRowsAndSaveMs)} · ${f(pgFigures.loadFromSnapshotMs)}`,
          '',
        ],
        [
          'cold CLI lookup, PostgreSQL: snapshot · rebuild (ms)',
          `${f(pgFigures.cliColdWithSnapshot.wallMs)} · ${f(pgFigures.cliColdRebuildFromRows.wallMs)}`,
          `${result.registry.cliColdSpeedupPostgres}× · cpu ${pgFigures.cliColdWithSnapshot.cpuMs ?? '-'} · ` +
            `${pgFigures.cliColdRebuildFromRows.cpuMs ?? '-'} ms`,
        ],
      ] as Array<[string, string, string]>)
    : []),
  [
    'fuzz cases (mail + registry)',
    `${f(fz.mailCases)} + ${f(fz.registryCases)}`,
    `${result.fuzz.seconds} s, 0 failures`,
  ],
];
const w0 = Math.max(...rows.map((r) => r[0].length));
const w1 = Math.max(...rows.map((r) => r[1].length));
process.stdout.write(
  `shokai evidence benchmark (${result.node}, ${result.cpu}, 1 core used; rates per CPU-second, ` +
    `wall in the last column; load average ${result.loadAverage.start} → ${result.loadAverage.end} on ` +
    `${result.cores} cores)\n`,
);
for (const [a, b, c] of rows) process.stdout.write(`  ${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}\n`);
process.stdout.write(`results: bench/results/evidence.json\n`);

// Attribution benchmark: a synthetic ISP (subscribers behind CGNAT with port blocks, RADIUS
// sessions over several days), ingested and queried with known answers, against two baselines:
// (1) a streaming scan of the raw files, as staff do today; (2) straightforward SQL in PostgreSQL.
//
//   npm run bench:attribution -- [--records 10000000] [--lookups 100000] [--days 7] [--scan-sample 5]
//                                [--pg-lookups 20000] [--audited-lookups 10000] [--no-pg] [--dir DIR] [--keep]
//                                [--store postgres]
//
// `--store postgres` runs shokai's own attribution store on PostgreSQL (a fresh schema at the same URL as the
// baseline, dropped at the end) instead of SQLite: the engine as a hub or a large ISP would run it.
import { closeSync, mkdirSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { importSubscribers, lookupAddress } from '../src/attribution/attribution-service.ts';
import { ingestFiles } from '../src/attribution/ingest.ts';
import { Resolver } from '../src/attribution/resolver.ts';
import { MemoryIndexedStore } from '../src/attribution/store/memory-index.ts';
import { attributionRepository } from '../src/attribution/store/repositories.ts';
import { SqliteAttributionRepository } from '../src/attribution/store/sqlite.repository.ts';
import type { Subscriber } from '../src/attribution/subscribers.ts';
import { generateKekSecret, kekFromSecret } from '../src/crypto/key-wrap.ts';
import { SYSTEM_CALLER } from '../src/domain/access.ts';
import { type AppContext, createContext } from '../src/kernel/context.ts';
import { run } from '../src/kernel/unit-of-work.ts';
import { formatIPv4 } from '../src/net/address.ts';
import { openStore } from '../src/store/database.ts';
import { BufferedFile, seededRandom } from './lib/generate.ts';
import { benchPostgresUrl, dropSchema } from './lib/postgres.ts';
import { writeResults } from './lib/report.ts';

// ---------------------------------------------------------------- options
function flag(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return def;
  const v = Number(process.argv[i + 1]);
  if (!Number.isFinite(v) || v < 0) throw new Error(`--${name}: not a number: "${process.argv[i + 1]}"`);
  return v;
}
const has = (name: string): boolean => process.argv.includes(`--${name}`);
const opt = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
};
const RECORDS = flag('records', 10_000_000);
const AUDITED_LOOKUPS = flag('audited-lookups', 10_000);
const LOOKUPS = flag('lookups', 100_000);
const DAYS = flag('days', 7);
const SCAN_SAMPLE = flag('scan-sample', 5);
const PG_LOOKUPS = flag('pg-lookups', 20_000);
const USE_PG = !has('no-pg');
const STORE_PG = opt('store') === 'postgres';
if (opt('store') !== undefined && !STORE_PG)
  throw new Error(`--store: postgres or nothing (SQLite), not "${opt('store')}"`);
const PG_URL = benchPostgresUrl();
const DIR = opt('dir') ?? mkdtempSync(join(tmpdir(), 'shokai-bench-attr-'));
mkdirSync(DIR, { recursive: true });
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

// ---------------------------------------------------------------- deterministic random
const { rand, randInt } = seededRandom(0x9e3779b9);

// ---------------------------------------------------------------- min-heap of (time, value)
class Heap {
  private t: number[] = [];
  private v: number[] = [];
  get size(): number {
    return this.t.length;
  }
  peek(): number {
    return this.t[0]!;
  }
  push(time: number, value: number): void {
    const t = this.t;
    const v = this.v;
    let i = t.length;
    t.push(time);
    v.push(value);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (t[p]! <= time) break;
      t[i] = t[p]!;
      v[i] = v[p]!;
      i = p;
    }
    t[i] = time;
    v[i] = value;
  }
  pop(): number {
    const t = this.t;
    const v = this.v;
    const top = v[0]!;
    const lt = t.pop()!;
    const lv = v.pop()!;
    if (t.length > 0) {
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= t.length) break;
        if (c + 1 < t.length && t[c + 1]! < t[c]!) c++;
        if (t[c]! >= lt) break;
        t[i] = t[c]!;
        v[i] = v[c]!;
        i = c;
      }
      t[i] = lt;
      v[i] = lv;
    }
    return top;
  }
}

// ---------------------------------------------------------------- generator
const T0 = Date.parse('2026-03-22T15:00:00Z') / 1000; // a week ending 2026-03-29 JST
const SPAN = DAYS * 86400;
const RECORDS_PER_SESSION = 5; // Start, Stop, ALLOC, RELEASE + on average one interim
const CYCLE = (1800 + 30600) / 2 + (60 + 7200) / 2;
// sessions that would cross the end of the period are not generated: aim a little higher
const SUBS = Math.max(10, Math.round((1.03 * RECORDS) / RECORDS_PER_SESSION / (SPAN / CYCLE)));
const INSIDE_BASE = 0x64400000; // 100.64.0.0
const PUBLIC_BASE = 0xc6120000; // 198.18.0.0
const BLOCKS_PER_IP = 252; // 1024–65535 in blocks of 256
const PUBLICS = Math.ceil((SUBS * 1.1) / BLOCKS_PER_IP) + 1;

interface World {
  n: number;
  start: Int32Array;
  end: Int32Array;
  sub: Int32Array;
  inside: Int32Array;
  pub: Int32Array;
  block: Int32Array;
  alloc: Int32Array;
  release: Int32Array;
  radInterim: Uint8Array;
  pbaInterim: Uint8Array;
}

function generate(): World {
  // sessions per subscriber, then a sweep in start order that hands out inside addresses and port
  // blocks from LIFO free lists, so addresses are reused by other subscribers minutes later.
  const starts: number[] = [];
  const ends: number[] = [];
  const subs: number[] = [];
  for (let s = 0; s < SUBS; s++) {
    let t = randInt(0, 7200);
    for (;;) {
      const len = randInt(1800, 30600);
      if (t + len >= SPAN - 10) break;
      starts.push(t);
      ends.push(t + len);
      subs.push(s);
      t += len + randInt(60, 7200);
    }
  }
  const n = starts.length;
  const order = new Float64Array(n);
  for (let i = 0; i < n; i++) order[i] = starts[i]! * 4194304 + i;
  order.sort();
  const w: World = {
    n,
    start: new Int32Array(n),
    end: new Int32Array(n),
    sub: new Int32Array(n),
    inside: new Int32Array(n),
    pub: new Int32Array(n),
    block: new Int32Array(n),
    alloc: new Int32Array(n),
    release: new Int32Array(n),
    radInterim: new Uint8Array(n),
    pbaInterim: new Uint8Array(n),
  };
  const freeInside: number[] = [];
  let nextInside = 0;
  const freeBlock: number[] = [];
  let nextBlock = 0;
  const busy = new Heap();
  for (let k = 0; k < n; k++) {
    const i = order[k]! % 4194304;
    const st = starts[i]!;
    const en = ends[i]!;
    while (busy.size > 0 && busy.peek() + 2 <= st) {
      const j = busy.pop();
      freeInside.push(w.inside[j]!);
      freeBlock.push(w.pub[j]! * BLOCKS_PER_IP + w.block[j]!);
    }
    const ins = freeInside.length > 0 ? freeInside.pop()! : nextInside++;
    const blk = freeBlock.length > 0 ? freeBlock.pop()! : nextBlock++;
    if (nextBlock > PUBLICS * BLOCKS_PER_IP) throw new Error('generator: out of port blocks');
    w.start[k] = st;
    w.end[k] = en;
    w.sub[k] = subs[i]!;
    w.inside[k] = ins;
    w.pub[k] = Math.floor(blk / BLOCKS_PER_IP);
    w.block[k] = blk % BLOCKS_PER_IP;
    w.alloc[k] = st + randInt(1, 3);
    w.release[k] = en - randInt(1, 3);
    w.radInterim[k] = rand() < 0.5 ? 1 : 0;
    w.pbaInterim[k] = rand() < 0.5 ? 1 : 0;
    busy.push(en, k);
  }
  return w;
}

const account = (s: number): string => `u${s.toString().padStart(7, '0')}`;
const insideIp = (i: number): number => INSIDE_BASE + i;
const publicIp = (p: number): number => PUBLIC_BASE + p;
const portLow = (b: number): number => 1024 + b * 256;

const DOW = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function ctimeJst(t: number): string {
  const d = new Date((t + 9 * 3600) * 1000);
  const p = (x: number): string => String(x).padStart(2, '0');
  return (
    `${DOW[d.getUTCDay()]} ${MON[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ` +
    `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${d.getUTCFullYear()}`
  );
}

// events: key = relative time · 2^24 + session · 8 + kind (sorting the keys sorts by time)
const EVENT_TIME = 16777216;
const eventKey = (rel: number, k: number, kind: number): number => rel * EVENT_TIME + k * 8 + kind;
/** An event's key taken apart: its time relative to T0, its session, its kind. */
function eventOf(key: number): { rel: number; k: number; kind: number } {
  const rel = Math.floor(key / EVENT_TIME);
  const lo = key - rel * EVENT_TIME;
  return { rel, k: lo >> 3, kind: lo & 7 };
}

/**
 * One log's events in time order, as keys: each session's first event, an interim one where the
 * session has one, and its last.
 */
function sortedEvents(
  w: World,
  hasInterim: Uint8Array,
  at: { first: Int32Array; interim: (k: number) => number; last: Int32Array },
): Float64Array {
  let n = 0;
  for (let k = 0; k < w.n; k++) n += 2 + hasInterim[k]!;
  const keys = new Float64Array(n);
  let i = 0;
  for (let k = 0; k < w.n; k++) {
    keys[i++] = eventKey(at.first[k]!, k, 0);
    if (hasInterim[k]) keys[i++] = eventKey(at.interim(k), k, 1);
    keys[i++] = eventKey(at.last[k]!, k, 2);
  }
  return keys.sort();
}

/** Writes one record an event, in the keys' order; returns how many it wrote. */
function writeEvents(
  path: string,
  keys: Float64Array,
  record: (e: { rel: number; k: number; kind: number }, t: number) => string,
): number {
  const out = new BufferedFile(path);
  for (let i = 0; i < keys.length; i++) {
    const e = eventOf(keys[i]!);
    out.add(record(e, T0 + e.rel));
  }
  out.close();
  return keys.length;
}

function writeFiles(w: World, radiusPath: string, pbaPath: string): { radius: number; pba: number } {
  const mid = (k: number): number => (w.start[k]! + w.end[k]!) >> 1;
  const rad = sortedEvents(w, w.radInterim, { first: w.start, interim: mid, last: w.end });
  const pba = sortedEvents(w, w.pbaInterim, { first: w.alloc, interim: (k) => mid(k) + 1, last: w.release });
  const STATUS = ['Start', 'Interim-Update', 'Stop'];
  const radius = writeEvents(radiusPath, rad, ({ rel, k, kind }, t) => {
    let rec =
      `${ctimeJst(t)}\n\tAcct-Status-Type = ${STATUS[kind]}\n\tUser-Name = "${account(w.sub[k]!)}"\n` +
      `\tAcct-Session-Id = "${k.toString(16).padStart(8, '0')}"\n\tNAS-IP-Address = 192.0.2.1\n` +
      `\tFramed-IP-Address = ${formatIPv4(insideIp(w.inside[k]!))}\n`;
    if (kind > 0) rec += `\tAcct-Session-Time = ${rel - w.start[k]!}\n`;
    return `${rec}\tTimestamp = ${t}\n\n`;
  });
  const EVT = ['RT_SRC_NAT_PBA_ALLOC', 'RT_SRC_NAT_PBA_INTERIM', 'RT_SRC_NAT_PBA_RELEASE'];
  const pbaRecords = writeEvents(pbaPath, pba, ({ k, kind }, t) => {
    const plo = portLow(w.block[k]!);
    return (
      `<14>1 ${new Date(t * 1000).toISOString()} cgn-1 RT_NAT - ${EVT[kind]} [junos@2636.1.1.1.2.129 ` +
      `internal-ip="${formatIPv4(insideIp(w.inside[k]!))}" block-used="1" block-max-per-host="4" ` +
      `block-port-low="${plo}" block-port-high="${plo + 255}" reflexive-ip="${formatIPv4(publicIp(w.pub[k]!))}" ` +
      `nat-pool-name="cgn" logical-system-id="0" epoch-time-64="${t.toString(16)}"]\n`
    );
  });
  return { radius, pba: pbaRecords };
}

// ---------------------------------------------------------------- queries with known answers
interface Q {
  ip: string;
  port: number;
  t: number;
  at: string;
  expect: string | null;
}
function isoJst(t: number): string {
  const d = new Date((t + 9 * 3600) * 1000).toISOString();
  return `${d.slice(0, 19)}+09:00`;
}
function makeQueries(w: World, n: number): Q[] {
  const qs: Q[] = [];
  for (let i = 0; i < n; i++) {
    const k = randInt(0, w.n - 1);
    const pub = formatIPv4(publicIp(w.pub[k]!));
    if (i % 100 === 99) {
      // a port below every block: the answer must be "none"
      const t = T0 + randInt(w.alloc[k]! + 1, w.release[k]! - 1);
      qs.push({ ip: pub, port: randInt(1, 1023), t, at: isoJst(t), expect: null });
      continue;
    }
    const t = T0 + randInt(w.alloc[k]! + 1, w.release[k]! - 1);
    const port = portLow(w.block[k]!) + randInt(0, 255);
    qs.push({ ip: pub, port, t, at: isoJst(t), expect: account(w.sub[k]!) });
  }
  return qs;
}

/** The p-th percentile of `sorted`; NaN when nothing was measured (a count of 0 asked for). */
function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** `count` lookups that took `seconds` in all: their median and 99th-percentile latency, and their rate. */
function latencyOf(
  sortedUs: number[],
  count: number,
  seconds: number,
): { p50Us: number; p99Us: number; lookupsPerSecond: number } {
  return { p50Us: pct(sortedUs, 50), p99Us: pct(sortedUs, 99), lookupsPerSecond: count / seconds };
}

/** Lookups through the audited use case: each a unit of work (transaction + hash-chained audit entry). */
async function runAuditedLookups(
  ctx: AppContext,
  resolver: Resolver,
  qs: Q[],
): Promise<{ count: number; p50Us: number; p99Us: number; lookupsPerSecond: number; wrong: number }> {
  const lat = new Float64Array(qs.length);
  let wrong = 0;
  const w0 = performance.now();
  for (let i = 0; i < qs.length; i++) {
    const q = qs[i]!;
    const s = performance.now();
    const r = await run(ctx, lookupAddress, SYSTEM_CALLER, { ip: q.ip, port: q.port, at: q.at }, { resolver });
    lat[i] = (performance.now() - s) * 1000;
    if (q.expect === null ? r.verdict !== 'none' : r.candidates[0]?.account !== q.expect) wrong++;
  }
  const seconds = (performance.now() - w0) / 1000;
  const sorted = Array.from(lat).sort((a, b) => a - b);
  return {
    count: qs.length,
    ...latencyOf(sorted, qs.length, seconds),
    wrong,
  };
}

// ---------------------------------------------------------------- baseline 1: scanning raw files
function scanFor(path: string, needle: string, onLine: (line: string) => void): void {
  const fd = openSync(path, 'r');
  const buf = Buffer.allocUnsafe(16 << 20);
  const nb = Buffer.from(needle);
  let carry = Buffer.alloc(0);
  for (;;) {
    const n = readSync(fd, buf, 0, buf.length, null);
    if (n === 0) break;
    const data = carry.length ? Buffer.concat([carry, buf.subarray(0, n)]) : buf.subarray(0, n);
    const last = data.lastIndexOf(10);
    const end = Math.max(last, 0);
    let at = data.indexOf(nb, 0);
    while (at >= 0 && at < end) {
      const ls = data.lastIndexOf(10, at) + 1;
      const le = data.indexOf(10, at);
      onLine(data.toString('latin1', ls, le < 0 ? data.length : le));
      at = data.indexOf(nb, le < 0 ? data.length : le);
    }
    carry = Buffer.from(data.subarray(end));
  }
  closeSync(fd);
}

/**
 * What staff do: grep the NAT log for the public address, pick the block holding the port then; grep RADIUS for the
 * inside address.
 */
function scanAnswer(q: Q, pbaPath: string, radiusPath: string): string | null {
  let inside: string | null = null;
  let state = new Map<number, { ins: string; alloc: number; rel: number | null }>();
  scanFor(pbaPath, `reflexive-ip="${q.ip}"`, (line) => {
    const lo = Number(/block-port-low="(\d+)"/.exec(line)?.[1]);
    const hi = Number(/block-port-high="(\d+)"/.exec(line)?.[1]);
    if (q.port < lo || q.port > hi) return;
    const t = parseInt(/epoch-time-64="([0-9a-f]+)"/.exec(line)?.[1] ?? '0', 16);
    const ins = /internal-ip="([\d.]+)"/.exec(line)?.[1] ?? '';
    if (line.includes('PBA_ALLOC') && t <= q.t) state.set(lo, { ins, alloc: t, rel: null });
    else if (line.includes('PBA_RELEASE')) {
      const s = state.get(lo);
      if (s && s.ins === ins && s.rel === null) s.rel = t;
    }
  });
  for (const s of state.values()) if (s.alloc <= q.t && (s.rel === null || s.rel >= q.t)) inside = s.ins;
  state = new Map();
  if (inside === null) return null;
  // RADIUS detail: records are several lines; grep for the address and read the record around it
  let holder: string | null = null;
  const sessions = new Map<string, { user: string; start: number; stop: number | null }>();
  const fd = openSync(radiusPath, 'r');
  const buf = Buffer.allocUnsafe(16 << 20);
  const needle = Buffer.from(`Framed-IP-Address = ${inside}\n`);
  let carry = Buffer.alloc(0);
  for (;;) {
    const n = readSync(fd, buf, 0, buf.length, null);
    if (n === 0) break;
    const data = carry.length ? Buffer.concat([carry, buf.subarray(0, n)]) : buf.subarray(0, n);
    const end = data.lastIndexOf('\n\n');
    let at = data.indexOf(needle, 0);
    while (at >= 0 && at < end) {
      const rs = data.lastIndexOf('\n\n', at) + 2;
      const re = data.indexOf('\n\n', at);
      const rec = data.toString('latin1', rs, re);
      const user = /User-Name = "([^"]*)"/.exec(rec)?.[1] ?? '';
      const sid = /Acct-Session-Id = "([^"]*)"/.exec(rec)?.[1] ?? '';
      const ts = Number(/Timestamp = (\d+)/.exec(rec)?.[1]);
      if (rec.includes('= Start')) sessions.set(sid, { user, start: ts, stop: null });
      else if (rec.includes('= Stop')) {
        const s = sessions.get(sid);
        if (s) s.stop = ts;
      }
      at = data.indexOf(needle, re);
    }
    carry = Buffer.from(data.subarray(Math.max(end, 0)));
  }
  closeSync(fd);
  for (const s of sessions.values()) if (s.start <= q.t && (s.stop === null || s.stop >= q.t)) holder = s.user;
  return holder;
}

// ---------------------------------------------------------------- baseline 2: straightforward SQL in PostgreSQL
async function pgBaseline(w: World, queries: Q[]): Promise<Record<string, number>> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query('DROP SCHEMA IF EXISTS bench_attr CASCADE');
    await c.query('CREATE SCHEMA bench_attr');
    await c.query('SET search_path = bench_attr');
    await c.query(
      `CREATE TABLE cgnat_blocks (public_ip inet NOT NULL, port_low int NOT NULL, port_high int NOT NULL, ` +
        `inside_ip inet NOT NULL,
      alloc_at timestamptz NOT NULL, release_at timestamptz)`,
    );
    await c.query(
      'CREATE TABLE radius_sessions (framed_ip inet NOT NULL, username text NOT NULL, ' +
        'start_at timestamptz NOT NULL, stop_at timestamptz)',
    );
    await c.query('CREATE TABLE subscribers (account text PRIMARY KEY, name text NOT NULL, address text NOT NULL)');
    const t0 = performance.now();
    const B = 20000;
    for (let i = 0; i < w.n; i += B) {
      const idx = Array.from({ length: Math.min(B, w.n - i) }, (_, j) => i + j);
      await c.query(
        `INSERT INTO cgnat_blocks SELECT * FROM unnest($1::inet[], $2::int[], $3::int[], $4::inet[], ` +
          `$5::timestamptz[], $6::timestamptz[])`,
        [
          idx.map((k) => formatIPv4(publicIp(w.pub[k]!))),
          idx.map((k) => portLow(w.block[k]!)),
          idx.map((k) => portLow(w.block[k]!) + 255),
          idx.map((k) => formatIPv4(insideIp(w.inside[k]!))),
          idx.map((k) => new Date((T0 + w.alloc[k]!) * 1000)),
          idx.map((k) => new Date((T0 + w.release[k]!) * 1000)),
        ],
      );
      await c.query(
        `INSERT INTO radius_sessions SELECT * FROM unnest($1::inet[], $2::text[], $3::timestamptz[], ` +
          `$4::timestamptz[])`,
        [
          idx.map((k) => formatIPv4(insideIp(w.inside[k]!))),
          idx.map((k) => account(w.sub[k]!)),
          idx.map((k) => new Date((T0 + w.start[k]!) * 1000)),
          idx.map((k) => new Date((T0 + w.end[k]!) * 1000)),
        ],
      );
    }
    for (let s = 0; s < SUBS; s += B) {
      const idx = Array.from({ length: Math.min(B, SUBS - s) }, (_, j) => s + j);
      await c.query('INSERT INTO subscribers SELECT * FROM unnest($1::text[], $2::text[], $3::text[])', [
        idx.map(account),
        idx.map((x) => `契約者 ${x}`),
        idx.map((x) => `東京都千代田区${x}`),
      ]);
    }
    await c.query('CREATE INDEX ON cgnat_blocks (public_ip, port_low, alloc_at)');
    await c.query('CREATE INDEX ON radius_sessions (framed_ip, start_at)');
    await c.query('ANALYZE');
    const loadSeconds = (performance.now() - t0) / 1000;
    const size = Number(
      (
        await c.query(
          `SELECT sum(pg_total_relation_size(c.oid)) AS n ` +
            `FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'bench_attr' AND c.relkind = 'r'`,
        )
      ).rows[0].n,
    );
    const sql = {
      name: 'bench_lookup',
      text:
        `SELECT s.username, sub.name FROM cgnat_blocks b
        JOIN radius_sessions s ON s.framed_ip = b.inside_ip AND s.start_at <= $3 ` +
        `AND (s.stop_at IS NULL OR s.stop_at >= $3)
        LEFT JOIN subscribers sub ON sub.account = s.username
        WHERE b.public_ip = $1 AND b.port_low <= $2 AND b.port_high >= $2 ` +
        `AND b.alloc_at <= $3 AND (b.release_at IS NULL OR b.release_at >= $3)`,
    };
    const lat: number[] = [];
    let wrong = 0;
    const sample = queries.slice(0, PG_LOOKUPS);
    const w0 = performance.now();
    for (const q of sample) {
      const s = performance.now();
      const r = await c.query<{ username: string }>({ ...sql, values: [q.ip, q.port, new Date(q.t * 1000)] });
      lat.push((performance.now() - s) * 1000);
      const got = r.rows.length === 1 ? r.rows[0]!.username : null;
      if (got !== q.expect) wrong++;
    }
    const total = (performance.now() - w0) / 1000;
    lat.sort((a, b) => a - b);
    await c.query('DROP SCHEMA bench_attr CASCADE');
    return {
      lookups: sample.length,
      ...latencyOf(lat, sample.length, total),
      wrong,
      loadSeconds,
      bytes: size,
    };
  } finally {
    await c.end();
  }
}

// ---------------------------------------------------------------- run
async function main(): Promise<void> {
  const log = (s: string): void => {
    process.stderr.write(`${s}\n`);
  };
  log(
    `attribution benchmark: target ${RECORDS} records, ${DAYS} days, ${SUBS} subscribers, ` +
      `${PUBLICS} public addresses; files in ${DIR}`,
  );
  let t = performance.now();
  const w = generate();
  const radiusPath = join(DIR, 'radius.detail');
  const pbaPath = join(DIR, 'juniper-pba.log');
  const counts = writeFiles(w, radiusPath, pbaPath);
  const records = counts.radius + counts.pba;
  const rawBytes = statSync(radiusPath).size + statSync(pbaPath).size;
  log(
    `generated ${w.n} sessions, ${records} records (${(rawBytes / 1e9).toFixed(2)} GB) ` +
      `in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );

  const dbPath = join(DIR, 'attribution.sqlite');
  rmSync(dbPath, { force: true });
  rmSync(`${dbPath}-wal`, { force: true });
  rmSync(`${dbPath}-shm`, { force: true });
  // the main store (migrated), its context, and the attribution repository over its connection
  // One fixed schema, dropped before and after: a run that crashed leaves nothing behind for long.
  const pgSchema = 'bench_attr_store';
  if (STORE_PG) await dropSchema(PG_URL, pgSchema);
  const main = STORE_PG
    ? await openStore({ kind: 'postgres', url: PG_URL, schema: pgSchema })
    : await openStore(dbPath);
  const ctx = await createContext(main, kekFromSecret(generateKekSecret()));
  const store = attributionRepository(main);
  if (!STORE_PG && !(store instanceof SqliteAttributionRepository)) throw new Error('the SQLite store was not opened');
  const probes = STORE_PG ? 'PostgreSQL probes' : 'SQLite probes';
  t = performance.now();
  const ingestCpu0 = process.cpuUsage();
  const s1 = await ingestFiles(store, [radiusPath], { format: 'radius-detail' });
  const s2 = await ingestFiles(store, [pbaPath], { format: 'juniper-pba' });
  const ingestSeconds = (performance.now() - t) / 1000;
  const ingestCpuUsage = process.cpuUsage(ingestCpu0);
  const ingestCpuSeconds = (ingestCpuUsage.user + ingestCpuUsage.system) / 1e6;
  const ingested = s1.ingested + s2.ingested;
  if (s1.skipped + s2.skipped > 0)
    throw new Error(`ingest skipped lines: ${JSON.stringify([...s1.errors, ...s2.errors].slice(0, 3))}`);
  log(
    `ingested ${ingested} records in ${ingestSeconds.toFixed(1)} s (${Math.round(ingested / ingestSeconds)} records/s)`,
  );
  const subs: Subscriber[] = [];
  for (let s = 0; s < SUBS; s++) {
    subs.push({
      account: account(s),
      name: `契約者 ${s}`,
      nameKana: `ケイヤクシャ ${s}`,
      installationAddress: `東京都千代田区${s}`,
      billingAddress: `東京都千代田区${s}`,
      phone: '03-0000-0000',
      email: `${account(s)}@example.jp`,
      contractStart: T0 - 86400 * 365,
      contractEnd: null,
      lineUse: 'residential',
    });
  }
  await run(ctx, importSubscribers, SYSTEM_CALLER, {
    source: { file: 'synthetic', sha256: '0'.repeat(64) },
    subscribers: subs,
    skipped: 0,
  });
  if (main.native.dialect === 'sqlite') main.native.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const stats = await store.stats();
  const attrBytes = await store.sizeBytes();
  const fileBytes = STORE_PG ? attrBytes : statSync(dbPath).size;
  const rows = stats.assigns + stats.natBlocks;

  // lookups
  const queries = makeQueries(w, LOOKUPS);
  const runLookups = async (label: string, resolver: Resolver) => {
    for (const q of queries.slice(0, 2000)) await resolver.resolve({ ip: q.ip, port: q.port, at: q.at }); // warm-up
    const lat = new Float64Array(queries.length);
    let wrong = 0;
    const wrongExamples: unknown[] = [];
    const w0 = performance.now();
    const lookCpu0 = process.cpuUsage();
    for (let i = 0; i < queries.length; i++) {
      const q = queries[i]!;
      const s = performance.now();
      const r = await resolver.resolve({ ip: q.ip, port: q.port, at: q.at });
      lat[i] = (performance.now() - s) * 1000;
      const ok =
        q.expect === null
          ? r.verdict === 'none'
          : r.verdict === 'unique' &&
            r.candidates[0]?.account === q.expect &&
            r.candidates[0]?.holder?.name === `契約者 ${Number(q.expect.slice(1))}`;
      if (!ok) {
        wrong++;
        if (wrongExamples.length < 3) wrongExamples.push({ q, r });
      }
    }
    const lookupSeconds = (performance.now() - w0) / 1000;
    const lookCpu = process.cpuUsage(lookCpu0);
    const lookupCpuSeconds = (lookCpu.user + lookCpu.system) / 1e6;
    const sorted = Array.from(lat).sort((a, b) => a - b);
    const e = {
      ...latencyOf(sorted, queries.length, lookupSeconds),
      lookupsPerCpuSecond: queries.length / lookupCpuSeconds,
      wrong,
    };
    log(
      `${label}: ${queries.length} lookups, p50 ${e.p50Us.toFixed(1)} µs, p99 ${e.p99Us.toFixed(1)} µs, ` +
        `${Math.round(e.lookupsPerSecond)} lookups/s (${Math.round(e.lookupsPerCpuSecond)} per CPU-second), ` +
        `wrong ${wrong}`,
    );
    if (wrongExamples.length) log(JSON.stringify(wrongExamples, null, 1).slice(0, 4000));
    return e;
  };
  const engineSql = await runLookups(`engine (${probes})`, new Resolver(store));
  // The in-memory snapshot reads SQLite's tables whole; on PostgreSQL the engine answers from the store.
  const snapT0 = performance.now();
  const snapshot = store instanceof SqliteAttributionRepository ? await MemoryIndexedStore.load(store) : null;
  const snapshotLoadSeconds = (performance.now() - snapT0) / 1000;
  const engine = snapshot
    ? await runLookups('engine (in-memory snapshot over SQLite)', new Resolver(snapshot))
    : engineSql;
  const snapshotBytes = snapshot?.memoryBytes ?? 0;
  // The same lookups as the CLI and a server run them: the use case, one audited unit of work each.
  const audited = await runAuditedLookups(ctx, new Resolver(snapshot ?? store), queries.slice(0, AUDITED_LOOKUPS));
  log(
    audited.count === 0
      ? 'audited lookups: not run (--audited-lookups 0)'
      : `audited lookups (use case over the ${snapshot ? 'snapshot' : 'store'}, one unit of work and audit entry ` +
          `each): ${audited.count}, p50 ${audited.p50Us.toFixed(1)} µs, p99 ${audited.p99Us.toFixed(1)} µs, ` +
          `${Math.round(audited.lookupsPerSecond)} lookups/s`,
  );
  await main.close();
  if (STORE_PG) await dropSchema(PG_URL, pgSchema);

  // baseline 1: scan
  const scanQs = queries.filter((q) => q.expect !== null).slice(0, SCAN_SAMPLE);
  const scanTimes: number[] = [];
  let scanWrong = 0;
  for (const q of scanQs) {
    const s = performance.now();
    const got = scanAnswer(q, pbaPath, radiusPath);
    scanTimes.push((performance.now() - s) / 1000);
    if (got !== q.expect) scanWrong++;
  }
  const scanMean = scanTimes.reduce((a, b) => a + b, 0) / Math.max(1, scanTimes.length);
  log(`scan baseline: ${scanQs.length} questions, mean ${scanMean.toFixed(2)} s per question, wrong ${scanWrong}`);

  // baseline 2: PostgreSQL
  let pgr: Record<string, number> | null = null;
  if (USE_PG) {
    log('PostgreSQL baseline: loading …');
    pgr = await pgBaseline(w, queries);
    log(
      `PostgreSQL baseline: load ${pgr.loadSeconds!.toFixed(1)} s, p50 ${pgr.p50Us!.toFixed(1)} µs, ` +
        `p99 ${pgr.p99Us!.toFixed(1)} µs, ${Math.round(pgr.lookupsPerSecond!)} lookups/s, wrong ${pgr.wrong}`,
    );
  }

  const engineMeanUs = 1e6 / engine.lookupsPerSecond;
  const result = {
    when: new Date().toISOString(),
    command: `npm run bench:attribution -- ${process.argv.slice(2).join(' ')}`.trim(),
    machine: { node: process.version, cpus: 2 },
    attributionStore: STORE_PG ? 'postgres' : 'sqlite',
    synthetic: {
      days: DAYS,
      subscribers: SUBS,
      publicAddresses: PUBLICS,
      sessions: w.n,
      records,
      radiusRecords: counts.radius,
      pbaRecords: counts.pba,
      rawBytes,
    },
    ingest: {
      records: ingested,
      seconds: ingestSeconds,
      recordsPerSecond: ingested / ingestSeconds,
      cpuSeconds: ingestCpuSeconds,
      recordsPerCpuSecond: ingested / ingestCpuSeconds,
    },
    loadAverageAtEnd: (await import('node:os')).loadavg(),
    store: {
      storedRows: rows,
      ...stats,
      attrTableBytes: attrBytes,
      fileBytes,
      bytesPerRecord: attrBytes / records,
      bytesPerStoredRow: attrBytes / rows,
    },
    lookups: { count: queries.length, ...engine, meanUs: engineMeanUs, snapshotLoadSeconds, snapshotBytes },
    lookupsSqliteProbes: { count: queries.length, ...engineSql, meanUs: 1e6 / engineSql.lookupsPerSecond },
    lookupsAudited: audited,
    correctness: snapshot
      ? { checked: 2 * queries.length, wrong: engine.wrong + engineSql.wrong }
      : { checked: queries.length, wrong: engineSql.wrong },
    scanBaseline: {
      questions: scanQs.length,
      meanSecondsPerQuestion: scanMean,
      wrong: scanWrong,
      speedupVsEngineMean: (scanMean * 1e6) / engineMeanUs,
      speedupVsEngineP99: (scanMean * 1e6) / engine.p99Us,
    },
    postgresBaseline:
      pgr === null
        ? null
        : {
            ...pgr,
            p99RatioPgOverEngine: pgr.p99Us! / engine.p99Us,
            throughputRatioEngineOverPg: engine.lookupsPerSecond / pgr.lookupsPerSecond!,
            p99RatioPgOverSqliteProbes: pgr.p99Us! / engineSql.p99Us,
            throughputRatioSqliteProbesOverPg: engineSql.lookupsPerSecond / pgr.lookupsPerSecond!,
          },
    targets: {
      p99UnderUs250: engine.p99Us <= 250,
      lookupsPerSecondOver20000: engine.lookupsPerSecond >= 20000,
      scan1000x: scanQs.length === 0 ? null : (scanMean * 1e6) / engineMeanUs >= 1000,
      zeroWrongSqliteProbes: engineSql.wrong === 0,
      fasterThanPostgres:
        pgr === null ? null : engine.lookupsPerSecond > pgr.lookupsPerSecond! && engine.p99Us < pgr.p99Us!,
      ingestOver400k: ingested / ingestSeconds >= 400000,
      bytesPerRecordUnder100: attrBytes / records <= 100,
      zeroWrong: engine.wrong === 0,
    },
  };
  writeResults(join(ROOT, 'bench', 'results', 'attribution.json'), result);
  const row = (k: string, v: string): string => `${k.padEnd(34)} ${v}`;
  process.stdout.write(
    `${[
      row('records (RADIUS + PBA)', `${records}  (${w.n} sessions, ${SUBS} subscribers)`),
      row(
        'ingest incl. parsing',
        `${Math.round(result.ingest.recordsPerSecond)} records/s wall, ` +
          `${Math.round(result.ingest.recordsPerCpuSecond)} per CPU-second  (${ingestSeconds.toFixed(1)} s)`,
      ),
      row(
        'store bytes / record',
        `${result.store.bytesPerRecord.toFixed(1)}  (${result.store.bytesPerStoredRow.toFixed(1)} per stored interval)`,
      ),
      ...(snapshot
        ? [
            row(
              'lookup p50 / p99 (snapshot)',
              `${engine.p50Us.toFixed(1)} µs / ${engine.p99Us.toFixed(1)} µs  ` +
                `(load ${snapshotLoadSeconds.toFixed(1)} s, ${(snapshotBytes / 1e6).toFixed(0)} MB)`,
            ),
            row(
              'lookups/s (snapshot, one core)',
              `${Math.round(engine.lookupsPerSecond)} wall, ${Math.round(engine.lookupsPerCpuSecond)} per CPU-second`,
            ),
          ]
        : []),
      row(`lookup p50 / p99 (${probes})`, `${engineSql.p50Us.toFixed(1)} µs / ${engineSql.p99Us.toFixed(1)} µs`),
      row(
        `lookups/s (${probes})`,
        `${Math.round(engineSql.lookupsPerSecond)} wall, ${Math.round(engineSql.lookupsPerCpuSecond)} per CPU-second`,
      ),
      row(
        'lookups/s (audited use case)',
        audited.count === 0
          ? 'not run'
          : `${Math.round(audited.lookupsPerSecond)} wall, ` +
              `p50 ${audited.p50Us.toFixed(1)} µs / p99 ${audited.p99Us.toFixed(1)} µs`,
      ),
      row(
        'wrong answers',
        snapshot
          ? `${engine.wrong} + ${engineSql.wrong} of ${queries.length} + ${queries.length}`
          : `${engineSql.wrong} of ${queries.length}`,
      ),
      row(
        'scan baseline per question',
        `${scanMean.toFixed(2)} s  → engine ${Math.round(result.scanBaseline.speedupVsEngineMean)}× faster`,
      ),
      pgr
        ? row(
            'PostgreSQL baseline p50 / p99',
            `${pgr.p50Us!.toFixed(1)} / ${pgr.p99Us!.toFixed(1)} µs, ` +
              `${Math.round(pgr.lookupsPerSecond!)} lookups/s → ` +
              `engine ${result.postgresBaseline!.throughputRatioEngineOverPg.toFixed(1)}× ` +
              `(SQLite probes ${result.postgresBaseline!.throughputRatioSqliteProbesOverPg.toFixed(1)}×) throughput`,
          )
        : row('PostgreSQL baseline', 'skipped'),
      row(
        'targets',
        Object.entries(result.targets)
          .map(([k, v]) => `${k}=${v}`)
          .join(' '),
      ),
    ].join('\n')}\n`,
  );
  if (!has('keep') && opt('dir') === undefined) rmSync(DIR, { recursive: true, force: true });
}

await main();

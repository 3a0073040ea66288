// A read-only in-memory columnar snapshot of the hot attribution tables (CGNAT port blocks and
// sessions, IPv4 assignments, accounts, subscriber directory) in typed arrays, searched by binary
// search. It implements the same AttributionStore interface, so the resolver is unchanged; it is
// what a long-running answering process (or a batch of lookups) uses when per-query SQL round trips
// dominate. Writes go to the underlying store and retire the snapshot (reads then fall through).

import { ipv4FromBytes, ipv4FromInt32, ipv4ToInt32 } from '../../net/address.ts';
import type { Tx } from '../../store/database.ts';
import type { NatConfig } from '../nat-config.ts';
import { contractCovers, type Subscriber } from '../subscribers.ts';
import { natTable, reachOf, type StoredSpan } from './rows.ts';
import type { SqliteAttributionRepository } from './sqlite.repository.ts';
import type {
  AssignSeriesRow,
  AttributionStore,
  Coverage,
  FileProgress,
  HolderWindow,
  NatKind,
  NatSeriesRow,
  NatSpan,
  RefusedFile,
  SeriesInterval,
  StoreStats,
} from './types.ts';

/** The first index in [0, n) at which `after(i)` holds, for a predicate false then true along the index. */
function firstAfter(n: number, after: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const m = (lo + hi) >>> 1;
    if (after(m)) hi = m;
    else lo = m + 1;
  }
  return lo;
}

/** What every indexed row has: its validity window, whether it is still open, and its source record. */
class SpanColumns {
  readonly n: number;
  readonly t0: Float64Array;
  readonly t1: Float64Array;
  readonly open: Uint8Array;
  readonly file: Int32Array;
  readonly line: Int32Array;
  readonly eline: Int32Array;
  /** The row's reach (SeriesInterval.reach), never null here. */
  readonly reach: Float64Array;
  constructor(n: number) {
    this.n = n;
    this.reach = new Float64Array(n);
    this.t0 = new Float64Array(n);
    this.t1 = new Float64Array(n);
    this.open = new Uint8Array(n);
    this.file = new Int32Array(n);
    this.line = new Int32Array(n);
    this.eline = new Int32Array(n);
  }
  /** Stores row `i`'s span as scanned: its reach no earlier than its end (reachOf). */
  put(i: number, [t0, t1, open, file, line, eline, reach]: StoredSpan): void {
    this.t0[i] = t0;
    this.t1[i] = t1;
    this.open[i] = open;
    this.file[i] = file;
    this.line[i] = line;
    this.eline[i] = eline;
    this.reach[i] = reachOf(t1, reach);
  }
  /** Row `i`'s span as a series row carries it. */
  span(i: number): SeriesInterval {
    return {
      t0: this.t0[i]!,
      t1: this.t1[i]!,
      open: this.open[i] === 1,
      file: this.file[i]!,
      line: this.line[i]!,
      eline: this.eline[i]!,
      reach: this.reach[i]!,
    };
  }
}

class NatColumns extends SpanColumns {
  readonly pub: Int32Array;
  readonly plo: Int32Array;
  readonly phi: Int32Array;
  readonly inside: Int32Array;
  constructor(n: number) {
    super(n);
    this.pub = new Int32Array(n);
    this.plo = new Int32Array(n);
    this.phi = new Int32Array(n);
    this.inside = new Int32Array(n);
  }
  row(i: number): NatSeriesRow {
    return {
      plo: this.plo[i]!,
      phi: this.phi[i]!,
      inside: ipv4FromInt32(this.inside[i]!),
      ...this.span(i),
    };
  }
  /** First index whose (pub, plo, t0) is greater than the given key. */
  upper(pub: number, plo: number, t0: number): number {
    return firstAfter(this.n, (m) => {
      const p = this.pub[m]!;
      return p > pub || (p === pub && (this.plo[m]! > plo || (this.plo[m] === plo && this.t0[m]! > t0)));
    });
  }
}

class AssignColumns extends SpanColumns {
  readonly addr: Int32Array;
  readonly account: Int32Array;
  constructor(n: number) {
    super(n);
    this.addr = new Int32Array(n);
    this.account = new Int32Array(n);
  }
  /** First index whose (addr, t0) is greater than the given key. */
  upper(addr: number, t0: number): number {
    return firstAfter(this.n, (m) => this.addr[m]! > addr || (this.addr[m] === addr && this.t0[m]! > t0));
  }
}

export class MemoryIndexedStore implements AttributionStore {
  readonly dialect: 'sqlite' | 'postgres';
  private readonly base: AttributionStore;
  private live = true;
  private readonly nat: Record<NatKind, NatColumns>;
  private readonly assign: AssignColumns;
  private readonly accounts: string[];
  private readonly subs: Map<string, Subscriber[]>;
  private readonly refused: RefusedFile[];

  private constructor(
    base: AttributionStore,
    nat: Record<NatKind, NatColumns>,
    assign: AssignColumns,
    accounts: string[],
    subs: Map<string, Subscriber[]>,
    refused: RefusedFile[],
  ) {
    this.base = base;
    this.dialect = base.dialect;
    this.nat = nat;
    this.assign = assign;
    this.accounts = accounts;
    this.subs = subs;
    this.refused = refused;
  }

  /** Build the snapshot from the SQLite repository (rows are read in key order, so no sort is needed). */
  static async load(base: SqliteAttributionRepository): Promise<MemoryIndexedStore> {
    const loadNat = (kind: NatKind): NatColumns => {
      const c = new NatColumns(base.countRows(natTable(kind)));
      let i = 0;
      for (const [pub, plo, phi, inside, ...span] of base.scanNat(kind)) {
        c.pub[i] = pub;
        c.plo[i] = plo;
        c.phi[i] = phi;
        c.inside[i] = inside;
        c.put(i, span);
        i++;
      }
      return c;
    };
    const nat = { block: loadNat('block'), session: loadNat('session') };
    // IPv4 host assignments (the inside addresses of the CGNAT chain); other prefixes stay in SQL.
    const a = new AssignColumns(base.countRows('attr_assign', true));
    let i = 0;
    for (const [addr, account, ...span] of base.scanHostAssignsV4()) {
      a.addr[i] = ipv4ToInt32(ipv4FromBytes(addr));
      a.account[i] = account;
      a.put(i, span);
      i++;
    }
    const accounts: string[] = [];
    for (const r of base.scanAccounts()) accounts[r[0]] = r[1];
    const subs = new Map<string, Subscriber[]>();
    for (const name of base.subscriberAccounts()) subs.set(name, await base.subscribers(name));
    return new MemoryIndexedStore(base, nat, a, accounts, subs, await base.refusedFiles());
  }

  /** Approximate bytes held by the snapshot's columns. */
  get memoryBytes(): number {
    const nb = (c: NatColumns): number => c.n * (4 * 4 + 8 * 3 + 1 + 4 * 3);
    return nb(this.nat.block) + nb(this.nat.session) + this.assign.n * (4 * 2 + 8 * 3 + 1 + 4 * 3);
  }

  async natNear(
    kind: NatKind,
    pub: number,
    lo: number,
    hi: number,
    before: number,
    limit: number,
  ): Promise<NatSeriesRow[]> {
    if (!this.live) return this.base.natNear(kind, pub, lo, hi, before, limit);
    const c = this.nat[kind];
    const key = ipv4ToInt32(pub);
    const out: NatSeriesRow[] = [];
    for (let i = c.upper(key, hi, before) - 1; i >= 0 && out.length < limit; i--) {
      if (c.pub[i] !== key || c.plo[i]! < lo) break;
      if (c.t0[i]! <= before) out.push(c.row(i));
    }
    return out;
  }

  async natSeries(kind: NatKind, pub: number, plo: number, before: number, limit: number): Promise<NatSeriesRow[]> {
    if (!this.live) return this.base.natSeries(kind, pub, plo, before, limit);
    const c = this.nat[kind];
    const key = ipv4ToInt32(pub);
    const out: NatSeriesRow[] = [];
    for (let i = c.upper(key, plo, before) - 1; i >= 0 && out.length < limit; i--) {
      if (c.pub[i] !== key || c.plo[i] !== plo) break;
      out.push(c.row(i));
    }
    return out;
  }

  async natPortLows(kind: NatKind, pub: number, lo: number, hi: number): Promise<number[]> {
    if (!this.live) return this.base.natPortLows(kind, pub, lo, hi);
    const c = this.nat[kind];
    const key = ipv4ToInt32(pub);
    const out: number[] = [];
    for (let i = c.upper(key, hi, Infinity) - 1; i >= 0; i--) {
      if (c.pub[i] !== key || c.plo[i]! < lo) break;
      if (out[out.length - 1] !== c.plo[i]) out.push(c.plo[i]!);
    }
    return out;
  }

  /** Read from SQL: a rare question (outside an address's NAT span), never on a lookup's hot path. */
  async natSpan(pub: number): Promise<NatSpan | null> {
    return this.base.natSpan(pub);
  }

  /** Read from SQL, as natSpan. */
  natFileCovers(pub: number): ReturnType<AttributionStore['natFileCovers']> {
    return this.base.natFileCovers(pub);
  }

  async hasNat(pub: number): Promise<boolean> {
    if (!this.live) return this.base.hasNat(pub);
    const key = ipv4ToInt32(pub);
    for (const c of [this.nat.block, this.nat.session]) {
      const i = c.upper(key, 65536, Infinity) - 1;
      if (i >= 0 && c.pub[i] === key) return true;
    }
    return false;
  }

  async assignSeries(
    addr: Uint8Array,
    plen: number,
    before: number,
    limit: number,
    holderWindow?: HolderWindow,
  ): Promise<AssignSeriesRow[]> {
    if (!this.live || addr.length !== 4 || plen !== 32)
      return this.base.assignSeries(addr, plen, before, limit, holderWindow);
    const c = this.assign;
    const key = ipv4ToInt32(ipv4FromBytes(addr));
    const out: AssignSeriesRow[] = [];
    for (let i = c.upper(key, before) - 1; i >= 0 && out.length < limit; i--) {
      if (c.addr[i] !== key) break;
      const account = this.accounts[c.account[i]!] ?? '';
      const row: AssignSeriesRow = {
        account,
        ...c.span(i),
      };
      if (holderWindow) row.holders = (this.subs.get(account) ?? []).filter((s) => contractCovers(s, holderWindow));
      out.push(row);
    }
    return out;
  }

  async hasAssign(addr: Uint8Array, plen: number): Promise<boolean> {
    return this.base.hasAssign(addr, plen);
  }

  async subscribers(account: string): Promise<Subscriber[]> {
    return this.live ? (this.subs.get(account) ?? []) : this.base.subscribers(account);
  }

  async refusedFiles(): Promise<RefusedFile[]> {
    return this.live ? this.refused.map((f) => ({ ...f })) : this.base.refusedFiles();
  }

  // Everything else is the underlying store's; writes retire the snapshot.
  async beginFile(
    sha256: string,
    path: string,
    format: string,
    source: string | null,
    zone?: string,
  ): Promise<FileProgress> {
    return this.base.beginFile(sha256, path, format, source, zone);
  }
  async forgetFile(fileId: number): Promise<void> {
    return this.base.forgetFile(fileId);
  }
  async readAgain(fileId: number, zone: string): Promise<void> {
    this.live = false;
    return this.base.readAgain(fileId, zone);
  }
  async commitBatch(...args: Parameters<AttributionStore['commitBatch']>): Promise<number> {
    this.live = false;
    return this.base.commitBatch(...args);
  }
  async upsertSubscribers(tx: Tx, list: Subscriber[]): Promise<number> {
    this.live = false;
    return this.base.upsertSubscribers(tx, list);
  }
  async addNatConfigs(tx: Tx, list: NatConfig[]): Promise<number> {
    return this.base.addNatConfigs(tx, list);
  }
  async natConfigs(): Promise<NatConfig[]> {
    return this.base.natConfigs();
  }
  /** The snapshot answers as of its load, its summary too (a pragma a lookup would cost a fifth of one). */
  async refreshSummary(): Promise<void> {
    if (!this.live) return this.base.refreshSummary();
  }
  async hasNatKind(kind: NatKind): Promise<boolean> {
    return this.base.hasNatKind(kind);
  }
  async assignPrefixLengths(family: 4 | 6): Promise<number[]> {
    return this.base.assignPrefixLengths(family);
  }
  async maxBlockSpan(): Promise<number> {
    return this.base.maxBlockSpan();
  }
  async coverage(): Promise<Coverage> {
    return this.base.coverage();
  }
  async fileName(id: number): Promise<string> {
    return this.base.fileName(id);
  }
  async stats(): Promise<StoreStats> {
    return this.base.stats();
  }
  async sizeBytes(): Promise<number> {
    return this.base.sizeBytes();
  }
}

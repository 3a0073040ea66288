import type { ParsedAddress } from '../net/ip.ts';
import type { RegistryAsnBlock, RegistryRange, RegistrySource } from './types.ts';

/** A range as held in memory, with the file it came from. */
export interface TableRecord extends RegistryRange {
  source: RegistrySource;
}

const PRIORITY: Record<RegistrySource['format'], number> = { jpnic: 3, rdap: 2, delegated: 1 };

/**
 * Most-specific-range lookup over possibly overlapping ranges: the ranges are flattened once into
 * sorted, non-overlapping segments, each pointing at the smallest range that covers it (ties: WHOIS
 * before RDAP before delegated, then the newer record). A lookup is one binary search over a typed
 * array: IPv4 as uint32, IPv6 as four uint32 words.
 */
class FamilyIndex {
  readonly starts: Uint32Array;
  readonly rec: Int32Array;
  readonly width: 1 | 4;
  constructor(starts: Uint32Array, rec: Int32Array, width: 1 | 4) {
    this.starts = starts;
    this.rec = rec;
    this.width = width;
  }

  static build(records: readonly TableRecord[], ids: number[], family: 4 | 6): FamilyIndex {
    const width = family === 4 ? 1 : 4;
    const sorted = ids.slice().sort((x, y) => {
      const a = records[x]!.start;
      const b = records[y]!.start;
      return a < b ? -1 : a > b ? 1 : 0;
    });
    const points: bigint[] = [];
    const max = family === 4 ? 0xffffffffn : (1n << 128n) - 1n;
    for (const id of ids) {
      const r = records[id]!;
      points.push(r.start);
      if (r.end < max) points.push(r.end + 1n);
    }
    points.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    // min-heap of record ids: smaller range first, then higher priority, then newer
    const heap: number[] = [];
    const better = (x: number, y: number): boolean => {
      const a = records[x]!;
      const b = records[y]!;
      const sa = a.end - a.start;
      const sb = b.end - b.start;
      if (sa !== sb) return sa < sb;
      const pa = PRIORITY[a.source.format];
      const pb = PRIORITY[b.source.format];
      if (pa !== pb) return pa > pb;
      return (a.recordDate ?? '') > (b.recordDate ?? '');
    };
    const push = (id: number): void => {
      heap.push(id);
      let i = heap.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!better(heap[i]!, heap[p]!)) break;
        [heap[i], heap[p]] = [heap[p]!, heap[i]!];
        i = p;
      }
    };
    const pop = (): void => {
      const last = heap.pop()!;
      if (heap.length === 0) return;
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && better(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && better(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    };
    const segStarts: bigint[] = [];
    const segRec: number[] = [];
    let j = 0;
    let prev: bigint | null = null;
    for (const p of points) {
      if (prev !== null && p === prev) continue;
      prev = p;
      while (j < sorted.length && records[sorted[j]!]!.start <= p) push(sorted[j++]!);
      while (heap.length > 0 && records[heap[0]!]!.end < p) pop();
      const top = heap.length > 0 ? heap[0]! : -1;
      if (segRec.length > 0 && segRec[segRec.length - 1] === top) continue;
      segStarts.push(p);
      segRec.push(top);
    }
    const starts = new Uint32Array(segStarts.length * width);
    segStarts.forEach((s, i) => {
      if (width === 1) starts[i] = Number(s);
      else for (let w = 0; w < 4; w++) starts[i * 4 + w] = Number((s >> BigInt(96 - 32 * w)) & 0xffffffffn);
    });
    return new FamilyIndex(starts, Int32Array.from(segRec), width);
  }

  get size(): number {
    return this.rec.length;
  }

  findV4(v: number): number {
    const s = this.starts;
    let lo = 0;
    let hi = s.length - 1;
    if (hi < 0 || v < s[0]!) return -1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (s[mid]! <= v) lo = mid;
      else hi = mid - 1;
    }
    return this.rec[lo]!;
  }

  findV6(w0: number, w1: number, w2: number, w3: number): number {
    const s = this.starts;
    const cmp = (i: number): number => {
      const b = i * 4;
      return s[b]! !== w0 ? (s[b]! < w0 ? -1 : 1) : s[b + 1]! !== w1 ? (s[b + 1]! < w1 ? -1 : 1) : s[b + 2]! !== w2 ? (s[b + 2]! < w2 ? -1 : 1) : s[b + 3]! !== w3 ? (s[b + 3]! < w3 ? -1 : 1) : 0;
    };
    let lo = 0;
    let hi = this.rec.length - 1;
    if (hi < 0 || cmp(0) > 0) return -1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (cmp(mid) <= 0) lo = mid;
      else hi = mid - 1;
    }
    return this.rec[lo]!;
  }
}

export interface RegistryHit {
  /** Most specific range with holder information (RDAP, JPNIC WHOIS). */
  holder: TableRecord | null;
  /** Most specific delegation from the RIR statistics. */
  delegated: TableRecord | null;
}

export class RegistryTable {
  readonly records: readonly TableRecord[];
  private readonly hv4: FamilyIndex;
  private readonly hv6: FamilyIndex;
  private readonly dv4: FamilyIndex;
  private readonly dv6: FamilyIndex;
  private readonly av4: FamilyIndex;
  private readonly av6: FamilyIndex;
  private readonly asnsByOpaque: Map<string, number[]>;
  // Compact columns for the commonest question (which registry, which country), so that bulk callers
  // need not touch the record objects: an index into `labels` per record, −1 for none.
  private readonly labels: string[];
  private readonly countryCol: Int16Array;
  private readonly registryCol: Int16Array;

  private constructor(records: readonly TableRecord[], idx: FamilyIndex[], asnsByOpaque: Map<string, number[]>) {
    this.records = records;
    const labels: string[] = [];
    const labelIds = new Map<string, number>();
    const id = (v: string | null): number => {
      if (v === null) return -1;
      let n = labelIds.get(v);
      if (n === undefined) {
        n = labels.length;
        labels.push(v);
        labelIds.set(v, n);
      }
      return n;
    };
    this.countryCol = Int16Array.from(records, (r) => id(r.country));
    this.registryCol = Int16Array.from(records, (r) => id(r.registry));
    this.labels = labels;
    [this.hv4, this.hv6, this.dv4, this.dv6, this.av4, this.av6] = idx as [FamilyIndex, FamilyIndex, FamilyIndex, FamilyIndex, FamilyIndex, FamilyIndex];
    this.asnsByOpaque = asnsByOpaque;
  }

  static build(records: readonly TableRecord[], asnBlocks: readonly RegistryAsnBlock[] = []): RegistryTable {
    // 0/1: holder data (RDAP, WHOIS) v4/v6; 2/3: delegations; 4/5: ranges that name an abuse contact
    const groups: number[][] = [[], [], [], [], [], []];
    records.forEach((r, i) => {
      const g = (r.source.format === 'delegated' ? 2 : 0) + (r.family === 6 ? 1 : 0);
      groups[g]!.push(i);
      if (r.abuse) groups[4 + (r.family === 6 ? 1 : 0)]!.push(i);
    });
    const idx = groups.map((ids, g) => FamilyIndex.build(records, ids, g % 2 === 0 ? 4 : 6));
    const asnsByOpaque = new Map<string, number[]>();
    for (const b of asnBlocks) {
      if (!b.opaqueId) continue;
      const key = `${b.registry}|${b.opaqueId}`;
      const list = asnsByOpaque.get(key) ?? [];
      // a block of many ASNs is listed by its first few numbers only
      for (let k = 0; k < Math.min(b.count, 16); k++) list.push(b.first + k);
      asnsByOpaque.set(key, list);
    }
    return new RegistryTable(records, idx, asnsByOpaque);
  }

  get segmentCount(): number {
    return this.hv4.size + this.hv6.size + this.dv4.size + this.dv6.size + this.av4.size + this.av6.size;
  }

  /** The most specific range that names an abuse contact (a customer assignment often names none). */
  abuseRecord(a: ParsedAddress): TableRecord | null {
    const i = a.family === 4 ? this.av4.findV4(a.v4) : this.av6.findV6(...a.words);
    return i >= 0 ? this.records[i]! : null;
  }

  /** Fast path for benchmarks and bulk work: record indices for an IPv4 address as uint32. */
  findV4(v: number): { holder: number; delegated: number } {
    return { holder: this.hv4.findV4(v), delegated: this.dv4.findV4(v) };
  }

  /** Record indices (−1 for none) of the most specific holder range and delegation: no record is touched. */
  find(a: ParsedAddress): { holder: number; delegated: number } {
    if (a.family === 4) return { holder: this.hv4.findV4(a.v4), delegated: this.dv4.findV4(a.v4) };
    const [w0, w1, w2, w3] = a.words;
    return { holder: this.hv6.findV6(w0, w1, w2, w3), delegated: this.dv6.findV6(w0, w1, w2, w3) };
  }

  /**
   * Registry and country only, from compact columns (delegation first, then holder data): the fast
   * path for classifying many addresses as domestic or foreign.
   */
  registryAndCountry(a: ParsedAddress): { registry: string | null; country: string | null } {
    const { holder: h, delegated: d } = this.find(a);
    const c = d >= 0 && this.countryCol[d]! >= 0 ? this.countryCol[d]! : h >= 0 ? this.countryCol[h]! : -1;
    const r = d >= 0 && this.registryCol[d]! >= 0 ? this.registryCol[d]! : h >= 0 ? this.registryCol[h]! : -1;
    return { registry: r >= 0 ? this.labels[r]! : null, country: c >= 0 ? this.labels[c]! : null };
  }

  /** The most specific holder record and delegation covering an address (record objects or null). */
  lookup(a: ParsedAddress): RegistryHit {
    const { holder: h, delegated: d } = this.find(a);
    return { holder: h >= 0 ? this.records[h]! : null, delegated: d >= 0 ? this.records[d]! : null };
  }

  /** ASNs linked to a hit: RDAP origin autnums, and ASNs sharing the delegation's opaque-id. */
  asnsFor(hit: RegistryHit): number[] {
    const { holder, delegated } = hit;
    const asns = new Set<number>(holder?.asns ?? []);
    for (const x of delegated?.asns ?? []) asns.add(x);
    if (delegated?.opaqueId && delegated.registry) for (const x of this.asnsByOpaque.get(`${delegated.registry}|${delegated.opaqueId}`) ?? []) asns.add(x);
    return [...asns];
  }
}

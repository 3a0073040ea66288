import { type Address, formatBigInt, formatIPv4, HEADER_SYNTAX, parseAddress, parseIPv4 } from '../../net/address.ts';
import { ipv4RangeToCidrs, ipv6RangeToCidrs } from '../../net/cidr.ts';
import { isProviderIndependent } from './portable.ts';
import {
  isRecordInstant,
  type RegistryAsnBlock,
  type RegistryRange,
  type RegistrySource,
  recordDateSpan,
} from './types.ts';

/**
 * Whether a record dated `a` is certainly older than one dated `b`: two days (one registry's zone, as
 * before instants were kept) by the day; an instant and a day, or two instants, only when every moment
 * `a` may stand for is before every moment `b` may (`recordDateSpan`).
 */
function recordBefore(a: string, b: string): boolean {
  if (!isRecordInstant(a) && !isRecordInstant(b)) return a < b;
  const sa = recordDateSpan(a);
  const sb = recordDateSpan(b);
  return sa !== null && sb !== null && sa.last < sb.first;
}

/** A range as held in memory, with the file it came from. */
export interface TableRecord extends RegistryRange {
  source: RegistrySource;
}

/** One fact's origin as printed in a lookup answer. */
export interface RegistryAnswerSource extends RegistrySource {
  recordDate: string | null;
  range: string;
}

/**
 * Everything the registry data says about an address — what `shokai registry lookup` prints, minus
 * the address itself and the directory join. One frozen object per distinct answer, shared by every
 * address that gets the same answer: callers must not (and cannot) modify it.
 */
export interface RegistryAnswer {
  readonly registry: string | null;
  readonly country: string | null;
  /** The most specific range known to cover the address. */
  readonly range: { readonly start: string; readonly end: string; readonly cidrs: readonly string[] } | null;
  readonly holder: { readonly name: string | null; readonly handle: string | null } | null;
  readonly abuse: string | null;
  readonly asns: readonly number[];
  /** Each fact's origin: holder record first, then the record giving the abuse contact, then the delegation. */
  readonly source: ReadonlyArray<Readonly<RegistryAnswerSource>>;
}

const PRIORITY: Record<RegistrySource['format'], number> = { jpnic: 3, rdap: 2, delegated: 1 };

/**
 * Most-specific-range lookup over possibly overlapping ranges: the ranges are flattened once into
 * sorted, non-overlapping segments, each pointing at the smallest range that covers it (ties: the
 * record its date shows newer — the one in force now —; where the dates do not tell, WHOIS before RDAP
 * before delegated, then the later date text). A lookup is one binary search over a typed
 * array: IPv4 as uint32, IPv6 as four uint32 words. Used to build the table's merged index (and by
 * the reference implementation the tests and the benchmark compare against).
 */
export class FamilyIndex {
  readonly starts: Uint32Array;
  readonly rec: Int32Array;
  readonly width: 1 | 4;
  constructor(starts: Uint32Array, rec: Int32Array, width: 1 | 4) {
    this.starts = starts;
    this.rec = rec;
    this.width = width;
  }

  static build(records: readonly TableRecord[], ids: number[], family: 4 | 6): FamilyIndex {
    // IPv4 bounds as plain numbers (exact below 2^53), IPv6 as BigInt; the algorithm only compares them
    const v4 = family === 4;
    const n = ids.length;
    const st: Array<number | bigint> = new Array(n);
    const en: Array<number | bigint> = new Array(n);
    const size: Array<number | bigint> = new Array(n);
    for (let k = 0; k < n; k++) {
      const r = records[ids[k]!]!;
      if (v4) {
        st[k] = Number(r.start);
        en[k] = Number(r.end);
        size[k] = (en[k] as number) - (st[k] as number);
      } else {
        st[k] = r.start;
        en[k] = r.end;
        size[k] = r.end - r.start;
      }
    }
    const order = Array.from({ length: n }, (_, k) => k).sort((x, y) =>
      st[x]! < st[y]! ? -1 : st[x]! > st[y]! ? 1 : 0,
    );
    // segment boundaries: every start and every end + 1, sorted, unique
    let points: Array<number | bigint>;
    if (v4) {
      const p = new Float64Array(2 * n);
      let m = 0;
      for (let k = 0; k < n; k++) {
        p[m++] = st[k] as number;
        if ((en[k] as number) < 0xffffffff) p[m++] = (en[k] as number) + 1;
      }
      points = Array.from(p.subarray(0, m).sort());
    } else {
      const max = (1n << 128n) - 1n;
      points = [];
      for (let k = 0; k < n; k++) {
        points.push(st[k]!);
        if ((en[k] as bigint) < max) points.push((en[k] as bigint) + 1n);
      }
      points.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    }
    // min-heap of positions in ids: smaller range first, then the record the dates show newer, then
    // (dates that do not order them: undated, the same day) higher priority, then the later date text
    const heap: number[] = [];
    const better = (x: number, y: number): boolean => {
      if (size[x] !== size[y]) return size[x]! < size[y]!;
      const a = records[ids[x]!]!;
      const b = records[ids[y]!]!;
      if (a.recordDate !== null && b.recordDate !== null) {
        if (recordBefore(b.recordDate, a.recordDate)) return true;
        if (recordBefore(a.recordDate, b.recordDate)) return false;
      }
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
    const segStarts: Array<number | bigint> = [];
    const segRec: number[] = [];
    let j = 0;
    let prev: number | bigint | null = null;
    for (const p of points) {
      if (prev !== null && p === prev) continue;
      prev = p;
      while (j < n && st[order[j]!]! <= p) push(order[j++]!);
      while (heap.length > 0 && en[heap[0]!]! < p) pop();
      const top = heap.length > 0 ? ids[heap[0]!]! : -1;
      if (segRec.length > 0 && segRec[segRec.length - 1] === top) continue;
      segStarts.push(p);
      segRec.push(top);
    }
    const width = v4 ? 1 : 4;
    const starts = new Uint32Array(segStarts.length * width);
    segStarts.forEach((x, i) => {
      if (v4) starts[i] = x as number;
      else for (let w = 0; w < 4; w++) starts[i * 4 + w] = Number(((x as bigint) >> BigInt(96 - 32 * w)) & 0xffffffffn);
    });
    return new FamilyIndex(starts, Int32Array.from(segRec), width);
  }

  get size(): number {
    return this.rec.length;
  }

  findV4(v: number): number {
    const s = this.starts;
    return this.lastStartingBy((i) => s[i]! - v);
  }

  findV6(w0: number, w1: number, w2: number, w3: number): number {
    const s = this.starts;
    const key = [w0, w1, w2, w3];
    return this.lastStartingBy((i) => {
      for (let w = 0; w < 4; w++) {
        const x = s[i * 4 + w]!;
        if (x !== key[w]) return x < key[w]! ? -1 : 1;
      }
      return 0;
    });
  }

  /**
   * The record of the last segment that starts at or below a key, or −1 when the first starts above it;
   * `cmp(i)` compares segment i's start with the key (negative, zero or positive).
   */
  private lastStartingBy(cmp: (i: number) => number): number {
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

/**
 * The six most-specific indexes a lookup searches, by group: 0/1 holder data (RDAP, WHOIS) IPv4/IPv6,
 * 2/3 delegations, 4/5 ranges that name an abuse contact.
 */
export function groupIndexes(records: readonly TableRecord[]): FamilyIndex[] {
  const groups: number[][] = [[], [], [], [], [], []];
  records.forEach((r, i) => {
    const g = (r.source.format === 'delegated' ? 2 : 0) + (r.family === 6 ? 1 : 0);
    groups[g]!.push(i);
    if (r.abuse) groups[4 + (r.family === 6 ? 1 : 0)]!.push(i);
  });
  return groups.map((ids, g) => FamilyIndex.build(records, ids, g % 2 === 0 ? 4 : 6));
}

/** The ASNs of each delegation's opaque id (`registry|opaqueId`); a block of many by its first 16 only. */
export function asnsByOpaqueId(asnBlocks: readonly RegistryAsnBlock[]): Map<string, number[]> {
  const asnsByOpaque = new Map<string, number[]>();
  for (const b of asnBlocks) {
    if (!b.opaqueId) continue;
    const key = `${b.registry}|${b.opaqueId}`;
    const list = asnsByOpaque.get(key) ?? [];
    for (let k = 0; k < Math.min(b.count, 16); k++) list.push(b.first + k);
    asnsByOpaque.set(key, list);
  }
  return asnsByOpaque;
}

export interface RegistryHit {
  /** Most specific range with holder information (RDAP, JPNIC WHOIS). */
  holder: TableRecord | null;
  /** Most specific delegation from the RIR statistics. */
  delegated: TableRecord | null;
}

/** Record fields held as indices into `strings` (−1 for null). */
export const STRING_COLUMNS = [
  'registry',
  'country',
  'status',
  'holder',
  'handle',
  'abuse',
  'asns',
  'opaqueId',
  'recordDate',
  'registeredDate',
] as const;
export type StringColumn = (typeof STRING_COLUMNS)[number];

/**
 * The whole table as flat columns and typed arrays: what the in-memory table is made of, and what
 * the binary snapshot in the store holds (`snapshot.ts`), so that loading needs no rebuild.
 */
export interface RegistryTableData {
  sources: RegistrySource[];
  /** Every distinct string of the records (registry, country, names, dates, ASN lists as "1,2"). */
  strings: string[];
  /** Per record: 4 or 6. */
  family: Uint8Array;
  /** Per record: index into `sources`. */
  sourceIdx: Uint32Array;
  /** Per record, 8 words: start as four big-endian uint32 words, then end (IPv4 in the last word). */
  bounds: Uint32Array;
  /** Per record and string column: index into `strings`, −1 for null. */
  columns: Record<StringColumn, Int32Array>;
  /**
   * ASNs sharing a delegation's opaque-id: key `registry|opaque-id` (index into `strings`) →
   * values[offsets[k]..offsets[k+1]).
   */
  asnKeys: Int32Array;
  asnOffsets: Uint32Array;
  asnValues: Uint32Array;
  /** Per record: its `registry|opaque-id` group in asnKeys, −1 for none (so an answer needs no map). */
  asnGroup: Int32Array;
  /**
   * The merged index: every segment of the address space on which the most specific holder range,
   * delegation and abuse-naming range are all constant, pointing at that triple (a "tuple"). IPv4
   * segment starts as uint32 (the first is 0), IPv6 as four words each (the first is ::).
   */
  v4Starts: Uint32Array;
  v4Tuple: Int32Array;
  v6Starts: Uint32Array;
  v6Tuple: Int32Array;
  /**
   * Per tuple, three adjacent entries (one cache line for all three): record index (−1 for none) of
   * the holder range, the delegation, the most specific range naming an abuse contact.
   */
  tuples: Int32Array;
}

const cmpWords = (a: Uint32Array, i: number, b: Uint32Array, j: number): number => {
  for (let w = 0; w < 4; w++) {
    const x = a[i * 4 + w]!;
    const y = b[j * 4 + w]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
};

/** Merge three segment lists of one family into one list of segments pointing at (holder, delegated, abuse) tuples. */
function mergeIndexes(
  idx: readonly [FamilyIndex, FamilyIndex, FamilyIndex],
  width: 1 | 4,
  tupleOf: (h: number, d: number, a: number) => number,
): { starts: Uint32Array; tuple: Int32Array } {
  // all segment starts of the three lists, plus the zero address, sorted and unique
  const total = idx.reduce((n, x) => n + x.size, 0) + 1;
  const all = new Uint32Array(total * width);
  let n = 1; // slot 0 is the zero address
  for (const x of idx) {
    all.set(x.starts, n * width);
    n += x.size;
  }
  let points: Uint32Array;
  if (width === 1) {
    const sorted = all.sort();
    let u = 0;
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[u - 1]) sorted[u++] = sorted[i]!;
    points = sorted.subarray(0, u);
  } else {
    const order = new Int32Array(total);
    for (let i = 0; i < total; i++) order[i] = i;
    order.sort((i, j) => cmpWords(all, i, all, j));
    points = new Uint32Array(total * 4);
    let u = 0;
    for (let k = 0; k < total; k++) {
      const i = order[k]!;
      if (u > 0 && cmpWords(all, i, points, u - 1) === 0) continue;
      points.set(all.subarray(i * 4, i * 4 + 4), u * 4);
      u++;
    }
    points = points.subarray(0, u * 4);
  }
  const count = points.length / width;
  const pos = [0, 0, 0];
  const cur = [-1, -1, -1];
  const starts: number[] = [];
  const tuples: number[] = [];
  for (let p = 0; p < count; p++) {
    for (let k = 0; k < 3; k++) {
      const x = idx[k]!;
      if (width === 1) {
        while (pos[k]! < x.size && x.starts[pos[k]!]! <= points[p]!) cur[k] = x.rec[pos[k]!++]!;
      } else {
        while (pos[k]! < x.size && cmpWords(x.starts, pos[k]!, points, p) <= 0) cur[k] = x.rec[pos[k]!++]!;
      }
    }
    const t = tupleOf(cur[0]!, cur[1]!, cur[2]!);
    if (tuples.length > 0 && tuples[tuples.length - 1] === t) continue;
    tuples.push(t);
    for (let w = 0; w < width; w++) starts.push(points[p * width + w]!);
  }
  return { starts: Uint32Array.from(starts), tuple: Int32Array.from(tuples) };
}

/** The answer for an address no registry data covers: nothing known. */
export const EMPTY_ANSWER: RegistryAnswer = Object.freeze({
  registry: null,
  country: null,
  range: null,
  holder: null,
  abuse: null,
  asns: Object.freeze([]) as readonly number[],
  source: Object.freeze([]) as ReadonlyArray<RegistryAnswerSource>,
});

export class RegistryTable {
  private readonly data: RegistryTableData;
  private readonly recs: Array<TableRecord | undefined>;
  private allRecords: TableRecord[] | null = null;
  /** Radix table over the merged IPv4 index: for the top 16 bits k, the last segment starting at or before k·2¹⁶. */
  private readonly v4Bucket: Uint32Array;
  private readonly answers: Array<RegistryAnswer | undefined>;
  /** The answer per IPv4 segment, filled on first use: the warm path reads no tuple. */
  private readonly v4Answers: Array<RegistryAnswer | undefined>;
  private readonly rangeCache: Array<RegistryAnswer['range'] | undefined>;
  private readonly sourceCache: Array<Readonly<RegistryAnswerSource> | undefined>;
  private asnMap: Map<string, number[]> | null = null;
  /** Holder records (RDAP, JPNIC) by their exact range, built on the first `rivalHolders` call. */
  private holdersByRange: Map<string, number[]> | null = null;
  /** Most-specific index over the provider-independent holder records (v4, v6), built on first use. */
  private independentIdx: [FamilyIndex, FamilyIndex] | null = null;

  private constructor(data: RegistryTableData, records: readonly TableRecord[] | null) {
    this.data = data;
    const n = data.family.length;
    this.recs = records ? Array.from(records) : new Array<TableRecord | undefined>(n);
    if (records) this.allRecords = this.recs as TableRecord[];
    const s = data.v4Starts;
    const bucket = new Uint32Array(65537);
    let i = 0;
    for (let k = 0; k <= 65536; k++) {
      const at = k * 65536;
      while (i + 1 < s.length && s[i + 1]! <= at) i++;
      bucket[k] = i;
    }
    this.v4Bucket = bucket;
    this.answers = new Array<RegistryAnswer | undefined>(data.tuples.length / 3);
    this.v4Answers = new Array<RegistryAnswer | undefined>(data.v4Tuple.length);
    this.rangeCache = new Array<RegistryAnswer['range'] | undefined>(n);
    this.sourceCache = new Array<Readonly<RegistryAnswerSource> | undefined>(n);
  }

  /** A table from its columns (as read from a snapshot); records are created on first use. */
  static fromData(data: RegistryTableData): RegistryTable {
    if (data.v4Starts.length === 0 || data.v4Starts[0] !== 0 || data.v6Starts.length < 4)
      throw new Error('registry table data: merged index must start at the zero address');
    return new RegistryTable(data, null);
  }

  static build(records: readonly TableRecord[], asnBlocks: readonly RegistryAsnBlock[] = []): RegistryTable {
    const n = records.length;
    const strings: string[] = [];
    const stringIds = new Map<string, number>();
    const sid = (v: string | null): number => {
      if (v === null) return -1;
      let k = stringIds.get(v);
      if (k === undefined) {
        k = strings.length;
        strings.push(v);
        stringIds.set(v, k);
      }
      return k;
    };
    const sources: RegistrySource[] = [];
    const sourceIds = new Map<RegistrySource, number>();
    const family = new Uint8Array(n);
    const sourceIdx = new Uint32Array(n);
    const bounds = new Uint32Array(n * 8);
    const columns = Object.fromEntries(STRING_COLUMNS.map((c) => [c, new Int32Array(n)])) as Record<
      StringColumn,
      Int32Array
    >;
    for (let i = 0; i < n; i++) {
      const r = records[i]!;
      family[i] = r.family;
      let si = sourceIds.get(r.source);
      if (si === undefined) {
        si = sources.length;
        sources.push(r.source);
        sourceIds.set(r.source, si);
      }
      sourceIdx[i] = si;
      if (r.family === 4) {
        bounds[i * 8 + 3] = Number(r.start);
        bounds[i * 8 + 7] = Number(r.end);
      } else {
        for (let w = 0; w < 4; w++) {
          bounds[i * 8 + w] = Number((r.start >> BigInt(96 - 32 * w)) & 0xffffffffn);
          bounds[i * 8 + 4 + w] = Number((r.end >> BigInt(96 - 32 * w)) & 0xffffffffn);
        }
      }
      // neighbouring records mostly repeat registry, country, status and dates: compare with the previous one first
      const q = i > 0 ? records[i - 1]! : null;
      columns.registry[i] = q && q.registry === r.registry ? columns.registry[i - 1]! : sid(r.registry);
      columns.country[i] = q && q.country === r.country ? columns.country[i - 1]! : sid(r.country);
      columns.status[i] = q && q.status === r.status ? columns.status[i - 1]! : sid(r.status);
      columns.holder[i] = sid(r.holder);
      columns.handle[i] = sid(r.handle);
      columns.abuse[i] = sid(r.abuse);
      columns.asns[i] = r.asns.length > 0 ? sid(r.asns.join(',')) : -1;
      columns.opaqueId[i] = sid(r.opaqueId);
      columns.recordDate[i] = q && q.recordDate === r.recordDate ? columns.recordDate[i - 1]! : sid(r.recordDate);
      columns.registeredDate[i] = sid(r.registeredDate ?? null);
    }
    const idx = groupIndexes(records);
    // tuples by (holder, delegation) as one number, then the few abuse ranges seen with that pair
    const tupleIds = new Map<number, number | number[]>();
    const th: number[] = [];
    const td: number[] = [];
    const ta: number[] = [];
    const tupleOf = (h: number, d: number, a: number): number => {
      const key = (h + 1) * (n + 1) + (d + 1);
      const found = tupleIds.get(key);
      if (typeof found === 'number' && ta[found] === a) return found;
      if (Array.isArray(found)) for (const t of found) if (ta[t] === a) return t;
      const t = th.length;
      th.push(h);
      td.push(d);
      ta.push(a);
      if (found === undefined) tupleIds.set(key, t);
      else if (typeof found === 'number') tupleIds.set(key, [found, t]);
      else found.push(t);
      return t;
    };
    tupleOf(-1, -1, -1); // tuple 0: nothing known
    const m4 = mergeIndexes([idx[0]!, idx[2]!, idx[4]!], 1, tupleOf);
    const m6 = mergeIndexes([idx[1]!, idx[3]!, idx[5]!], 4, tupleOf);
    const asnsByOpaque = asnsByOpaqueId(asnBlocks);
    const asnKeys = new Int32Array(asnsByOpaque.size);
    const asnOffsets = new Uint32Array(asnsByOpaque.size + 1);
    const groupOf = new Map<string, number>();
    const values: number[] = [];
    let k = 0;
    for (const [key, list] of asnsByOpaque) {
      asnKeys[k] = sid(key);
      asnOffsets[k] = values.length;
      groupOf.set(key, k);
      for (const x of list) values.push(x);
      k++;
    }
    asnOffsets[k] = values.length;
    const asnGroup = new Int32Array(n).fill(-1);
    for (let i = 0; i < n; i++) {
      const r = records[i]!;
      if (r.opaqueId && r.registry) asnGroup[i] = groupOf.get(`${r.registry}|${r.opaqueId}`) ?? -1;
    }
    const data: RegistryTableData = {
      sources,
      strings,
      family,
      sourceIdx,
      bounds,
      columns,
      asnKeys,
      asnOffsets,
      asnValues: Uint32Array.from(values),
      asnGroup,
      v4Starts: m4.starts,
      v4Tuple: m4.tuple,
      v6Starts: m6.starts,
      v6Tuple: m6.tuple,
      tuples: Int32Array.from(
        { length: th.length * 3 },
        (_, k) => (k % 3 === 0 ? th : k % 3 === 1 ? td : ta)[Math.floor(k / 3)]!,
      ),
    };
    const table = new RegistryTable(data, records);
    table.asnMap = asnsByOpaque;
    return table;
  }

  /** The table's columns and merged index (for the snapshot); read-only. */
  get tableData(): Readonly<RegistryTableData> {
    return this.data;
  }

  get recordCount(): number {
    return this.data.family.length;
  }

  /** Every record (created on first access when the table came from a snapshot). */
  get records(): readonly TableRecord[] {
    if (!this.allRecords) {
      for (let i = 0; i < this.recs.length; i++) this.record(i);
      this.allRecords = this.recs as TableRecord[];
    }
    return this.allRecords;
  }

  /** Segments of the merged index (IPv4 + IPv6). */
  get segmentCount(): number {
    return this.data.v4Tuple.length + this.data.v6Tuple.length;
  }

  /** Distinct answers (holder, delegation, abuse-range triples) the data can give. */
  get answerCount(): number {
    return this.data.tuples.length / 3;
  }

  private str(col: StringColumn, i: number): string | null {
    const k = this.data.columns[col][i]!;
    return k >= 0 ? this.data.strings[k]! : null;
  }

  private bound(i: number, end: boolean): bigint {
    const b = this.data.bounds;
    const o = i * 8 + (end ? 4 : 0);
    if (this.data.family[i] === 4) return BigInt(b[o + 3]!);
    return (BigInt(b[o]!) << 96n) | (BigInt(b[o + 1]!) << 64n) | (BigInt(b[o + 2]!) << 32n) | BigInt(b[o + 3]!);
  }

  /** Record `i` (a shared object: do not modify). */
  record(i: number): TableRecord {
    let r = this.recs[i];
    if (r) return r;
    const asns = this.str('asns', i);
    r = {
      family: this.data.family[i] === 6 ? 6 : 4,
      start: this.bound(i, false),
      end: this.bound(i, true),
      registry: this.str('registry', i),
      country: this.str('country', i),
      status: this.str('status', i),
      holder: this.str('holder', i),
      handle: this.str('handle', i),
      abuse: this.str('abuse', i),
      asns: asns ? asns.split(',').map(Number) : [],
      opaqueId: this.str('opaqueId', i),
      recordDate: this.str('recordDate', i),
      source: this.data.sources[this.data.sourceIdx[i]!]!,
    };
    // present only when given, as a parsed record has it (records compare equal however loaded)
    const registered = this.str('registeredDate', i);
    if (registered !== null) r.registeredDate = registered;
    this.recs[i] = r;
    return r;
  }

  /** Merged-index segment of an IPv4 address (uint32): a radix step on the top 16 bits, then a short binary search. */
  private segV4(v: number): number {
    const s = this.data.v4Starts;
    const top = v >>> 16;
    let lo = this.v4Bucket[top]!;
    let hi = this.v4Bucket[top + 1]!;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (s[mid]! <= v) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private segV6(w0: number, w1: number, w2: number, w3: number): number {
    const s = this.data.v6Starts;
    let lo = 0;
    let hi = this.data.v6Tuple.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      const b = mid * 4;
      const le =
        s[b]! !== w0
          ? s[b]! < w0
          : s[b + 1]! !== w1
            ? s[b + 1]! < w1
            : s[b + 2]! !== w2
              ? s[b + 2]! < w2
              : s[b + 3]! <= w3;
      if (le) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private tupleOf(a: Address): number {
    if (a.family === 4) return this.data.v4Tuple[this.segV4(a.v4)]!;
    const [w0, w1, w2, w3] = a.words;
    return this.data.v6Tuple[this.segV6(w0, w1, w2, w3)]!;
  }

  /** The most specific range that names an abuse contact (a customer assignment often names none). */
  abuseRecord(a: Address): TableRecord | null {
    const i = this.data.tuples[this.tupleOf(a) * 3 + 2]!;
    return i >= 0 ? this.record(i) : null;
  }

  /**
   * Other holder records (RDAP, JPNIC) of exactly the same range as holder record `i` that name
   * another holder and that the dates do not put before it: undated, dated the same day or later, or
   * `i` itself undated (an instant beside a day: see `recordBefore`). The index chose `i` by date, and
   * where the dates do not order two records by format; these say the choice is not settled by the
   * data (a transfer seen in one file and not the other). Empty for `i` < 0.
   */
  rivalHolders(i: number): TableRecord[] {
    if (i < 0) return [];
    const d = this.data;
    const key = (k: number): string => `${d.family[k]}|${d.bounds.subarray(k * 8, k * 8 + 8).join(',')}`;
    if (this.holdersByRange === null) {
      const m = new Map<string, number[]>();
      for (let k = 0; k < d.family.length; k++) {
        if (d.sources[d.sourceIdx[k]!]!.format === 'delegated' || d.columns.holder[k]! < 0) continue;
        const kk = key(k);
        const list = m.get(kk);
        if (list) list.push(k);
        else m.set(kk, [k]);
      }
      this.holdersByRange = m;
    }
    const same = this.holdersByRange.get(key(i));
    if (!same || same.length < 2) return [];
    const name = (k: number): string => (this.str('holder', k) ?? '').trim().toLowerCase();
    const date = this.str('recordDate', i);
    const out: TableRecord[] = [];
    for (const k of same) {
      if (k === i || name(k) === name(i)) continue;
      const other = this.str('recordDate', k);
      if (date !== null && other !== null && recordBefore(other, date)) continue;
      out.push(this.record(k));
    }
    return out;
  }

  /**
   * The most specific holder record (RDAP, JPNIC) covering an address whose type says the registry gave
   * it to its holder directly (`isProviderIndependent`): ASSIGNED PI, PORTABLE, DIRECT… It may lie above
   * the holder record (a customer's reassignment inside a direct allocation). Null when none.
   */
  independentRecord(a: Address): TableRecord | null {
    if (this.independentIdx === null) {
      const d = this.data;
      const recs: TableRecord[] = [];
      const ids: [number[], number[]] = [[], []];
      for (let k = 0; k < d.family.length; k++) {
        if (d.sources[d.sourceIdx[k]!]!.format === 'delegated' || !isProviderIndependent(this.str('status', k)))
          continue;
        recs[k] = this.record(k);
        ids[d.family[k] === 6 ? 1 : 0].push(k);
      }
      this.independentIdx = [FamilyIndex.build(recs, ids[0], 4), FamilyIndex.build(recs, ids[1], 6)];
    }
    const i = a.family === 4 ? this.independentIdx[0].findV4(a.v4) : this.independentIdx[1].findV6(...a.words);
    return i >= 0 ? this.record(i) : null;
  }

  /** Fast path for benchmarks and bulk work: record indices for an IPv4 address as uint32. */
  findV4(v: number): { holder: number; delegated: number } {
    const t = this.data.v4Tuple[this.segV4(v)]!;
    return { holder: this.data.tuples[t * 3]!, delegated: this.data.tuples[t * 3 + 1]! };
  }

  /** Record indices (−1 for none) of the most specific holder range and delegation: no record is touched. */
  find(a: Address): { holder: number; delegated: number } {
    const t = this.tupleOf(a);
    return { holder: this.data.tuples[t * 3]!, delegated: this.data.tuples[t * 3 + 1]! };
  }

  /**
   * Registry and country only, from compact columns (delegation first, then holder data): the fast
   * path for classifying many addresses as domestic or foreign.
   */
  registryAndCountry(a: Address): { registry: string | null; country: string | null } {
    const t = this.tupleOf(a);
    const h = this.data.tuples[t * 3]!;
    const d = this.data.tuples[t * 3 + 1]!;
    const { country: cc, registry: rc } = this.data.columns;
    const c = d >= 0 && cc[d]! >= 0 ? cc[d]! : h >= 0 ? cc[h]! : -1;
    const r = d >= 0 && rc[d]! >= 0 ? rc[d]! : h >= 0 ? rc[h]! : -1;
    return { registry: r >= 0 ? this.data.strings[r]! : null, country: c >= 0 ? this.data.strings[c]! : null };
  }

  /** The most specific holder record and delegation covering an address (record objects or null). */
  lookup(a: Address): RegistryHit {
    const t = this.tupleOf(a);
    const h = this.data.tuples[t * 3]!;
    const d = this.data.tuples[t * 3 + 1]!;
    return { holder: h >= 0 ? this.record(h) : null, delegated: d >= 0 ? this.record(d) : null };
  }

  private opaqueAsns(key: string): readonly number[] | undefined {
    if (!this.asnMap) {
      const { asnKeys, asnOffsets, asnValues, strings } = this.data;
      const m = new Map<string, number[]>();
      for (let k = 0; k < asnKeys.length; k++)
        m.set(strings[asnKeys[k]!]!, Array.from(asnValues.subarray(asnOffsets[k]!, asnOffsets[k + 1]!)));
      this.asnMap = m;
    }
    return this.asnMap.get(key);
  }

  /** ASNs linked to a hit: RDAP origin autnums, and ASNs sharing the delegation's opaque-id. */
  asnsFor(hit: RegistryHit): number[] {
    const { holder, delegated } = hit;
    const asns = new Set<number>(holder?.asns ?? []);
    for (const x of delegated?.asns ?? []) asns.add(x);
    if (delegated?.opaqueId && delegated.registry)
      for (const x of this.opaqueAsns(`${delegated.registry}|${delegated.opaqueId}`) ?? []) asns.add(x);
    return [...asns];
  }

  /**
   * As `asnsFor`, from the columns (no record objects): holder ASNs, delegation ASNs, the delegation's opaque-id
   * group.
   */
  private asnsOf(h: number, d: number): number[] {
    const asns = new Set<number>();
    for (const i of [h, d]) {
      const csv = i >= 0 ? this.str('asns', i) : null;
      if (csv) for (const x of csv.split(',')) asns.add(Number(x));
    }
    const g = d >= 0 ? this.data.asnGroup[d]! : -1;
    if (g >= 0)
      for (let k = this.data.asnOffsets[g]!; k < this.data.asnOffsets[g + 1]!; k++) asns.add(this.data.asnValues[k]!);
    return [...asns];
  }

  // ---------- full answers: one frozen object per tuple, built on first use ----------

  /** The full answer for an IPv4 address given as uint32: a radix step, a short binary search, a cached object. */
  answerV4(v: number): RegistryAnswer {
    const seg = this.segV4(v);
    return this.v4Answers[seg] ?? this.v4Miss(seg);
  }

  private v4Miss(seg: number): RegistryAnswer {
    const t = this.data.v4Tuple[seg]!;
    const a = this.answers[t] ?? this.materialize(t);
    this.v4Answers[seg] = a;
    return a;
  }

  /** The full answer for a parsed address. */
  answer(a: Address): RegistryAnswer {
    if (a.family === 4) return this.answerV4(a.v4);
    const t = this.tupleOf(a);
    return this.answers[t] ?? this.materialize(t);
  }

  /**
   * The full answer for an address as text; null when it is not an address. A plain dotted quad is
   * parsed without allocating anything; other forms go through `parseAddress`.
   */
  answerText(text: string): RegistryAnswer | null {
    const v = parseIPv4(text);
    if (v >= 0) return this.answerV4(v);
    const a = parseAddress(text, HEADER_SYNTAX);
    return a ? this.answer(a) : null;
  }

  /**
   * Build every answer now (a long-running service may prefer this to building them on first use). Returns the
   * count.
   */
  precomputeAnswers(): number {
    for (let t = 0; t < this.answers.length; t++) if (!this.answers[t]) this.materialize(t);
    return this.answers.length;
  }

  private rangeOf(i: number): NonNullable<RegistryAnswer['range']> {
    const cached = this.rangeCache[i];
    if (cached) return cached;
    let range: NonNullable<RegistryAnswer['range']>;
    if (this.data.family[i] === 4) {
      const s = this.data.bounds[i * 8 + 3]!;
      const e = this.data.bounds[i * 8 + 7]!;
      range = { start: formatIPv4(s), end: formatIPv4(e), cidrs: Object.freeze(ipv4RangeToCidrs(s, e)) };
    } else {
      const s = this.bound(i, false);
      const e = this.bound(i, true);
      range = { start: formatBigInt(6, s), end: formatBigInt(6, e), cidrs: Object.freeze(ipv6RangeToCidrs(s, e)) };
    }
    Object.freeze(range);
    this.rangeCache[i] = range;
    return range;
  }

  private sourceOf(i: number): Readonly<RegistryAnswerSource> {
    const cached = this.sourceCache[i];
    if (cached) return cached;
    const r = this.rangeOf(i);
    const f = this.data.sources[this.data.sourceIdx[i]!]!;
    const s: Readonly<RegistryAnswerSource> = Object.freeze({
      format: f.format,
      file: f.file,
      sha256: f.sha256,
      dataDate: f.dataDate,
      importedAt: f.importedAt,
      recordDate: this.str('recordDate', i),
      range: `${r.start}-${r.end}`,
    });
    this.sourceCache[i] = s;
    return s;
  }

  /** end − start of record i (plain numbers for IPv4). */
  private sizeOf(i: number): number | bigint {
    if (this.data.family[i] === 4) return this.data.bounds[i * 8 + 7]! - this.data.bounds[i * 8 + 3]!;
    return this.bound(i, true) - this.bound(i, false);
  }

  private materialize(t: number): RegistryAnswer {
    const h = this.data.tuples[t * 3]!;
    const d = this.data.tuples[t * 3 + 1]!;
    if (h < 0 && d < 0) {
      this.answers[t] = EMPTY_ANSWER;
      return EMPTY_ANSWER;
    }
    // the most specific of the two gives the range; registry and country prefer the RIR's own data
    const narrow = h >= 0 && d >= 0 ? (this.sizeOf(h) <= this.sizeOf(d) ? h : d) : h >= 0 ? h : d;
    // a sub-assignment often names no abuse contact: the enclosing range's contact then applies
    const a = h >= 0 && this.str('abuse', h) ? h : this.data.tuples[t * 3 + 2]!;
    // read from the columns: no record objects are created for an answer
    const get = (c: StringColumn, i: number): string | null => (i >= 0 ? this.str(c, i) : null);
    const holderName = get('holder', h);
    const handle = get('handle', h);
    const source = [h, a !== h ? a : -1, d].filter((i) => i >= 0).map((i) => this.sourceOf(i));
    const answer: RegistryAnswer = Object.freeze({
      registry: get('registry', d) ?? get('registry', h),
      country: get('country', d) ?? get('country', h),
      range: this.rangeOf(narrow),
      holder: holderName || handle ? Object.freeze({ name: holderName, handle }) : null,
      abuse: get('abuse', a),
      asns: Object.freeze(this.asnsOf(h, d)),
      source: Object.freeze(source),
    });
    this.answers[t] = answer;
    return answer;
  }
}

import { endianness } from 'node:os';
import { constants, zstdCompressSync, zstdDecompressSync } from 'node:zlib';
import { RegistryTable, type RegistryTableData, STRING_COLUMNS, type StringColumn } from './table.ts';
import type { RegistrySource } from './types.ts';

/**
 * Binary snapshot of a built `RegistryTable`: its columns and merged index as typed arrays, so that
 * a lookup process loads the index instead of rebuilding it from every stored row.
 *
 * Layout: 8-byte magic `SHKRSNAP`, uint32 format version, uint32 codec (1 = zstd), uint32 payload
 * length, then the compressed payload. The payload is a sequence of sections, each a uint32 byte length followed by
 * the bytes, padded to 4 bytes: a JSON header, the string table (UTF-8 or UTF-16LE text plus UTF-16
 * lengths), then the typed arrays in a fixed order, little-endian. Any change of layout bumps
 * `SNAPSHOT_FORMAT`; a snapshot of another format is ignored (and rebuilt), never misread.
 */
/**
 * 2: the index chooses between two records of one range by date before format (a snapshot of 1 is rebuilt).
 * 3: records keep their registration date (`registeredDate`) as a column (a snapshot of 2 is rebuilt).
 */
export const SNAPSHOT_FORMAT = 3;
const MAGIC = 'SHKRSNAP';
const CODEC_ZSTD = 1;
const HEAD = 20;

interface SnapshotHeader {
  format: number;
  sources: RegistrySource[];
  records: number;
  strings: number;
  text: 'utf8' | 'utf16le';
}

class Writer {
  readonly parts: Uint8Array[] = [];
  private size = 0;
  section(bytes: Uint8Array): void {
    const len = new Uint8Array(4);
    new DataView(len.buffer).setUint32(0, bytes.byteLength, true);
    this.parts.push(len, bytes);
    this.size += 4 + bytes.byteLength;
    const pad = (4 - (bytes.byteLength % 4)) % 4;
    if (pad) {
      this.parts.push(new Uint8Array(pad));
      this.size += pad;
    }
  }
  typed(a: Uint8Array | Uint32Array | Int32Array): void {
    this.section(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  }
  finish(): Buffer {
    return Buffer.concat(this.parts, this.size);
  }
}

class Reader {
  private off = 0;
  private readonly buf: Buffer;
  constructor(buf: Buffer) {
    this.buf = buf;
  }
  section(): Buffer {
    if (this.off + 4 > this.buf.length) throw new Error('registry snapshot truncated');
    const len = this.buf.readUInt32LE(this.off);
    const start = this.off + 4;
    if (start + len > this.buf.length) throw new Error('registry snapshot truncated');
    this.off = start + len + ((4 - (len % 4)) % 4);
    return this.buf.subarray(start, start + len);
  }
  private aligned(b: Buffer): ArrayBuffer {
    // a view needs 4-byte alignment; copy otherwise
    if (b.byteOffset % 4 === 0 && b.buffer instanceof ArrayBuffer) return b.buffer;
    const copy = new Uint8Array(b.byteLength);
    copy.set(b);
    return copy.buffer;
  }
  u8(): Uint8Array {
    const b = this.section();
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  }
  u32(): Uint32Array {
    const b = this.section();
    const ab = this.aligned(b);
    return ab === b.buffer ? new Uint32Array(ab, b.byteOffset, b.byteLength / 4) : new Uint32Array(ab);
  }
  i32(): Int32Array {
    const b = this.section();
    const ab = this.aligned(b);
    return ab === b.buffer ? new Int32Array(ab, b.byteOffset, b.byteLength / 4) : new Int32Array(ab);
  }
  get done(): boolean {
    return this.off === this.buf.length;
  }
}

/** Encode a table as a snapshot (zstd-compressed). */
export function encodeSnapshot(table: RegistryTable): Buffer {
  if (endianness() !== 'LE') throw new Error('registry snapshots are written on little-endian machines only');
  const d = table.tableData;
  // one text for all strings; UTF-8 unless some string holds a surrogate (then UTF-16LE, exact)
  const all = d.strings.join('');
  const text: SnapshotHeader['text'] = /[\ud800-\udfff]/.test(all) ? 'utf16le' : 'utf8';
  const header: SnapshotHeader = {
    format: SNAPSHOT_FORMAT,
    sources: d.sources,
    records: d.family.length,
    strings: d.strings.length,
    text,
  };
  const w = new Writer();
  w.section(Buffer.from(JSON.stringify(header), 'utf8'));
  w.section(Buffer.from(all, text));
  w.typed(Uint32Array.from(d.strings, (s) => s.length));
  w.typed(d.family);
  w.typed(d.sourceIdx);
  // bounds: 2 words per IPv4 record, 8 per IPv6 record (in memory every record has 8)
  const n = d.family.length;
  const v6 = d.family.reduce((c, f) => c + (f === 6 ? 1 : 0), 0);
  const packed = new Uint32Array((n - v6) * 2 + v6 * 8);
  for (let i = 0, o = 0; i < n; i++) {
    if (d.family[i] === 4) {
      packed[o++] = d.bounds[i * 8 + 3]!;
      packed[o++] = d.bounds[i * 8 + 7]!;
    } else {
      packed.set(d.bounds.subarray(i * 8, i * 8 + 8), o);
      o += 8;
    }
  }
  w.typed(packed);
  for (const c of STRING_COLUMNS) w.typed(d.columns[c]);
  w.typed(d.asnKeys);
  w.typed(d.asnOffsets);
  w.typed(d.asnValues);
  w.typed(d.asnGroup);
  w.typed(d.v4Starts);
  w.typed(d.v4Tuple);
  w.typed(d.v6Starts);
  w.typed(d.v6Tuple);
  w.typed(d.tuples);
  const payload = w.finish();
  const head = Buffer.alloc(HEAD);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(SNAPSHOT_FORMAT, 8);
  head.writeUInt32LE(CODEC_ZSTD, 12);
  head.writeUInt32LE(payload.length, 16);
  // with zstd's content checksum, a damaged snapshot fails to decompress instead of decoding to other data
  return Buffer.concat([head, zstdCompressSync(payload, { params: { [constants.ZSTD_c_checksumFlag]: 1 } })]);
}

/** Decode a snapshot; null when it is of another format or version (the caller rebuilds). Throws on a damaged one. */
export function decodeSnapshot(bytes: Uint8Array): RegistryTable | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (endianness() !== 'LE' || buf.length < HEAD || buf.toString('latin1', 0, 8) !== MAGIC) return null;
  if (buf.readUInt32LE(8) !== SNAPSHOT_FORMAT || buf.readUInt32LE(12) !== CODEC_ZSTD) return null;
  const size = buf.readUInt32LE(16);
  // one output chunk of the known size: no concatenation of many small chunks
  const payload = zstdDecompressSync(buf.subarray(HEAD), {
    chunkSize: Math.max(size, 64),
    maxOutputLength: Math.max(size, 64),
  });
  if (payload.length !== size) throw new Error('registry snapshot: payload length does not match');
  const r = new Reader(payload);
  const header = JSON.parse(r.section().toString('utf8')) as SnapshotHeader;
  if (header.format !== SNAPSHOT_FORMAT) return null;
  const all = r.section().toString(header.text);
  const lengths = r.u32();
  if (lengths.length !== header.strings) throw new Error('registry snapshot: string table does not match its header');
  const strings = new Array<string>(lengths.length);
  let at = 0;
  for (let i = 0; i < lengths.length; i++) {
    strings[i] = all.slice(at, at + lengths[i]!);
    at += lengths[i]!;
  }
  if (at !== all.length) throw new Error('registry snapshot: string table does not match its lengths');
  const family = r.u8();
  const sourceIdx = r.u32();
  const packed = r.u32();
  const n = header.records;
  if (family.length !== n) throw new Error('registry snapshot: section sizes do not match');
  const bounds = new Uint32Array(n * 8);
  let o = 0;
  for (let i = 0; i < n; i++) {
    if (family[i] === 4) {
      if (o + 2 > packed.length) break;
      bounds[i * 8 + 3] = packed[o++]!;
      bounds[i * 8 + 7] = packed[o++]!;
    } else {
      if (family[i] !== 6) throw new Error('registry snapshot: unknown address family');
      if (o + 8 > packed.length) break;
      bounds.set(packed.subarray(o, o + 8), i * 8);
      o += 8;
    }
  }
  if (o !== packed.length) throw new Error('registry snapshot: section sizes do not match');
  const columns = {} as Record<StringColumn, Int32Array>;
  for (const c of STRING_COLUMNS) columns[c] = r.i32();
  const data: RegistryTableData = {
    sources: header.sources,
    strings,
    family,
    sourceIdx,
    bounds,
    columns,
    asnKeys: r.i32(),
    asnOffsets: r.u32(),
    asnValues: r.u32(),
    asnGroup: r.i32(),
    v4Starts: r.u32(),
    v4Tuple: r.i32(),
    v6Starts: r.u32(),
    v6Tuple: r.i32(),
    tuples: r.i32(),
  };
  const tuples = data.tuples.length / 3;
  const ok =
    r.done &&
    family.length === n &&
    sourceIdx.length === n &&
    data.asnGroup.length === n &&
    STRING_COLUMNS.every((c) => columns[c].length === n) &&
    data.asnOffsets.length === data.asnKeys.length + 1 &&
    data.v4Starts.length === data.v4Tuple.length &&
    data.v6Starts.length === data.v6Tuple.length * 4 &&
    data.tuples.length % 3 === 0 &&
    tuples > 0;
  if (!ok) throw new Error('registry snapshot: section sizes do not match');
  // every index stored in the snapshot must point inside its table
  const inRange = (a: Int32Array | Uint32Array, max: number, allowNone: boolean): boolean => {
    for (let i = 0; i < a.length; i++) {
      const v = a[i]!;
      if (v >= max || (v < 0 && !(allowNone && v === -1))) return false;
    }
    return true;
  };
  const valid =
    inRange(sourceIdx, header.sources.length, false) &&
    STRING_COLUMNS.every((c) => inRange(columns[c], strings.length, true)) &&
    inRange(data.asnKeys, strings.length, false) &&
    inRange(data.asnGroup, data.asnKeys.length, true) &&
    inRange(data.v4Tuple, tuples, false) &&
    inRange(data.v6Tuple, tuples, false) &&
    inRange(data.tuples, n, true) &&
    (data.asnOffsets.length === 0 || data.asnOffsets[data.asnOffsets.length - 1] === data.asnValues.length);
  if (!valid) throw new Error('registry snapshot: an index points outside its table');
  return RegistryTable.fromData(data);
}

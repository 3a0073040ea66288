// What parsers produce and the store keeps: intervals, each tied to the source line it came from.
import type { Bilingual } from '../kernel/text.ts';
import { type AlignedCidr, formatCidr } from '../net/cidr.ts';

/** A holding over [t0, t1] (epoch seconds), tied to the source lines that started and ended it. */
export interface Interval {
  t0: number;
  /** End: a definitive end (Stop, lease expiry) unless `open`, where it is the last time the holding was seen. */
  t1: number;
  open: boolean;
  line: number;
  /** Line of the record that ended or last confirmed it (0 if none). */
  eline: number;
  /**
   * The log's own name for the holding where it is finer than the row's key (a RADIUS session's NAS and
   * session id; a conntrack flow's or an LSN mapping's protocol and inside port): two holdings of one key
   * whose ends are not logged stay two rows, and an end read later closes the one it names
   * (store/same-start.ts). Absent where the log names none (the key is the holding).
   */
  ident?: string;
  /**
   * `ident` names this one holding and no other (a RADIUS session: NAS and session id, with the user and the
   * address of the key): the row keeps the name when its end is logged too, and the records of one named
   * holding join as its latest record says (store/same-start.ts). Absent where two holdings may share the
   * name (conntrack and LSN flows to two destinations): kept only while open.
   */
  oneHolding?: true;
}

/** An inside address (or IPv6 prefix) held by an account over [t0, t1]. */
export interface AssignRow extends Interval {
  /** Network bytes (4 or 16), masked to plen. */
  addr: Uint8Array;
  plen: number;
  account: string;
}

/** A public IPv4 address and port range translated to an inside IPv4 address over [t0, t1]. */
export interface NatRow extends Interval {
  /** `block`: a port block (PBA, bulk port allocation); `session`: one translated port (conntrack, LSN). */
  kind: 'block' | 'session';
  pub: number;
  plo: number;
  phi: number;
  inside: number;
  /**
   * The row's first record is not the translation's start: an INTERIM or an end met first in its file, kept by
   * the store where it had no open row to extend or end (the allocation in a file read later, or never logged).
   * Set on a CloseOp's fallback (closeOf, sightingOf); the allocation's open row, stored later, takes what such a
   * row says (store/same-start.ts).
   */
  unstarted?: true;
}

/**
 * An end seen for an interval that started in an earlier file or batch; for an assignment, also a sighting
 * (`fallback.open`): the holding was still held at `at`, its start in an earlier file (sightingOf).
 */
export type CloseOp =
  | { target: 'assign'; addr: Uint8Array; plen: number; account: string; at: number; line: number; fallback: AssignRow }
  | {
      target: 'block' | 'session';
      pub: number;
      plo: number;
      inside: number;
      at: number;
      line: number;
      fallback: NatRow;
    };
// `fallback` is stored when no open interval matches (the start was never logged or is out of retention).
// `line` is the line of the record that ended (or last saw) it.

/** A NAT translation read at `t` on line `line`: open until its end is read. */
export function natRow(
  kind: NatRow['kind'],
  pub: number,
  plo: number,
  phi: number,
  inside: number,
  t: number,
  line: number,
): NatRow {
  return { kind, pub, plo, phi, inside, t0: t, t1: t, open: true, line, eline: line };
}

/**
 * The end of an interval whose start is not pending in the parser (an earlier file or batch has it):
 * the store ends its open interval at `ended.t1`, or keeps `ended`, closed, where it has none.
 */
export function closeOf(ended: AssignRow | NatRow): CloseOp {
  ended.open = false;
  const { t1: at, eline: line } = ended;
  if ('kind' in ended) {
    ended.unstarted = true;
    return { target: ended.kind, pub: ended.pub, plo: ended.plo, inside: ended.inside, at, line, fallback: ended };
  }
  return { target: 'assign', addr: ended.addr, plen: ended.plen, account: ended.account, at, line, fallback: ended };
}

/**
 * A holding still held at `seen.t1` (read on `seen.eline`) whose start is not pending in the parser: the
 * store extends its open interval to then, or keeps `seen`, open, where it has none (a RADIUS session
 * met first in this file by an Interim-Update, its Start in an earlier file; a port block met first by an
 * INTERIM, its allocation in an earlier file).
 */
export function sightingOf(seen: AssignRow | NatRow): CloseOp {
  const { t1: at, eline: line } = seen;
  if ('kind' in seen) {
    seen.unstarted = true;
    return { target: seen.kind, pub: seen.pub, plo: seen.plo, inside: seen.inside, at, line, fallback: seen };
  }
  return { target: 'assign', addr: seen.addr, plen: seen.plen, account: seen.account, at, line, fallback: seen };
}

export class Batch {
  assigns: AssignRow[] = [];
  nats: NatRow[] = [];
  closes: CloseOp[] = [];
  /** Source records accepted into this batch (a RADIUS record, a lease, a log line …). */
  records = 0;
  get size(): number {
    return this.assigns.length + this.nats.length + this.closes.length;
  }
}

export interface LineError {
  line: number;
  reason: string;
}

/**
 * A bad line (or record) of a source file, in Japanese and English: a skipped line's reason reaches the
 * person in the CLI's language. `message` is the English.
 */
export class ParseError extends Error {
  override name = 'ParseError';
  /** The line the bad record starts on, when it is not the line being read (multi-line records). */
  readonly line: number | undefined;
  readonly ja: string;
  readonly en: string;
  constructor(text: Bilingual, line?: number) {
    super(text.en);
    this.line = line;
    this.ja = text.ja;
    this.en = text.en;
  }
}

/** What is wrong with a value, the words shared by the parsers (values quoted as given). */
export const REFUSED = {
  empty: { ja: '空です', en: 'empty' },
  notIPv4: (value: string): Bilingual => ({
    ja: `IPv4 アドレスではありません: "${value}"`,
    en: `not an IPv4 address: "${value}"`,
  }),
  notPort: (value: string): Bilingual => ({ ja: `ポート番号ではありません: "${value}"`, en: `not a port: "${value}"` }),
  misaligned,
} as const;

/**
 * A prefix with bits set after its length (`203.0.113.9/24`, a delegated `2001:db8:1:2::/48`): refused,
 * never masked (masking moves or widens the block and hands its holder addresses nobody logged for
 * them). Names the aligned block and, when `written` is `address/length` (interface notation), the
 * address alone as the other reading.
 */
function misaligned(written: string, p: AlignedCidr, addressReading: boolean): Bilingual {
  const block = formatCidr(p.cidr);
  const address = p.address.text;
  const after = {
    ja: `"${written}" は /${p.cidr.length} より後ろのビットが立っています。`,
    en: `"${written}" has bits set after /${p.cidr.length}: `,
  };
  return addressReading
    ? {
        ja: `${after.ja}プレフィックスなら ${block}、アドレスなら ${address} と書いてください`,
        en: `${after.en}write ${block} for the prefix, or ${address} for the address`,
      }
    : { ja: `${after.ja}揃ったブロックは ${block} です`, en: `${after.en}the aligned block is ${block}` };
}

/** A refusal of a named part of a line (a label as the format writes it): `label: words`. */
export function labelled(label: string | Bilingual, words: Bilingual, line?: number): ParseError {
  const l = typeof label === 'string' ? { ja: label, en: label } : label;
  return new ParseError({ ja: `${l.ja}: ${words.ja}`, en: `${l.en}: ${words.en}` }, line);
}

/** A refusal of a field (a column or attribute, named as the file names it): `field X: …` / `項目 X: …`. */
export function fieldError(field: string, words: Bilingual, line?: number): ParseError {
  return labelled({ ja: `項目 ${field}`, en: `field ${field}` }, words, line);
}

export const fieldEmpty = (field: string): ParseError => fieldError(field, REFUSED.empty);
export const notIPv4 = (field: string, value: string): ParseError => fieldError(field, REFUSED.notIPv4(value));
export const notPort = (field: string, value: string): ParseError => fieldError(field, REFUSED.notPort(value));

/** The high end of a port range below its low end. */
export function portBelow(high: string, highValue: number, low: string, lowValue: number): ParseError {
  return fieldError(high, {
    ja: `${highValue} が ${low} の ${lowValue} より小さくなっています`,
    en: `${highValue} is below ${low} ${lowValue}`,
  });
}

/**
 * A header line without columns the format needs: `expected` lists every column, or names the kind of
 * file that needs them.
 */
export function headerLacks(missing: readonly string[], expected: readonly string[] | Bilingual): ParseError {
  const list = missing.join(', ');
  if ('ja' in expected) {
    return new ParseError({
      ja: `ヘッダーに列 ${list} がありません（${expected.ja}に必要な列です）`,
      en: `header lacks column(s) ${list} for ${expected.en}`,
    });
  }
  const all = expected.join(',');
  return new ParseError({
    ja: `ヘッダーに列 ${list} がありません（必要な列: ${all}）`,
    en: `header lacks column(s) ${list}; expected ${all}`,
  });
}

/** A stateful parser for one file: lines in, intervals out. */
export interface LogParser {
  /** Feed one line (without its newline). Throws ParseError for a bad line. */
  line(text: string, lineNo: number, out: Batch): void;
  /**
   * Optional fast path for hot formats: exactly `line(text.slice(start, end), lineNo, out)`, without
   * cutting the line out of the chunk it was read in (tested for equivalence).
   */
  lineAt?(text: string, start: number, end: number, lineNo: number, out: Batch): void;
  /** End of file: emit everything still pending (throws ParseError for a bad trailing record). */
  finish(out: Batch): void;
  /**
   * The first line a resumed run must re-read so that nothing pending in memory is lost
   * (re-read rows are idempotent in the store). Infinity when nothing is pending.
   */
  pendingFrom(): number;
}

export interface ParserOptions {
  zone?: string;
}

/** Where emitted intervals go: an array to push onto, or a callback. */
export type Sink<R> = R[] | ((r: R) => void);

function put<R>(sink: Sink<R>, r: R): void {
  if (typeof sink === 'function') sink(r);
  else sink.push(r);
}

/** Pairs start / interim / end events of intervals that live in memory until they end. */
export class IntervalTracker<R extends Interval, K = string> {
  readonly pending = new Map<K, R>();

  /** A new interval starts; a still-open interval under the same key is emitted as open (its end was never logged). */
  start(key: K, row: R, emit: Sink<R>): void {
    const prev = this.pending.get(key);
    if (prev) put(emit, prev);
    this.pending.set(key, row);
  }

  /** An interim sighting at `t`; returns false if the interval is not pending. */
  seen(key: K, t: number, line: number): boolean {
    const r = this.pending.get(key);
    if (!r) return false;
    if (t > r.t1) r.t1 = t;
    r.eline = line;
    return true;
  }

  /** The interval ends at `t`; returns false if it is not pending (the caller records a CloseOp). */
  end(key: K, t: number, line: number, emit: Sink<R>): boolean {
    const r = this.pending.get(key);
    if (!r) return false;
    this.pending.delete(key);
    r.t1 = Math.max(t, r.t0);
    r.open = false;
    r.eline = line;
    put(emit, r);
    return true;
  }

  flush(emit: Sink<R>): void {
    for (const r of this.pending.values()) put(emit, r);
    this.pending.clear();
  }

  minLine(): number {
    let m = Infinity;
    for (const r of this.pending.values()) if (r.line < m) m = r.line;
    return m;
  }
}

/** Split one CSV line (RFC 4180 quoting, no embedded newlines). */
export function splitCsv(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (q) {
      if (c === '"') {
        if (line[i + 1] === '"') {
          cur += '"';
          i++;
        } else q = false;
      } else cur += c;
    } else if (c === '"') q = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  if (q) throw new ParseError({ ja: '引用符（"）で始まる値が閉じられていません', en: 'unterminated quoted field' });
  out.push(cur);
  return out;
}

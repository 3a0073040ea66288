// Juniper SRX / MX port-block allocation syslog: RT_SRC_NAT_PBA_ALLOC / _INTERIM / _RELEASE with
// key="value" fields; epoch-time-64 is hexadecimal epoch seconds. Other syslog lines are ignored.
// This runs for every CGNAT log line: it reads the line in place in the chunk it was read in
// (lineAt), with indexOf and character codes instead of regular expressions, slices or per-line key
// strings (a block is keyed by the number pub · 65536 + port_low). line() is lineAt on one line.
import { parseIPv4At } from '../../net/address.ts';
import {
  type Batch,
  closeOf,
  fieldError,
  type NatRow,
  natRow,
  notIPv4,
  notPort,
  ParseError,
  portBelow,
  sightingOf,
} from '../model.ts';
import { NatEventParser } from './nat-events.ts';

const EVENT = 'RT_SRC_NAT_PBA_';
const ALLOC = 1;
const INTERIM = 2;
const RELEASE = 3;

/** The name, ` name="` and `[name="` of each field read. */
type Field = [string, string, string];
const keys = (name: string): Field => [name, ` ${name}="`, `[${name}="`];
const F_TIME = keys('epoch-time-64');
const F_INSIDE = keys('internal-ip');
const F_PUB = keys('reflexive-ip');
const F_LOW = keys('block-port-low');
const F_HIGH = keys('block-port-high');

export class JuniperPbaParser extends NatEventParser<number> {
  /**
   * The next occurrence of EVENT at or after `hitFrom` in `hitText` (Infinity: none), so that lines without one are
   * not searched again.
   */
  private hitText = '';
  private hitFrom = 0;
  private hitAt = 0;
  /** Value bounds of the last field found. */
  private vs = 0;
  private ve = 0;
  /**
   * Blocks pending here that this file met first by an INTERIM: allocated in an earlier file, or the allocation
   * was never logged. Their RELEASE is an end read later, their last INTERIM at the file's end a sighting: both
   * for the store, which has the allocation's row where the earlier file was read (as RADIUS Interim-Updates).
   */
  private readonly begunBefore = new Set<number>();

  line(text: string, lineNo: number, out: Batch): void {
    this.lineAt(text, 0, text.length, lineNo, out);
  }

  lineAt(text: string, start: number, end: number, lineNo: number, out: Batch): void {
    if (text !== this.hitText || start < this.hitFrom || start > this.hitAt) {
      const i = text.indexOf(EVENT, start);
      this.hitText = text;
      this.hitAt = i < 0 ? Infinity : i;
    }
    this.hitFrom = start;
    const at = this.hitAt;
    if (at >= end) return;
    const kind = this.eventKind(text, at + EVENT.length, end);
    const t = this.hexTime(text, at, end);
    const inside = this.ip(text, at, end, F_INSIDE);
    const pub = this.ip(text, at, end, F_PUB);
    const plo = this.port(text, at, end, F_LOW);
    const phi = this.port(text, at, end, F_HIGH);
    if (phi < plo) throw portBelow('block-port-high', phi, 'block-port-low', plo);
    out.records++;
    const key = pub * 65536 + plo;
    const p = this.translations.pending.get(key);
    if (kind === ALLOC || (kind === INTERIM && p !== undefined && p.inside !== inside))
      this.allocated(key, natRow('block', pub, plo, phi, inside, t, lineNo), out);
    else if (kind === INTERIM) {
      if (p === undefined) {
        // met first here, by an INTERIM: the allocation is in an earlier file (or was never logged)
        this.translations.start(key, natRow('block', pub, plo, phi, inside, t, lineNo), out.nats);
        this.begunBefore.add(key);
      } else this.translations.seen(key, t, lineNo);
    } else if (p && p.inside === inside) {
      if (this.begunBefore.has(key)) this.settle(key, out, t, lineNo);
      else this.translations.end(key, t, lineNo, out.nats);
    } else out.closes.push(closeOf(natRow('block', pub, plo, phi, inside, t, lineNo)));
  }

  override finish(out: Batch): void {
    for (const key of this.begunBefore) this.settle(key, out);
    super.finish(out);
  }

  /** A block allocated: one this file met first by an INTERIM goes to the store as it stands. */
  private allocated(key: number, row: NatRow, out: Batch): void {
    if (this.begunBefore.has(key)) this.settle(key, out);
    this.started(key, row, out);
  }

  /**
   * A block this file met first by an INTERIM leaves the parser as what it is to the store: released (at `at`, on
   * line `line`), an end read later; else seen last at its last INTERIM, a sighting. Either extends or ends the
   * allocation's open row where an earlier file was read, and is kept, unstarted, where none was.
   */
  private settle(key: number, out: Batch, at?: number, line?: number): void {
    const row = this.translations.pending.get(key)!;
    this.begunBefore.delete(key);
    this.translations.pending.delete(key);
    if (at === undefined || line === undefined) {
      out.closes.push(sightingOf(row));
      return;
    }
    row.t1 = Math.max(at, row.t0);
    row.eline = line;
    out.closes.push(closeOf(row));
  }

  /** The event kind after RT_SRC_NAT_PBA_ (the word up to a space, cut at ':' or '['). */
  private eventKind(text: string, from: number, end: number): number {
    const is = (word: string): boolean => {
      const after = from + word.length;
      if (after > end || !text.startsWith(word, from)) return false;
      const c = after === end ? -1 : text.charCodeAt(after);
      return c === -1 || c === 32 || c === 58 || c === 91;
    };
    if (is('ALLOC')) return ALLOC;
    if (is('RELEASE')) return RELEASE;
    if (is('INTERIM')) return INTERIM;
    const kindEnd = text.indexOf(' ', from);
    const kind = text.slice(from, kindEnd < 0 || kindEnd > end ? end : kindEnd).replace(/[:[].*$/, '');
    throw new ParseError({
      ja: `不明なイベントです: RT_SRC_NAT_PBA_${kind}`,
      en: `unknown event RT_SRC_NAT_PBA_${kind}`,
    });
  }

  /** Finds a field's value in the line: sets vs, ve. */
  private field(text: string, at: number, end: number, f: Field): void {
    let i = text.indexOf(f[1], at);
    if (i < 0 || i + f[1].length > end) {
      i = text.indexOf(f[2], at);
      if (i < 0 || i + f[2].length > end)
        throw new ParseError({ ja: `項目 ${f[0]} がありません`, en: `field ${f[0]} missing` });
    }
    const s = i + f[1].length;
    const e = text.indexOf('"', s);
    if (e < 0 || e >= end)
      throw fieldError(f[0], { ja: '値の引用符（"）が閉じられていません', en: 'unterminated value' });
    this.vs = s;
    this.ve = e;
  }

  private ip(text: string, at: number, end: number, f: Field): number {
    this.field(text, at, end, f);
    const v = parseIPv4At(text, this.vs, this.ve);
    if (v < 0) throw notIPv4(f[0], text.slice(this.vs, this.ve));
    return v;
  }

  private port(text: string, at: number, end: number, f: Field): number {
    this.field(text, at, end, f);
    const s = this.vs;
    const e = this.ve;
    let v = 0;
    for (let i = s; i < e; i++) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) {
        v = -1;
        break;
      }
      v = v * 10 + (c - 48);
    }
    if (e === s || e - s > 5 || v < 0 || v > 65535) throw notPort(f[0], text.slice(s, e));
    return v;
  }

  /** Hexadecimal epoch seconds, optionally 0x-prefixed, 1–16 digits. */
  private hexTime(text: string, at: number, end: number): number {
    this.field(text, at, end, F_TIME);
    const e = this.ve;
    const from = e - this.vs >= 2 && text.startsWith('0x', this.vs) ? this.vs + 2 : this.vs;
    const n = e - from;
    let v = 0;
    let ok = n >= 1 && n <= 16;
    for (let i = from; ok && i < e; i++) {
      const c = text.charCodeAt(i);
      if (c >= 48 && c <= 57) v = v * 16 + (c - 48);
      else if (c >= 97 && c <= 102) v = v * 16 + (c - 87);
      else if (c >= 65 && c <= 70) v = v * 16 + (c - 55);
      else ok = false;
    }
    if (!ok) {
      const v = text.slice(this.vs, e);
      throw fieldError('epoch-time-64', {
        ja: `16 進数のエポック秒ではありません: "${v}"`,
        en: `not hexadecimal epoch seconds: "${v}"`,
      });
    }
    return n > 13 ? parseInt(text.slice(from, e), 16) : v; // beyond 52 bits: exactly as parseInt rounds
  }
}

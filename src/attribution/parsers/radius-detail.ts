// FreeRADIUS `detail` accounting files: records separated by blank lines; a header line with the
// server's local time, then tab-indented `Attribute = value` lines. `Timestamp` (epoch seconds) is
// authoritative; Event-Timestamp (with its zone abbreviation) and the header are fall-backs.
import { addressBytes, ipv4Bytes, LOG_SYNTAX, parseIPv4 } from '../../net/address.ts';
import { parseCidrAligned } from '../../net/cidr.ts';
import {
  type AssignRow,
  type Batch,
  closeOf,
  IntervalTracker,
  type LogParser,
  labelled,
  ParseError,
  type ParserOptions,
  REFUSED,
  sightingOf,
} from '../model.ts';
import { inLog, monthNumber, resolveWall, syslogInstant, TimeError } from '../time.ts';

/** Address attributes in the order their intervals are emitted. */
const ADDRESS_ATTRIBUTES = [
  'Framed-IP-Address',
  'Framed-IPv6-Prefix',
  'Delegated-IPv6-Prefix',
  'Framed-IPv6-Address',
] as const;
// The attributes used (others attribute nothing and are skipped); a record keeps their values in slots,
// by their index here.
const ATTRIBUTES = [
  ...ADDRESS_ATTRIBUTES,
  'Acct-Status-Type',
  'User-Name',
  'Acct-Session-Id',
  'Acct-Unique-Session-Id',
  'NAS-IP-Address',
  'NAS-Identifier',
  'Acct-Session-Time',
  'Timestamp',
  'Event-Timestamp',
] as const;
type Attribute = (typeof ATTRIBUTES)[number];
const SLOT_BY_NAME = new Map<string, number>(ATTRIBUTES.map((n, i) => [n, i]));
/** Used attribute names by length, to recognise a name in place without slicing it out of the line. */
const BY_LENGTH: Array<Array<[string, number]>> = [];
for (const [i, n] of ATTRIBUTES.entries()) {
  const sameLength = BY_LENGTH[n.length] ?? [];
  sameLength.push([n, i]);
  BY_LENGTH[n.length] = sameLength;
}

const STATUSES = new Set(['Start', 'Interim-Update', 'Alive', 'Stop']);
const HEADER = /^[A-Z][a-z]{2}\s+([A-Z][a-z]{2})\s+(\d{1,2})\s+(\d{2}):(\d{2}):(\d{2})\s+(\d{4})\s*$/;
const ATTR_NAME = /^[A-Za-z0-9:-]+$/;

/** The slot of the used attribute named by text[from, from + len), or -1. */
function slotAt(text: string, from: number, len: number): number {
  const cands = BY_LENGTH[len];
  if (cands === undefined) return -1;
  for (let i = 0; i < cands.length; i++) if (text.startsWith(cands[i]![0], from)) return cands[i]![1];
  return -1;
}

/** One or more ASCII digits (what /^\d+$/ accepts). */
function allDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

export class RadiusDetailParser implements LogParser {
  private readonly zone: string | undefined;
  /** The record being read: its first line (0 = none), header line and attribute values. */
  private recLine = 0;
  private recHeader = '';
  private readonly vals: Array<string | undefined> = new Array<string | undefined>(ATTRIBUTES.length).fill(undefined);
  private readonly sessions = new IntervalTracker<AssignRow>();
  /**
   * Sessions pending here that this file met first by an Interim-Update (or Alive): their Start is in an
   * earlier file, or was never logged. Their Stop is an end read later and their last sighting, at the file's
   * end, a sighting: both for the store, which has the Start's row where an earlier file was read.
   */
  private readonly begunBefore = new Set<string>();

  /** The value the record being read gives an attribute. */
  private value(name: Attribute): string | undefined {
    return this.vals[SLOT_BY_NAME.get(name)!];
  }

  constructor(opts: ParserOptions) {
    this.zone = opts.zone;
  }

  line(text: string, lineNo: number, out: Batch): void {
    if (text.length === 0) {
      this.flushRecord(out);
      return;
    }
    const c0 = text.charCodeAt(0);
    if (c0 === 9 || c0 === 32) {
      const fast = text.indexOf(' = ');
      let slot: number;
      let v: string;
      if (
        c0 === 9 &&
        fast > 1 &&
        text.charCodeAt(1) > 32 &&
        text.charCodeAt(text.length - 1) !== 32 &&
        this.recLine !== 0
      ) {
        // the common shape: TAB Name SPACE = SPACE value; the name is recognised in place
        slot = slotAt(text, 1, fast - 1);
        if (slot < 0) return; // octet counters and the like attribute nothing
        v = text.slice(fast + 3);
      } else {
        if (text.trim() === '') {
          this.flushRecord(out);
          return;
        }
        if (this.recLine === 0) {
          throw new ParseError({
            ja: `レコードの外に属性の行があります: "${text.trim()}"`,
            en: `attribute line outside a record: "${text.trim()}"`,
          });
        }
        const eq = text.indexOf('=');
        const name = eq < 0 ? '' : text.slice(0, eq).trim();
        v = text.slice(eq + 1).trim();
        if (name === '' || !ATTR_NAME.test(name)) {
          throw new ParseError({
            ja: `"Attribute = value"（属性 = 値）の形の行ではありません: "${text.trim()}"`,
            en: `not an "Attribute = value" line: "${text.trim()}"`,
          });
        }
        const s = SLOT_BY_NAME.get(name);
        if (s === undefined) return;
        slot = s;
      }
      if (v.length >= 2 && v.charCodeAt(0) === 34 && v.charCodeAt(v.length - 1) === 34) v = v.slice(1, -1);
      this.vals[slot] = v;
      return;
    }
    // A new header line also ends a record not followed by a blank line.
    this.flushRecord(out);
    this.vals.fill(undefined);
    this.recLine = lineNo;
    this.recHeader = text;
  }

  lineAt(text: string, start: number, end: number, lineNo: number, out: Batch): void {
    // The common shape (TAB Name SPACE = SPACE value) read in place; everything else as a line.
    if (start < end && text.charCodeAt(start) === 9 && this.recLine !== 0) {
      const fast = text.indexOf(' = ', start);
      if (fast > start + 1 && fast < end && text.charCodeAt(start + 1) > 32 && text.charCodeAt(end - 1) !== 32) {
        const slot = slotAt(text, start + 1, fast - start - 1);
        if (slot < 0) return;
        const vs = fast + 3;
        this.vals[slot] =
          end - vs >= 2 && text.charCodeAt(vs) === 34 && text.charCodeAt(end - 1) === 34
            ? text.slice(vs + 1, end - 1)
            : text.slice(vs, end);
        return;
      }
    }
    this.line(text.slice(start, end), lineNo, out);
  }

  finish(out: Batch): void {
    // a last record refused leaves the file's open sessions to be stored all the same
    try {
      this.flushRecord(out);
    } finally {
      for (const key of this.begunBefore) this.settle(key, out);
      this.sessions.flush(out.assigns);
    }
  }

  /**
   * A session begun before this file, pending here, leaves the parser as what it is to the store: ended (its
   * Stop read here, `stop` its time and line) or, without a Stop, seen last at its last sighting.
   */
  private settle(key: string, out: Batch, stop?: { t: number; line: number }): void {
    const row = this.sessions.pending.get(key);
    this.begunBefore.delete(key);
    if (row === undefined) return;
    this.sessions.pending.delete(key);
    if (stop === undefined) {
      out.closes.push(sightingOf(row));
      return;
    }
    row.t1 = Math.max(stop.t, row.t0);
    row.eline = stop.line;
    out.closes.push(closeOf(row));
  }

  pendingFrom(): number {
    const m = this.sessions.minLine();
    return this.recLine !== 0 ? Math.min(m, this.recLine) : m;
  }

  private recordTime(): number {
    const ts = this.value('Timestamp');
    if (ts !== undefined) {
      if (!allDigits(ts))
        throw new ParseError({
          ja: `Timestamp がエポック秒ではありません: "${ts}"`,
          en: `Timestamp is not epoch seconds: "${ts}"`,
        });
      return Number(ts);
    }
    const ev = this.value('Event-Timestamp');
    if (ev !== undefined) {
      if (allDigits(ev)) return Number(ev);
      return syslogInstant(ev, this.zone);
    }
    const header = this.recHeader.trim();
    const h = HEADER.exec(header);
    if (!h) {
      throw new ParseError({
        ja: `レコードのヘッダーが日時ではありません: "${header}"`,
        en: `record header is not a date: "${header}"`,
      });
    }
    return resolveWall(
      { y: +h[6]!, mo: monthNumber(h[1]!), d: +h[2]!, h: +h[3]!, mi: +h[4]!, s: +h[5]! },
      undefined,
      inLog(this.zone),
      { ja: 'レコードのヘッダーの日時（Timestamp 属性なし）', en: 'record header (no Timestamp attribute)' },
    );
  }

  private flushRecord(out: Batch): void {
    const line = this.recLine;
    if (line === 0) return;
    this.recLine = 0;
    let t: number;
    try {
      t = this.recordTime();
    } catch (err) {
      if (err instanceof TimeError || (err instanceof ParseError && err.line === undefined))
        throw new ParseError({ ja: err.ja, en: err.en }, line);
      throw err;
    }
    const status = this.value('Acct-Status-Type');
    if (status === undefined)
      throw new ParseError({ ja: 'Acct-Status-Type がありません', en: 'no Acct-Status-Type' }, line);
    if (status === 'Accounting-On' || status === 'Accounting-Off') return; // NAS reboot markers carry no session
    if (!STATUSES.has(status)) {
      const words = { ja: `Acct-Status-Type "${status}" は不明な値です`, en: `unknown Acct-Status-Type "${status}"` };
      throw new ParseError(words, line);
    }
    const user = this.value('User-Name');
    if (!user) throw new ParseError({ ja: 'User-Name がありません', en: 'no User-Name' }, line);
    const sid = this.value('Acct-Unique-Session-Id') ?? this.value('Acct-Session-Id') ?? '';
    const nas = this.value('NAS-IP-Address') ?? this.value('NAS-Identifier') ?? '';
    const sessionTimeText = this.value('Acct-Session-Time');
    const sessionTime = sessionTimeText !== undefined && allDigits(sessionTimeText) ? Number(sessionTimeText) : null;
    const prefixes: Array<{ addr: Uint8Array; plen: number; text: string }> = [];
    for (const name of ADDRESS_ATTRIBUTES) {
      const v = this.value(name);
      if (v === undefined || v === '') continue;
      const v4 = parseIPv4(v);
      if (v4 >= 0) {
        prefixes.push({ addr: ipv4Bytes(v4), plen: 32, text: v });
        continue;
      }
      const p = parseCidrAligned(v, LOG_SYNTAX);
      if (!p) {
        const words = {
          ja: `${name} がアドレスでもプレフィックスでもありません: "${v}"`,
          en: `${name} is not an address or prefix: "${v}"`,
        };
        throw new ParseError(words, line);
      }
      // refused, never masked: the whole record with it (none of its addresses is stored)
      if (!p.aligned) throw labelled(name, REFUSED.misaligned(v, p, true), line);
      prefixes.push({ addr: addressBytes(p.cidr.address), plen: p.cidr.length, text: v });
    }
    if (prefixes.length === 0) return; // an accounting record without an address attributes nothing
    out.records++;
    // A session seen first by its Stop or an interim update started Acct-Session-Time before (if given).
    const since = sessionTime !== null ? t - sessionTime : t;
    // the session as the NAS names it: two sessions of one user on one address from one second stay apart
    const ident = `${nas}\u0000${sid}`;
    for (const { addr, plen, text } of prefixes) {
      const key = `${ident}\u0000${user}\u0000${text}`;
      const held = (t0: number): AssignRow => {
        return { addr, plen, account: user, t0, t1: t, open: true, line, eline: line, ident, oneHolding: true };
      };
      if (status === 'Start') {
        // the same name started again: what was seen of the one before goes to the store as it stands
        if (this.begunBefore.has(key)) this.settle(key, out);
        this.sessions.start(key, held(t), out.assigns);
      } else if (status === 'Stop') {
        if (this.begunBefore.has(key)) this.settle(key, out, { t, line });
        else if (!this.sessions.end(key, t, line, out.assigns)) out.closes.push(closeOf(held(since)));
      } else if (!this.sessions.seen(key, t, line)) {
        // met first here, by a sighting: the Start is in an earlier file (or was never logged)
        this.sessions.start(key, held(since), out.assigns);
        this.begunBefore.add(key);
      }
    }
  }
}

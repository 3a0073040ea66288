// FreeRADIUS `detail` accounting files: records separated by blank lines; a header line with the
// server's local time, then tab-indented `Attribute = value` lines. `Timestamp` (epoch seconds) is
// authoritative; Event-Timestamp (with its zone abbreviation) and the header are fall-backs.
import { parsePrefix, tryParseIPv4, v4Bytes, type Prefix } from '../ip.ts';

const ADDRESS_ATTRIBUTES = ['Framed-IP-Address', 'Framed-IPv6-Prefix', 'Delegated-IPv6-Prefix', 'Framed-IPv6-Address'];
const USED_ATTRIBUTES = new Set([
  ...ADDRESS_ATTRIBUTES, 'Acct-Status-Type', 'User-Name', 'Acct-Session-Id', 'Acct-Unique-Session-Id', 'NAS-IP-Address',
  'NAS-Identifier', 'Acct-Session-Time', 'Timestamp', 'Event-Timestamp',
]);
const STATUSES = new Set(['Start', 'Interim-Update', 'Alive', 'Stop']);
import { Batch, IntervalTracker, ParseError, type AssignRow, type LogParser, type ParserOptions } from '../model.ts';
import { monthNumber, resolveWall, syslogInstant, TimeError } from '../time.ts';

const HEADER = /^[A-Z][a-z]{2}\s+([A-Z][a-z]{2})\s+(\d{1,2})\s+(\d{2}):(\d{2}):(\d{2})\s+(\d{4})\s*$/;
const ATTR_NAME = /^[A-Za-z0-9:-]+$/;

interface RawRecord {
  line: number;
  header: string;
  attrs: Map<string, string>;
}

export class RadiusDetailParser implements LogParser {
  private readonly zone: string | undefined;
  private rec: RawRecord | null = null;
  /** Reused across records (a record's attributes are consumed when it ends). */
  private readonly attrs = new Map<string, string>();
  private readonly sessions = new IntervalTracker<AssignRow>();

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
      let name: string;
      let v: string;
      if (c0 === 9 && fast > 1 && text.charCodeAt(1) > 32 && text.charCodeAt(text.length - 1) !== 32 && this.rec) {
        // the common shape: TAB Name SPACE = SPACE value (no allocation beyond the two slices)
        name = text.slice(1, fast);
        v = text.slice(fast + 3);
      } else {
        if (text.trim() === '') {
          this.flushRecord(out);
          return;
        }
        if (!this.rec) throw new ParseError(`attribute line outside a record: "${text.trim()}"`);
        const eq = text.indexOf('=');
        name = eq < 0 ? '' : text.slice(0, eq).trim();
        v = text.slice(eq + 1).trim();
        if (name === '' || !ATTR_NAME.test(name)) throw new ParseError(`not an "Attribute = value" line: "${text.trim()}"`);
      }
      if (!USED_ATTRIBUTES.has(name)) return; // octet counters and the like attribute nothing
      if (v.length >= 2 && v.charCodeAt(0) === 34 && v.charCodeAt(v.length - 1) === 34) v = v.slice(1, -1);
      this.rec!.attrs.set(name, v);
      return;
    }
    // A new header line also ends a record not followed by a blank line.
    this.flushRecord(out);
    this.attrs.clear();
    this.rec = { line: lineNo, header: text.trim(), attrs: this.attrs };
  }

  finish(out: Batch): void {
    this.flushRecord(out);
    this.sessions.flush((r) => out.assigns.push(r));
  }

  pendingFrom(): number {
    const m = this.sessions.minLine();
    return this.rec ? Math.min(m, this.rec.line) : m;
  }

  private recordTime(r: RawRecord): number {
    const ts = r.attrs.get('Timestamp');
    if (ts !== undefined) {
      if (!/^\d+$/.test(ts)) throw new ParseError(`Timestamp is not epoch seconds: "${ts}"`);
      return Number(ts);
    }
    const ev = r.attrs.get('Event-Timestamp');
    if (ev !== undefined) {
      if (/^\d+$/.test(ev)) return Number(ev);
      return syslogInstant(ev, this.zone);
    }
    const h = HEADER.exec(r.header);
    if (!h) throw new ParseError(`record header is not a date: "${r.header}"`);
    return resolveWall(
      { y: +h[6]!, mo: monthNumber(h[1]!), d: +h[2]!, h: +h[3]!, mi: +h[4]!, s: +h[5]! },
      undefined, this.zone, 'record header (no Timestamp attribute)',
    );
  }

  private flushRecord(out: Batch): void {
    const r = this.rec;
    if (!r) return;
    this.rec = null;
    let t: number;
    try {
      t = this.recordTime(r);
    } catch (err) {
      if (err instanceof TimeError || (err instanceof ParseError && err.line === undefined)) throw new ParseError(err.message, r.line);
      throw err;
    }
    const status = r.attrs.get('Acct-Status-Type');
    if (status === undefined) throw new ParseError(`no Acct-Status-Type`, r.line);
    if (status === 'Accounting-On' || status === 'Accounting-Off') return; // NAS reboot markers carry no session
    if (!STATUSES.has(status)) {
      throw new ParseError(`unknown Acct-Status-Type "${status}"`, r.line);
    }
    const user = r.attrs.get('User-Name');
    if (!user) throw new ParseError(`no User-Name`, r.line);
    const sid = r.attrs.get('Acct-Unique-Session-Id') ?? r.attrs.get('Acct-Session-Id') ?? '';
    const nas = r.attrs.get('NAS-IP-Address') ?? r.attrs.get('NAS-Identifier') ?? '';
    const sessionTimeText = r.attrs.get('Acct-Session-Time');
    const sessionTime = sessionTimeText !== undefined && /^\d+$/.test(sessionTimeText) ? Number(sessionTimeText) : null;
    const prefixes: Array<{ p: Prefix; text: string }> = [];
    for (const name of ADDRESS_ATTRIBUTES) {
      const v = r.attrs.get(name);
      if (v === undefined || v === '') continue;
      const v4 = tryParseIPv4(v);
      if (v4 !== null) {
        prefixes.push({ p: { bytes: v4Bytes(v4), plen: 32 }, text: v });
        continue;
      }
      try {
        prefixes.push({ p: parsePrefix(v), text: v });
      } catch {
        throw new ParseError(`${name} is not an address or prefix: "${v}"`, r.line);
      }
    }
    if (prefixes.length === 0) return; // an accounting record without an address attributes nothing
    out.records++;
    for (const { p, text } of prefixes) {
      const key = `${nas}\u0000${sid}\u0000${user}\u0000${text}`;
      const emit = (row: AssignRow): void => { out.assigns.push(row); };
      if (status === 'Start') {
        this.sessions.start(key, { addr: p.bytes, plen: p.plen, account: user, t0: t, t1: t, open: true, line: r.line, eline: r.line }, emit);
      } else if (status === 'Stop') {
        if (!this.sessions.end(key, t, r.line, emit)) {
          const t0 = sessionTime !== null ? t - sessionTime : t;
          out.closes.push({
            target: 'assign', addr: p.bytes, plen: p.plen, account: user, at: t, line: r.line,
            fallback: { addr: p.bytes, plen: p.plen, account: user, t0, t1: t, open: false, line: r.line, eline: r.line },
          });
        }
      } else if (!this.sessions.seen(key, t, r.line)) {
        const t0 = sessionTime !== null ? t - sessionTime : t;
        this.sessions.start(key, { addr: p.bytes, plen: p.plen, account: user, t0, t1: t, open: true, line: r.line, eline: r.line }, emit);
      }
    }
  }
}

// Cisco IOS XR CGN bulk-port-allocation syslog: one or more bracketed records per line,
// [UserbasedA|UserbasedW L4 OrigSrcIP InsideVRF OrigSrcIPv6 TranslatedSrcIP OrigPort FirstPort LastPort DstIP DstPort];
// unused fields are '-'. The time comes from the syslog prefix and must carry a year.
import { parseIPv4 } from '../../net/address.ts';
import { type Batch, IntervalTracker, type LogParser, type NatRow, ParseError, type ParserOptions } from '../model.ts';
import { syslogInstant, TimeError } from '../time.ts';

const RECORD = /\[(Userbased[AW])\s+([^\]]*)\]/g;

export class CiscoCgnParser implements LogParser {
  private readonly zone: string | undefined;
  private readonly blocks = new IntervalTracker<NatRow>();

  constructor(opts: ParserOptions) {
    this.zone = opts.zone;
  }

  line(text: string, lineNo: number, out: Batch): void {
    const first = text.indexOf('[Userbased');
    if (first < 0) return;
    let t: number;
    try {
      t = Math.floor(syslogInstant(text.slice(0, first), this.zone));
    } catch (err) {
      if (err instanceof TimeError) throw new ParseError(err.message);
      throw err;
    }
    RECORD.lastIndex = 0;
    for (let m = RECORD.exec(text); m; m = RECORD.exec(text)) {
      const f = m[2]!.trim().split(/\s+/);
      if (f.length !== 10)
        throw new ParseError(`${m[1]} record has ${f.length} fields, expected 10: "[${m[1]} ${m[2]}]"`);
      const inside = parseIPv4(f[1]!);
      if (inside < 0) throw new ParseError(`OrigSrcIP: not an IPv4 address: "${f[1]}"`);
      const pub = parseIPv4(f[4]!);
      if (pub < 0) throw new ParseError(`TranslatedSrcIP: not an IPv4 address: "${f[4]}"`);
      const plo = Number(f[6]);
      const phi = Number(f[7]);
      if (!/^\d{1,5}$/.test(f[6]!) || !/^\d{1,5}$/.test(f[7]!) || phi < plo || phi > 65535) {
        throw new ParseError(`FirstPort/LastPort: not a port range: "${f[6]} ${f[7]}"`);
      }
      out.records++;
      const key = `${pub}/${plo}`;
      const emit = (r: NatRow): void => {
        out.nats.push(r);
      };
      const row: NatRow = {
        kind: 'block',
        pub,
        plo,
        phi,
        inside,
        t0: t,
        t1: t,
        open: true,
        line: lineNo,
        eline: lineNo,
      };
      if (m[1] === 'UserbasedA') this.blocks.start(key, row, emit);
      else if (!this.blocks.end(key, t, lineNo, emit)) {
        row.open = false;
        out.closes.push({ target: 'block', pub, plo, inside, at: t, line: lineNo, fallback: row });
      }
    }
  }

  finish(out: Batch): void {
    this.blocks.flush((r) => out.nats.push(r));
  }

  pendingFrom(): number {
    return this.blocks.minLine();
  }
}

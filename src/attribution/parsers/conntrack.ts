// Linux conntrack NAT events from `conntrack -E -o timestamp`: [NEW] opens a translation,
// [DESTROY] ends it. The inside address is the original source; the public address:port is the
// reply tuple's destination. Events that are not source-NAT translations are ignored.
import { parseIPv4 } from '../../net/address.ts';
import { type Batch, IntervalTracker, type LogParser, type NatRow, ParseError } from '../model.ts';

const HEAD = /^\s*\[(\d+)(?:\.(\d+))?\]\s+\[(NEW|UPDATE|DESTROY)\]\s+(\w+)\s+/;

export class ConntrackParser implements LogParser {
  private readonly sessions = new IntervalTracker<NatRow>();

  line(text: string, lineNo: number, out: Batch): void {
    if (text.trim() === '') return;
    const h = HEAD.exec(text);
    if (!h) {
      if (/\[(NEW|DESTROY)\]/.test(text))
        throw new ParseError('event without a "[epoch.usec]" timestamp (run conntrack with -o timestamp)');
      return;
    }
    const event = h[3]!;
    if (event === 'UPDATE') return;
    const proto = h[4]!;
    const src: string[] = [];
    const dst: string[] = [];
    const sport: string[] = [];
    const dport: string[] = [];
    const re = /\b(src|dst|sport|dport)=(\S+)/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      (({ src, dst, sport, dport }) as Record<string, string[]>)[m[1]!]!.push(m[2]!);
    }
    if (src.length < 2 || dst.length < 2)
      throw new ParseError('expected an original and a reply tuple (src=… dst=… twice)');
    if (dport.length < 2) return; // ICMP and other port-less protocols carry no port to attribute
    const inside = parseIPv4(src[0]!);
    const pub = parseIPv4(dst[1]!);
    if (inside < 0 || pub < 0) return; // IPv6 conntrack: no NAT44 to attribute
    if (inside === pub) return; // not source-NATed
    const port = Number(dport[1]);
    if (!Number.isInteger(port) || port > 65535) throw new ParseError(`reply dport is not a port: "${dport[1]}"`);
    out.records++;
    const sec = Number(h[1]);
    // Sub-second times widen the interval outwards to whole seconds (never narrower than logged).
    const hasFrac = h[2] !== undefined && /[1-9]/.test(h[2]);
    const key = `${proto}/${pub}/${port}/${inside}/${sport[0] ?? ''}`;
    const emit = (r: NatRow): void => {
      out.nats.push(r);
    };
    if (event === 'NEW') {
      this.sessions.start(
        key,
        {
          kind: 'session',
          pub,
          plo: port,
          phi: port,
          inside,
          t0: sec,
          t1: sec,
          open: true,
          line: lineNo,
          eline: lineNo,
        },
        emit,
      );
    } else {
      const end = hasFrac ? sec + 1 : sec;
      if (!this.sessions.end(key, end, lineNo, emit)) {
        out.closes.push({
          target: 'session',
          pub,
          plo: port,
          inside,
          at: end,
          line: lineNo,
          fallback: {
            kind: 'session',
            pub,
            plo: port,
            phi: port,
            inside,
            t0: sec,
            t1: end,
            open: false,
            line: lineNo,
            eline: lineNo,
          },
        });
      }
    }
  }

  finish(out: Batch): void {
    this.sessions.flush((r) => out.nats.push(r));
  }

  pendingFrom(): number {
    return this.sessions.minLine();
  }
}

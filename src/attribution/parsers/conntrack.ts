// Linux conntrack NAT events from `conntrack -E -o timestamp`: [NEW] opens a translation,
// [DESTROY] ends it. The inside address is the original source; the public address:port is the
// reply tuple's destination. Events that are not source-NAT translations are ignored.
import { parseIPv4 } from '../../net/address.ts';
import { type Batch, natRow, ParseError } from '../model.ts';
import { NatEventParser } from './nat-events.ts';

const HEAD = /^\s*\[(\d+)(?:\.(\d+))?\]\s+\[(NEW|UPDATE|DESTROY)\]\s+(\w+)\s+/;

export class ConntrackParser extends NatEventParser {
  line(text: string, lineNo: number, out: Batch): void {
    if (text.trim() === '') return;
    const h = HEAD.exec(text);
    if (!h) {
      if (/\[(NEW|DESTROY)\]/.test(text))
        throw new ParseError({
          ja: 'イベントに "[epoch.usec]" 形式のタイムスタンプがありません（conntrack を -o timestamp 付きで実行してください）',
          en: 'event without a "[epoch.usec]" timestamp (run conntrack with -o timestamp)',
        });
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
      throw new ParseError({
        ja: '元の方向と応答の方向の 2 組のタプルが必要です（src=… dst=… が 2 回）',
        en: 'expected an original and a reply tuple (src=… dst=… twice)',
      });
    if (dport.length < 2) return; // ICMP and other port-less protocols carry no port to attribute
    const inside = parseIPv4(src[0]!);
    const pub = parseIPv4(dst[1]!);
    if (inside < 0 || pub < 0) return; // IPv6 conntrack: no NAT44 to attribute
    if (inside === pub) return; // not source-NATed
    const port = Number(dport[1]);
    if (!Number.isInteger(port) || port > 65535) {
      throw new ParseError({
        ja: `応答の方向の dport がポート番号ではありません: "${dport[1]}"`,
        en: `reply dport is not a port: "${dport[1]}"`,
      });
    }
    out.records++;
    const sec = Number(h[1]);
    // Sub-second times widen the interval outwards to whole seconds (never narrower than logged).
    const hasFrac = h[2] !== undefined && /[1-9]/.test(h[2]);
    const key = `${proto}/${pub}/${port}/${inside}/${sport[0] ?? ''}`;
    const row = natRow('session', pub, port, port, inside, sec, lineNo);
    // two flows of one inside address through one public port from one second (TCP and UDP) stay apart
    row.ident = `${proto}/${sport[0] ?? ''}`;
    if (event === 'NEW') this.started(key, row, out);
    else {
      row.t1 = hasFrac ? sec + 1 : sec;
      this.ended(key, row, out);
    }
  }
}

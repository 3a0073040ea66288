// Juniper SRX / MX port-block allocation syslog: RT_SRC_NAT_PBA_ALLOC / _INTERIM / _RELEASE with
// key="value" fields; epoch-time-64 is hexadecimal epoch seconds. Other syslog lines are ignored.
import { tryParseIPv4 } from '../ip.ts';
import { Batch, IntervalTracker, ParseError, type LogParser, type NatRow } from '../model.ts';

export class JuniperPbaParser implements LogParser {
  private readonly blocks = new IntervalTracker<NatRow>();

  line(text: string, lineNo: number, out: Batch): void {
    const at = text.indexOf('RT_SRC_NAT_PBA_');
    if (at < 0) return;
    const kindEnd = text.indexOf(' ', at);
    const kind = text.slice(at + 15, kindEnd < 0 ? undefined : kindEnd).replace(/[:\[].*$/, '');
    if (kind !== 'ALLOC' && kind !== 'INTERIM' && kind !== 'RELEASE') throw new ParseError(`unknown event RT_SRC_NAT_PBA_${kind}`);
    const field = (name: string): string => {
      // indexOf instead of a general key="value" split: this runs for every CGNAT log line
      const key = ` ${name}="`;
      let i = text.indexOf(key, at);
      if (i < 0) {
        i = text.indexOf(`[${name}="`, at);
        if (i < 0) throw new ParseError(`field ${name} missing`);
      }
      const s = i + key.length;
      const e = text.indexOf('"', s);
      if (e < 0) throw new ParseError(`field ${name}: unterminated value`);
      return text.slice(s, e);
    };
    const ip = (name: string): number => {
      const v = tryParseIPv4(field(name));
      if (v === null) throw new ParseError(`field ${name}: not an IPv4 address: "${field(name)}"`);
      return v;
    };
    const port = (name: string): number => {
      const v = field(name);
      if (!/^\d{1,5}$/.test(v) || Number(v) > 65535) throw new ParseError(`field ${name}: not a port: "${v}"`);
      return Number(v);
    };
    const hex = field('epoch-time-64');
    if (!/^(0x)?[0-9a-fA-F]{1,16}$/.test(hex)) throw new ParseError(`field epoch-time-64: not hexadecimal epoch seconds: "${hex}"`);
    const t = parseInt(hex.replace(/^0x/, ''), 16);
    const inside = ip('internal-ip');
    const pub = ip('reflexive-ip');
    const plo = port('block-port-low');
    const phi = port('block-port-high');
    if (phi < plo) throw new ParseError(`field block-port-high: ${phi} is below block-port-low ${plo}`);
    out.records++;
    const key = `${pub}/${plo}`;
    const row = (): NatRow => ({ kind: 'block', pub, plo, phi, inside, t0: t, t1: t, open: true, line: lineNo, eline: lineNo });
    const emit = (r: NatRow): void => { out.nats.push(r); };
    if (kind === 'ALLOC') this.blocks.start(key, row(), emit);
    else if (kind === 'INTERIM') {
      const p = this.blocks.pending.get(key);
      if (p && p.inside !== inside) this.blocks.start(key, row(), emit);
      else if (!this.blocks.seen(key, t, lineNo)) this.blocks.start(key, row(), emit);
    } else {
      const p = this.blocks.pending.get(key);
      if (p && p.inside === inside) this.blocks.end(key, t, lineNo, emit);
      else {
        const fallback = row();
        fallback.open = false;
        out.closes.push({ target: 'block', pub, plo, inside, at: t, line: lineNo, fallback });
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

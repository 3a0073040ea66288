// Synthetic NAT flow logs for bench/attribution-flows.ts, in the layouts the parsers read (the test fixtures'
// test/attribution/fixtures/conntrack.log and netscaler-lsn.log): `conntrack -E -o timestamp` events ([NEW] and
// [DESTROY], microsecond times) and NetScaler LSN mappings (CREATED / DELETED, the default and the compact form
// alternately), each event in the file of its time (a log rotated every span / files), in time order within it.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BufferedFile } from './generate.ts';

/** Flows in start order: start and end (seconds after the run's T0, fractions kept), who, which public port. */
export interface Flows {
  n: number;
  t0: Float64Array;
  t1: Float64Array;
  sub: Int32Array;
  sport: Int32Array;
  pub: Int32Array;
  port: Int32Array;
  udp: Uint8Array;
}

/** How a subscriber's inside address and a public address index are written. */
export interface Addresses {
  insideOf(sub: number): string;
  publicOf(pub: number): string;
}

const p2 = (x: number): string => String(x).padStart(2, '0');

export class FlowWriter {
  private readonly dir: string;
  private readonly format: string;
  private readonly files: number;
  private readonly fileOf: (t: number) => number;

  /** Files of `format` into `dir`: `files` of them, an event in file `fileOf(its time after T0)`. */
  constructor(dir: string, format: 'conntrack' | 'netscaler-lsn', files: number, fileOf: (t: number) => number) {
    this.dir = dir;
    this.format = format;
    this.files = files;
    this.fileOf = fileOf;
    mkdirSync(dir, { recursive: true });
  }

  /** Writes the rotated files; returns their paths, oldest first. */
  write(f: Flows, t0: number, a: Addresses): string[] {
    const paths = Array.from({ length: this.files }, (_, i) => join(this.dir, `flows-${p2(i)}.log`));
    const outs = paths.map((p) => new BufferedFile(p));
    // starts are in order already; ends sorted by time, then the two merged
    const ends = new Uint32Array(f.n);
    for (let i = 0; i < f.n; i++) ends[i] = i;
    ends.sort((x, y) => f.t1[x]! - f.t1[y]!);
    let s = 0;
    let e = 0;
    while (s < f.n || e < f.n) {
      const start = e >= f.n || (s < f.n && f.t0[s]! <= f.t1[ends[e]!]!);
      const k = start ? s++ : ends[e++]!;
      const t = start ? f.t0[k]! : f.t1[k]!;
      outs[this.fileOf(t)]!.add(this.line(f, k, start, t0 + t, a));
    }
    for (const o of outs) o.close();
    return paths;
  }

  /** The inside holdings: every subscriber holds its inside address from `from` to `to` (epoch seconds). */
  insideCsv(
    subs: number,
    from: number,
    to: number,
    a: Pick<Addresses, 'insideOf'> & { account(sub: number): string },
  ): string {
    const path = join(this.dir, 'inside.csv');
    const out = new BufferedFile(path);
    out.add('type,start,end,address,port_low,port_high,inside_address,account\n');
    for (let s = 0; s < subs; s++) out.add(`assign,${from},${to},${a.insideOf(s)},,,,${a.account(s)}\n`);
    out.close();
    return path;
  }

  private line(f: Flows, k: number, start: boolean, t: number, a: Addresses): string {
    const inside = a.insideOf(f.sub[k]!);
    const pub = a.publicOf(f.pub[k]!);
    const port = f.port[k]!;
    const sport = f.sport[k]!;
    const udp = f.udp[k] === 1;
    const dst = `93.184.${(k >> 8) & 255}.${k & 255}`;
    const dport = udp ? 53 : 443;
    if (this.format === 'conntrack') {
      const us = Math.floor(t * 1e6);
      const head = `[${Math.floor(us / 1e6)}.${String(us % 1e6).padStart(6, '0')}]\t`;
      const orig = `src=${inside} dst=${dst} sport=${sport} dport=${dport}`;
      const reply = `src=${dst} dst=${pub} sport=${dport} dport=${port}`;
      const proto = udp ? 'udp      17' : 'tcp      6';
      if (start) return `${head}    [NEW] ${proto} ${udp ? '30' : '120 SYN_SENT'} ${orig} [UNREPLIED] ${reply}\n`;
      return `${head}[DESTROY] ${proto} ${orig} ${reply}${udp ? '' : ' [ASSURED]'}\n`;
    }
    const d = new Date(Math.floor(t) * 1000);
    const wall =
      `${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())}/${d.getUTCFullYear()}:` +
      `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} GMT`;
    if (k % 2 === 0) {
      return (
        `${wall} Informational 0-PPE-2 : default LSN LSN_ADDRPORT_MAPPING ${k} 0 : A&PDM ` +
        `${start ? 'CREATED' : 'DELETED'} Client IP:Port:TD ${inside}:${sport}:0, NatIP:NatPort ${pub}:${port}, ` +
        `Destination IP:Port:TD ${dst}:${dport}:0, Protocol: ${udp ? 'UDP' : 'TCP'}\n`
      );
    }
    return (
      `${wall} Informational 0-PPE-2 : default LSN ${k} 0:A&PDM${start ? 'C' : 'D'}|C-${inside}:${sport}:0|` +
      `N-${pub}:${port}|D-${dst}:${dport}:0|${udp ? 'U' : 'T'}\n`
    );
  }
}

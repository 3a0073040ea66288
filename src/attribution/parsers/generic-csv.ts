// The generic CSV for sources without a dedicated parser (documented in docs/attribution.md):
//   type,start,end,address,port_low,port_high,inside_address,account
//   assign,2026-03-28T10:00:00+09:00,2026-03-28T18:00:00+09:00,2001:db8:1200::/56,,,,user42
//   nat,1774660000,1774663600,203.0.113.7,40192,40447,100.64.3.9,
// `assign`: address or prefix held by account; `nat`: public IPv4 address and port range
// translated to inside_address. Times: ISO-8601 with offset or epoch seconds; without an offset
// the declared --zone applies. An empty end means the holding's end was not logged.
import { addressBytes, LOG_SYNTAX, parseIPv4 } from '../../net/address.ts';
import { parseCidrAligned } from '../../net/cidr.ts';
import {
  type Batch,
  fieldEmpty,
  fieldError,
  headerLacks,
  type Interval,
  type LogParser,
  notIPv4,
  notPort,
  type ParserOptions,
  portBelow,
  REFUSED,
  splitCsv,
} from '../model.ts';
import { inLog, lineTime, parseInstant } from '../time.ts';

export const GENERIC_COLUMNS = [
  'type',
  'start',
  'end',
  'address',
  'port_low',
  'port_high',
  'inside_address',
  'account',
] as const;

export class GenericCsvParser implements LogParser {
  private readonly zone: string | undefined;
  private cols: Map<string, number> | null = null;

  constructor(opts: ParserOptions) {
    this.zone = opts.zone;
  }

  line(text: string, lineNo: number, out: Batch): void {
    if (text.trim() === '' || text.startsWith('#')) return;
    if (this.cols === null) {
      const names = text
        .trim()
        .replace(/^\uFEFF/, '')
        .split(',')
        .map((s) => s.trim());
      const missing = GENERIC_COLUMNS.filter((c) => !names.includes(c));
      if (missing.length > 0) throw headerLacks(missing, GENERIC_COLUMNS);
      this.cols = new Map(names.map((n, i) => [n, i]));
      return;
    }
    const cols = this.cols;
    const f = splitCsv(text);
    const get = (name: string): string => (f[cols.get(name)!] ?? '').trim();
    const time = (name: string, required: boolean): number | null => {
      const v = get(name);
      if (v === '') {
        if (required) throw fieldEmpty(name);
        return null;
      }
      return lineTime(() => parseInstant(v, inLog(this.zone)), name);
    };
    const type = get('type');
    const t0 = Math.floor(time('start', true)!);
    const endRaw = time('end', false);
    const t1 = endRaw === null ? t0 : Math.ceil(endRaw);
    const open = endRaw === null;
    if (t1 < t0) {
      const [end, start] = [get('end'), get('start')];
      throw fieldError('end', { ja: `${end} が start ${start} より前です`, en: `${end} is before start ${start}` });
    }
    // Either record holds its address over the line's one interval.
    const span: Interval = { t0, t1, open, line: lineNo, eline: lineNo };
    if (type === 'assign') {
      const v = get('address');
      const p = parseCidrAligned(v, LOG_SYNTAX);
      if (!p) {
        throw fieldError('address', {
          ja: `アドレスでもプレフィックスでもありません: "${v}"`,
          en: `not an address or prefix: "${v}"`,
        });
      }
      // 203.0.113.9/24 (interface notation): read as the prefix it would hand one holder the whole subnet
      if (!p.aligned) throw fieldError('address', REFUSED.misaligned(v, p, true));
      const account = get('account');
      if (account === '') throw fieldEmpty('account');
      out.assigns.push({ addr: addressBytes(p.cidr.address), plen: p.cidr.length, account, ...span });
    } else if (type === 'nat') {
      const pub = parseIPv4(get('address'));
      if (pub < 0) throw notIPv4('address', get('address'));
      const inside = parseIPv4(get('inside_address'));
      if (inside < 0) throw notIPv4('inside_address', get('inside_address'));
      const port = (name: string): number => {
        const v = get(name);
        if (!/^\d{1,5}$/.test(v) || Number(v) > 65535) throw notPort(name, v);
        return Number(v);
      };
      const plo = port('port_low');
      const phi = port('port_high');
      if (phi < plo) throw portBelow('port_high', phi, 'port_low', plo);
      out.nats.push({ kind: plo === phi ? 'session' : 'block', pub, plo, phi, inside, ...span });
    } else {
      throw fieldError('type', {
        ja: `"${type}" は "assign" でも "nat" でもありません`,
        en: `"${type}" is neither "assign" nor "nat"`,
      });
    }
    out.records++;
  }

  finish(): void {}

  pendingFrom(): number {
    return this.cols === null ? Infinity : 1;
  }
}

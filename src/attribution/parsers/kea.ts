// Kea DHCP memfile lease files (CSV with a header line), v4 and v6. A lease runs from
// expire − valid_lifetime to expire; a renewal is a later line for the same address and client;
// valid_lifetime 0 marks a deletion; lease_type 2 (v6) is a delegated prefix.
import { addressBytes, LOG_SYNTAX, parseAddress } from '../../net/address.ts';
import { alignedCidr } from '../../net/cidr.ts';
import { normaliseHardware } from '../../net/hardware.ts';
import {
  type AssignRow,
  type Batch,
  fieldError,
  headerLacks,
  type LogParser,
  notIPv4,
  ParseError,
  REFUSED,
  splitCsv,
} from '../model.ts';

const V4_REQUIRED = ['address', 'hwaddr', 'client_id', 'valid_lifetime', 'expire'];
const V6_REQUIRED = ['address', 'duid', 'valid_lifetime', 'expire', 'lease_type', 'prefix_len'];

export class KeaParser implements LogParser {
  private cols: Map<string, number> | null = null;
  private readonly pending = new Map<string, AssignRow>();
  private readonly family: 4 | 6;

  constructor(family: 4 | 6) {
    this.family = family;
  }

  line(text: string, lineNo: number, out: Batch): void {
    if (text.trim() === '') return;
    if (text.startsWith('address,')) {
      const names = text.trim().split(',');
      const required = this.family === 4 ? V4_REQUIRED : V6_REQUIRED;
      const missing = required.filter((c) => !names.includes(c));
      if (missing.length > 0) {
        const file = { ja: `Kea v${this.family} のリースファイル`, en: `a Kea v${this.family} lease file` };
        throw headerLacks(missing, file);
      }
      this.cols = new Map(names.map((n, i) => [n, i]));
      return;
    }
    const cols = this.cols;
    if (!cols) {
      throw new ParseError({
        ja: 'ヘッダー行（"address,…"）より前にリースの行があります',
        en: 'lease line before the header line (expected "address,…")',
      });
    }
    const f = splitCsv(text);
    const get = (name: string): string => {
      const i = cols.get(name);
      return i === undefined ? '' : (f[i] ?? '').trim();
    };
    const num = (name: string): number => {
      const v = get(name);
      if (!/^\d+$/.test(v))
        throw fieldError(name, { ja: `0 以上の整数ではありません: "${v}"`, en: `not a non-negative integer: "${v}"` });
      return Number(v);
    };
    const valid = num('valid_lifetime');
    const expire = num('expire');
    const state = get('state') === '' ? 0 : num('state');
    const address = parseAddress(get('address'), LOG_SYNTAX);
    if (!address) {
      const v = get('address');
      throw fieldError('address', { ja: `IP アドレスではありません: "${v}"`, en: `not an IP address: "${v}"` });
    }
    const addr = addressBytes(address);
    let plen = addr.length * 8;
    let account: string;
    if (this.family === 4) {
      if (addr.length !== 4) throw notIPv4('address', get('address'));
      const hw = get('hwaddr');
      const cid = get('client_id');
      account = hw !== '' ? normaliseHardware(hw) : cid !== '' ? normaliseHardware(cid) : '';
    } else {
      if (addr.length !== 16) {
        const v = get('address');
        throw fieldError('address', { ja: `IPv6 アドレスではありません: "${v}"`, en: `not an IPv6 address: "${v}"` });
      }
      const type = num('lease_type');
      if (type === 2) {
        plen = num('prefix_len');
        if (plen > 128)
          throw fieldError('prefix_len', { ja: `範囲外です（0–128）: ${plen}`, en: `out of range: ${plen}` });
        // a delegated prefix with bits set after prefix_len is refused, never masked to another block
        const p = alignedCidr(address, plen);
        if (!p.aligned) throw fieldError('address', REFUSED.misaligned(`${get('address')}/${plen}`, p, false));
      }
      const duid = get('duid');
      const hw = get('hwaddr');
      account = duid !== '' ? normaliseHardware(duid) : hw !== '' ? normaliseHardware(hw) : '';
    }
    const key = `${Array.from(addr).join('.')}/${plen}`;
    const prev = this.pending.get(key);
    if (valid === 0) {
      out.records++;
      // Deletion: the lease ended at an unrecorded moment; the last period stays "possible" (open).
      if (prev) {
        this.pending.delete(key);
        prev.open = true;
        prev.t1 = Math.max(prev.t0, Math.min(prev.t1, expire));
        prev.eline = lineNo;
        out.assigns.push(prev);
      }
      return;
    }
    if (state === 1) {
      out.records++;
      return; // declined: nobody holds a declined address
    }
    if (account === '') {
      throw new ParseError({
        ja: 'リースに hwaddr も client_id / duid もありません',
        en: 'lease has neither hwaddr nor client id / duid',
      });
    }
    out.records++;
    const t0 = expire - valid;
    if (prev && prev.account === account && t0 <= prev.t1 + 1) {
      prev.t1 = Math.max(prev.t1, expire);
      prev.eline = lineNo;
      return;
    }
    if (prev) out.assigns.push(prev);
    this.pending.set(key, { addr, plen, account, t0, t1: expire, open: false, line: lineNo, eline: lineNo });
  }

  finish(out: Batch): void {
    for (const r of this.pending.values()) out.assigns.push(r);
    this.pending.clear();
  }

  pendingFrom(): number {
    let m = Infinity;
    for (const r of this.pending.values()) if (r.line < m) m = r.line;
    // A resumed run must see the header again.
    return m === Infinity ? m : 1;
  }
}

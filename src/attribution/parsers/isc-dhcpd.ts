// ISC dhcpd.leases (v4). Lease blocks are appended as leases change; the last declaration of a
// lease wins. starts/ends are "w yyyy/mm/dd hh:mm:ss" in UTC, "epoch N" or "never".
import { ipv4Bytes, parseIPv4 } from '../../net/address.ts';
import { normaliseHardware } from '../../net/hardware.ts';
import { type AssignRow, type Batch, type LogParser, labelled, ParseError, REFUSED } from '../model.ts';

interface Block {
  ip: string;
  line: number;
  starts?: number | 'never';
  ends?: number | 'never';
  hw?: string;
  uid?: string;
  state?: string;
  /** A statement of this block was bad (already reported): the block is skipped. */
  bad?: boolean;
}

/** A lease block, named in a refusal. */
const lease = (ip: string) => ({ ja: `リース ${ip}`, en: `lease ${ip}` });

function parseWhen(v: string, what: string): number | 'never' {
  const t = v.trim();
  if (t === 'never') return 'never';
  let m = /^epoch\s+(\d+)(?:\s*#.*)?$/.exec(t);
  if (m) return Number(m[1]);
  m = /^\d\s+(\d{4})\/(\d{1,2})\/(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})$/.exec(t);
  if (!m) {
    throw labelled(what, {
      ja: `"w yyyy/mm/dd hh:mm:ss"、"epoch N"、"never" のいずれの形式でもありません: "${t}"`,
      en: `not "w yyyy/mm/dd hh:mm:ss", "epoch N" or "never": "${t}"`,
    });
  }
  const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  if (!Number.isFinite(ms) || new Date(ms).getUTCDate() !== +m[3]!)
    throw labelled(what, { ja: `存在しない日付です: "${t}"`, en: `not a valid date: "${t}"` });
  return ms / 1000;
}

export class IscDhcpdParser implements LogParser {
  private block: Block | null = null;
  private depth = 0;
  private readonly pending = new Map<string, AssignRow>();

  line(raw: string, lineNo: number, out: Batch): void {
    const text = raw.replace(/#.*$/, '').trim();
    if (text === '') return;
    if (this.block === null) {
      const m = /^lease\s+(\S+)\s*\{$/.exec(text);
      if (m && this.depth === 0) {
        this.block = { ip: m[1]!, line: lineNo };
        return;
      }
      // Other declarations (server-duid, failover peer, lease6 …) are skipped with their bodies.
      for (const c of text) {
        if (c === '{') this.depth++;
        else if (c === '}') this.depth = Math.max(0, this.depth - 1);
      }
      return;
    }
    if (text === '}') {
      const b = this.block;
      this.block = null;
      if (!b.bad) this.declareLease(b, out);
      return;
    }
    const stmt = text.replace(/;$/, '').trim();
    try {
      this.statement(this.block, stmt);
    } catch (err) {
      this.block.bad = true;
      throw err;
    }
  }

  private statement(block: Block, stmt: string): void {
    const starts = /^starts\s+(.*)$/.exec(stmt);
    if (starts) {
      block.starts = parseWhen(starts[1]!, 'starts');
      return;
    }
    const ends = /^ends\s+(.*)$/.exec(stmt);
    if (ends) {
      block.ends = parseWhen(ends[1]!, 'ends');
      return;
    }
    const hardware = /^hardware\s+\S+\s+([0-9A-Fa-f:]+)$/.exec(stmt);
    if (hardware) {
      block.hw = normaliseHardware(hardware[1]!);
      return;
    }
    const uid = /^uid\s+(.*)$/.exec(stmt);
    if (uid) {
      block.uid = uid[1]!.replace(/^"|"$/g, '');
      return;
    }
    const state = /^binding\s+state\s+(\S+)$/.exec(stmt);
    if (state) block.state = state[1]!;
  }

  private declareLease(b: Block, out: Batch): void {
    const ip = parseIPv4(b.ip);
    if (ip < 0) throw new ParseError(REFUSED.notIPv4(b.ip), b.line);
    if (b.starts === undefined || b.starts === 'never')
      throw labelled(lease(b.ip), { ja: 'starts がありません', en: 'no starts' }, b.line);
    const account = b.hw ?? b.uid;
    const prev = this.pending.get(b.ip);
    const t0 = b.starts;
    const open = b.ends === undefined || b.ends === 'never';
    const t1 = open ? t0 : (b.ends as number);
    out.records++;
    if (b.state === 'abandoned' || b.state === 'backup') return;
    if (account === undefined) {
      // A free declaration without a client: it ends the previous holding at `ends` if that was earlier.
      if (prev && !open && t1 < prev.t1 && t1 >= prev.t0) {
        prev.t1 = t1;
        prev.eline = b.line;
      }
      return;
    }
    if (prev && prev.account === account && t0 <= prev.t1 + 1) {
      // The same lease declared again (renewal, release, expiry): the last declaration wins for its end.
      prev.t0 = Math.min(prev.t0, t0);
      prev.t1 = Math.max(prev.t0, t1);
      prev.open = open;
      prev.eline = b.line;
      return;
    }
    if (prev) out.assigns.push(prev);
    this.pending.set(b.ip, { addr: ipv4Bytes(ip), plen: 32, account, t0, t1, open, line: b.line, eline: b.line });
  }

  finish(out: Batch): void {
    // the leases read whole are stored even when the file ends inside the last block (that one is refused)
    for (const r of this.pending.values()) out.assigns.push(r);
    this.pending.clear();
    if (this.block) {
      const words = { ja: 'ブロックの途中でファイルが終わっています', en: 'file ends inside the block' };
      throw labelled(lease(this.block.ip), words, this.block.line);
    }
  }

  pendingFrom(): number {
    let m = this.block ? this.block.line : Infinity;
    for (const r of this.pending.values()) if (r.line < m) m = r.line;
    return m;
  }
}

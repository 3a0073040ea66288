import { addressToBigInt, HEADER_SYNTAX, parseAddress } from '../../net/address.ts';
import { cidrBounds, formatCidr, parseCidrAligned } from '../../net/cidr.ts';
import { misaligned, notADate, type ParsedRegistryFile, Problems, type RegistryRange, registryDay } from './types.ts';

// JPNIC WHOIS English form (`whois -h whois.nic.ad.jp 'x.x.x.x/e'`); the Japanese labels map to
// the same keys so that a Japanese answer is read too.
const KEYS: Record<string, string> = {
  'network number': 'network',
  ネットワーク番号: 'network',
  'network name': 'name',
  ネットワーク名: 'name',
  organization: 'org',
  組織名: 'org',
  'administrative contact': 'admin',
  管理者連絡窓口: 'admin',
  'technical contact': 'tech',
  技術連絡担当者: 'tech',
  abuse: 'abuse',
  'last update': 'updated',
  最終更新: 'updated',
  'assigned date': 'assigned',
  割当年月日: 'assigned',
  'allocated date': 'allocated',
  割振年月日: 'allocated',
};

const LINE = /^\s*(?:[a-z]\.\s*)?\[([^\]]+)\]\s*(.*?)\s*$/;

/** A network number: a range, or a CIDR (`masked`: the block it was read as, when bits after its length were set). */
function parseNetwork(text: string): { family: 4 | 6; start: bigint; end: bigint; masked?: string } | null {
  const dash = text.split(/\s*-\s*/);
  if (dash.length === 2) {
    const a = parseAddress(dash[0] ?? '', HEADER_SYNTAX);
    const b = parseAddress(dash[1] ?? '', HEADER_SYNTAX);
    if (!a || !b || a.family !== b.family) return null;
    const s = addressToBigInt(a);
    const e = addressToBigInt(b);
    return e < s ? null : { family: a.family, start: s, end: e };
  }
  const p = parseCidrAligned(text.trim(), HEADER_SYNTAX);
  if (!p) return null;
  const net = { family: p.cidr.address.family, ...cidrBounds(p.cidr) };
  return p.aligned ? net : { ...net, masked: formatCidr(p.cidr) };
}

function dateOf(v: string | undefined): string | null {
  const m = v ? /(\d{4})\/(\d{2})\/(\d{2})/.exec(v) : null;
  return m ? registryDay(m[1] ?? '', m[2] ?? '', m[3] ?? '') : null;
}

/** One or more JPNIC WHOIS answers concatenated. Each `[Network Number]` starts a record. */
export function parseJpnic(text: string): ParsedRegistryFile {
  const ranges: RegistryRange[] = [];
  const problems = new Problems();
  // The line each record starts on (its `[Network Number]`), to name it in a reason.
  let recLine = 0;
  let skipped = 0;
  let latest: string | null = null;
  let rec: Record<string, string> | null = null;
  const flush = (): void => {
    if (!rec) return;
    const net = rec.network ? parseNetwork(rec.network) : null;
    if (!net) {
      skipped++;
      const given = rec.network ?? '';
      problems.add({
        ja: `${recLine} 行目: ネットワーク番号を読み取れません: "${given}"`,
        en: `line ${recLine}: unreadable network number "${given}"`,
      });
    } else {
      if (net.masked !== undefined) problems.add(misaligned(recLine, rec.network ?? '', net.masked));
      // the last update, else the assignment or allocation; a date written but unreadable leaves the
      // record undated (an older date in its place would hide a change)
      const written = [rec.updated, rec.assigned, rec.allocated].find((v) => v !== undefined && v.trim() !== '');
      const recordDate = written === undefined ? null : dateOf(written);
      if (written !== undefined && recordDate === null) {
        const why = notADate(written.trim());
        problems.add({ ja: `${recLine} 行目: ${why.ja}`, en: `line ${recLine}: ${why.en}` });
      }
      if (recordDate && (latest === null || recordDate > latest)) latest = recordDate;
      ranges.push({
        family: net.family,
        start: net.start,
        end: net.end,
        registry: 'jpnic',
        country: 'JP',
        status: rec.assigned ? 'assigned' : rec.allocated ? 'allocated' : null,
        holder: rec.org || null,
        handle: rec.name || null,
        abuse: rec.abuse || null,
        asns: [],
        opaqueId: null,
        recordDate,
      });
    }
    rec = null;
  };
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const m = LINE.exec(raw);
    if (!m) continue;
    const key = KEYS[(m[1] ?? '').trim().toLowerCase()];
    if (!key) continue;
    if (key === 'network') {
      flush();
      rec = {};
      recLine = i + 1;
    }
    if (rec && rec[key] === undefined) rec[key] = m[2] ?? '';
  }
  flush();
  return {
    format: 'jpnic',
    registry: 'jpnic',
    dataDate: latest,
    ranges,
    asns: [],
    skipped,
    ...problems.fields(),
  };
}

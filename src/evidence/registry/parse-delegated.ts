import type { Bilingual } from '../../domain/vocabulary.ts';
import { HEADER_SYNTAX, parseAddress } from '../../net/address.ts';
import { alignedCidr, cidrBounds, formatCidr } from '../../net/cidr.ts';
import type { ParsedRegistryFile, RegistryAsnBlock, RegistryRange } from './types.ts';
import { misaligned, notADate, Problems, registryDay, V4_MAX } from './types.ts';

const RIRS = new Set(['afrinic', 'apnic', 'arin', 'iana', 'lacnic', 'ripencc']);

function ymd(s: string | undefined): string | null {
  if (!s || !/^\d{8}$/.test(s) || s === '00000000') return null;
  return registryDay(s.slice(0, 4), s.slice(4, 6), s.slice(6, 8));
}

/** A range the statistics delegate: they say who got it, never who holds it (no holder, handle, abuse or ASNs). */
function delegated(
  family: 4 | 6,
  start: bigint,
  end: bigint,
  row: Pick<RegistryRange, 'registry' | 'country' | 'status' | 'opaqueId' | 'recordDate'>,
): RegistryRange {
  const { registry, country, status, opaqueId, recordDate } = row;
  return {
    family,
    start,
    end,
    registry,
    country,
    status,
    holder: null,
    handle: null,
    abuse: null,
    asns: [],
    opaqueId,
    recordDate,
  };
}

/**
 * RIR statistics exchange format, plain or extended:
 * `registry|cc|type|start|value|date|status[|opaque-id[|extensions]]`. IPv4 `value` is an address
 * count (not necessarily a power of two), IPv6 `value` a prefix length. `available` and `reserved`
 * rows describe unassigned space and are counted as skipped.
 */
export function parseDelegated(text: string): ParsedRegistryFile {
  const ranges: RegistryRange[] = [];
  const asns: RegistryAsnBlock[] = [];
  const problems = new Problems();
  let skipped = 0;
  let registry: string | null = null;
  let dataDate: string | null = null;
  const skip = (lineNo: number, why: Bilingual): void => {
    skipped++;
    problems.add({ ja: `${lineNo} 行目: ${why.ja}`, en: `line ${lineNo}: ${why.en}` });
  };
  let lineNo = 0;
  let pos = 0;
  while (pos < text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    let line = text.slice(pos, nl);
    pos = nl + 1;
    lineNo++;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line === '' || line.startsWith('#')) continue;
    const f = line.split('|');
    if (/^\d+(\.\d+)?$/.test(f[0] ?? '')) {
      // version line: version|registry|serial|records|startdate|enddate|UTCoffset
      registry = f[1]?.toLowerCase() ?? null;
      dataDate = ymd(f[5]) ?? ymd(f[2]);
      continue;
    }
    if (f[5] === 'summary' || f[1] === '*') continue;
    if (f.length < 7) {
      skip(lineNo, { ja: '項目が 7 個に足りません', en: 'fewer than 7 fields' });
      continue;
    }
    const reg = (f[0] ?? '').toLowerCase();
    const cc = (f[1] ?? '').toUpperCase();
    const type = f[2];
    const start = f[3] ?? '';
    const value = Number(f[4]);
    const status = (f[6] ?? '').toLowerCase();
    const opaque = f[7] && f[7] !== '' ? f[7] : null;
    if (!RIRS.has(reg)) {
      skip(lineNo, { ja: `不明な登録機関です: "${reg}"`, en: `unknown registry "${reg}"` });
      continue;
    }
    if (status === 'available' || status === 'reserved') {
      skipped++;
      continue;
    }
    const country = /^[A-Z]{2}$/.test(cc) && cc !== 'ZZ' ? cc : null;
    const recordDate = ymd(f[5]);
    const written = f[5] ?? '';
    // said for a row that is kept (a skipped row has its own reason)
    const keptUndated = (): void => {
      if (recordDate !== null || written === '' || written === '00000000') return;
      const why = notADate(written);
      problems.add({ ja: `${lineNo} 行目: ${why.ja}`, en: `line ${lineNo}: ${why.en}` });
    };
    if (type === 'asn') {
      const first = Number(start);
      if (!Number.isInteger(first) || !Number.isInteger(value) || value < 1)
        skip(lineNo, { ja: 'AS 番号の範囲が不正です', en: 'bad ASN block' });
      else {
        keptUndated();
        asns.push({ registry: reg, country, first, count: value, opaqueId: opaque });
      }
      continue;
    }
    const a = parseAddress(start, HEADER_SYNTAX);
    const row = { registry: reg, country, status, opaqueId: opaque, recordDate };
    if (type === 'ipv4') {
      if (a?.family !== 4 || !Number.isInteger(value) || value < 1 || BigInt(a.v4) + BigInt(value) - 1n > V4_MAX) {
        skip(lineNo, { ja: 'IPv4 の範囲が不正です', en: 'bad IPv4 range' });
        continue;
      }
      const first = BigInt(a.v4);
      keptUndated();
      ranges.push(delegated(4, first, first + BigInt(value) - 1n, row));
    } else if (type === 'ipv6') {
      if (a?.family !== 6 || !Number.isInteger(value) || value < 0 || value > 128) {
        skip(lineNo, { ja: 'IPv6 の範囲が不正です', en: 'bad IPv6 range' });
        continue;
      }
      const block = alignedCidr(a, value);
      if (!block.aligned) problems.add(misaligned(lineNo, `${start}|${value}`, formatCidr(block.cidr)));
      keptUndated();
      const bounds = cidrBounds(block.cidr);
      ranges.push(delegated(6, bounds.start, bounds.end, row));
    } else skip(lineNo, { ja: `不明な種別です: "${type ?? ''}"`, en: `unknown type "${type ?? ''}"` });
  }
  return {
    format: 'delegated',
    registry,
    dataDate,
    ranges,
    asns,
    skipped,
    ...problems.fields(),
  };
}

import { noticeJson, type NoticeJson } from '../messages.ts';
import { parseAddress, rangeToCidrs, formatV4, formatV6Big } from '../net/ip.ts';
import { buildProviderJoin, type ProviderMatch, type ProviderNetworkDeclaration } from './provider-join.ts';
import type { RegistryTable, TableRecord } from './table.ts';
import type { RegistrySource } from './types.ts';

/** One address's answer, as printed by `shokai registry lookup --json`. */
export interface AddressLookup {
  address: string;
  registry: string | null;
  country: string | null;
  /** The most specific range known to cover the address. */
  range: { start: string; end: string; cidrs: string[] } | null;
  holder: { name: string | null; handle: string | null } | null;
  abuse: string | null;
  asns: number[];
  provider: ProviderMatch;
  /** Each fact's origin: the file, its format and dates (holder record first). */
  source: Array<RegistrySource & { recordDate: string | null; range: string }>;
  error?: NoticeJson;
}

function fmt(family: 4 | 6, v: bigint): string {
  return family === 4 ? formatV4(Number(v)) : formatV6Big(v);
}

function describe(r: TableRecord): RegistrySource & { recordDate: string | null; range: string } {
  return { ...r.source, recordDate: r.recordDate, range: `${fmt(r.family, r.start)}-${fmt(r.family, r.end)}` };
}

/**
 * Look up addresses (IPv4, IPv6, IPv4-mapped) in a loaded registry table and join each with the
 * directory's provider declarations. Pure and synchronous; the table is built by `loadRegistryTable`.
 */
export function lookupAddresses(table: RegistryTable, addresses: readonly string[], declarations: readonly ProviderNetworkDeclaration[] = []): AddressLookup[] {
  const join = buildProviderJoin(declarations);
  return addresses.map((input) => {
    const a = parseAddress(input);
    if (!a) {
      const provider = join({ family: 4, text: '0.0.0.0', v4: 0 }, { country: null, asns: [], domains: [], known: false });
      return {
        address: input,
        registry: null,
        country: null,
        range: null,
        holder: null,
        abuse: null,
        asns: [],
        provider,
        source: [],
        error: noticeJson({ code: 'REGISTRY_ADDRESS_INVALID', en: `"${input}" is not an IPv4 or IPv6 address.`, ja: `「${input}」は IPv4・IPv6 アドレスではありません。` }),
      };
    }
    const hit = table.lookup(a);
    const h = hit.holder;
    const d = hit.delegated;
    // the most specific of the two gives the range; registry and country prefer the RIR's own data
    const narrow = h && d ? (h.end - h.start <= d.end - d.start ? h : d) : (h ?? d);
    const bits = a.family === 4 ? 32 : 128;
    const country = d?.country ?? h?.country ?? null;
    // a sub-assignment often names no abuse contact: the enclosing range's contact then applies
    const abuseRec = h?.abuse ? h : table.abuseRecord(a);
    const abuse = abuseRec?.abuse ?? null;
    const abuseDomain = abuse && abuse.includes('@') ? [abuse.slice(abuse.lastIndexOf('@') + 1)] : [];
    const asns = table.asnsFor(hit);
    const provider = join(a, { country, asns, domains: abuseDomain, known: narrow !== null });
    return {
      address: a.text,
      registry: d?.registry ?? h?.registry ?? null,
      country,
      range: narrow ? { start: fmt(narrow.family, narrow.start), end: fmt(narrow.family, narrow.end), cidrs: rangeToCidrs(narrow.start, narrow.end, bits) } : null,
      holder: h && (h.holder || h.handle) ? { name: h.holder, handle: h.handle } : null,
      abuse,
      asns,
      provider,
      source: [h, abuseRec !== h ? abuseRec : null, d].filter((r): r is TableRecord => r !== null).map(describe),
    };
  });
}

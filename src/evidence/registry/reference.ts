import { type Address, formatBigInt, HEADER_SYNTAX, parseAddress } from '../../net/address.ts';
import { rangeToCidrs } from '../../net/cidr.ts';
import {
  asnsByOpaqueId,
  type FamilyIndex,
  groupIndexes,
  type RegistryAnswer,
  type RegistryAnswerSource,
  type RegistryHit,
  type TableRecord,
} from './table.ts';
import type { RegistryAsnBlock } from './types.ts';

function describe(r: TableRecord): RegistryAnswerSource {
  return {
    ...r.source,
    recordDate: r.recordDate,
    range: `${formatBigInt(r.family, r.start)}-${formatBigInt(r.family, r.end)}`,
  };
}

/**
 * The straightforward implementation the fast table is checked against (tests) and measured
 * against (benchmark): six separate most-specific indexes (holder data, delegations, abuse-naming
 * ranges; IPv4 and IPv6), two or three binary searches per address and a fresh answer object built
 * per lookup with BigInt range arithmetic — as `lookupAddresses` did before the merged index.
 */
export class ReferenceRegistry {
  readonly records: readonly TableRecord[];
  private readonly idx: FamilyIndex[];
  private readonly asnsByOpaque: Map<string, number[]>;

  constructor(records: readonly TableRecord[], asnBlocks: readonly RegistryAsnBlock[] = []) {
    this.records = records;
    this.idx = groupIndexes(records);
    this.asnsByOpaque = asnsByOpaqueId(asnBlocks);
  }

  private find(a: Address, group: 0 | 2 | 4): number {
    return a.family === 4 ? this.idx[group]!.findV4(a.v4) : this.idx[group + 1]!.findV6(...a.words);
  }

  lookup(a: Address): RegistryHit {
    const h = this.find(a, 0);
    const d = this.find(a, 2);
    return { holder: h >= 0 ? this.records[h]! : null, delegated: d >= 0 ? this.records[d]! : null };
  }

  abuseRecord(a: Address): TableRecord | null {
    const i = this.find(a, 4);
    return i >= 0 ? this.records[i]! : null;
  }

  asnsFor(hit: RegistryHit): number[] {
    const { holder, delegated } = hit;
    const asns = new Set<number>(holder?.asns ?? []);
    for (const x of delegated?.asns ?? []) asns.add(x);
    if (delegated?.opaqueId && delegated.registry)
      for (const x of this.asnsByOpaque.get(`${delegated.registry}|${delegated.opaqueId}`) ?? []) asns.add(x);
    return [...asns];
  }

  /** The full answer, built afresh (null for text that is not an address). */
  answerText(text: string): RegistryAnswer | null {
    const a = parseAddress(text, HEADER_SYNTAX);
    return a ? this.answer(a) : null;
  }

  answer(a: Address): RegistryAnswer {
    const hit = this.lookup(a);
    const h = hit.holder;
    const d = hit.delegated;
    const narrow = h && d ? (h.end - h.start <= d.end - d.start ? h : d) : (h ?? d);
    const bits = a.family === 4 ? 32 : 128;
    const abuseRec = h?.abuse ? h : this.abuseRecord(a);
    return {
      registry: d?.registry ?? h?.registry ?? null,
      country: d?.country ?? h?.country ?? null,
      range: narrow
        ? {
            start: formatBigInt(narrow.family, narrow.start),
            end: formatBigInt(narrow.family, narrow.end),
            cidrs: rangeToCidrs(narrow.start, narrow.end, bits),
          }
        : null,
      holder: h && (h.holder || h.handle) ? { name: h.holder, handle: h.handle } : null,
      abuse: abuseRec?.abuse ?? null,
      asns: this.asnsFor(hit),
      source: [h, abuseRec !== h ? abuseRec : null, d].filter((r): r is TableRecord => r !== null).map(describe),
    };
  }
}

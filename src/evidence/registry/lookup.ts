import { formatBigInt, HEADER_SYNTAX, parseAddress } from '../../net/address.ts';
import { type NoticeJson, noticeJson } from '../messages.ts';
import {
  buildProviderJoin,
  type DeclaredSince,
  type ProviderMatch,
  type ProviderNetworkDeclaration,
} from './provider-join.ts';
import { EMPTY_ANSWER, type RegistryAnswer, type RegistryAnswerSource, type RegistryTable } from './table.ts';

/**
 * One address's answer, as printed by `shokai registry lookup --json`. The registry part (range,
 * holder, asns, source) is the table's shared, frozen `RegistryAnswer`: read it, do not modify it.
 */
export interface AddressLookup {
  address: string;
  registry: string | null;
  country: string | null;
  /** The most specific range known to cover the address. */
  range: RegistryAnswer['range'];
  holder: RegistryAnswer['holder'];
  abuse: string | null;
  asns: readonly number[];
  provider: ProviderMatch;
  /** Each fact's origin: the file, its format and dates (holder record first). */
  source: ReadonlyArray<Readonly<RegistryAnswerSource>>;
  error?: NoticeJson;
}

/**
 * Look up addresses (IPv4, IPv6, IPv4-mapped) in a loaded registry table and join each with the
 * directory's provider declarations. Pure and synchronous; the table is built by `loadRegistryTable`.
 * With `declaredSince` (when each declared CIDR was first declared), a declaration of which the RIR
 * delegated part on its own later — and not after `at` (UTC ms; null: now) — is set aside; so is one inside
 * which an RDAP record of a provider-independent type (ASSIGNED PI, PORTABLE, DIRECT…) not the provider's
 * was registered later (`provider-join.ts`).
 */
export function lookupAddresses(
  table: RegistryTable,
  addresses: readonly string[],
  declarations: readonly ProviderNetworkDeclaration[] = [],
  options: { declaredSince?: DeclaredSince; at?: number | null } = {},
): AddressLookup[] {
  const join = buildProviderJoin(declarations, options.declaredSince);
  return addresses.map((input) => {
    const a = parseAddress(input, HEADER_SYNTAX);
    if (!a) {
      const provider = join(
        { family: 4, text: '0.0.0.0', v4: 0 },
        { country: null, asns: [], domains: [], known: false },
      );
      return {
        ...addressLookup(input, EMPTY_ANSWER, provider),
        error: noticeJson({
          code: 'REGISTRY_ADDRESS_INVALID',
          en: `"${input}" is not an IPv4 or IPv6 address.`,
          ja: `「${input}」は IPv4・IPv6 アドレスではありません。`,
        }),
      };
    }
    const r = table.answer(a);
    const abuse = r.abuse;
    const abuseDomain = abuse?.includes('@') ? [abuse.slice(abuse.lastIndexOf('@') + 1)] : [];
    const d = options.declaredSince ? table.lookup(a).delegated : null;
    const delegation = d && {
      start: d.start,
      end: d.end,
      startText: formatBigInt(d.family, d.start),
      endText: formatBigInt(d.family, d.end),
      recordDate: d.recordDate,
    };
    const p = options.declaredSince ? table.independentRecord(a) : null;
    const independent = p && {
      start: p.start,
      end: p.end,
      startText: formatBigInt(p.family, p.start),
      endText: formatBigInt(p.family, p.end),
      type: p.status ?? '',
      // the registration dates a transfer; the last change moves on any edit (older stores lack it)
      recordDate: p.registeredDate ?? p.recordDate,
      asns: p.asns,
      abuseDomain: p.abuse?.includes('@') ? p.abuse.slice(p.abuse.lastIndexOf('@') + 1) : null,
    };
    const facts = {
      country: r.country,
      asns: r.asns,
      domains: abuseDomain,
      known: r.range !== null,
      delegation,
      independent,
    };
    const provider = join(a, facts, options.at ?? null);
    return addressLookup(a.text, r, provider);
  });
}

/** An address's lookup: the table's answer for it, with the provider the directory joins to it. */
function addressLookup(address: string, r: RegistryAnswer, provider: ProviderMatch): AddressLookup {
  return {
    address,
    registry: r.registry,
    country: r.country,
    range: r.range,
    holder: r.holder,
    abuse: r.abuse,
    asns: r.asns,
    provider,
    source: r.source,
  };
}

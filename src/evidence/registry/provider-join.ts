import type { ProviderNetworkDeclaration } from '../../directory/networks.ts';
import { type Address, HEADER_SYNTAX } from '../../net/address.ts';
import { type Cidr, cidrContains, parseCidr } from '../../net/cidr.ts';

/** What a provider declares in the shokai directory (the directory owns the type). */
export type { ProviderNetworkDeclaration };

/** Whom to ask next about an address. */
export interface ProviderMatch {
  verdict: 'provider' | 'foreign' | 'unknown';
  organisationId: string | null;
  nameJa: string | null;
  nameEn: string | null;
  matchedBy: 'cidr' | 'asn' | 'domain' | null;
  /** The declared CIDR, `AS…` or domain that matched. */
  matched: string | null;
  message: string;
  messageJa: string;
}

/** Registry facts about the address that the join may use. */
export interface RegistryFacts {
  country: string | null;
  asns: readonly number[];
  /** Domains named in the registry data (abuse contact e-mail), weakest evidence. */
  domains: readonly string[];
  /** True when any registry data covers the address. */
  known: boolean;
}

interface DeclaredNet {
  decl: ProviderNetworkDeclaration;
  text: string;
  cidr: Cidr;
}

/**
 * Build the join once for a set of declarations (pure; no I/O). The most specific declared range
 * wins; then a declared ASN that the registry data names for the range; then a declared domain
 * that the registry's abuse contact uses. Without a match: "foreign" when the registry country is
 * not JP, otherwise "unknown" (domestic but not in the directory, or no registry data at all).
 */
export function buildProviderJoin(
  declarations: readonly ProviderNetworkDeclaration[],
): (address: Address, facts: RegistryFacts) => ProviderMatch {
  const nets: DeclaredNet[] = [];
  const byAsn = new Map<number, ProviderNetworkDeclaration>();
  const domains: Array<[string, ProviderNetworkDeclaration]> = [];
  for (const d of declarations) {
    for (const c of d.cidrs) {
      const cidr = parseCidr(c.trim(), HEADER_SYNTAX);
      if (cidr) nets.push({ decl: d, text: c.trim(), cidr });
    }
    for (const a of d.asns) if (!byAsn.has(a)) byAsn.set(a, d);
    for (const dom of d.domains)
      domains.push([
        dom
          .toLowerCase()
          .replace(/^\*?\./, '')
          .replace(/\.$/, ''),
        d,
      ]);
  }
  nets.sort((a, b) => b.cidr.length - a.cidr.length);
  const found = (
    decl: ProviderNetworkDeclaration,
    matchedBy: 'cidr' | 'asn' | 'domain',
    matched: string,
  ): ProviderMatch => ({
    verdict: 'provider',
    organisationId: decl.organisationId,
    nameJa: decl.nameJa,
    nameEn: decl.nameEn,
    matchedBy,
    matched,
    message: `Declared by ${decl.nameEn} (${matchedBy} ${matched}): ask this provider.`,
    messageJa: `${decl.nameJa}が届け出ています（${matchedBy} ${matched}）。照会先はこの事業者です。`,
  });
  return (address, facts) => {
    for (const n of nets) if (cidrContains(n.cidr, address)) return found(n.decl, 'cidr', n.text);
    for (const a of facts.asns) {
      const d = byAsn.get(a);
      if (d) return found(d, 'asn', `AS${a}`);
    }
    for (const fd of facts.domains) {
      const f = fd.toLowerCase();
      for (const [dom, d] of domains) if (f === dom || f.endsWith(`.${dom}`)) return found(d, 'domain', dom);
    }
    const none = { organisationId: null, nameJa: null, nameEn: null, matchedBy: null, matched: null } as const;
    if (facts.country !== null && facts.country !== 'JP') {
      return {
        verdict: 'foreign',
        ...none,
        message:
          `Foreign network (registry country ${facts.country}); no domestic provider declared it: ` +
          `mutual legal assistance or a direct request where a treaty allows.`,
        messageJa: `国外のネットワークです（登録国 ${facts.country}）。国内事業者の届出はありません。国際捜査共助、または条約が認める場合は直接の照会となります。`,
      };
    }
    if (facts.known && facts.country === 'JP') {
      return {
        verdict: 'unknown',
        ...none,
        message:
          'Domestic network (JP), but no provider in the directory declared it: ask the holder named by the registry.',
        messageJa:
          '国内（JP）のネットワークですが、ディレクトリに届け出た事業者はありません。登録上の保有者に照会してください。',
      };
    }
    return {
      verdict: 'unknown',
      ...none,
      message: facts.known
        ? 'No provider declared this address and the registry names no country.'
        : 'No registry data and no provider declaration cover this address.',
      messageJa: facts.known
        ? 'このアドレスを届け出た事業者はなく、登録国も不明です。'
        : 'このアドレスに該当する登録データも事業者の届出もありません。',
    };
  };
}

export function joinProvider(
  declarations: readonly ProviderNetworkDeclaration[],
  address: Address,
  facts: RegistryFacts,
): ProviderMatch {
  return buildProviderJoin(declarations)(address, facts);
}

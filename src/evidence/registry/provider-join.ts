import type { ProviderNetworkDeclaration } from '../../directory/networks.ts';
import { type Address, HEADER_SYNTAX } from '../../net/address.ts';
import { type Cidr, cidrBounds, cidrContains, parseCidr } from '../../net/cidr.ts';
import { recordDateSpan } from './types.ts';

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
  /**
   * A declared CIDR holding the address that was set aside: the RIR delegated part of it on its own (a
   * transfer) after the provider declared it, and not after the instant asked about. Null when none.
   */
  transferred?: TransferredDeclaration | null;
}

/** A declaration set aside for a later RIR delegation inside it (see `ProviderMatch.transferred`). */
export interface TransferredDeclaration {
  organisationId: string;
  nameJa: string;
  nameEn: string;
  /** The declared CIDR, and since when it has been declared without a break (ISO 8601 UTC). */
  cidr: string;
  declaredSince: string;
  /**
   * The delegation inside it: first and last address, and its date (a day, or an instant in UTC). `type`
   * when an RDAP record showed it (its `type`, e.g. `ASSIGNED PI`; the date is its registration, else its
   * last change); absent when the RIR statistics did.
   */
  delegation: { start: string; end: string; recordDate: string; type?: string };
}

/** Registry facts about the address that the join may use. */
export interface RegistryFacts {
  country: string | null;
  asns: readonly number[];
  /** Domains named in the registry data (abuse contact e-mail), weakest evidence. */
  domains: readonly string[];
  /** True when any registry data covers the address. */
  known: boolean;
  /** The most specific RIR delegation (statistics) covering the address: bounds as integers, text, date. */
  delegation?: { start: bigint; end: bigint; startText: string; endText: string; recordDate: string | null } | null;
  /**
   * The most specific RDAP/WHOIS record covering the address whose type says the registry gave it to its
   * holder directly (`isProviderIndependent`), with its date (registration, else last change) and its
   * holder's evidence: origin ASNs and abuse contact domain.
   */
  independent?: {
    start: bigint;
    end: bigint;
    startText: string;
    endText: string;
    type: string;
    recordDate: string | null;
    asns: readonly number[];
    abuseDomain: string | null;
  } | null;
}

/**
 * Since when (ISO 8601 UTC) each organisation has declared each CIDR without a break, from the
 * directory's log of whole declarations; a CIDR not found there has no date (its declaration stands).
 */
export type DeclaredSince = (organisationId: string, cidr: string) => string | null;

interface DeclaredNet {
  decl: ProviderNetworkDeclaration;
  text: string;
  cidr: Cidr;
  start: bigint;
  end: bigint;
}

/**
 * Whether the registry gave part of a declared block to another on its own — a part strictly inside it
 * (not the block itself), dated certainly after the provider declared the block and not certainly after
 * the instant `at` (UTC ms; null: now). Then the declaration does not name the holder of the address: at
 * instants after the transfer, the transferred part is another's. A part of the instant's own day (in some
 * zone) is in doubt and sets the declaration aside too: the answer must not name the wrong holder.
 */
function partGivenAfter(
  n: DeclaredNet,
  part: { start: bigint; end: bigint; recordDate: string | null },
  since: string | null,
  at: number | null,
): boolean {
  if (since === null || part.recordDate === null) return false;
  if (part.start < n.start || part.end > n.end || (part.start === n.start && part.end === n.end)) return false;
  const span = recordDateSpan(part.recordDate);
  if (span === null || span.first <= Date.parse(since)) return false;
  return at === null || span.first <= at;
}

/**
 * Whether an RDAP/WHOIS record's holder evidence is the declaring provider's own: one of its origin ASNs,
 * or its abuse contact's domain, is among those the provider declared (its own portable block, re-edited
 * after it declared an aggregate, is no transfer).
 */
function providersOwn(decl: ProviderNetworkDeclaration, r: NonNullable<RegistryFacts['independent']>): boolean {
  if (r.asns.some((a) => decl.asns.includes(a))) return true;
  const f = r.abuseDomain?.toLowerCase().replace(/\.$/, '');
  if (!f) return false;
  return decl.domains.some((d) => {
    const dom = d
      .toLowerCase()
      .replace(/^\*?\./, '')
      .replace(/\.$/, '');
    return f === dom || f.endsWith(`.${dom}`);
  });
}

/**
 * Build the join once for a set of declarations (pure; no I/O). The most specific declared range
 * wins; then a declared ASN that the registry data names for the range; then a declared domain
 * that the registry's abuse contact uses. Without a match: "foreign" when the registry country is
 * not JP, otherwise "unknown" (domestic but not in the directory, or no registry data at all).
 */
export function buildProviderJoin(
  declarations: readonly ProviderNetworkDeclaration[],
  declaredSince: DeclaredSince = () => null,
): (address: Address, facts: RegistryFacts, at?: number | null) => ProviderMatch {
  const nets: DeclaredNet[] = [];
  const byAsn = new Map<number, ProviderNetworkDeclaration>();
  const domains: Array<[string, ProviderNetworkDeclaration]> = [];
  for (const d of declarations) {
    for (const c of d.cidrs) {
      const cidr = parseCidr(c.trim(), HEADER_SYNTAX);
      if (cidr) nets.push({ decl: d, text: c.trim(), cidr, ...cidrBounds(cidr) });
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
  return (address, facts, at = null) => {
    let transferred: TransferredDeclaration | null = null;
    const match = (m: ProviderMatch): ProviderMatch => (transferred === null ? m : withTransfer(m, transferred));
    for (const n of nets) {
      if (!cidrContains(n.cidr, address)) continue;
      const d = facts.delegation;
      const r = facts.independent;
      const since = declaredSince(n.decl.organisationId, n.text);
      // the RIR statistics first; else an RDAP record the registry gave another directly (not the provider's)
      const part =
        d && partGivenAfter(n, d, since, at)
          ? { start: d.startText, end: d.endText, recordDate: d.recordDate ?? '' }
          : r && partGivenAfter(n, r, since, at) && !providersOwn(n.decl, r)
            ? { start: r.startText, end: r.endText, recordDate: r.recordDate ?? '', type: r.type }
            : null;
      if (part !== null) {
        transferred ??= {
          organisationId: n.decl.organisationId,
          nameJa: n.decl.nameJa,
          nameEn: n.decl.nameEn,
          cidr: n.text,
          declaredSince: since ?? '',
          delegation: part,
        };
        continue;
      }
      return match(found(n.decl, 'cidr', n.text));
    }
    for (const a of facts.asns) {
      const d = byAsn.get(a);
      // the block's old holder does not come back through its ASN or abuse domain (the stale record's)
      if (d && d.organisationId !== transferred?.organisationId) return match(found(d, 'asn', `AS${a}`));
    }
    for (const fd of facts.domains) {
      const f = fd.toLowerCase();
      for (const [dom, d] of domains)
        if ((f === dom || f.endsWith(`.${dom}`)) && d.organisationId !== transferred?.organisationId)
          return match(found(d, 'domain', dom));
    }
    const none = { organisationId: null, nameJa: null, nameEn: null, matchedBy: null, matched: null } as const;
    if (facts.country !== null && facts.country !== 'JP') {
      return match({
        verdict: 'foreign',
        ...none,
        message:
          `Foreign network (registry country ${facts.country}); no domestic provider declared it: ` +
          `mutual legal assistance or a direct request where a treaty allows.`,
        messageJa: `国外のネットワークです（登録国 ${facts.country}）。国内事業者の届出はありません。国際捜査共助、または条約が認める場合は直接の照会となります。`,
      });
    }
    if (facts.known && facts.country === 'JP') {
      return match({
        verdict: 'unknown',
        ...none,
        message:
          'Domestic network (JP), but no provider in the directory declared it: ask the holder named by the registry.',
        messageJa:
          '国内（JP）のネットワークですが、ディレクトリに届け出た事業者はありません。登録上の保有者に照会してください。',
      });
    }
    return match({
      verdict: 'unknown',
      ...none,
      message: facts.known
        ? 'No provider declared this address and the registry names no country.'
        : 'No registry data and no provider declaration cover this address.',
      messageJa: facts.known
        ? 'このアドレスを届け出た事業者はなく、登録国も不明です。'
        : 'このアドレスに該当する登録データも事業者の届出もありません。',
    });
  };
}

/** A match with the declaration set aside for a transfer said first. */
function withTransfer(m: ProviderMatch, t: TransferredDeclaration): ProviderMatch {
  const { start, end, recordDate, type } = t.delegation;
  const range = `${start}–${end}`;
  const en =
    type === undefined
      ? `the registry delegated ${range} inside it on its own on ${recordDate}`
      : `the registry's RDAP record of ${range} inside it (type ${type}: held independently of any provider) ` +
        `is dated ${recordDate}`;
  const ja =
    type === undefined
      ? `届出の後 ${recordDate} に登録機関がその中の ${range} を別に割り振っています（移転）。`
      : `登録機関の RDAP 記録はその中の ${range} を事業者から独立した資源（種別 ${type}）としており、` +
        `その日付 ${recordDate} は届出より後です（移転）。`;
  return {
    ...m,
    transferred: t,
    message:
      `${t.nameEn} declared ${t.cidr} (since ${t.declaredSince}), but ${en}, after the declaration ` +
      `(a transfer): ${m.message}`,
    messageJa: `${t.nameJa}が ${t.cidr} を届け出ています（${t.declaredSince} から）が、${ja}${m.messageJa}`,
  };
}

export function joinProvider(
  declarations: readonly ProviderNetworkDeclaration[],
  address: Address,
  facts: RegistryFacts,
  options: { declaredSince?: DeclaredSince; at?: number | null } = {},
): ProviderMatch {
  return buildProviderJoin(declarations, options.declaredSince)(address, facts, options.at ?? null);
}

import { type Address, HEADER_SYNTAX } from '../../net/address.ts';
import { type Cidr, cidrContains, formatCidr, parseCidrAligned } from '../../net/cidr.ts';
import { EvidenceInputError } from '../messages.ts';

/** The receiving organisation's relays, as configured: networks and host names. */
export interface TrustedRelays {
  matchesAddress(ip: Address): boolean;
  matchesHost(name: string): boolean;
}

const HOST = /^(\*\.|\.)?[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})(\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,62}))*\.?$/;

export function parseTrusted(list: readonly string[]): TrustedRelays {
  const nets: Cidr[] = [];
  const hosts = new Set<string>();
  const suffixes: string[] = [];
  for (const rawEntry of list.flatMap((e) => e.split(','))) {
    const entry = rawEntry.trim();
    if (entry === '') continue;
    const prefix = parseCidrAligned(entry, HEADER_SYNTAX);
    if (prefix && !prefix.aligned) {
      const block = formatCidr(prefix.cidr);
      throw new EvidenceInputError({
        code: 'MAIL_TRUSTED_ENTRY_INVALID',
        en: `Trusted relay network "${entry}" has bits set after its length: write ${block}, or the address alone.`,
        ja: `信頼する中継サーバのネットワーク「${entry}」は長さより後のビットが 0 ではありません。${block} またはアドレスだけを書いてください。`,
      });
    }
    if (prefix) {
      nets.push(prefix.cidr);
      continue;
    }
    if (!HOST.test(entry) || /^[\d.]+$/.test(entry)) {
      throw new EvidenceInputError({
        code: 'MAIL_TRUSTED_ENTRY_INVALID',
        en: `Trusted relay "${entry}" is neither an address, a network nor a host name.`,
        ja: `信頼する中継サーバ「${entry}」は、アドレス・ネットワーク・ホスト名のいずれでもありません。`,
      });
    }
    const e = entry.toLowerCase().replace(/\.$/, '');
    if (e.startsWith('*.')) suffixes.push(e.slice(1));
    else if (e.startsWith('.')) suffixes.push(e);
    else hosts.add(e);
  }
  return {
    matchesAddress(ip) {
      return nets.some((n) => cidrContains(n, ip));
    },
    matchesHost(name) {
      const h = name.toLowerCase().replace(/\.$/, '');
      return hosts.has(h) || suffixes.some((s) => h.endsWith(s));
    },
  };
}

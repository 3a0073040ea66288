import { EvidenceInputError } from '../messages.ts';
import { type ParsedAddress, parseCidr } from '../net/ip.ts';

/** The receiving organisation's relays, as configured: networks and host names. */
export interface TrustedRelays {
  matchesAddress(ip: ParsedAddress): boolean;
  matchesHost(name: string): boolean;
}

interface Net4 {
  base: number;
  mask: number;
}
interface Net6 {
  base: number[];
  bits: number;
}

function mask32(bits: number): number {
  return bits <= 0 ? 0 : bits >= 32 ? 0xffffffff : ~(0xffffffff >>> bits) >>> 0;
}

const HOST = /^(\*\.|\.)?[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})(\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,62}))*\.?$/;

export function parseTrusted(list: readonly string[]): TrustedRelays {
  const v4: Net4[] = [];
  const v6: Net6[] = [];
  const hosts = new Set<string>();
  const suffixes: string[] = [];
  for (const rawEntry of list.flatMap((e) => e.split(','))) {
    const entry = rawEntry.trim();
    if (entry === '') continue;
    const cidr = parseCidr(entry);
    if (cidr) {
      if (cidr.start.family === 4) {
        const m = mask32(cidr.family === 4 ? cidr.prefix : cidr.prefix - 96);
        v4.push({ base: (cidr.start.v4 & m) >>> 0, mask: m });
      } else v6.push({ base: [...cidr.start.words], bits: cidr.prefix });
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
      if (ip.family === 4) return v4.some((n) => (ip.v4 & n.mask) >>> 0 === n.base);
      return v6.some((n) => {
        for (let i = 0; i < 4; i++) {
          const bits = Math.max(0, Math.min(32, n.bits - i * 32));
          const m = mask32(bits);
          if (((ip.words[i] ?? 0) & m) >>> 0 !== ((n.base[i] ?? 0) & m) >>> 0) return false;
        }
        return true;
      });
    },
    matchesHost(name) {
      const h = name.toLowerCase().replace(/\.$/, '');
      return hosts.has(h) || suffixes.some((s) => h.endsWith(s));
    },
  };
}

import { Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';
import { formatHostPort } from '../../net/address.ts';

// Resolving a site's name to its addresses through the resolver the installation's operator
// configured (SHOKAI_DNS_RESOLVER: comma-separated `address` or `address:port`, `[v6]:port`). Without
// one nothing is resolved: shokai never sends a DNS query the operator did not ask for.

export const DNS_RESOLVER_ENV = 'SHOKAI_DNS_RESOLVER';
const TIMEOUT_MS = 1500;

export class ResolverConfigError extends Error {
  override name = 'ResolverConfigError';
}

/** The configured resolver servers (`host:port` forms node:dns accepts), or null when none is configured. */
export function configuredResolver(env: NodeJS.ProcessEnv = process.env): string[] | null {
  const raw = env[DNS_RESOLVER_ENV]?.trim();
  if (!raw) return null;
  return raw.split(',').map((part) => {
    const s = part.trim();
    const v6 = /^\[([0-9a-fA-F:.]+)\](?::(\d{1,5}))?$/.exec(s);
    const v4 = /^(\d{1,3}(?:\.\d{1,3}){3})(?::(\d{1,5}))?$/.exec(s);
    const host = v6?.[1] ?? v4?.[1] ?? (isIP(s) === 6 ? s : null);
    const port = Number(v6?.[2] ?? v4?.[2] ?? 53);
    if (host === null || isIP(host) === 0 || port < 1 || port > 65535) {
      throw new ResolverConfigError(`${DNS_RESOLVER_ENV}: "${s}" is not an address or address:port`);
    }
    return formatHostPort(host, port);
  });
}

export interface Resolved {
  addresses: string[];
  /** Why nothing (or only part) was resolved: the DNS error codes by record type. */
  errors: Array<{ type: 'A' | 'AAAA'; code: string }>;
}

/** A and AAAA records of `name` through `servers` (one try each, 1.5 s). */
export async function resolveName(name: string, servers: string[]): Promise<Resolved> {
  const resolver = new Resolver({ timeout: TIMEOUT_MS, tries: 1 });
  resolver.setServers(servers);
  const out: Resolved = { addresses: [], errors: [] };
  const [a, aaaa] = await Promise.allSettled([resolver.resolve4(name), resolver.resolve6(name)]);
  for (const [type, r] of [
    ['A', a],
    ['AAAA', aaaa],
  ] as const) {
    if (r.status === 'fulfilled') out.addresses.push(...r.value);
    else {
      const code = (r.reason as { code?: unknown }).code;
      out.errors.push({ type, code: typeof code === 'string' ? code : 'ERROR' });
    }
  }
  return out;
}

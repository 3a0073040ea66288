import { DomainError } from '../domain/errors.ts';
import { shownInput } from '../domain/shown-text.ts';
import { type Address, HEADER_SYNTAX, parseAddress } from '../net/address.ts';
import { type Cidr, cidrContains, cidrOf, formatCidr, parseCidrAligned } from '../net/cidr.ts';

// Where a call comes from, for the sign-in throttle. The peer's address is the client's unless the
// peer is a proxy the operator named (SHOKAI_TRUSTED_PROXIES): then X-Forwarded-For is read from the
// right, past the trusted proxies, to the first address they did not add themselves. A client cannot
// choose its address by sending the header: an untrusted peer's X-Forwarded-For is ignored.

export type TrustedProxies = readonly Cidr[];

/** An address as a peer or an X-Forwarded-For hop writes it: `[v6]:port` and `v4:port` included. */
function readAddress(raw: string | undefined): Address | undefined {
  if (!raw) return undefined;
  let s = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracketed?.[1]) s = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(':'));
  // An IPv4-mapped IPv6 address is the IPv4 address (HEADER_SYNTAX reads it so).
  return parseAddress(s, HEADER_SYNTAX) ?? undefined;
}

/** The trusted proxies from their configuration (addresses or prefixes); names the entry it cannot read. */
export function parseTrustedProxies(entries: readonly string[]): TrustedProxies {
  return entries.map((entry) => {
    const p = parseCidrAligned(entry.trim(), HEADER_SYNTAX);
    if (p?.aligned) return p.cidr;
    const shown = shownInput(entry.trim());
    if (p) {
      const block = formatCidr(p.cidr);
      throw new DomainError(
        'VALIDATION_FAILED',
        {
          ja:
            `環境変数 SHOKAI_TRUSTED_PROXIES の「${shown}」は長さより後のビットが 0 ではありません` +
            `（${block} と書いてください）`,
          en:
            `the environment variable SHOKAI_TRUSTED_PROXIES: "${shown}" has bits set after its length ` +
            `(write ${block})`,
        },
        { field: 'SHOKAI_TRUSTED_PROXIES', value: entry.trim() },
      );
    }
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: `環境変数 SHOKAI_TRUSTED_PROXIES の「${shown}」は IP アドレスでもプレフィックスでもありません`,
        en: `the environment variable SHOKAI_TRUSTED_PROXIES: "${shown}" is not an IP address or prefix`,
      },
      { field: 'SHOKAI_TRUSTED_PROXIES', value: entry.trim() },
    );
  });
}

function isTrusted(a: Address, trusted: TrustedProxies): boolean {
  return trusted.some((c) => cidrContains(c, a));
}

/** The throttle's key for an address: an IPv4 address, or the /64 of an IPv6 address (one subscriber's). */
function keyOf(a: Address): string {
  return a.family === 4 ? a.text : formatCidr(cidrOf(a, 64));
}

/** The client of a call, as the key the sign-in throttle counts under. */
export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | undefined,
  trusted: TrustedProxies,
): string {
  const p = readAddress(peer);
  if (!p) return 'unknown';
  if (!forwardedFor || !isTrusted(p, trusted)) return keyOf(p);
  let client: Address = p;
  const hops = forwardedFor.split(',');
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = readAddress(hops[i]);
    if (!hop) break; // unreadable: the last trusted hop stands for the client
    client = hop;
    if (!isTrusted(hop, trusted)) break;
  }
  return keyOf(client);
}

/**
 * Whether the call reached a proxy over https: the URL's own scheme, or `X-Forwarded-Proto: https` from a
 * peer the operator named a proxy. Any other caller could send the header; it decides the cookies' names and
 * their Secure flag, so a direct caller's word for it is not taken.
 */
export function overHttps(
  url: string,
  peer: string | undefined,
  forwardedProto: string | undefined,
  trusted: TrustedProxies,
): boolean {
  if (url.startsWith('https:')) return true;
  if (forwardedProto?.trim().toLowerCase() !== 'https' || trusted.length === 0) return false;
  const p = readAddress(peer);
  return p !== undefined && isTrusted(p, trusted);
}

import ipaddr from 'ipaddr.js';

// Where a call comes from, for the sign-in throttle. The peer's address is the client's unless the
// peer is a proxy the operator named (SHOKAI_TRUSTED_PROXIES): then X-Forwarded-For is read from the
// right, past the trusted proxies, to the first address they did not add themselves. A client cannot
// choose its address by sending the header: an untrusted peer's X-Forwarded-For is ignored.

type Address = ipaddr.IPv4 | ipaddr.IPv6;
export type TrustedProxies = ReadonlyArray<readonly [Address, number]>;

function parseAddress(raw: string | undefined): Address | undefined {
  if (!raw) return undefined;
  let s = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracketed?.[1]) s = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(':'));
  if (!ipaddr.isValid(s)) return undefined;
  return ipaddr.process(s); // an IPv4-mapped IPv6 address is the IPv4 address
}

/** The trusted proxies from their configuration (addresses or prefixes); names the entry it cannot read. */
export function parseTrustedProxies(entries: readonly string[]): TrustedProxies {
  return entries.map((entry) => {
    const e = entry.trim();
    try {
      if (e.includes('/')) {
        const [net, bits] = ipaddr.parseCIDR(e);
        const plain = net.kind() === 'ipv6' && (net as ipaddr.IPv6).isIPv4MappedAddress();
        return plain ? ([(net as ipaddr.IPv6).toIPv4Address(), bits - 96] as const) : ([net, bits] as const);
      }
      const a = parseAddress(e);
      if (!a) throw new Error('not an address');
      return [a, a.kind() === 'ipv4' ? 32 : 128] as const;
    } catch {
      throw new Error(`configuration: SHOKAI_TRUSTED_PROXIES: not an IP address or prefix: "${entry}"`);
    }
  });
}

function isTrusted(a: Address, trusted: TrustedProxies): boolean {
  return trusted.some(([net, bits]) => net.kind() === a.kind() && a.match(net, bits));
}

/** The throttle's key for an address: an IPv4 address, or the /64 of an IPv6 address (one subscriber's). */
function keyOf(a: Address): string {
  if (a.kind() === 'ipv4') return a.toString();
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${a.toString()}/64`).toString()}/64`;
}

/** The client of a call, as the key the sign-in throttle counts under. */
export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | undefined,
  trusted: TrustedProxies,
): string {
  const p = parseAddress(peer);
  if (!p) return 'unknown';
  if (!forwardedFor || !isTrusted(p, trusted)) return keyOf(p);
  let client: Address = p;
  const hops = forwardedFor.split(',');
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = parseAddress(hops[i]);
    if (!hop) break; // unreadable: the last trusted hop stands for the client
    client = hop;
    if (!isTrusted(hop, trusted)) break;
  }
  return keyOf(client);
}

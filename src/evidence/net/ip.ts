import ipaddr from 'ipaddr.js';

/** One parsed address: IPv4 as an unsigned 32-bit number, IPv6 as four 32-bit words (big-endian). */
export type ParsedAddress =
  | { family: 4; text: string; v4: number }
  | { family: 6; text: string; words: [number, number, number, number] };

/**
 * What kind of address this is, for deciding whether it may be an e-mail's origin.
 * Only `public` may be chosen as an originating address.
 */
export type AddressClass =
  | 'public'
  | 'private'
  | 'shared'
  | 'loopback'
  | 'documentation'
  | 'link_local'
  | 'other_special';

const DOC_V4: Array<[number, number]> = [
  [0xc0000200, 24], // 192.0.2.0/24
  [0xc6336400, 24], // 198.51.100.0/24
  [0xcb007100, 24], // 203.0.113.0/24
];

function inV4(v: number, base: number, bits: number): boolean {
  if (bits === 0) return true;
  const mask = bits === 32 ? 0xffffffff : ~(0xffffffff >>> bits) >>> 0;
  return (v & mask) >>> 0 === base;
}

/** Fast strict dotted-quad parser (no octal, no short forms); NaN if not an IPv4 address. */
export function parseV4(s: string): number {
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits > 0 && part === 0) return NaN; // leading zero
      part = part * 10 + (c - 48);
      if (++digits > 3 || part > 255) return NaN;
    } else if (c === 46) {
      if (digits === 0 || ++dots > 3) return NaN;
      value = value * 256 + part;
      part = 0;
      digits = 0;
    } else return NaN;
  }
  if (dots !== 3 || digits === 0) return NaN;
  return value * 256 + part;
}

export function formatV4(v: number): string {
  return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

/**
 * Parse an IPv4 or IPv6 address as written in headers or on the command line: surrounding
 * brackets, an `IPv6:` tag, a `%zone` and an IPv4-mapped IPv6 form are accepted; the mapped form is
 * returned as IPv4. Null when the text is not an address.
 */
export function parseAddress(input: string): ParsedAddress | null {
  // fast path: a plain dotted quad is already in canonical form (the parser is strict)
  const direct = parseV4(input);
  if (!Number.isNaN(direct)) return { family: 4, text: input, v4: direct };
  let s = input.trim();
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  if (/^ipv6:/i.test(s)) s = s.slice(5);
  const v4 = parseV4(s);
  if (!Number.isNaN(v4)) return { family: 4, text: s, v4 };
  if (!s.includes(':') || s.length > 64) return null;
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  let a: ipaddr.IPv6;
  try {
    a = ipaddr.IPv6.parse(s);
  } catch {
    return null;
  }
  const p = a.parts;
  if (p[0] === 0 && p[1] === 0 && p[2] === 0 && p[3] === 0 && p[4] === 0 && p[5] === 0xffff) {
    // IPv4-mapped (::ffff:a.b.c.d): report the IPv4 address
    const v = ((p[6] ?? 0) * 65536 + (p[7] ?? 0)) >>> 0;
    return { family: 4, text: formatV4(v), v4: v };
  }
  const w = (i: number): number => (((p[i] ?? 0) << 16) | (p[i + 1] ?? 0)) >>> 0;
  return { family: 6, text: a.toString(), words: [w(0), w(2), w(4), w(6)] };
}

// IPv4 special-purpose blocks (RFC 6890 and successors) that are never a public host.
const SPECIAL_V4: Array<[number, number, AddressClass]> = [
  [0x0a000000, 8, 'private'],
  [0xac100000, 12, 'private'],
  [0xc0a80000, 16, 'private'],
  [0x64400000, 10, 'shared'],
  [0x7f000000, 8, 'loopback'],
  [0xa9fe0000, 16, 'link_local'],
  [0x00000000, 8, 'other_special'],
  [0xc0000000, 24, 'other_special'], // IETF protocol assignments
  [0xc0586300, 24, 'other_special'], // 6to4 relay anycast
  [0xc6120000, 15, 'other_special'], // benchmarking
  [0xe0000000, 4, 'other_special'], // multicast
  [0xf0000000, 4, 'other_special'], // reserved, broadcast
];

export function classifyAddress(a: ParsedAddress): AddressClass {
  if (a.family === 4) {
    const v = a.v4;
    for (const [b, n] of DOC_V4) if (inV4(v, b, n)) return 'documentation';
    for (const [b, n, c] of SPECIAL_V4) if (inV4(v, b, n)) return c;
    return 'public';
  }
  const [w0, w1, w2, w3] = a.words;
  if (w0 === 0x20010db8 || w0 >>> 12 === 0x3fff0) return 'documentation'; // 2001:db8::/32, 3fff::/20
  if (w0 >>> 25 === 0x7e) return 'private'; // fc00::/7
  if (w0 >>> 22 === 0x3fa) return 'link_local'; // fe80::/10
  if (w0 === 0 && w1 === 0 && w2 === 0 && w3 === 1) return 'loopback';
  // Public: global unicast 2000::/3, except IETF assignments (2001::/23, incl. Teredo) and 6to4 (2002::/16).
  if (w0 >>> 29 !== 1) return 'other_special';
  if (w0 >>> 23 === 0x20010000 >>> 23 || w0 >>> 16 === 0x2002) return 'other_special';
  return 'public';
}

/** Parse `a.b.c.d/n`, `x::/n`, or a single address, into an inclusive range. */
export function parseCidr(text: string): { family: 4 | 6; start: ParsedAddress; prefix: number } | null {
  const slash = text.indexOf('/');
  const addr = parseAddress(slash < 0 ? text : text.slice(0, slash));
  if (!addr) return null;
  const max = addr.family === 4 ? 32 : 128;
  const prefix = slash < 0 ? max : Number(text.slice(slash + 1));
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) return null;
  return { family: addr.family, start: addr, prefix };
}

/** IPv6 address as a BigInt (build-time only; lookups use 32-bit words). */
export function v6ToBig(words: readonly number[]): bigint {
  let b = 0n;
  for (const w of words) b = (b << 32n) | BigInt(w >>> 0);
  return b;
}

export function bigToV6Words(b: bigint): [number, number, number, number] {
  return [
    Number((b >> 96n) & 0xffffffffn),
    Number((b >> 64n) & 0xffffffffn),
    Number((b >> 32n) & 0xffffffffn),
    Number(b & 0xffffffffn),
  ];
}

export function formatV6Big(b: bigint): string {
  const parts: number[] = [];
  for (let i = 7; i >= 0; i--) parts.push(Number((b >> BigInt(i * 16)) & 0xffffn));
  return new ipaddr.IPv6(parts).toString();
}

/** The CIDR blocks that exactly cover [start, end] (inclusive), as BigInts, for display. */
export function rangeToCidrs(start: bigint, end: bigint, bits: 32 | 128, limit = 8): string[] {
  const out: string[] = [];
  let s = start;
  while (s <= end && out.length < limit) {
    let size = 0;
    while (size < bits) {
      const next = size + 1;
      const block = 1n << BigInt(next);
      if (s % block !== 0n || s + block - 1n > end) break;
      size = next;
    }
    const text = bits === 32 ? formatV4(Number(s)) : formatV6Big(s);
    out.push(`${text}/${bits - size}`);
    s += 1n << BigInt(size);
  }
  return out;
}

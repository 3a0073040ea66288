// Special-purpose address blocks (RFC 6890 and its successors): which addresses can be a public host.
import type { Address } from './address.ts';

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

/** [network, prefix length] */
const DOCUMENTATION_V4: ReadonlyArray<readonly [number, number]> = [
  [0xc0000200, 24], // 192.0.2.0/24
  [0xc6336400, 24], // 198.51.100.0/24
  [0xcb007100, 24], // 203.0.113.0/24
];

// IPv4 special-purpose blocks that are never a public host.
const SPECIAL_V4: ReadonlyArray<readonly [number, number, AddressClass]> = [
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

function inV4(v: number, base: number, bits: number): boolean {
  if (bits === 0) return true;
  const mask = bits === 32 ? 0xffffffff : ~(0xffffffff >>> bits) >>> 0;
  return (v & mask) >>> 0 === base;
}

export function classifyAddress(a: Address): AddressClass {
  if (a.family === 4) {
    const v = a.v4;
    for (const [b, n] of DOCUMENTATION_V4) if (inV4(v, b, n)) return 'documentation';
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
  if (w0 >>> 9 === 0x20010000 >>> 9 || w0 >>> 16 === 0x2002) return 'other_special';
  return 'public';
}

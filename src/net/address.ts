// IP addresses: the one address type of shokai, how addresses are read from text and written back,
// and the views the rest of the code works with (an IPv4 number, four IPv6 words, network bytes,
// a BigInt). Pure: no I/O. IPv6 syntax is read by ipaddr.js; a plain dotted quad, which is what
// most log lines and lookups carry, by a hand-written parser (see parseIPv4At).
import ipaddr from 'ipaddr.js';

/** An IPv6 address as four unsigned 32-bit words, most significant first. */
export type IPv6Words = readonly [number, number, number, number];

export interface IPv4Address {
  readonly family: 4;
  /** Canonical text: dotted-quad decimal without leading zeros. */
  readonly text: string;
  /** The address as an unsigned 32-bit number. */
  readonly v4: number;
}

export interface IPv6Address {
  readonly family: 6;
  /** Canonical text (RFC 5952: lower case, longest zero run compressed; IPv4-mapped as ::ffff:a.b.c.d). */
  readonly text: string;
  readonly words: IPv6Words;
}

/** One IP address, IPv4 or IPv6. */
export type Address = IPv4Address | IPv6Address;

export class AddressError extends Error {
  override name = 'AddressError';
}

// ---------------------------------------------------------------------------------------------------
// Reading addresses

/**
 * How an address may be written where it is read. The places disagree on purpose: a mail header
 * writes `[192.0.2.1]` or `[IPv6:2001:db8::1]` and may carry a zone index; a request target is
 * signed as written and must be exactly one address, nothing around it.
 */
export interface AddressSyntax {
  /** Surrounding white space is ignored. */
  readonly trim: boolean;
  /** `[addr]`, as in a mail address literal (RFC 5321 §4.1.3) or a URL host. */
  readonly brackets: boolean;
  /** An `IPv6:` tag before the address (any case), as in a mail address literal. */
  readonly ipv6Tag: boolean;
  /**
   * A zone index (`fe80::1%eth0`): `refuse` it (it means nothing outside the writer's host) or
   * `drop` it and read the address alone. A dropped zone index is letters, digits and `-._~` (RFC 6874).
   */
  readonly zone: 'refuse' | 'drop';
  /** `::ffff:a.b.c.d`: read as the IPv4 address `a.b.c.d`, or kept as the IPv6 address it is. */
  readonly mapped: 'ipv4' | 'ipv6';
}

/** Exactly one address and nothing else; an IPv4-mapped address stays IPv6. Request targets. */
export const STRICT_SYNTAX: AddressSyntax = Object.freeze({
  trim: false,
  brackets: false,
  ipv6Tag: false,
  zone: 'refuse',
  mapped: 'ipv6',
});

/** A field of a log file or a lookup: white space and a zone index are ignored; mapped → IPv4. */
export const LOG_SYNTAX: AddressSyntax = Object.freeze({
  trim: true,
  brackets: false,
  ipv6Tag: false,
  zone: 'drop',
  mapped: 'ipv4',
});

/**
 * An address as found in mail headers, registry files and on the command line: white space,
 * brackets, an `IPv6:` tag and a zone index are ignored; mapped → IPv4.
 */
export const HEADER_SYNTAX: AddressSyntax = Object.freeze({
  trim: true,
  brackets: true,
  ipv6Tag: true,
  zone: 'drop',
  mapped: 'ipv4',
});

/** Why a text is not an address. */
export type AddressProblem = 'zone_index' | 'not_an_address';

/**
 * Longest text read as an IPv6 address (after brackets and tag). A valid address is at most 45
 * characters without a zone index; the bound keeps the library's regular expressions on short input.
 */
const MAX_IPV6_TEXT = 64;

/** A zone index after `%`: RFC 6874 (ZoneID = 1*unreserved; an interface name or number). */
const ZONE_INDEX = /^[A-Za-z0-9._~-]+$/;

/**
 * The address written in `text`, or why it is not one. IPv4 only in dotted-quad decimal without
 * leading zeros ("010.0.0.1" is octal to some parsers and decimal to others: refused rather than
 * guessed); IPv6 in any form ipaddr.js reads.
 */
export function parseAddressOrProblem(text: string, syntax: AddressSyntax): Address | AddressProblem {
  // A plain dotted quad is already its canonical text (the parser is strict): no copy, no library call.
  const direct = parseIPv4(text);
  if (direct >= 0) return { family: 4, text, v4: direct };
  let s = syntax.trim ? text.trim() : text;
  if (syntax.brackets && s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  if (syntax.ipv6Tag && /^ipv6:/i.test(s)) s = s.slice(5);
  if (syntax.zone === 'refuse' && s.includes('%')) return 'zone_index';
  const v4 = parseIPv4(s);
  if (v4 >= 0) return { family: 4, text: s, v4 };
  if (!s.includes(':') || s.length > MAX_IPV6_TEXT) return 'not_an_address';
  const zone = s.indexOf('%');
  if (zone >= 0) {
    if (!ZONE_INDEX.test(s.slice(zone + 1))) return 'not_an_address';
    s = s.slice(0, zone);
  }
  let parsed: ipaddr.IPv6;
  try {
    parsed = ipaddr.IPv6.parse(s);
  } catch {
    return 'not_an_address';
  }
  const p = parsed.parts;
  const words: IPv6Words = [word(p, 0), word(p, 2), word(p, 4), word(p, 6)];
  if (isMapped(words)) {
    if (syntax.mapped === 'ipv4') return ipv4Address(words[3]);
    return { family: 6, text: `::ffff:${formatIPv4(words[3])}`, words };
  }
  return { family: 6, text: parsed.toString(), words };
}

/** The address written in `text` (see parseAddressOrProblem), or null. */
export function parseAddress(text: string, syntax: AddressSyntax): Address | null {
  const a = parseAddressOrProblem(text, syntax);
  return typeof a === 'string' ? null : a;
}

/** The address written in `text`; throws AddressError when it is not one. */
export function requireAddress(text: string, syntax: AddressSyntax): Address {
  const a = parseAddressOrProblem(text, syntax);
  if (typeof a === 'string') throw new AddressError(`not an IP address: "${text}"`);
  return a;
}

function word(parts: readonly number[], i: number): number {
  return (((parts[i] ?? 0) << 16) | (parts[i + 1] ?? 0)) >>> 0;
}

/** ::ffff:0:0/96 */
function isMapped(w: IPv6Words): boolean {
  return w[0] === 0 && w[1] === 0 && w[2] === 0xffff;
}

// ---------------------------------------------------------------------------------------------------
// IPv4 as a number (the hot paths: one or two addresses per log line, one per registry lookup)

/** A strict dotted quad (no leading zeros, no short or hex forms) as an unsigned 32-bit number; -1 if it is not one. */
export function parseIPv4(text: string): number {
  return parseIPv4At(text, 0, text.length);
}

/** parseIPv4(text.slice(from, to)) without the slice. */
export function parseIPv4At(text: string, from: number, to: number): number {
  // Hand-written: this runs once or twice per log record, and once per registry lookup from text.
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits > 0 && octet === 0) return -1; // a leading zero
      octet = octet * 10 + (c - 48);
      if (++digits > 3 || octet > 255) return -1;
    } else if (c === 46) {
      if (digits === 0 || ++dots > 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
    } else return -1;
  }
  if (digits === 0 || dots !== 3) return -1;
  return value * 256 + octet;
}

export function formatIPv4(v: number): string {
  return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

/**
 * An address written with its port, as in a URL's authority (RFC 3986): an IPv6 address in brackets.
 * Without a port, the address alone.
 */
export function formatHostPort(address: string, port?: number): string {
  if (port === undefined) return address;
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

/** The IPv4 address numbered v (unsigned 32-bit). */
export function ipv4Address(v: number): IPv4Address {
  return { family: 4, text: formatIPv4(v), v4: v };
}

/**
 * An IPv4 address shifted into the signed 32-bit range, for 4-byte integer columns (SQLite
 * integers of 4 bytes, PostgreSQL int4) that keep address order.
 */
export function ipv4ToInt32(v: number): number {
  return v - 2147483648;
}

export function ipv4FromInt32(k: number): number {
  return k + 2147483648;
}

// ---------------------------------------------------------------------------------------------------
// IPv6 words, network bytes, BigInt

/** Canonical text of an IPv6 address (see IPv6Address.text). */
export function formatIPv6(words: IPv6Words): string {
  if (isMapped(words)) return `::ffff:${formatIPv4(words[3])}`;
  const parts: number[] = [];
  for (const w of words) parts.push(w >>> 16, w & 0xffff);
  return new ipaddr.IPv6(parts).toString();
}

export function ipv6Address(words: IPv6Words): IPv6Address {
  return { family: 6, text: formatIPv6(words), words };
}

/** The address in network byte order: 4 or 16 bytes. */
export function addressBytes(a: Address): Uint8Array {
  if (a.family === 4) return ipv4Bytes(a.v4);
  const b = new Uint8Array(16);
  for (let i = 0; i < 4; i++) {
    const w = a.words[i] ?? 0;
    b[i * 4] = w >>> 24;
    b[i * 4 + 1] = (w >>> 16) & 255;
    b[i * 4 + 2] = (w >>> 8) & 255;
    b[i * 4 + 3] = w & 255;
  }
  return b;
}

/** The address in 4 (IPv4) or 16 (IPv6) network-order bytes. */
export function addressFromBytes(b: Uint8Array): Address {
  if (b.length === 4) return ipv4Address(ipv4FromBytes(b));
  if (b.length !== 16) throw new AddressError(`an address has 4 or 16 bytes, not ${b.length}`);
  const w = (i: number): number =>
    (((b[i] ?? 0) << 24) | ((b[i + 1] ?? 0) << 16) | ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0)) >>> 0;
  return ipv6Address([w(0), w(4), w(8), w(12)]);
}

export function ipv4Bytes(v: number): Uint8Array {
  return Uint8Array.of(v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255);
}

/** The first 4 bytes as an unsigned 32-bit IPv4 number. */
export function ipv4FromBytes(b: Uint8Array): number {
  return (((b[0] ?? 0) << 24) >>> 0) + ((b[1] ?? 0) << 16) + ((b[2] ?? 0) << 8) + (b[3] ?? 0);
}

/** The address as an unsigned integer (32 or 128 bits): for ranges and arithmetic, not for hot paths. */
export function addressToBigInt(a: Address): bigint {
  return a.family === 4 ? BigInt(a.v4) : wordsToBigInt(a.words);
}

export function wordsToBigInt(words: IPv6Words): bigint {
  let b = 0n;
  for (const w of words) b = (b << 32n) | BigInt(w >>> 0);
  return b;
}

export function bigIntToWords(b: bigint): IPv6Words {
  return [
    Number((b >> 96n) & 0xffffffffn),
    Number((b >> 64n) & 0xffffffffn),
    Number((b >> 32n) & 0xffffffffn),
    Number(b & 0xffffffffn),
  ];
}

/** The address numbered `v` in a family (see addressToBigInt). */
export function addressFromBigInt(family: 4 | 6, v: bigint): Address {
  return family === 4 ? ipv4Address(Number(v)) : ipv6Address(bigIntToWords(v));
}

/** Canonical text of the address numbered `v` in a family. */
export function formatBigInt(family: 4 | 6, v: bigint): string {
  return family === 4 ? formatIPv4(Number(v)) : formatIPv6(bigIntToWords(v));
}

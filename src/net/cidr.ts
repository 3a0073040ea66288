// Prefixes (CIDR blocks): reading them, containment, their bounds, and the blocks that cover a range.
import {
  type Address,
  type AddressSyntax,
  addressToBigInt,
  formatBigInt,
  formatIPv4,
  type IPv6Words,
  ipv4Address,
  ipv6Address,
  parseAddress,
} from './address.ts';

/** A prefix: its network address (every bit after `length` is zero) and its length in bits. */
export interface Cidr {
  readonly address: Address;
  readonly length: number;
}

/** A 32-bit mask of `bits` leading ones (0 to 32; values outside are clamped). */
function mask32(bits: number): number {
  return bits <= 0 ? 0 : bits >= 32 ? 0xffffffff : ~(0xffffffff >>> bits) >>> 0;
}

/** `addr/length` as written (the address not masked), or a single address with its full length. */
function readPrefix(text: string, syntax: AddressSyntax): { address: Address; length: number } | null {
  const t = syntax.trim ? text.trim() : text;
  const slash = t.indexOf('/');
  const address = parseAddress(slash < 0 ? t : t.slice(0, slash), syntax);
  if (!address) return null;
  const bits = address.family === 4 ? 32 : 128;
  if (slash < 0) return { address, length: bits };
  const lengthText = t.slice(slash + 1);
  if (!/^\d{1,3}$/.test(lengthText)) return null;
  const length = Number(lengthText);
  return length > bits ? null : { address, length };
}

/**
 * `addr/length`, or a single address as its host prefix (/32, /128). The address part is read with
 * `syntax`; an IPv4-mapped address read as IPv4 takes an IPv4 length. The length is 1–3 decimal
 * digits. Bits after the length are cleared (192.0.2.77/24 is 192.0.2.0/24). Null if not a prefix.
 */
export function parseCidr(text: string, syntax: AddressSyntax): Cidr | null {
  const p = readPrefix(text, syntax);
  return p && cidrOf(p.address, p.length);
}

/**
 * `parseCidr`, and whether the text was aligned: no bit set after the length (`192.0.2.77/24` is not;
 * the returned prefix is masked all the same, 192.0.2.0/24). Input a person writes and log lines are
 * refused when not aligned (a typo there widens or moves the block silently); registry data is kept
 * masked with a reason. `address`: the address as written before the slash.
 */
export function parseCidrAligned(text: string, syntax: AddressSyntax): AlignedCidr | null {
  const p = readPrefix(text, syntax);
  return p && alignedCidr(p.address, p.length);
}

/** A prefix read from an address and a length: the block, whether no bit was set after the length. */
export interface AlignedCidr {
  /** The block (bits after the length cleared). */
  cidr: Cidr;
  aligned: boolean;
  /** The address as written. */
  address: Address;
}

/**
 * The prefix of `length` bits that holds `address`, and whether `address` is that prefix's network
 * address (an address and a length given apart, as a DHCPv6 lease or a delegated-statistics line gives them).
 */
export function alignedCidr(address: Address, length: number): AlignedCidr {
  const cidr = cidrOf(address, length);
  return { cidr, aligned: addressToBigInt(cidr.address) === addressToBigInt(address), address };
}

/** The prefix of `length` bits that holds `address`. */
export function cidrOf(address: Address, length: number): Cidr {
  return { address: maskAddress(address, length), length };
}

/** The address with every bit after `length` cleared (the same object when nothing is cleared). */
export function maskAddress(a: Address, length: number): Address {
  if (a.family === 4) {
    const v = (a.v4 & mask32(length)) >>> 0;
    return v === a.v4 ? a : ipv4Address(v);
  }
  const w = a.words;
  const m = (i: number): number => ((w[i] ?? 0) & mask32(length - 32 * i)) >>> 0;
  const masked: IPv6Words = [m(0), m(1), m(2), m(3)];
  return masked.every((x, i) => x === w[i]) ? a : ipv6Address(masked);
}

/** Network bytes (4 or 16) with every bit after `length` cleared; a new array. */
export function maskBytes(bytes: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const bits = length - i * 8;
    if (bits >= 8) out[i] = bytes[i] ?? 0;
    else if (bits > 0) out[i] = (bytes[i] ?? 0) & (0xff << (8 - bits)) & 0xff;
  }
  return out;
}

/** Whether the prefix holds the address (never across families). */
export function cidrContains(c: Cidr, a: Address): boolean {
  const n = c.address;
  if (n.family === 4) return a.family === 4 && ((a.v4 ^ n.v4) & mask32(c.length)) === 0;
  if (a.family !== 6) return false;
  for (let i = 0; i < 4; i++) {
    const m = mask32(c.length - 32 * i);
    if (m === 0) return true;
    if ((((a.words[i] ?? 0) ^ (n.words[i] ?? 0)) & m) !== 0) return false;
  }
  return true;
}

/** `network/length`, always with the length. */
export function formatCidr(c: Cidr): string {
  return `${c.address.text}/${c.length}`;
}

/** The first and last address of the prefix, as integers (see addressToBigInt). */
export function cidrBounds(c: Cidr): { start: bigint; end: bigint } {
  const start = addressToBigInt(c.address);
  const bits = c.address.family === 4 ? 32 : 128;
  return { start, end: start | ((1n << BigInt(bits - c.length)) - 1n) };
}

/**
 * The CIDR blocks that exactly cover [start, end] (inclusive, integers as from addressToBigInt),
 * largest first, at most `limit` of them; for display. Grows each block one bit at a time: the
 * plain statement of the rule, which the fast versions below are tested against.
 */
export function rangeToCidrs(start: bigint, end: bigint, bits: 32 | 128, limit = 8): string[] {
  const family = bits === 32 ? 4 : 6;
  const out: string[] = [];
  let s = start;
  while (s <= end && out.length < limit) {
    let size = 0;
    while (size < bits) {
      const block = 1n << BigInt(size + 1);
      if (s % block !== 0n || s + block - 1n > end) break;
      size++;
    }
    out.push(`${formatBigInt(family, s)}/${bits - size}`);
    s += 1n << BigInt(size);
  }
  return out;
}

/** rangeToCidrs for IPv4 with plain numbers (no BigInt), for answers built on the lookup path. */
export function ipv4RangeToCidrs(start: number, end: number, limit = 8): string[] {
  const out: string[] = [];
  let s = start;
  while (s <= end && out.length < limit) {
    // the largest block aligned at s (its trailing zero bits) that does not pass the end
    const tz = s === 0 ? 32 : 31 - Math.clz32(s & -s);
    const len = end - s + 1;
    const fit = len >= 2 ** 32 ? 32 : 31 - Math.clz32(len);
    const size = Math.min(tz, fit);
    out.push(`${formatIPv4(s)}/${32 - size}`);
    s += 2 ** size;
  }
  return out;
}

/** rangeToCidrs for IPv6 without testing one bit at a time. */
export function ipv6RangeToCidrs(start: bigint, end: bigint, limit = 8): string[] {
  const out: string[] = [];
  let s = start;
  while (s <= end && out.length < limit) {
    const tz = s === 0n ? 128 : (s & -s).toString(2).length - 1;
    const fit = (end - s + 1n).toString(2).length - 1;
    const size = Math.min(tz, fit);
    out.push(`${formatBigInt(6, s)}/${128 - size}`);
    s += 1n << BigInt(size);
  }
  return out;
}

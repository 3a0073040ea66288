// Address helpers. IPv4 addresses are handled as unsigned 32-bit integers; in storage they are
// shifted into the signed 32-bit range (see ipv4Key) so that they fit a 4-byte integer column.
import ipaddr from 'ipaddr.js';

export class AddressError extends Error {
  override name = 'AddressError';
}

/** Parse a dotted-quad IPv4 address into an unsigned 32-bit integer, or null if it is not one. */
export function tryParseIPv4(s: string): number | null {
  return tryParseIPv4At(s, 0, s.length);
}

/** tryParseIPv4(s.slice(from, to)) without the slice. */
export function tryParseIPv4At(s: string, from: number, to: number): number | null {
  // Hand-written: this runs once or twice per log record.
  let v = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  let lead0 = false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits === 0) lead0 = c === 48;
      else if (lead0) return null;
      octet = octet * 10 + (c - 48);
      if (++digits > 3 || octet > 255) return null;
    } else if (c === 46) {
      if (digits === 0 || ++dots > 3) return null;
      v = v * 256 + octet;
      octet = 0;
      digits = 0;
    } else return null;
  }
  if (digits === 0 || dots !== 3) return null;
  return v * 256 + octet;
}

export function parseIPv4(s: string): number {
  const v = tryParseIPv4(s);
  if (v === null) throw new AddressError(`not an IPv4 address: "${s}"`);
  return v;
}

export function formatIPv4(v: number): string {
  return `${Math.floor(v / 16777216) & 255}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

/** Storage key for an IPv4 address: shifted into the signed 32-bit range (4 bytes in SQLite, int4 in PostgreSQL). */
export function ipv4Key(v: number): number {
  return v - 2147483648;
}
export function ipv4FromKey(k: number): number {
  return k + 2147483648;
}

/** An address or prefix as network bytes (4 or 16) and a prefix length; bytes beyond the prefix are zero. */
export interface Prefix {
  bytes: Uint8Array;
  plen: number;
}

export function maskBytes(bytes: Uint8Array, plen: number): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const bits = plen - i * 8;
    if (bits >= 8) out[i] = bytes[i]!;
    else if (bits > 0) out[i] = bytes[i]! & (0xff << (8 - bits)) & 0xff;
    else out[i] = 0;
  }
  return out;
}

/** Parse an IPv4 or IPv6 address (no prefix) to bytes. IPv4-mapped IPv6 addresses become IPv4. */
export function parseAddress(s: string): Uint8Array {
  const t = s.trim();
  const v4 = tryParseIPv4(t);
  if (v4 !== null) return v4Bytes(v4);
  if (!t.includes(':') || !ipaddr.IPv6.isValid(t)) throw new AddressError(`not an IP address: "${s}"`);
  const a = ipaddr.IPv6.parse(t);
  if (a.isIPv4MappedAddress()) return Uint8Array.from(a.toIPv4Address().toByteArray());
  return Uint8Array.from(a.toByteArray());
}

/** Parse "addr" or "addr/len" into a masked prefix. A bare address is a host prefix (/32 or /128). */
export function parsePrefix(s: string): Prefix {
  const t = s.trim();
  const slash = t.indexOf('/');
  if (slash < 0) {
    const bytes = parseAddress(t);
    return { bytes, plen: bytes.length * 8 };
  }
  const bytes = parseAddress(t.slice(0, slash));
  const lenText = t.slice(slash + 1);
  const plen = Number(lenText);
  if (!/^\d{1,3}$/.test(lenText) || plen > bytes.length * 8) throw new AddressError(`bad prefix length in "${s}"`);
  return { bytes: maskBytes(bytes, plen), plen };
}

export function v4Bytes(v: number): Uint8Array {
  return Uint8Array.of(Math.floor(v / 16777216) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255);
}

export function bytesToV4(b: Uint8Array): number {
  return ((b[0]! << 24) >>> 0) + (b[1]! << 16) + (b[2]! << 8) + b[3]!;
}

export function formatAddress(b: Uint8Array): string {
  if (b.length === 4) return formatIPv4(bytesToV4(b));
  return ipaddr.fromByteArray(Array.from(b)).toString();
}

export function formatPrefix(p: Prefix): string {
  const full = p.bytes.length * 8;
  return p.plen === full ? formatAddress(p.bytes) : `${formatAddress(p.bytes)}/${p.plen}`;
}

/** Normalise a hardware address / client id / DUID to lower-case colon-separated hex. */
export function normaliseHardware(s: string): string {
  const t = s.trim().toLowerCase();
  const hex = t.replace(/[^0-9a-f]/g, '');
  if (/^[0-9a-f:.-]+$/.test(t) && hex.length >= 2 && hex.length % 2 === 0) return hex.match(/../g)!.join(':');
  return t;
}

// Link-layer addresses and DHCP client identifiers, as accounts are keyed by them.

/**
 * Normalise a hardware address / client id / DUID to lower-case colon-separated hex;
 * other text as given (trimmed, lower case).
 */
export function normaliseHardware(s: string): string {
  const t = s.trim().toLowerCase();
  const hex = t.replace(/[^0-9a-f]/g, '');
  if (/^[0-9a-f:.-]+$/.test(t) && hex.length >= 2 && hex.length % 2 === 0) return hex.match(/../g)?.join(':') ?? t;
  return t;
}

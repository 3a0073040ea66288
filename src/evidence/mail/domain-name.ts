import { isIP } from 'node:net';
import { domainToASCII, domainToUnicode } from 'node:url';

// Domain names as SPF and DMARC read them: lower case, without the root's trailing dot, internationalised
// labels in their A-label (xn--) form as DNS holds them, and the Unicode form beside it for people.

const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;
const NON_ASCII = /\P{ASCII}/u;

/** Each non-ASCII label in its A-label form (`例え` → `xn--r8jz45g`); '' for a label that has none. */
export function aLabels(name: string): string {
  return name
    .split('.')
    .map((l) => (NON_ASCII.test(l) ? domainToASCII(l) : l))
    .join('.');
}

/**
 * A name as DNS holds it (lower case, no trailing dot, A-labels), or null when it is not a domain name
 * that can publish a record: an address literal, a single label, an empty or over-long label.
 */
export function asciiDomain(text: string): string | null {
  const d = aLabels(text.trim().toLowerCase().replace(/\.$/, ''));
  const labels = d.split('.');
  return d.length <= 253 && labels.length >= 2 && labels.every((l) => LABEL.test(l)) ? d : null;
}

/** The Unicode form of a name with an A-label (`xn--r8jz45g.jp` → `例え.jp`); null when it has none. */
export function unicodeDomain(domain: string | null): string | null {
  if (domain === null || !domain.split('.').some((l) => l.startsWith('xn--'))) return null;
  const u = domainToUnicode(domain);
  return u === '' || u === domain ? null : u;
}

/** A name for people: the A-label form with its Unicode form beside it (`xn--r8jz45g.jp (例え.jp)`). */
export function shownDomain(domain: string): string {
  const u = unicodeDomain(domain);
  return u === null ? domain : `${domain} (${u})`;
}

/** An address literal (`[192.0.2.1]`, or a bare address): no domain, so no DNS record of its own. */
export function isAddressLiteral(domain: string): boolean {
  return domain.startsWith('[') || isIP(domain) !== 0;
}

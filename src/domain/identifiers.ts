import { parseAddress, STRICT_SYNTAX } from '../net/address.ts';
import type { Target } from './targets.ts';

/**
 * The matching form of what a request asks about (deconfliction between forces, docs/security.md):
 * each target gives at most one text, the same for every way of writing the same identifier, so that
 * two forces asking about it produce the same keyed hash. Wider than the signed form on purpose — a
 * pointer between two unit heads costs a phone call; a missed overlap costs duplicated work:
 *
 * - IP address: the address alone (RFC 5952; an IPv4-mapped IPv6 address as its IPv4 address), not the
 *   time or port — two forces asking about one address in the window should know of each other;
 * - account: the service and the id, NFKC, lower case, without a leading `@`;
 * - e-mail: the whole address, NFKC and lower case; phone: E.164; domain: the A-label;
 * - URL: host (A-label, lower case), port when not the default, path without a trailing `/` and
 *   query; not the scheme or fragment (http and https of one page are one page);
 * - terminal: none (a café booth means nothing across providers and periods).
 *
 * Pure; the texts never leave the process: only their keyed hash is stored (src/overlap/).
 */
export function matchingKey(t: Target): string | null {
  switch (t.type) {
    case 'ip': {
      const a = parseAddress(t.address, { ...STRICT_SYNTAX, mapped: 'ipv4' });
      return a === null ? null : `ip:${a.text}`;
    }
    case 'account': {
      const id = t.id.normalize('NFKC').trim().toLowerCase().replace(/^@/, '');
      const service = (t.service ?? '').normalize('NFKC').trim().toLowerCase();
      return id === '' ? null : `account:${service}:${id}`;
    }
    case 'email':
      return `email:${t.address.normalize('NFKC').toLowerCase()}`;
    case 'phone':
      return `phone:${t.number}`;
    case 'domain': {
      const host = asciiHost(t.name);
      return host === null ? null : `domain:${host}`;
    }
    case 'url':
      return urlKey(t.url);
    case 'terminal':
      return null;
  }
}

/** The distinct matching keys of a request's targets. */
export function matchingKeys(targets: readonly Target[]): string[] {
  return [...new Set(targets.map(matchingKey).filter((k): k is string => k !== null))];
}

/** The A-label form of a host name, lower case, without a trailing dot. */
function asciiHost(name: string): string | null {
  if (!URL.canParse(`http://${name}/`)) return null;
  const host = new URL(`http://${name}/`).hostname.replace(/\.$/, '');
  return host === '' ? null : host;
}

function urlKey(value: string): string | null {
  if (!URL.canParse(value)) return null;
  const u = new URL(value);
  const host = u.hostname.replace(/\.$/, '');
  if (host === '') return null;
  const port = u.port === '' ? '' : `:${u.port}`;
  const path = u.pathname.length > 1 ? u.pathname.replace(/\/+$/, '') : '';
  return `url:${host}${port}${path}${u.search}`;
}

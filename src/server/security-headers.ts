import type { Context } from 'hono';
import type { AppEnv } from './env.ts';

// The headers every answer of the hub carries — JSON, errors (413 included), downloads, the page and its
// assets — set once at the door, before anything else runs, so no route and no refusal can leave one out;
// and the same headers on what the server writes before the door (src/server/socket-answers.ts).

/**
 * The policy of whatever is not the page: nothing it could load, run, frame or post to (an API answer,
 * a download opened by mistake in a tab). The page replaces it with its own (src/server/static.ts).
 */
export const API_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Built files of the web (`/assets/…`) carry a hash of their content in their names: they hold no
 * personal data and may be kept. Everything else is not stored by any cache: requests, answers, names
 * of subscribers, the page showing them (a shared terminal's disk cache, back after signing out, a proxy).
 */
const CACHEABLE = /^\/assets\//;

/** The headers of every answer to a call on `path`, received over TLS by the hub itself or not. */
export function securityHeaders(path: string, tls: boolean): Record<string, string> {
  return {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Content-Security-Policy': API_CONTENT_SECURITY_POLICY,
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    ...(CACHEABLE.test(path) ? {} : { 'Cache-Control': 'no-store' }),
    // Served over TLS by the hub itself: browsers keep to https (behind a proxy, the proxy says so).
    ...(tls ? { 'Strict-Transport-Security': 'max-age=31536000' } : {}),
  };
}

/** The headers of every answer, before the handler runs (a route may replace one: the font, the page's CSP). */
export function setSecurityHeaders(c: Context<AppEnv>): void {
  for (const [name, value] of Object.entries(securityHeaders(c.req.path, c.req.url.startsWith('https:')))) {
    c.header(name, value);
  }
}

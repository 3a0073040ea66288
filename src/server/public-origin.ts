import type { Context } from 'hono';
import { loadConfig } from '../kernel/config.ts';
import type { AppEnv } from './env.ts';

/**
 * The origin a link the hub prints for someone outside it names (the hearing letter's reply link, mailed to
 * the subscriber): SHOKAI_PUBLIC_URL; without it, the host name passkeys are scoped to (people reach the hub
 * there, over https: WebAuthn needs a secure context). Only a hub on `localhost` (the demo, development)
 * names the origin of the request itself. Never the Host header of a hub reached by name: behind a reverse
 * proxy it is the proxy's upstream (http://127.0.0.1:8080), and any caller may send another.
 */
export function publicOriginOf(c: Context<AppEnv>): string {
  const config = loadConfig();
  if (config.publicUrl) return config.publicUrl;
  if (config.webauthnRpId !== 'localhost') return `https://${config.webauthnRpId}`;
  return new URL(c.req.url).origin;
}

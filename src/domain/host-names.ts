// Loopback hosts, as a URL writes them: the one rule the CLI, the browser and the agent's transport read
// them by. Pure (no Node, no DOM): the web imports it as `#shokai/host-names`.

/** The loopback addresses as a URL's `hostname` gives them (an IPv6 one in brackets). */
const LOOPBACK_ADDRESSES: readonly string[] = ['127.0.0.1', '[::1]'];

/** Whether a URL's hostname is a loopback address (not the name `localhost`). */
export function isLoopbackAddress(hostname: string): boolean {
  return LOOPBACK_ADDRESSES.includes(hostname);
}

/** Whether a URL's hostname is this machine: a loopback address (bracketed or not) or `localhost`. */
export function isLoopbackHost(hostname: string): boolean {
  return isLoopbackAddress(hostname) || hostname === '::1' || hostname === 'localhost';
}

/**
 * The same URL by host name where it names this machine by address: browsers refuse passkeys on an IP
 * address, and `localhost` is the name a demo's passkeys are bound to. Null for any other host.
 */
export function byLocalhostName(url: string): URL | null {
  const u = new URL(url);
  if (!isLoopbackAddress(u.hostname)) return null;
  u.hostname = 'localhost';
  return u;
}

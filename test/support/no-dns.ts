// For the tests that show an analysis answers from the records supplied alone: node's DNS lookups
// replaced by ones that note the name asked and fail, so that any query is seen.
import dns from 'node:dns';

export interface DnsRefused {
  /** The names looked up while refused: none, when nothing asked DNS. */
  readonly asked: string[];
  /** Puts the real lookups back. */
  restore(): void;
}

/** Replaces `dns.resolve` and `dns.promises.resolve` until `restore()`: each call is noted and throws. */
export function refuseDns(): DnsRefused {
  const saved = { resolve: dns.resolve, promises: dns.promises.resolve };
  const asked: string[] = [];
  const spy = ((name: string) => {
    asked.push(name);
    throw new Error('DNS queried');
  }) as unknown as typeof dns.resolve;
  dns.resolve = spy;
  dns.promises.resolve = spy as unknown as typeof dns.promises.resolve;
  return {
    asked,
    restore() {
      dns.resolve = saved.resolve;
      dns.promises.resolve = saved.promises;
    },
  };
}

// TLS for `shokai serve`: the hub's listener that providers' installations reach with its certificate
// pinned (docs/agent.md), with mutual TLS as an option.
import { readFileSync } from 'node:fs';
import type { ServerTls } from '../server/start.ts';
import { tr } from './language.ts';

export interface ServeOptions {
  demo?: boolean;
  tlsCert?: string;
  tlsKey?: string;
  tlsClientCa?: string;
  requireClientCert?: boolean;
}

/** TLS for `serve` (providers' installations pin the hub's certificate: docs/agent.md). */
export function serveTls(o: ServeOptions): ServerTls | undefined {
  if ((o.tlsCert === undefined) !== (o.tlsKey === undefined)) {
    throw new Error(tr('--tls-cert と --tls-key は両方指定してください', 'give both --tls-cert and --tls-key'));
  }
  if (!o.tlsCert || !o.tlsKey) return undefined;
  return {
    cert: readFileSync(o.tlsCert, 'utf8'),
    key: readFileSync(o.tlsKey, 'utf8'),
    ...(o.tlsClientCa ? { clientCa: readFileSync(o.tlsClientCa, 'utf8') } : {}),
    ...(o.requireClientCert ? { requireClientCert: true } : {}),
  };
}

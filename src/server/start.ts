import type { AddressInfo } from 'node:net';
import { keepDirectoryHead } from '../directory/transparency.ts';
import type { AppContext } from '../kernel/context.ts';
import { logger } from '../kernel/logger.ts';
import { inTransaction } from '../kernel/unit-of-work.ts';
import { formatHostPort } from '../net/address.ts';
import { createApp } from './app.ts';
import { createHubServer } from './socket-answers.ts';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * TLS for the hub (providers' installations pin its certificate): the key and certificate chain (PEM),
 * and, for mutual TLS, the CA whose client certificates are asked for (and required when `requireClientCert`).
 */
export interface ServerTls {
  key: string;
  cert: string;
  clientCa?: string;
  requireClientCert?: boolean;
}

/**
 * Starts the API (and UI) on host:port; port 0 picks a free port (tests). Before it listens the hub keeps
 * a signed head of its directory log when the log grew since the kept one (src/directory/transparency.ts),
 * so its first page checks records against a head that shows every key the log holds at start.
 */
export async function startServer(
  ctx: AppContext,
  options: { port: number; host: string; web?: boolean; trustedProxies?: readonly string[]; tls?: ServerTls },
): Promise<RunningServer> {
  const kept = await inTransaction(ctx, keepDirectoryHead);
  if (kept) logger.info('directory.head_kept', { size: kept.size, at: kept.at });
  const app = createApp(ctx, { web: options.web ?? true, trustedProxies: options.trustedProxies ?? [] });
  const tls = options.tls;
  return new Promise((resolve, reject) => {
    let server: ReturnType<typeof createHubServer> | undefined;
    try {
      const listen = (info: { port: number }) => {
        resolve({
          url: `${tls ? 'https' : 'http'}://${formatHostPort(options.host, info.port)}`,
          port: info.port,
          // Open event streams (live updates) would keep the server from closing: end them too.
          close: () =>
            new Promise<void>((res) => {
              if (!server) return res();
              server.close(() => res());
              if ('closeAllConnections' in server) server.closeAllConnections();
            }),
        });
      };
      server = createHubServer(app.fetch, {
        hostname: options.host,
        ...(tls
          ? {
              tls: {
                key: tls.key,
                cert: tls.cert,
                ...(tls.clientCa
                  ? { ca: tls.clientCa, requestCert: true, rejectUnauthorized: tls.requireClientCert ?? false }
                  : {}),
              },
            }
          : {}),
      });
      const listening = server;
      listening.listen(options.port, options.host, () => listen(listening.address() as AddressInfo));
      server.on('error', reject);
    } catch (err) {
      reject(err);
    }
  });
}

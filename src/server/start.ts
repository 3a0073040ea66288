import { type ServerType, serve } from '@hono/node-server';
import type { AppContext } from '../kernel/context.ts';
import { createApp } from './app.ts';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts the API (and UI) on host:port; port 0 picks a free port (tests). */
export async function startServer(
  ctx: AppContext,
  options: { port: number; host: string; web?: boolean; trustedProxies?: readonly string[] },
): Promise<RunningServer> {
  const app = createApp(ctx, { web: options.web ?? true, trustedProxies: options.trustedProxies ?? [] });
  return new Promise((resolve, reject) => {
    let server: ServerType | undefined;
    try {
      server = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, (info) => {
        const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${info.port}`;
        resolve({
          url,
          port: info.port,
          // Open event streams (live updates) would keep the server from closing: end them too.
          close: () =>
            new Promise<void>((res) => {
              if (!server) return res();
              server.close(() => res());
              if ('closeAllConnections' in server) server.closeAllConnections();
            }),
        });
      });
      server.on('error', reject);
    } catch (err) {
      reject(err);
    }
  });
}

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './env.ts';

export const WEB_DIST = join(import.meta.dirname, '..', '..', 'web', 'dist');

/** Serves the built web UI (web/dist) with an SPA fallback to index.html; API paths are never shadowed. */
export function serveWeb(app: OpenAPIHono<AppEnv>): void {
  const index = join(WEB_DIST, 'index.html');
  app.use('/assets/*', serveStatic({ root: WEB_DIST }));
  app.get('*', async (c, next) => {
    if (c.req.path.startsWith('/v1/') || c.req.path === '/openapi.json' || c.req.path === '/healthz') return next();
    if (!existsSync(index)) {
      return c.text(
        'The web interface is not built: run `npm run build:web` (npm start does it).\nウェブ画面がビルドされていません。',
        503,
      );
    }
    c.header(
      'Content-Security-Policy',
      "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
    );
    return c.html(readFileSync(index, 'utf8'));
  });
}

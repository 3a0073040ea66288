import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './env.ts';

export const WEB_DIST = join(import.meta.dirname, '..', '..', 'web', 'dist');

/**
 * The page's policy: scripts, styles, images and calls only from this origin — no inline script nor inline
 * style (the screens set a style only through the DOM, which the policy allows), no plugin object; no <base>
 * that could redirect relative URLs; forms submit only here; the page is never framed.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  "style-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Serves the built web UI (web/dist) with an SPA fallback to index.html; API paths are never shadowed.
 * Source maps (which hand out the whole web source) are served only in development
 * (NODE_ENV=development); the production build does not write them at all (web/vite.config.ts).
 */
export function serveWeb(app: OpenAPIHono<AppEnv>, options: { root?: string; development?: boolean } = {}): void {
  const root = options.root ?? WEB_DIST;
  const development = options.development ?? process.env.NODE_ENV === 'development';
  const index = join(root, 'index.html');
  if (!development) app.get('/assets/*', async (c, next) => (c.req.path.endsWith('.map') ? c.notFound() : next()));
  app.use('/assets/*', serveStatic({ root }));
  app.get('*', async (c, next) => {
    if (c.req.path.startsWith('/v1/') || c.req.path === '/openapi.json' || c.req.path === '/healthz') return next();
    if (!existsSync(index)) {
      return c.text(
        'The web interface is not built: run `npm run build:web` (npm start does it).\nウェブ画面がビルドされていません。',
        503,
      );
    }
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    return c.html(readFileSync(index, 'utf8'));
  });
}

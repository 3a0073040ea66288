// Builds the web interface (web/src) to web/dist, which the server serves at `/` with an SPA fallback.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig(({ mode }) => ({
  root,
  base: '/',
  // React's automatic JSX runtime without @vitejs/plugin-react (no fast refresh needed for a built app).
  oxc: { jsx: { runtime: 'automatic' } },
  // Source maps hand out the whole web source: only a development build writes them (vite build --mode development).
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: mode === 'development', chunkSizeWarningLimit: 800 },
  server: {
    proxy: {
      '/v1': 'http://127.0.0.1:8080',
      '/healthz': 'http://127.0.0.1:8080',
      '/openapi.json': 'http://127.0.0.1:8080',
    },
  },
}));

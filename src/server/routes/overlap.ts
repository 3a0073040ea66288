import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { listOverlapNotices, OverlapNotice } from '../../overlap/deconfliction.ts';
import { type AppEnv, call } from '../env.ts';
import { routes } from '../route.ts';

// Deconfliction between forces: a unit head's pointer notices (the other unit and its contact only).
export function registerOverlapRoutes(app: OpenAPIHono<AppEnv>): void {
  const route = routes(app, 'deconfliction');
  route(
    {
      method: 'get',
      path: '/v1/overlap-notices',
      summary: "The caller's unit's pointer notices: another force's open request names the same identifier",
      ok: z.object({ items: z.array(OverlapNotice) }),
    },
    async (c) => ({ items: await call(c, listOverlapNotices) }),
  );
}

import type { OpenAPIHono } from '@hono/zod-openapi';
import { listOverlapNotices, OverlapNotice } from '../../overlap/deconfliction.ts';
import { type AppEnv, call } from '../env.ts';
import { routes } from '../route.ts';

// Deconfliction between forces: a unit head's pointer notices (the other unit and its contact only).
export function registerOverlapRoutes(app: OpenAPIHono<AppEnv>): void {
  const route = routes(app, 'deconfliction');
  route.list(
    {
      method: 'get',
      path: '/v1/overlap-notices',
      summary: "The caller's unit's pointer notices: another force's open request names the same identifier",
      item: OverlapNotice,
    },
    (c) => call(c, listOverlapNotices),
  );
}

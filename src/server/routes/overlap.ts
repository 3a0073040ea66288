import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { listOverlapNotices, OverlapNotice } from '../../overlap/deconfliction.ts';
import { type AppEnv, call, errorResponses, json } from '../env.ts';

// Deconfliction between forces: a unit head's pointer notices (the other unit and its contact only).
export function registerOverlapRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/overlap-notices',
      tags: ['deconfliction'],
      summary: "The caller's unit's pointer notices: another force's open request names the same identifier",
      responses: { 200: json(z.object({ items: z.array(OverlapNotice) })), ...errorResponses },
    }),
    async (c) => c.json({ items: await call(c, listOverlapNotices) }, 200),
  );
}

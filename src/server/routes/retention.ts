import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { TargetSchema } from '../../domain/targets.ts';
import { readArchive } from '../../exchange/retention.ts';
import { type AppEnv, call, errorResponses, IdParam, json, purgedResponse } from '../env.ts';

// Retention: the requesting unit opens what was archived sealed of a closed request.
export function registerRetentionRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/requests/{id}/archive',
      tags: ['requests'],
      summary: "Open a closed request's sealed archive (the requesting unit; every opening is audited)",
      request: { params: IdParam },
      responses: {
        200: json(
          z
            .object({
              requestId: z.string(),
              archivedAt: z.string(),
              targets: z.array(TargetSchema),
              messages: z.array(z.object({ purpose: z.string(), body: z.string(), createdAt: z.string() })),
              links: z.array(TargetSchema),
              envelope: z.string().nullable(),
            })
            .meta({ id: 'RequestArchive' }),
        ),
        ...errorResponses,
        ...purgedResponse,
      },
    }),
    async (c) => c.json(await call(c, readArchive, c.req.valid('param').id), 200),
  );
}

import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { breakGlass, requestShares, shareRequest, unshareRequest } from '../../exchange/sharing.ts';
import { type AppEnv, call, errorResponses, IdParam, json } from '../env.ts';
import { jsonBody } from '../schemas.ts';

/** Need-to-know: who besides the issuing unit may read a request (shares, the auditor's break-glass). */
export function registerSharingRoutes(app: OpenAPIHono<AppEnv>): void {
  const Share = z
    .object({
      userId: z.string(),
      displayName: z.string(),
      login: z.string(),
      grantedBy: z.string(),
      grantedAt: z.string(),
    })
    .meta({ id: 'RequestShare' });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/requests/{id}/shares',
      tags: ['requests'],
      summary: 'Colleagues the issuing unit shared the request with (read only)',
      request: { params: IdParam },
      responses: { 200: json(z.object({ items: z.array(Share) })), ...errorResponses },
    }),
    async (c) => c.json({ items: await call(c, requestShares, c.req.valid('param').id) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/requests/{id}/shares',
      tags: ['requests'],
      summary: 'The issuing unit shares the request, read only, with a colleague of the same agency (need-to-know)',
      request: { params: IdParam, body: jsonBody('ShareRequest') },
      responses: { 200: json(z.object({ items: z.array(Share) })), ...errorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const input = await c.req.json<unknown>();
      return c.json({ items: await call(c, shareRequest, id, input) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/v1/requests/{id}/shares/{userId}',
      tags: ['requests'],
      summary: 'The issuing unit ends a share',
      request: {
        params: IdParam.extend({
          userId: z
            .string()
            .min(1)
            .max(200)
            .openapi({ param: { name: 'userId', in: 'path' } }),
        }),
      },
      responses: { 200: json(z.object({ items: z.array(Share) })), ...errorResponses },
    }),
    async (c) => {
      const { id, userId } = c.req.valid('param');
      return c.json({ items: await call(c, unshareRequest, id, userId) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/requests/{id}/break-glass',
      tags: ['audit'],
      summary: "An auditor records why the request's content is needed; it is readable for an hour (audited)",
      request: { params: IdParam, body: jsonBody('BreakGlass') },
      responses: { 200: json(z.object({ until: z.string() })), ...errorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const input = await c.req.json<unknown>();
      return c.json(await call(c, breakGlass, id, input), 200);
    },
  );
}

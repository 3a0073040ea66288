import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { breakGlass, requestShares, shareRequest, unshareRequest } from '../../exchange/sharing.ts';
import { type AppEnv, call, IdParam } from '../env.ts';
import { routes } from '../route.ts';

/** Need-to-know: who besides the issuing unit may read a request (shares, the auditor's break-glass). */
export function registerSharingRoutes(app: OpenAPIHono<AppEnv>): void {
  const route = routes(app, 'requests');
  const Share = z
    .object({
      userId: z.string(),
      displayName: z.string(),
      login: z.string(),
      grantedBy: z.string(),
      grantedAt: z.string(),
    })
    .meta({ id: 'RequestShare' });

  route(
    {
      method: 'get',
      path: '/v1/requests/{id}/shares',
      summary: 'Colleagues the issuing unit shared the request with (read only)',
      params: IdParam,
      ok: z.object({ items: z.array(Share) }),
    },
    async (c, { param }) => ({ items: await call(c, requestShares, param.id) }),
  );

  route(
    {
      method: 'post',
      path: '/v1/requests/{id}/shares',
      summary: 'The issuing unit shares the request, read only, with a colleague of the same agency (need-to-know)',
      params: IdParam,
      body: 'ShareRequest',
      ok: z.object({ items: z.array(Share) }),
    },
    async (c, { param, body }) => ({ items: await call(c, shareRequest, param.id, body) }),
  );

  route(
    {
      method: 'delete',
      path: '/v1/requests/{id}/shares/{userId}',
      summary: 'The issuing unit ends a share',
      params: IdParam.extend({
        userId: z
          .string()
          .min(1)
          .max(200)
          .openapi({ param: { name: 'userId', in: 'path' } }),
      }),
      ok: z.object({ items: z.array(Share) }),
    },
    async (c, { param }) => ({ items: await call(c, unshareRequest, param.id, param.userId) }),
  );

  route(
    {
      method: 'post',
      path: '/v1/requests/{id}/break-glass',
      tag: 'audit',
      summary: "An auditor records why the request's content is needed; it is readable for an hour (audited)",
      params: IdParam,
      body: 'BreakGlass',
      ok: z.object({ until: z.string() }),
    },
    (c, { param, body }) => call(c, breakGlass, param.id, body),
  );
}

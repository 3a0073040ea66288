import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { breakGlass, requestShares, shareCandidates, shareRequest, unshareRequest } from '../../exchange/sharing.ts';
import { type AppEnv, call, IdParam, param } from '../env.ts';
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

  route.list(
    {
      method: 'get',
      path: '/v1/requests/{id}/shares',
      summary: 'Colleagues the issuing unit shared the request with (read only)',
      params: IdParam,
      item: Share,
    },
    (c, { param }) => call(c, requestShares, param.id),
  );

  route.list(
    {
      method: 'get',
      path: '/v1/requests/{id}/share-candidates',
      summary:
        'Colleagues the issuing unit may share the request with: of another unit, working cases, ' +
        'active, not yet shared',
      params: IdParam,
      item: z
        .object({ userId: z.string(), displayName: z.string(), login: z.string(), unitId: z.string().nullable() })
        .meta({ id: 'ShareCandidate' }),
    },
    (c, { param }) => call(c, shareCandidates, param.id),
  );

  route.list(
    {
      method: 'post',
      path: '/v1/requests/{id}/shares',
      summary: 'The issuing unit shares the request, read only, with a colleague of the same agency (need-to-know)',
      params: IdParam,
      body: 'ShareRequest',
      item: Share,
    },
    (c, { param, body }) => call(c, shareRequest, param.id, body),
  );

  route.list(
    {
      method: 'delete',
      path: '/v1/requests/{id}/shares/{userId}',
      summary: 'The issuing unit ends a share',
      params: IdParam.extend({ userId: param('userId') }),
      item: Share,
    },
    (c, { param }) => call(c, unshareRequest, param.id, param.userId),
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

import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { createCase, listCases } from '../../cases/case-service.ts';
import { TargetSchema } from '../../domain/targets.ts';
import { LINK_SOURCES } from '../../domain/vocabulary.ts';
import { viewCase } from '../../exchange/case-view.ts';
import { type AppEnv, call, IdParam } from '../env.ts';
import { routes } from '../route.ts';
import { Case, RequestSummary } from '../schemas.ts';

export function registerCaseRoutes(app: OpenAPIHono<AppEnv>): void {
  const route = routes(app, 'cases');
  route.list(
    {
      method: 'get',
      path: '/v1/cases',
      summary: "The cases the caller sees: their unit's, and those holding a request shared with them",
      item: Case,
    },
    (c) => call(c, listCases),
  );

  route(
    {
      method: 'post',
      path: '/v1/cases',
      summary: 'Open a case',
      body: 'CreateCase',
      ok: Case,
      status: 201,
    },
    (c, { body }) => call(c, createCase, body),
  );

  route(
    {
      method: 'get',
      path: '/v1/cases/{id}',
      summary: 'A case, its requests with what each asks about, and the chain linking them',
      params: IdParam,
      ok: Case.extend({
        requests: z.array(RequestSummary.extend({ targets: z.array(TargetSchema) })),
        links: z.array(
          z.object({
            from: z.string().nullable(),
            to: z.string(),
            source: z.enum(LINK_SOURCES),
            identifier: TargetSchema,
            at: z.string(),
          }),
        ),
      }).meta({ id: 'CaseDetail' }),
    },
    (c, { param }) => call(c, viewCase, param.id),
  );
}

import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { createCase, getCase, listCases } from '../../cases/case-service.ts';
import { TargetSchema } from '../../domain/targets.ts';
import { LINK_SOURCES } from '../../domain/vocabulary.ts';
import { caseChain } from '../../exchange/reads.ts';
import { type AppEnv, call, errorResponses, IdParam, json } from '../env.ts';
import { Case, jsonBody, RequestSummary } from '../schemas.ts';

export function registerCaseRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/cases',
      tags: ['cases'],
      summary: "The caller's organisation's cases",
      responses: { 200: json(z.object({ items: z.array(Case) })), ...errorResponses },
    }),
    async (c) => c.json({ items: await call(c, listCases) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/cases',
      tags: ['cases'],
      summary: 'Open a case',
      request: { body: jsonBody('CreateCase') },
      responses: { 201: json(Case), ...errorResponses },
    }),
    async (c) => c.json(await call(c, createCase, await c.req.json<unknown>()), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/cases/{id}',
      tags: ['cases'],
      summary: 'A case, its requests with what each asks about, and the chain linking them',
      request: { params: IdParam },
      responses: {
        200: json(
          Case.extend({
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
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json(
        await call(c, async (uow, p) => {
          const cs = await getCase(uow, p, id);
          return { ...cs, ...(await caseChain(uow, p, cs.id)) };
        }),
        200,
      );
    },
  );
}

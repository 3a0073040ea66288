import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { TargetSchema } from '../../domain/targets.ts';
import { DATA_CATEGORIES, LINK_SOURCES, REQUEST_KINDS } from '../../domain/vocabulary.ts';
import { draftNextRequest, proposeNextRequest } from '../../exchange/next-request.ts';
import { detailAfterChange } from '../../exchange/reads.ts';
import { CaseTraceSchema, caseTrace } from '../../exchange/trace.ts';
import { type AppEnv, call, errorResponses, IdParam, json } from '../env.ts';
import { jsonBody, orNull, RequestDetail } from '../schemas.ts';

const Bilingual = z.object({ ja: z.string(), en: z.string() });

export const NextRequestProposalSchema = z
  .object({
    holder: z.object({
      kind: z.enum(['provider', 'foreign', 'unknown']),
      organisationId: z.string().nullable(),
      name: Bilingual.nullable(),
      country: z.string().nullable(),
    }),
    step: z.object({
      action: z.enum(['draft', 'mlat', 'none']),
      kind: z.enum(REQUEST_KINDS).nullable(),
      providerOrganisationId: z.string().nullable(),
      categories: z.array(z.enum(DATA_CATEGORIES)),
      targets: z.array(TargetSchema),
      warrantNeeded: z.boolean(),
      preservationFirst: z.object({ days: z.number(), reason: Bilingual }).nullable(),
      reasons: z.array(Bilingual),
    }),
    /** The content the draft will carry (without a warrant's court block), or null when none can be drafted. */
    content: z.record(z.string(), z.unknown()).nullable(),
    follows: z.object({ source: z.enum(LINK_SOURCES), requestId: z.string().nullable(), identifier: TargetSchema }),
  })
  .meta({ id: 'NextRequestProposal' });

export function registerTraceRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/cases/{id}/trace',
      tags: ['cases'],
      summary:
        "The case's trace: identifiers (post, account, address with port and instant, e-mail, subscriber, café terminal) and requests as a graph (audited)",
      request: { params: IdParam },
      responses: { 200: json(CaseTraceSchema), ...errorResponses },
    }),
    async (c) => c.json(await call(c, caseTrace, c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/cases/{id}/trace',
      tags: ['cases'],
      summary:
        "The case's trace with the access records the client read in its answers (answers stay sealed: the client supplies what it read; audited)",
      request: { params: IdParam, body: jsonBody('TraceRecords') },
      responses: { 200: json(CaseTraceSchema), ...errorResponses },
    }),
    async (c) => {
      const input = await c.req.json<unknown>();
      return c.json(await call(c, caseTrace, c.req.valid('param').id, input), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/cases/{id}/trace/proposals',
      tags: ['cases'],
      summary:
        'What the next request about an access record (or an e-mail origin) would be: holder, kind, targets, preservation (nothing is stored)',
      request: { params: IdParam, body: jsonBody('NextRequest') },
      responses: { 200: json(NextRequestProposalSchema), ...errorResponses },
    }),
    async (c) => {
      const input = await c.req.json<unknown>();
      return c.json(await call(c, proposeNextRequest, c.req.valid('param').id, input), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/cases/{id}/trace/drafts',
      tags: ['cases'],
      summary:
        'Draft the next request from an access record or an e-mail origin, linked to what it follows (sent only after the usual approval)',
      request: { params: IdParam, body: jsonBody('DraftNext') },
      responses: {
        201: json(
          z
            .object({
              proposal: NextRequestProposalSchema,
              request: RequestDetail,
              preservation: orNull(RequestDetail),
            })
            .meta({ id: 'NextRequestDraft' }),
          'Created',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const input = await c.req.json<unknown>();
      const id = c.req.valid('param').id;
      const out = await call(c, async (uow, p) => {
        const r = await draftNextRequest(uow, p, id, input);
        return {
          proposal: r.proposal,
          request: await detailAfterChange(uow, p, r.request),
          preservation: r.preservation ? await detailAfterChange(uow, p, r.preservation) : null,
        };
      });
      return c.json(out, 201);
    },
  );
}

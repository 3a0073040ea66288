import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { TargetSchema } from '../../domain/targets.ts';
import { DATA_CATEGORIES, LINK_SOURCES, REQUEST_KINDS } from '../../domain/vocabulary.ts';
import { draftNextRequest, proposeNextRequest } from '../../exchange/next-request.ts';
import { detailAfterChange } from '../../exchange/reads.ts';
import { CaseTraceSchema, caseTrace } from '../../exchange/trace.ts';
import { type AppEnv, call, IdParam, purgedResponse } from '../env.ts';
import { routes } from '../route.ts';
import { orNull, RequestDetail } from '../schemas.ts';

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
  const route = routes(app, 'cases');
  route(
    {
      method: 'get',
      path: '/v1/cases/{id}/trace',
      summary:
        "The case's trace: identifiers (post, account, address with port and instant, e-mail, subscriber, café " +
        'terminal) and requests as a graph (audited)',
      params: IdParam,
      ok: CaseTraceSchema,
    },
    (c, { param }) => call(c, caseTrace, param.id),
  );

  route(
    {
      method: 'post',
      path: '/v1/cases/{id}/trace',
      summary:
        "The case's trace with what the client read in the answers it opened — access records, and per answer " +
        "item its finding's verdict and whether it names a subscriber (answers stay sealed: only these make the " +
        'trace show a disclosed subscriber; audited)',
      params: IdParam,
      body: 'TraceRecords',
      ok: CaseTraceSchema,
    },
    (c, { param, body }) => call(c, caseTrace, param.id, body),
  );

  route(
    {
      method: 'post',
      path: '/v1/cases/{id}/trace/proposals',
      summary:
        'What the next request about an access record (or an e-mail origin) would be: holder, kind, targets, ' +
        'preservation (nothing is stored)',
      params: IdParam,
      body: 'NextRequest',
      ok: NextRequestProposalSchema,
      also: { ...purgedResponse },
    },
    (c, { param, body }) => call(c, proposeNextRequest, param.id, body),
  );

  route(
    {
      method: 'post',
      path: '/v1/cases/{id}/trace/drafts',
      summary:
        'Draft the next request from an access record or an e-mail origin, linked to what it follows (sent only ' +
        'after the usual approval)',
      params: IdParam,
      body: 'DraftNext',
      ok: z
        .object({
          proposal: NextRequestProposalSchema,
          request: RequestDetail,
          preservation: orNull(RequestDetail),
        })
        .meta({ id: 'NextRequestDraft' }),
      status: 201,
      description: 'Created',
      also: { ...purgedResponse },
    },
    async (c, { param, body }) => {
      const input = body;
      const id = param.id;
      const out = await call(c, async (uow, p) => {
        const r = await draftNextRequest(uow, p, id, input);
        return {
          proposal: r.proposal,
          request: await detailAfterChange(uow, p, r.request),
          preservation: r.preservation ? await detailAfterChange(uow, p, r.preservation) : null,
        };
      });
      return out;
    },
  );
}

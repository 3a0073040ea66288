import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { DEADLINE_STATUSES, MLAT_EVENTS, MLAT_HOPS, MLAT_TREATIES } from '../../domain/vocabulary.ts';
import { mlatTracking, recordMlatEvent } from '../../exchange/mlat-route.ts';
import { draftPaperwork } from '../../exchange/paperwork.ts';
import { BilingualSchema } from '../../exchange/read-models.ts';
import { detailAfterChange } from '../../exchange/reads.ts';
import { type AppEnv, call, IdParam } from '../env.ts';
import { routes } from '../route.ts';
import { RequestDetail } from '../schemas.ts';

// Outgoing mutual legal assistance (issue 15): the route through the central authority to the foreign
// authority, and the foreign reply, as the requesting unit records them.

const Event = z.enum(MLAT_EVENTS);
const Hop = z.enum(MLAT_HOPS);
const MlatTracking = z
  .object({
    requestId: z.string(),
    reference: z.string(),
    treaty: z.object({
      code: z.enum(MLAT_TREATIES).nullable(),
      label: BilingualSchema,
      inForce: z.string().nullable(),
    }),
    assistance: z.enum(['evidence', 'preservation']),
    route: z.array(
      z.object({
        hop: Hop,
        holder: BilingualSchema,
        approves: BilingualSchema,
        state: z.enum(['done', 'current', 'waiting', 'returned']),
      }),
    ),
    stage: z.enum(['domestic', 'ready', 'returned', 'sent', 'acknowledged', 'answered', 'refused']),
    events: z.array(
      z.object({
        seq: z.number(),
        event: Event,
        hop: Hop.nullable(),
        at: z.string(),
        official: z.string().nullable(),
        reference: z.string().nullable(),
        note: z.string().nullable(),
        recordedBy: z.string(),
        recordedAt: z.string(),
      }),
    ),
    reminder: z.object({ awaiting: Event, from: Hop, dueAt: z.string(), status: z.enum(DEADLINE_STATUSES) }).nullable(),
    next: z.array(z.object({ event: Event, hop: Hop.nullable() })),
  })
  .meta({ id: 'MlatTracking' });

export function registerMlatRoutes(app: OpenAPIHono<AppEnv>): void {
  const route = routes(app, 'requests');
  route(
    {
      method: 'get',
      path: '/v1/requests/{id}/mlat',
      summary:
        "An outgoing MLAT request's route (unit → central authority → [foreign ministry] → foreign authority), " +
        'what happened on it, and the reminder due',
      params: IdParam,
      ok: MlatTracking,
    },
    (c, { param }) => call(c, mlatTracking, param.id),
  );

  route(
    {
      method: 'post',
      path: '/v1/requests/{id}/mlat/events',
      summary:
        'The requesting unit records a step of the route (approved or returned by a central authority, sent, ' +
        'acknowledged, reminded, answered, refused), in order (audited)',
      params: IdParam,
      body: 'MlatEvent',
      ok: MlatTracking,
    },
    (c, { param, body }) => call(c, recordMlatEvent, param.id, body),
  );

  route(
    {
      method: 'post',
      path: '/v1/requests/{id}/paperwork',
      summary:
        'After an emergency answer: draft the ordinary inquiry that covers it (same case, provider and targets) ' +
        'for review, submission and approval',
      params: IdParam,
      ok: RequestDetail,
      status: 201,
      description: 'Created',
    },
    async (c, { param }) =>
      await call(c, async (uow, p) => detailAfterChange(uow, p, await draftPaperwork(uow, p, param.id))),
  );
}

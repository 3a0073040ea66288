import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { decideAfterHearing, hearingOfRequest, sendHearingLetter } from '../../hearing/hearing-service.ts';
import { recordHearingImpossible } from '../../hearing/impossible.ts';
import { replyThroughLink, viewHearingLink } from '../../hearing/reply-link.ts';
import { type AppEnv, call, errorResponses, IdParam, json, param, purgedResponse } from '../env.ts';
import { publicOriginOf } from '../public-origin.ts';
import { routes } from '../route.ts';
import { Hearing, HearingLink, jsonBody, SentHearing } from '../schemas.ts';

// The subscriber's hearing (意見照会): the provider's three calls, and the reply link's two (no sign-in).

const TokenParam = z.object({ token: param('token', 'path', { min: 10, max: 100 }) });

export function registerHearingRoutes(app: OpenAPIHono<AppEnv>): void {
  const route = routes(app, 'hearings');
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/requests/{id}/hearing',
      tags: ['hearings'],
      summary:
        'Send the hearing letter (意見照会書) with a reply link and a one-time code shown once; the subscriber has ' +
        'two weeks',
      request: { params: IdParam, body: jsonBody('SendHearing') },
      responses: { 201: json(SentHearing), ...errorResponses },
    }),
    async (c) => {
      const origin = publicOriginOf(c);
      const body = await c.req.json<unknown>();
      return c.json(await call(c, sendHearingLetter, c.req.valid('param').id, body, origin), 201);
    },
  );

  route(
    {
      method: 'get',
      path: '/v1/requests/{id}/hearing',
      summary: "The hearing of a request, with the subscriber's reply (the provider's; the read is audited)",
      params: IdParam,
      ok: Hearing,
      also: { ...purgedResponse },
    },
    (c, { param }) => call(c, hearingOfRequest, param.id),
  );

  route(
    {
      method: 'post',
      path: '/v1/requests/{id}/hearing/decision',
      summary: 'Decide after the reply, or after two weeks without one; withholding declines the request',
      params: IdParam,
      body: 'HearingDecision',
      ok: Hearing,
    },
    (c, { param, body }) => call(c, decideAfterHearing, param.id, body),
  );

  route(
    {
      method: 'post',
      path: '/v1/requests/{id}/hearing/impossible',
      summary:
        "Record that the subscriber's opinion cannot be asked (意見照会不能), with a listed reason and a note; the " +
        'decision may then proceed',
      params: IdParam,
      body: 'HearingImpossible',
      ok: Hearing,
    },
    (c, { param, body }) => call(c, recordHearingImpossible, param.id, body),
  );

  route(
    {
      method: 'get',
      path: '/v1/hearings/{token}',
      summary: 'The reply link (no sign-in): who asks and until when, nothing personal',
      params: TokenParam,
      ok: HearingLink,
    },
    async (c, { param }) => viewHearingLink(c.get('ctx'), param.token),
  );

  route(
    {
      method: 'post',
      path: '/v1/hearings/{token}/reply',
      summary:
        "The subscriber's reply through the link, with the letter's one-time code (five wrong codes lock it; " +
        'an address whose replies fail 40 times in 15 minutes is refused for the rest of them)',
      params: TokenParam,
      body: 'HearingReply',
      ok: z.object({ status: z.literal('replied') }),
    },
    async (c, { param, body }) => replyThroughLink(c.get('ctx'), param.token, body, c.get('client')),
  );
}

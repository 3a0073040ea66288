import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import {
  decideAfterHearing,
  hearingOfRequest,
  replyThroughLink,
  sendHearingLetter,
  viewHearingLink,
} from '../../hearing/hearing-service.ts';
import { type AppEnv, call, errorResponses, IdParam, json } from '../env.ts';
import { Hearing, HearingLink, jsonBody, SentHearing } from '../schemas.ts';

// The subscriber's hearing (意見照会): the provider's three calls, and the reply link's two (no sign-in).

const TokenParam = z.object({
  token: z
    .string()
    .min(10)
    .max(100)
    .openapi({ param: { name: 'token', in: 'path' } }),
});

export function registerHearingRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/requests/{id}/hearing',
      tags: ['hearings'],
      summary:
        'Send the hearing letter (意見照会書) with a reply link and a one-time code shown once; the subscriber has two weeks',
      request: { params: IdParam, body: jsonBody('SendHearing') },
      responses: { 201: json(SentHearing), ...errorResponses },
    }),
    async (c) => {
      const origin = new URL(c.req.url).origin;
      const body = await c.req.json<unknown>();
      return c.json(await call(c, sendHearingLetter, c.req.valid('param').id, body, origin), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/requests/{id}/hearing',
      tags: ['hearings'],
      summary: "The hearing of a request, with the subscriber's reply (the provider's; the read is audited)",
      request: { params: IdParam },
      responses: { 200: json(Hearing), ...errorResponses },
    }),
    async (c) => c.json(await call(c, hearingOfRequest, c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/requests/{id}/hearing/decision',
      tags: ['hearings'],
      summary: 'Decide after the reply, or after two weeks without one; withholding declines the request',
      request: { params: IdParam, body: jsonBody('HearingDecision') },
      responses: { 200: json(Hearing), ...errorResponses },
    }),
    async (c) => c.json(await call(c, decideAfterHearing, c.req.valid('param').id, await c.req.json<unknown>()), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/hearings/{token}',
      tags: ['hearings'],
      summary: 'The reply link (no sign-in): who asks and until when, nothing personal',
      request: { params: TokenParam },
      responses: { 200: json(HearingLink), ...errorResponses },
    }),
    async (c) => c.json(await viewHearingLink(c.get('ctx'), c.req.valid('param').token), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/hearings/{token}/reply',
      tags: ['hearings'],
      summary: "The subscriber's reply through the link, with the letter's one-time code (five wrong codes lock it)",
      request: { params: TokenParam, body: jsonBody('HearingReply') },
      responses: { 200: json(z.object({ status: z.literal('replied') })), ...errorResponses },
    }),
    async (c) =>
      c.json(await replyThroughLink(c.get('ctx'), c.req.valid('param').token, await c.req.json<unknown>()), 200),
  );
}

import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import {
  ApplicationListQuery,
  draftApplication,
  getApplication,
  listApplications,
  submitApplication,
  updateDraftApplication,
  withdrawApplication,
} from '../../court/applications.ts';
import { returnApplication, sendApplication, sendPreview } from '../../court/approval.ts';
import {
  applicationAttestationPreview,
  attestApplication,
  declineApplication,
  openRequestFromApplication,
} from '../../court/review.ts';
import { type AppEnv, call, errorResponses, IdParam, json } from '../env.ts';
import { jsonBody, SigningDigest, WarrantApplication, WarrantApplicationSummary } from '../schemas.ts';

// Warrant applications (令状請求): thin routes over src/court. The police draft, approve and send; the
// court's judges review, decline or attest with their own passkey; the police draft the request from
// the issued warrant.

export function registerWarrantApplicationRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/warrant-applications',
      tags: ['court'],
      summary: "The applying unit's warrant applications, or (for a judge) those sent to the court: the inbox",
      request: { query: ApplicationListQuery },
      responses: { 200: json(z.object({ items: z.array(WarrantApplicationSummary) })), ...errorResponses },
    }),
    async (c) => c.json({ items: await call(c, listApplications, c.req.valid('query')) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/warrant-applications',
      tags: ['court'],
      summary: 'An investigator drafts a warrant application to a court',
      request: { body: jsonBody('WarrantApplicationDraft') },
      responses: { 201: json(WarrantApplication), ...errorResponses },
    }),
    async (c) => c.json(await call(c, draftApplication, await c.req.json<unknown>()), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/warrant-applications/{id}',
      tags: ['court'],
      summary: 'One warrant application (the applying unit and the addressed court only; the read is audited)',
      request: { params: IdParam },
      responses: { 200: json(WarrantApplication), ...errorResponses },
    }),
    async (c) => c.json(await call(c, getApplication, c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/v1/warrant-applications/{id}',
      tags: ['court'],
      summary: 'Edit a draft warrant application',
      request: { params: IdParam, body: jsonBody('WarrantApplicationDraft') },
      responses: { 200: json(WarrantApplication), ...errorResponses },
    }),
    async (c) =>
      c.json(await call(c, updateDraftApplication, c.req.valid('param').id, await c.req.json<unknown>()), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/warrant-applications/{id}/submit',
      tags: ['court'],
      summary: 'Put the draft before the unit head for approval',
      request: { params: IdParam },
      responses: { 200: json(WarrantApplication), ...errorResponses },
    }),
    async (c) => c.json(await call(c, submitApplication, c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/warrant-applications/{id}/send-preview',
      tags: ['court'],
      summary: 'Exactly what the unit head sends to the court (canonical JSON) and the digest their passkey signs',
      request: { params: IdParam },
      responses: { 200: json(SigningDigest), ...errorResponses },
    }),
    async (c) => c.json(await call(c, sendPreview, c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/warrant-applications/{id}/send',
      tags: ['court'],
      summary: 'The unit head approves the application and sends it to the court, signed with their passkey',
      request: { params: IdParam, body: jsonBody('SendWarrantApplication') },
      responses: { 200: json(WarrantApplication), ...errorResponses },
    }),
    async (c) => c.json(await call(c, sendApplication, c.req.valid('param').id, await c.req.json<unknown>()), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/warrant-applications/{id}/return',
      tags: ['court'],
      summary: 'The unit head returns the application to the drafter with a note',
      request: { params: IdParam, body: jsonBody('ReturnWarrantApplication') },
      responses: { 200: json(WarrantApplication), ...errorResponses },
    }),
    async (c) => c.json(await call(c, returnApplication, c.req.valid('param').id, await c.req.json<unknown>()), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/warrant-applications/{id}/withdraw',
      tags: ['court'],
      summary: 'The applying unit withdraws its application before the court decides',
      request: { params: IdParam, body: jsonBody('WithdrawWarrantApplication') },
      responses: { 200: json(WarrantApplication), ...errorResponses },
    }),
    async (c) => c.json(await call(c, withdrawApplication, c.req.valid('param').id, await c.req.json<unknown>()), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/warrant-applications/{id}/decline',
      tags: ['court'],
      summary: 'A judge of the addressed court declines the application, with the reason',
      request: { params: IdParam, body: jsonBody('DeclineWarrantApplication') },
      responses: { 200: json(WarrantApplication), ...errorResponses },
    }),
    async (c) => c.json(await call(c, declineApplication, c.req.valid('param').id, await c.req.json<unknown>()), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/warrant-applications/{id}/attestation-preview',
      tags: ['court'],
      summary: "Exactly what the judge attests for this application and the digest the judge's passkey signs",
      request: { params: IdParam, body: jsonBody('AttestWarrantApplication') },
      responses: { 200: json(SigningDigest), ...errorResponses },
    }),
    async (c) =>
      c.json(await call(c, applicationAttestationPreview, c.req.valid('param').id, await c.req.json<unknown>()), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/warrant-applications/{id}/attest',
      tags: ['court'],
      summary: 'A judge issues the warrant: attests the application with their own passkey',
      request: { params: IdParam, body: jsonBody('AttestWarrantApplication') },
      responses: { 200: json(WarrantApplication), ...errorResponses },
    }),
    async (c) => c.json(await call(c, attestApplication, c.req.valid('param').id, await c.req.json<unknown>()), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/warrant-applications/{id}/request',
      tags: ['court'],
      summary:
        'Draft the warrant request from the issued warrant: court, number, attestation, targets and categories filled in',
      request: { params: IdParam, body: jsonBody('OpenWarrantRequest') },
      responses: { 201: json(WarrantApplication), ...errorResponses },
    }),
    async (c) =>
      c.json(await call(c, openRequestFromApplication, c.req.valid('param').id, await c.req.json<unknown>()), 201),
  );
}

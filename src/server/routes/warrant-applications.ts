import type { OpenAPIHono } from '@hono/zod-openapi';
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
import { type AppEnv, call, IdParam } from '../env.ts';
import { routes } from '../route.ts';
import { SigningDigest, WarrantApplication, WarrantApplicationSummary } from '../schemas.ts';

// Warrant applications (令状請求): thin routes over src/court. The police draft, approve and send; the
// court's judges review, decline or attest with their own passkey; the police draft the request from
// the issued warrant.

export function registerWarrantApplicationRoutes(app: OpenAPIHono<AppEnv>): void {
  const route = routes(app, 'court');
  route.list(
    {
      method: 'get',
      path: '/v1/warrant-applications',
      summary: "The applying unit's warrant applications, or (for a judge) those sent to the court: the inbox",
      query: ApplicationListQuery,
      item: WarrantApplicationSummary,
    },
    (c, { query }) => call(c, listApplications, query),
  );

  route(
    {
      method: 'post',
      path: '/v1/warrant-applications',
      summary:
        "An investigator drafts a warrant application to a court (from an answer's record: with what it follows)",
      body: 'NewWarrantApplication',
      ok: WarrantApplication,
      status: 201,
    },
    (c, { body }) => call(c, draftApplication, body),
  );

  route(
    {
      method: 'get',
      path: '/v1/warrant-applications/{id}',
      summary: 'One warrant application (the applying unit and the addressed court only; the read is audited)',
      params: IdParam,
      ok: WarrantApplication,
    },
    (c, { param }) => call(c, getApplication, param.id),
  );

  route(
    {
      method: 'put',
      path: '/v1/warrant-applications/{id}',
      summary: 'Edit a draft warrant application',
      params: IdParam,
      body: 'WarrantApplicationDraft',
      ok: WarrantApplication,
    },
    (c, { param, body }) => call(c, updateDraftApplication, param.id, body),
  );

  route(
    {
      method: 'post',
      path: '/v1/warrant-applications/{id}/submit',
      summary: 'Put the draft before the unit head for approval',
      params: IdParam,
      ok: WarrantApplication,
    },
    (c, { param }) => call(c, submitApplication, param.id),
  );

  route(
    {
      method: 'get',
      path: '/v1/warrant-applications/{id}/send-preview',
      summary: 'Exactly what the unit head sends to the court (canonical JSON) and the digest their passkey signs',
      params: IdParam,
      ok: SigningDigest,
    },
    (c, { param }) => call(c, sendPreview, param.id),
  );

  route(
    {
      method: 'post',
      path: '/v1/warrant-applications/{id}/send',
      summary: 'The unit head approves the application and sends it to the court, signed with their passkey',
      params: IdParam,
      body: 'SendWarrantApplication',
      ok: WarrantApplication,
    },
    (c, { param, body }) => call(c, sendApplication, param.id, body),
  );

  route(
    {
      method: 'post',
      path: '/v1/warrant-applications/{id}/return',
      summary: 'The unit head returns the application to the drafter with a note',
      params: IdParam,
      body: 'ReturnWarrantApplication',
      ok: WarrantApplication,
    },
    (c, { param, body }) => call(c, returnApplication, param.id, body),
  );

  route(
    {
      method: 'post',
      path: '/v1/warrant-applications/{id}/withdraw',
      summary: 'The applying unit withdraws its application before the court decides',
      params: IdParam,
      body: 'WithdrawWarrantApplication',
      ok: WarrantApplication,
    },
    (c, { param, body }) => call(c, withdrawApplication, param.id, body),
  );

  route(
    {
      method: 'post',
      path: '/v1/warrant-applications/{id}/decline',
      summary: 'A judge of the addressed court declines the application, with the reason',
      params: IdParam,
      body: 'DeclineWarrantApplication',
      ok: WarrantApplication,
    },
    (c, { param, body }) => call(c, declineApplication, param.id, body),
  );

  route(
    {
      method: 'post',
      path: '/v1/warrant-applications/{id}/attestation-preview',
      summary: "Exactly what the judge attests for this application and the digest the judge's passkey signs",
      params: IdParam,
      body: 'AttestWarrantApplication',
      ok: SigningDigest,
    },
    (c, { param, body }) => call(c, applicationAttestationPreview, param.id, body),
  );

  route(
    {
      method: 'post',
      path: '/v1/warrant-applications/{id}/attest',
      summary: 'A judge issues the warrant: attests the application with their own passkey',
      params: IdParam,
      body: 'AttestWarrantApplication',
      ok: WarrantApplication,
    },
    (c, { param, body }) => call(c, attestApplication, param.id, body),
  );

  route(
    {
      method: 'post',
      path: '/v1/warrant-applications/{id}/request',
      summary:
        'Draft the warrant request from the issued warrant: court, number, attestation, targets and categories ' +
        'filled in',
      params: IdParam,
      body: 'OpenWarrantRequest',
      ok: WarrantApplication,
      status: 201,
    },
    (c, { param, body }) => call(c, openRequestFromApplication, param.id, body),
  );
}

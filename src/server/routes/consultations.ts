import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import {
  adviseConsultation,
  ConsultationListQuery,
  consultationPlaybooks,
  getConsultation,
  listConsultations,
  recordConsultation,
} from '../../consultation/consultation-service.ts';
import { openCaseFromConsultation } from '../../consultation/open-case.ts';
import { ConsultationStatisticsQuery, consultationStatistics } from '../../consultation/statistics.ts';
import { type AppEnv, call, errorResponses, IdParam, json } from '../env.ts';
import {
  Consultation,
  ConsultationStatistics,
  ConsultationSummary,
  jsonBody,
  OpenedCase,
  Playbook,
} from '../schemas.ts';

// The consultation desk (生活相談窓口): thin routes over src/consultation.

export function registerConsultationRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/consultations',
      tags: ['consultations'],
      summary: "The caller's organisation's consultations, newest first (no personal data)",
      request: { query: ConsultationListQuery },
      responses: { 200: json(z.object({ items: z.array(ConsultationSummary) })), ...errorResponses },
    }),
    async (c) => c.json({ items: await call(c, listConsultations, c.req.valid('query')) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/consultations',
      tags: ['consultations'],
      summary: 'Record a consultation; its account is read for signs of a suicide notice or a threat',
      request: { body: jsonBody('RecordConsultation') },
      responses: { 201: json(Consultation), ...errorResponses },
    }),
    async (c) => c.json(await call(c, recordConsultation, await c.req.json<unknown>()), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/consultations/playbooks',
      tags: ['consultations'],
      summary: "The desk's playbook of each of the twelve categories, with its referrals",
      responses: { 200: json(z.object({ items: z.array(Playbook) })), ...errorResponses },
    }),
    async (c) => c.json({ items: await call(c, consultationPlaybooks) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/consultations/statistics',
      tags: ['consultations'],
      summary:
        'Counts of consultations by category, channel and month, with the urgent ones and those that became cases',
      request: { query: ConsultationStatisticsQuery },
      responses: { 200: json(ConsultationStatistics), ...errorResponses },
    }),
    async (c) => c.json(await call(c, consultationStatistics, c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/consultations/{id}',
      tags: ['consultations'],
      summary: 'One consultation with what the person said and the playbook (the read is audited)',
      request: { params: IdParam },
      responses: { 200: json(Consultation), ...errorResponses },
    }),
    async (c) => c.json(await call(c, getConsultation, c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/consultations/{id}/advice',
      tags: ['consultations'],
      summary: 'Close a consultation with the advice given and where the person was referred',
      request: { params: IdParam, body: jsonBody('AdviseConsultation') },
      responses: { 200: json(Consultation), ...errorResponses },
    }),
    async (c) => c.json(await call(c, adviseConsultation, c.req.valid('param').id, await c.req.json<unknown>()), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/consultations/{id}/case',
      tags: ['consultations'],
      summary:
        'Open a case from a consultation with its first step: an emergency request submitted, a board inquiry drafted, or the e-mail analysed',
      request: { params: IdParam, body: jsonBody('OpenCaseFromConsultation') },
      responses: { 201: json(OpenedCase), ...errorResponses },
    }),
    async (c) =>
      c.json(await call(c, openCaseFromConsultation, c.req.valid('param').id, await c.req.json<unknown>()), 201),
  );
}

import type { OpenAPIHono } from '@hono/zod-openapi';
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
import { type AppEnv, call, IdParam } from '../env.ts';
import { routes } from '../route.ts';
import { Consultation, ConsultationStatistics, ConsultationSummary, OpenedCase, Playbook } from '../schemas.ts';

// The consultation desk (生活相談窓口): thin routes over src/consultation.

export function registerConsultationRoutes(app: OpenAPIHono<AppEnv>): void {
  const route = routes(app, 'consultations');
  route.list(
    {
      method: 'get',
      path: '/v1/consultations',
      summary: "The caller's organisation's consultations, newest first (no personal data)",
      query: ConsultationListQuery,
      item: ConsultationSummary,
    },
    (c, { query }) => call(c, listConsultations, query),
  );

  route(
    {
      method: 'post',
      path: '/v1/consultations',
      summary: 'Record a consultation; its account is read for signs of a suicide notice or a threat',
      body: 'RecordConsultation',
      ok: Consultation,
      status: 201,
    },
    (c, { body }) => call(c, recordConsultation, body),
  );

  route.list(
    {
      method: 'get',
      path: '/v1/consultations/playbooks',
      summary: "The desk's playbook of each of the twelve categories, with its referrals",
      item: Playbook,
    },
    (c) => call(c, consultationPlaybooks),
  );

  route(
    {
      method: 'get',
      path: '/v1/consultations/statistics',
      summary:
        'Counts of consultations by category, channel and month, with the urgent ones and those that became cases',
      query: ConsultationStatisticsQuery,
      ok: ConsultationStatistics,
    },
    (c, { query }) => call(c, consultationStatistics, query),
  );

  route(
    {
      method: 'get',
      path: '/v1/consultations/{id}',
      summary: 'One consultation with what the person said and the playbook (the read is audited)',
      params: IdParam,
      ok: Consultation,
    },
    (c, { param }) => call(c, getConsultation, param.id),
  );

  route(
    {
      method: 'post',
      path: '/v1/consultations/{id}/advice',
      summary: 'Close a consultation with the advice given and where the person was referred',
      params: IdParam,
      body: 'AdviseConsultation',
      ok: Consultation,
    },
    (c, { param, body }) => call(c, adviseConsultation, param.id, body),
  );

  route(
    {
      method: 'post',
      path: '/v1/consultations/{id}/case',
      summary:
        'Open a case from a consultation with its first step: an emergency request submitted, a board inquiry ' +
        'drafted, or the e-mail analysed',
      params: IdParam,
      body: 'OpenCaseFromConsultation',
      ok: OpenedCase,
      status: 201,
    },
    (c, { param, body }) => call(c, openCaseFromConsultation, param.id, body),
  );
}

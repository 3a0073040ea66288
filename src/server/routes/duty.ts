import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import {
  designateDuty,
  listDutyDesignations,
  previewDutyDesignation,
  revokeDutyDesignationById,
} from '../../directory/duty.ts';
import { DutyDesignationSchema } from '../../domain/duty.ts';
import { DUTY_KINDS } from '../../domain/vocabulary.ts';
import { type AppEnv, call, errorResponses, json } from '../env.ts';
import { jsonBody } from '../schemas.ts';

// The duty approver (当直責任者, issue 15): a unit head designates, signs and revokes; the unit's
// members see who is on duty.

const Person = z.object({ id: z.string(), name: z.string() });
const DutyDesignationView = z
  .object({
    id: z.string(),
    unitId: z.string(),
    designee: Person,
    designatedBy: Person,
    validFrom: z.string(),
    validUntil: z.string(),
    kinds: z.array(z.enum(DUTY_KINDS)),
    reason: z.string(),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
    revokeReason: z.string().nullable(),
    status: z.enum(['active', 'upcoming', 'ended', 'revoked']),
  })
  .meta({ id: 'DutyDesignation' });
const DutyPreview = z
  .object({
    designation: DutyDesignationSchema,
    digest: z.string(),
    passkey: z.object({ credentialId: z.string(), rpId: z.string() }).nullable(),
  })
  .meta({ id: 'DutyDesignationPreview' });
const IdParam = z.object({ id: z.string().min(1).max(200) });

export function registerDutyRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/duty-designations',
      tags: ['directory'],
      summary: "The duty approvers (当直責任者) of the caller's unit, past, present and upcoming",
      responses: { 200: json(z.object({ items: z.array(DutyDesignationView) })), ...errorResponses },
    }),
    async (c) => c.json({ items: await call(c, listDutyDesignations) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/duty-designations/preview',
      tags: ['directory'],
      summary:
        'A unit head drafts a duty designation: exactly what they will sign and the digest their credential signs; nothing is stored',
      request: { body: jsonBody('DutyDesignationDraft') },
      responses: { 200: json(DutyPreview), ...errorResponses },
    }),
    async (c) => c.json(await call(c, previewDutyDesignation, await c.req.json<unknown>()), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/duty-designations',
      tags: ['directory'],
      summary:
        'A unit head signs a duty designation (own credential over the digest): the designee may approve the named kinds within the period (audited)',
      request: { body: jsonBody('DesignateDuty') },
      responses: { 201: json(DutyDesignationView), ...errorResponses },
    }),
    async (c) => c.json(await call(c, designateDuty, await c.req.json<unknown>()), 201),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/duty-designations/{id}/revoke',
      tags: ['directory'],
      summary: 'A unit head ends a duty designation early, with a reason (audited); acts signed before stay valid',
      request: { params: IdParam, body: jsonBody('RevokeDuty') },
      responses: { 200: json(DutyDesignationView), ...errorResponses },
    }),
    async (c) =>
      c.json(await call(c, revokeDutyDesignationById, c.req.valid('param').id, await c.req.json<unknown>()), 200),
  );
}

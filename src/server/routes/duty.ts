import { type OpenAPIHono, z } from '@hono/zod-openapi';
import {
  designateDuty,
  listDutyDesignations,
  previewDutyDesignation,
  revokeDutyDesignationById,
} from '../../directory/duty.ts';
import { DutyDesignationSchema } from '../../domain/duty.ts';
import { DUTY_KINDS } from '../../domain/vocabulary.ts';
import { type AppEnv, call, IdParam } from '../env.ts';
import { routes } from '../route.ts';
import { SigningPasskey } from '../schemas.ts';

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
    passkey: SigningPasskey,
  })
  .meta({ id: 'DutyDesignationPreview' });

export function registerDutyRoutes(app: OpenAPIHono<AppEnv>): void {
  const route = routes(app, 'directory');
  route.list(
    {
      method: 'get',
      path: '/v1/duty-designations',
      summary: "The duty approvers (当直責任者) of the caller's unit, past, present and upcoming",
      item: DutyDesignationView,
    },
    (c) => call(c, listDutyDesignations),
  );

  route(
    {
      method: 'post',
      path: '/v1/duty-designations/preview',
      summary:
        'A unit head drafts a duty designation: exactly what they will sign and the digest their credential ' +
        'signs; nothing is stored',
      body: 'DutyDesignationDraft',
      ok: DutyPreview,
    },
    (c, { body }) => call(c, previewDutyDesignation, body),
  );

  route(
    {
      method: 'post',
      path: '/v1/duty-designations',
      summary:
        'A unit head signs a duty designation (own credential over the digest): the designee may approve the ' +
        'named kinds within the period (audited)',
      body: 'DesignateDuty',
      ok: DutyDesignationView,
      status: 201,
    },
    (c, { body }) => call(c, designateDuty, body),
  );

  route(
    {
      method: 'post',
      path: '/v1/duty-designations/{id}/revoke',
      summary: 'A unit head ends a duty designation early, with a reason (audited); acts signed before stay valid',
      params: IdParam,
      body: 'RevokeDuty',
      ok: DutyDesignationView,
    },
    (c, { param, body }) => call(c, revokeDutyDesignationById, param.id, body),
  );
}

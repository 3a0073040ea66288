import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { requireRole } from '../../app/principal.ts';
import { verifyStoreAudit } from '../../audit/verify-store.ts';
import { AttestWarrantInput, attestWarrant } from '../../exchange/warrant-service.ts';
import { type AppEnv, body, errorResponses, json, principal } from '../env.ts';

const Bi = z.object({ ja: z.string(), en: z.string() });
export const AuditVerificationSchema = z
  .object({
    ok: z.boolean(),
    entries: z.number(),
    checkpoints: z.number(),
    headHash: z.string(),
    firstBad: z
      .object({
        seq: z.number(),
        problem: z.string(),
        expected: z.string().optional(),
        found: z.string().optional(),
        message: Bi,
      })
      .optional(),
  })
  .openapi('AuditVerification');

export function registerOversightRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/audit/verify',
      tags: ['audit'],
      summary: 'Verify the whole audit chain and its signed checkpoints',
      responses: { 200: json(AuditVerificationSchema), ...errorResponses },
    }),
    async (c) => {
      // The whole-log check belongs to the hub's oversight body (it reads every entry).
      requireRole(principal(c), ['auditor', 'admin'], ['oversight']);
      return c.json(await verifyStoreAudit(c.get('ctx').store), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/warrants/attest',
      tags: ['court'],
      summary: "A judge attests an electronic warrant with the court's key; the provider verifies it on receipt",
      request: { body: body(AttestWarrantInput) },
      responses: {
        200: json(z.object({ courtOrganisationId: z.string(), keyId: z.string(), signature: z.string() })),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await attestWarrant(c.get('ctx'), principal(c), await c.req.json<unknown>()), 200),
  );
}

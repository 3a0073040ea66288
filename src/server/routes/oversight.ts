import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { consistencyProof, currentTreeHead, verifyAudit } from '../../audit/audit-service.ts';
import { SignedTreeHeadSchema } from '../../crypto/tree-head.ts';
import { BilingualSchema } from '../../exchange/read-models.ts';
import { attestWarrant } from '../../exchange/warrants.ts';
import { type AppEnv, call, errorResponses, json, principal } from '../env.ts';
import { jsonBody } from '../schemas.ts';

export const AuditVerificationSchema = z
  .object({
    ok: z.boolean(),
    entries: z.number(),
    checkpoints: z.number(),
    headHash: z.string(),
    treeSize: z.number(),
    rootHash: z.string(),
    treeHeads: z.number(),
    trust: z.object({ source: z.enum(['pinned', 'database']), fingerprints: z.array(z.string()) }),
    firstBad: z
      .object({
        seq: z.number(),
        problem: z.string(),
        expected: z.string().optional(),
        found: z.string().optional(),
        message: BilingualSchema,
      })
      .optional(),
  })
  .meta({ id: 'AuditVerification' });

const PublishedTreeHead = z
  .object({
    treeHead: SignedTreeHeadSchema.meta({ id: 'SignedTreeHead' }),
    publicKey: z.string(),
    fingerprint: z.string(),
  })
  .meta({ id: 'PublishedTreeHead' });

const ConsistencyProof = PublishedTreeHead.extend({
  from: z.number(),
  proof: z.array(z.string()).nullable(),
}).meta({ id: 'AuditConsistencyProof' });

export function registerOversightRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/audit/head',
      tags: ['audit'],
      summary:
        "The audit log's latest signed tree head (size, root, time, signature) and the public key that verifies it; any signed-in party",
      responses: { 200: json(z.object({ head: z.union([PublishedTreeHead, z.null()]) })), ...errorResponses },
    }),
    async (c) => c.json({ head: await currentTreeHead(c.get('ctx'), principal(c)) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/audit/consistency',
      tags: ['audit'],
      summary:
        'RFC 9162 consistency proof from the log of `from` entries (a receipt) to the latest signed tree head; proof is null when the log is now shorter',
      request: { query: z.object({ from: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }) },
      responses: { 200: json(z.object({ consistency: z.union([ConsistencyProof, z.null()]) })), ...errorResponses },
    }),
    async (c) =>
      c.json({ consistency: await consistencyProof(c.get('ctx'), principal(c), c.req.valid('query').from) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/audit/verify',
      tags: ['audit'],
      summary: 'Verify the whole audit chain and its signed checkpoints (oversight body)',
      responses: { 200: json(AuditVerificationSchema), ...errorResponses },
    }),
    async (c) => c.json(await verifyAudit(c.get('ctx'), principal(c)), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/warrants/attest',
      tags: ['court'],
      summary: "A judge attests an electronic warrant with the court's key; the provider verifies it on receipt",
      request: { body: jsonBody('AttestWarrant') },
      responses: {
        200: json(z.object({ courtOrganisationId: z.string(), keyId: z.string(), signature: z.string() })),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await call(c, attestWarrant, await c.req.json<unknown>()), 200),
  );
}

import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { mlatPackage } from '../../exchange/mlat-package.ts';
import { type AppEnv, errorResponses, json, principal } from '../env.ts';

const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

export function registerPackageRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/requests/{id}/mlat-package',
      tags: ['requests'],
      summary:
        'The outgoing MLAT package: the signed request, the public keys that verify it offline, and a summary in English and Japanese',
      request: { params: IdParam },
      responses: {
        200: json(
          z.object({
            format: z.string(),
            createdAt: z.string(),
            envelope: z.record(z.string(), z.unknown()),
            digest: z.string(),
            signers: z.array(
              z.object({
                role: z.string(),
                keyId: z.string(),
                algorithm: z.string(),
                publicKey: z.string(),
                fingerprint: z.string(),
                validFrom: z.string(),
                validTo: z.string().nullable(),
                holder: z.string(),
              }),
            ),
            verification: z.string(),
            summary: z.object({ en: z.string(), ja: z.string() }),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const pkg = await mlatPackage(c.get('ctx'), principal(c), c.req.valid('param').id);
      c.header('Content-Disposition', `attachment; filename="${pkg.envelope.payload.reference}-mlat-package.json"`);
      return c.json({ ...pkg, envelope: pkg.envelope as unknown as Record<string, unknown> }, 200);
    },
  );
}

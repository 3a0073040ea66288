import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { registerCredential, registrationOptions } from '../../directory/credentials.ts';
import { exportDirectory, importDirectory, verifyAgainstPinned } from '../../directory/transparency.ts';
import { DirectoryExportSchema } from '../../domain/pinned-directory.ts';
import { BilingualSchema } from '../../exchange/read-models.ts';
import { attestationPreview } from '../../exchange/warrants.ts';
import { type AppEnv, call, errorResponses, json } from '../env.ts';
import { jsonBody, Key } from '../schemas.ts';

// Owner-held signing credentials (passkeys, security keys): the registration ceremony; the directory
// anyone can pin (key transparency): its export, pinning another hub's, verifying against it.

const CreationOptions = z
  .object({
    challenge: z.string(),
    rp: z.object({ id: z.string().optional(), name: z.string() }),
    user: z.object({ id: z.string(), name: z.string(), displayName: z.string() }),
    pubKeyCredParams: z.array(z.object({ alg: z.number(), type: z.literal('public-key') })),
  })
  .passthrough()
  .meta({ id: 'CredentialCreationOptions' });

export function registerCredentialRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/credentials/registration-options',
      tags: ['directory'],
      summary:
        'Start registering your own signing credential (passkey): options for navigator.credentials.create, user verification required',
      responses: { 200: json(CreationOptions), ...errorResponses },
    }),
    async (c) => c.json(await call(c, registrationOptions), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/credentials',
      tags: ['directory'],
      summary:
        'Finish the registration: the new credential public key becomes your signing key; the hub keeps no private part (audited)',
      request: { body: jsonBody('RegisterCredential') },
      responses: { 201: json(Key), ...errorResponses },
    }),
    async (c) => c.json(await call(c, registerCredential, await c.req.json<unknown>()), 201),
  );
}

const DirectoryExport = DirectoryExportSchema.meta({ id: 'DirectoryExport' });
const OfflineVerdict = z
  .object({
    ok: z.boolean(),
    reason: z.string().nullable(),
    message: BilingualSchema,
    detail: BilingualSchema.optional(),
  })
  .meta({ id: 'OfflineVerdict' });

export function registerTransparencyRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/warrants/attestation-preview',
      tags: ['court'],
      summary:
        'Exactly what a judge attests (canonical JSON) and the digest their own credential signs; nothing is stored',
      request: { body: jsonBody('AttestWarrant') },
      responses: {
        200: json(
          z
            .object({
              canonical: z.string(),
              digest: z.string(),
              passkey: z.object({ credentialId: z.string(), rpId: z.string() }).nullable(),
            })
            .meta({ id: 'AttestationPreview' }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await call(c, attestationPreview, await c.req.json<unknown>()), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/directory/export',
      tags: ['directory'],
      summary:
        "The hub's directory as an append-only log (organisations, units, keys and credentials, ends and revocations) with a head signed by the hub's audit key: for another installation to pin",
      responses: { 200: json(DirectoryExport), ...errorResponses },
    }),
    async (c) => c.json(await call(c, exportDirectory), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/directory/pin',
      tags: ['directory'],
      summary:
        "Pin another hub's directory (key managers): it must verify, and replace a pinned one only by appending to it (audited)",
      request: { body: jsonBody('PinDirectory') },
      responses: {
        200: json(z.object({ fingerprint: z.string(), size: z.number(), at: z.string(), replaced: z.boolean() })),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await call(c, importDirectory, await c.req.json<unknown>()), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/directory/verify',
      tags: ['directory'],
      summary: "Verify a hub's envelope against the pinned directory, offline; a refusal names its reason",
      request: { body: jsonBody('VerifyPinned') },
      responses: { 200: json(OfflineVerdict), ...errorResponses },
    }),
    async (c) => c.json(await call(c, verifyAgainstPinned, await c.req.json<unknown>()), 200),
  );
}

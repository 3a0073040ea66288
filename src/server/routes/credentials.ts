import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { registerCredential, registrationOptions } from '../../directory/credentials.ts';
import { type AppEnv, call, errorResponses, json } from '../env.ts';
import { jsonBody, Key } from '../schemas.ts';

// Owner-held signing credentials (passkeys, security keys): the registration ceremony.

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

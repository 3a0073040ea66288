import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { registerInstallationKey } from '../../directory/installation-keys.ts';
import { AttachmentRefSchema } from '../../domain/attachments.ts';
import { answerKeys } from '../../exchange/sealed-answers.ts';
import { type AppEnv, call, errorResponses, IdParam, json } from '../env.ts';
import { jsonBody, Key, RequestContent } from '../schemas.ts';

// Answers sealed on the provider's side (issue 11): the keys a provider's browser or installation
// seals to, and the registration of the provider's installation key.

const RecipientKey = z
  .object({ id: z.string(), publicKey: z.string(), algorithm: z.string(), fingerprint: z.string() })
  .meta({ id: 'AnswerRecipientKey' });

const AnswerKeys = z
  .object({
    request: z.object({ id: z.string(), reference: z.string(), providerOrganisationId: z.string() }),
    content: RequestContent,
    unitKey: RecipientKey,
    ownKey: RecipientKey,
    attachments: z.array(AttachmentRefSchema),
    signers: z.object({
      installationKey: z.object({ keyId: z.string(), fingerprint: z.string() }).nullable(),
      passkey: z.object({ keyId: z.string(), credentialId: z.string(), rpId: z.string() }).nullable(),
    }),
  })
  .meta({ id: 'AnswerKeys' });

export function registerProviderAnswerRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/requests/{id}/answer-keys',
      tags: ['requests'],
      summary:
        "What the provider's side seals an answer to: the requesting unit's current answer key, the provider's own record key, the files to name, the provider's own credentials",
      request: { params: IdParam },
      responses: { 200: json(AnswerKeys), ...errorResponses },
    }),
    async (c) => c.json(await call(c, answerKeys, c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/organisations/{id}/installation-keys',
      tags: ['admin'],
      summary:
        "Register the provider's installation key (generated on its own machine; proof of possession required). It becomes the provider's signing key, in the directory's transparency log; the hub's copy of any earlier key is destroyed",
      request: { params: IdParam, body: jsonBody('RegisterInstallationKey') },
      responses: { 201: json(Key), ...errorResponses },
    }),
    async (c) =>
      c.json(await call(c, registerInstallationKey, c.req.valid('param').id, await c.req.json<unknown>()), 201),
  );
}

import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { AttachmentRefSchema } from '../../domain/attachments.ts';
import { answerKeys } from '../../exchange/sealed-answers.ts';
import { type AppEnv, call, IdParam } from '../env.ts';
import { routes } from '../route.ts';
import { RequestContent } from '../schemas.ts';

// Answers sealed on the provider's side (issue 11): the keys a provider's browser or installation
// seals to (its installation key is registered in ./key-registrations.ts).

export const RecipientKey = z
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
  const route = routes(app, 'requests');
  route(
    {
      method: 'get',
      path: '/v1/requests/{id}/answer-keys',
      summary:
        "What the provider's side seals an answer to: the requesting unit's current answer key, the provider's " +
        "own record key, the files to name, the provider's own credentials",
      params: IdParam,
      ok: AnswerKeys,
    },
    (c, { param }) => call(c, answerKeys, param.id),
  );
}

import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { registerClient } from '../../auth/clients.ts';
import { registerInstallationKey } from '../../directory/installation-keys.ts';
import {
  confirmKeyRegistration,
  KeyRegistrationListQuery,
  KeyRegistrationSchema,
  listKeyRegistrations,
  refuseKeyRegistration,
} from '../../directory/key-registrations.ts';
import { type AppEnv, call, IdParam } from '../env.ts';
import { routes } from '../route.ts';

// What acts in a provider's name without a person's passkey — its installation key, its machine clients —
// registered by one administrator and confirmed by a second person of the organisation (the two-person rule).

const KeyRegistration = KeyRegistrationSchema.meta({ id: 'KeyRegistration' });

export function registerKeyRegistrationRoutes(app: OpenAPIHono<AppEnv>): void {
  const route = routes(app, 'admin');
  route(
    {
      method: 'post',
      path: '/v1/organisations/{id}/installation-keys',
      summary:
        "Register the provider's installation key (generated on its own machine; proof of possession required). " +
        "Once a second person of the organisation confirms it, it becomes the provider's signing key, in the " +
        "directory's transparency log, and the hub's copy of any earlier key is destroyed; until then the " +
        'current key signs. The key id is given now',
      params: IdParam,
      body: 'RegisterInstallationKey',
      ok: KeyRegistration,
      status: 201,
    },
    (c, { param, body }) => call(c, registerInstallationKey, param.id, body),
  );

  route(
    {
      method: 'post',
      path: '/v1/clients',
      summary:
        "Register a provider's own system as a machine client (it signs each API request with its Ed25519 key). " +
        'Its key opens the API once a second person of the organisation confirms the registration',
      body: 'RegisterClient',
      ok: z.object({
        clientId: z.string(),
        keyId: z.string(),
        fingerprint: z.string(),
        registration: KeyRegistration,
      }),
      status: 201,
    },
    (c, { body }) => call(c, registerClient, body),
  );

  route.list(
    {
      method: 'get',
      path: '/v1/organisations/{id}/key-registrations',
      summary:
        "The organisation's installation keys and machine clients awaiting a second person's confirmation " +
        '(or decided)',
      params: IdParam,
      query: KeyRegistrationListQuery,
      item: KeyRegistration,
    },
    (c, { param, query }) => call(c, listKeyRegistrations, param.id, query),
  );

  route(
    {
      method: 'post',
      path: '/v1/key-registrations/{id}/confirm',
      summary:
        'A second person (another administrator or the key officer, never the one who registered it) confirms ' +
        'the registration: the key enters the directory now',
      params: IdParam,
      ok: KeyRegistration,
    },
    (c, { param }) => call(c, confirmKeyRegistration, param.id),
  );

  route(
    {
      method: 'post',
      path: '/v1/key-registrations/{id}/refuse',
      summary: 'A second person refuses the registration, with the reason',
      params: IdParam,
      body: 'RefuseKeyRegistration',
      ok: KeyRegistration,
    },
    (c, { param, body }) => call(c, refuseKeyRegistration, param.id, body),
  );
}

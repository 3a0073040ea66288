import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { registerClient } from '../../auth/clients.ts';
import { listKeys, revokeKey, rotateKey } from '../../directory/keys.ts';
import { declareNetworks } from '../../directory/networks.ts';
import {
  createOrganisation,
  createUnit,
  listOrganisations,
  organisationDetail,
} from '../../directory/organisations.ts';
import { publishPolicy, readPolicy } from '../../directory/policies.ts';
import { countersignGrant, listGrants, refuseGrant } from '../../directory/role-grants.ts';
import { createUser, disableUser, listUsers } from '../../directory/users.ts';
import { ORGANISATION_KINDS, ROLE_GRANT_STATES, ROLES } from '../../domain/vocabulary.ts';
import { checkPolicyAndAddressees } from '../../evidence/whom/addressee.ts';
import { type AppEnv, call, errorResponses, IdParam, json, principal } from '../env.ts';
import {
  jsonBody,
  Key,
  Networks,
  Organisation,
  orNull,
  PolicyCheck,
  ProviderPolicy,
  PublishedPolicy,
  RoleGrant,
  Unit,
  User,
} from '../schemas.ts';

const OrganisationDetail = Organisation.extend({
  units: z.array(Unit),
  policy: orNull(PublishedPolicy),
  networks: orNull(Networks),
}).meta({ id: 'OrganisationDetail' });

export function registerDirectoryRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/organisations',
      tags: ['directory'],
      summary: 'The directory of organisations',
      request: { query: z.object({ kind: z.enum(ORGANISATION_KINDS).optional() }) },
      responses: { 200: json(z.object({ items: z.array(Organisation) })), ...errorResponses },
    }),
    async (c) => {
      principal(c);
      return c.json({ items: await call(c, (uow) => listOrganisations(uow, c.req.valid('query').kind)) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/organisations/{id}',
      tags: ['directory'],
      summary: 'An organisation with its units, and for providers its policy and declared networks',
      request: { params: IdParam },
      responses: { 200: json(OrganisationDetail), ...errorResponses },
    }),
    async (c) => c.json(await call(c, (uow) => organisationDetail(uow, c.req.valid('param').id)), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/organisations',
      tags: ['admin'],
      summary: 'Register an organisation (hub administrators of the oversight body)',
      request: { body: jsonBody('CreateOrganisation') },
      responses: { 201: json(Organisation), ...errorResponses },
    }),
    async (c) => c.json(await call(c, createOrganisation, await c.req.json<unknown>()), 201),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/organisations/{id}/units',
      tags: ['admin'],
      summary: 'Create a unit (with its signing and encryption keys)',
      request: { params: IdParam, body: jsonBody('CreateUnit') },
      responses: { 201: json(Unit), ...errorResponses },
    }),
    async (c) => c.json(await call(c, createUnit, c.req.valid('param').id, await c.req.json<unknown>()), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/users',
      tags: ['admin'],
      summary: "Users of the caller's organisation",
      responses: { 200: json(z.object({ items: z.array(User) })), ...errorResponses },
    }),
    async (c) => c.json({ items: await call(c, listUsers) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/users',
      tags: ['admin'],
      summary: 'Create a user; the TOTP secret is returned once',
      request: { body: jsonBody('CreateUser') },
      responses: {
        201: json(
          z.object({
            user: User,
            totpSecret: z.string(),
            otpauthUri: z.string(),
            grants: z.array(z.object({ id: z.string(), role: z.enum(ROLES), state: z.enum(ROLE_GRANT_STATES) })),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const r = await call(c, createUser, await c.req.json<unknown>());
      const otpauthUri = `otpauth://totp/shokai:${encodeURIComponent(r.user.login)}?secret=${r.totpSecret}&issuer=shokai&algorithm=SHA1&digits=6&period=30`;
      return c.json({ ...r, otpauthUri }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/users/{id}/disable',
      tags: ['admin'],
      summary: 'Disable a user and end their sessions',
      request: { params: IdParam },
      responses: { 200: json(User), ...errorResponses },
    }),
    async (c) => c.json(await call(c, disableUser, c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/organisations/{id}/role-grants',
      tags: ['admin'],
      summary:
        'Grants of privileged roles (unit head, judge, administrator, key officer) and whether a second person countersigned them',
      request: { params: IdParam, query: z.object({ state: z.enum(ROLE_GRANT_STATES).optional() }) },
      responses: { 200: json(z.object({ items: z.array(RoleGrant) })), ...errorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { state } = c.req.valid('query');
      return c.json({ items: await call(c, listGrants, id, state ? { state } : {}) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/role-grants/{id}/countersign',
      tags: ['admin'],
      summary: 'A second administrator or the key officer countersigns a grant: the role takes effect now',
      request: { params: IdParam },
      responses: { 200: json(RoleGrant), ...errorResponses },
    }),
    async (c) => c.json(await call(c, countersignGrant, c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/role-grants/{id}/refuse',
      tags: ['admin'],
      summary: 'A second administrator or the key officer refuses a grant, with a reason',
      request: { params: IdParam, body: jsonBody('RefuseGrant') },
      responses: { 200: json(RoleGrant), ...errorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const input = await c.req.json<unknown>();
      return c.json(await call(c, refuseGrant, id, input), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/keys',
      tags: ['directory'],
      summary: 'Public keys of an organisation (never private parts)',
      request: { query: z.object({ organisationId: z.string().optional() }) },
      responses: { 200: json(z.object({ items: z.array(Key) })), ...errorResponses },
    }),
    async (c) => {
      const orgId = c.req.valid('query').organisationId ?? principal(c).organisationId;
      return c.json({ items: await call(c, (uow) => listKeys(uow, orgId)) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/keys',
      tags: ['admin'],
      summary: 'Create or rotate a key of a unit, user or the organisation (the previous one ends now)',
      request: {
        body: jsonBody('RotateKey'),
      },
      responses: { 201: json(Key), ...errorResponses },
    }),
    async (c) => c.json(await call(c, rotateKey, await c.req.json<unknown>()), 201),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/keys/{id}/revoke',
      tags: ['admin'],
      summary: "Revoke a key ('compromised' voids every signature it made)",
      request: {
        params: IdParam,
        body: jsonBody('RevokeKey'),
      },
      responses: { 200: json(Key), ...errorResponses },
    }),
    async (c) => c.json(await call(c, revokeKey, c.req.valid('param').id, await c.req.json<unknown>()), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/clients',
      tags: ['admin'],
      summary: "Register a provider's own system as a machine client (it signs each API request with its Ed25519 key)",
      request: { body: jsonBody('RegisterClient') },
      responses: {
        201: json(z.object({ clientId: z.string(), keyId: z.string(), fingerprint: z.string() })),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await call(c, registerClient, await c.req.json<unknown>()), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/providers/{id}/policy',
      tags: ['directory'],
      summary: "A provider's published policy (the default matrix when it has published none)",
      request: { params: IdParam },
      responses: { 200: json(PublishedPolicy), ...errorResponses },
    }),
    async (c) => c.json(await call(c, (uow) => readPolicy(uow, c.req.valid('param').id)), 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/v1/providers/{id}/policy',
      tags: ['admin'],
      summary: 'Publish a new version of the policy (stricter than the legal matrix, never looser)',
      request: { params: IdParam, body: jsonBody('PublishPolicy') },
      responses: { 200: json(z.object({ version: z.number(), policy: ProviderPolicy })), ...errorResponses },
    }),
    async (c) => c.json(await call(c, publishPolicy, c.req.valid('param').id, await c.req.json<unknown>()), 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/v1/providers/{id}/networks',
      tags: ['admin'],
      summary: 'Declare the address ranges, ASNs and domains the provider serves',
      request: { params: IdParam, body: jsonBody('DeclareNetworks') },
      responses: { 200: json(Networks), ...errorResponses },
    }),
    async (c) => c.json(await call(c, declareNetworks, c.req.valid('param').id, await c.req.json<unknown>()), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/policy-check',
      tags: ['requests'],
      summary: 'Would this provider accept this kind of request for these categories? (runs as the investigator types)',
      request: { body: jsonBody('PolicyCheckRequest') },
      responses: { 200: json(PolicyCheck), ...errorResponses },
    }),
    async (c) => {
      const input = await c.req.json<unknown>();
      return c.json(await call(c, (uow) => checkPolicyAndAddressees(uow, input)), 200);
    },
  );
}

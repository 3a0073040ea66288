import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { actorOf, requireRole, requireSameOrganisation } from '../../app/principal.ts';
import { RegisterClientInput, registerClient } from '../../auth/auth-service.ts';
import {
  CreateOrganisationInput,
  CreateUnitInput,
  CreateUserInput,
  createOrganisation,
  createUnit,
  createUser,
  currentPolicy,
  declareNetworks,
  disableUser,
  getOrganisation,
  listOrganisations,
  listUnits,
  listUsers,
  NetworksInput,
  publishPolicy,
  revokeKeyAs,
  rotateKey,
} from '../../directory/directory-service.ts';
import { toPublicKey } from '../../directory/keys.ts';
import { listProviderNetworks } from '../../directory/provider-networks.ts';
import { DomainError } from '../../domain/errors.ts';
import { checkRequestAgainstPolicy, ProviderPolicySchema } from '../../domain/policy.ts';
import { DATA_CATEGORIES, ORGANISATION_KINDS, REQUEST_KINDS } from '../../domain/vocabulary.ts';
import { type AppEnv, body, errorResponses, json, principal } from '../env.ts';
import { OrgSchema, UnitSchema, UserSchema } from './auth.ts';

const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'id', in: 'path' } }),
});
const KeySchema = z
  .object({
    id: z.string(),
    organisationId: z.string().nullable(),
    ownerType: z.string(),
    ownerId: z.string(),
    purpose: z.string(),
    algorithm: z.string(),
    publicKey: z.string(),
    fingerprint: z.string(),
    validFrom: z.string(),
    validTo: z.string().nullable(),
    revokedAt: z.string().nullable(),
    revocationReason: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Key');
const Bi = z.object({ ja: z.string(), en: z.string() });
const PolicyCheckSchema = z
  .object({
    ok: z.boolean(),
    refusals: z.array(z.object({ category: z.string(), code: z.string(), message: Bi })),
    notices: z.array(z.object({ category: z.string(), code: z.string(), message: Bi })),
  })
  .openapi('PolicyCheck');
const PolicyBody = z.record(z.string(), z.unknown()).openapi('ProviderPolicy', {
  description:
    'see docs/lifecycle.md: version, isTelecomCarrier, categories{subscriber,access_log,traffic,content}, deadlines',
});

export function registerDirectoryRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/organisations',
      tags: ['directory'],
      summary: 'The directory of organisations',
      request: { query: z.object({ kind: z.enum(ORGANISATION_KINDS).optional() }) },
      responses: { 200: json(z.object({ items: z.array(OrgSchema) })), ...errorResponses },
    }),
    async (c) => {
      principal(c);
      return c.json({ items: await listOrganisations(c.get('ctx').store.db, c.req.valid('query').kind) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/organisations/{id}',
      tags: ['directory'],
      summary: 'An organisation with its units, and for providers its policy and declared networks',
      request: { params: IdParam },
      responses: {
        200: json(
          OrgSchema.extend({
            units: z.array(UnitSchema),
            policy: z
              .object({
                version: z.number(),
                publishedAt: z.string().nullable(),
                policy: z.record(z.string(), z.unknown()),
              })
              .nullable(),
            networks: z
              .object({ cidrs: z.array(z.string()), asns: z.array(z.number()), domains: z.array(z.string()) })
              .nullable(),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      principal(c);
      const db = c.get('ctx').store.db;
      const org = await getOrganisation(db, c.req.valid('param').id);
      const units = await listUnits(db, org.id);
      if (org.kind !== 'provider') return c.json({ ...org, units, policy: null, networks: null }, 200);
      const pol = await currentPolicy(db, org);
      const [nets] = await listProviderNetworks(db, org.id);
      return c.json(
        {
          ...org,
          units,
          policy: {
            version: pol.version,
            publishedAt: pol.publishedAt,
            policy: pol.policy as unknown as Record<string, unknown>,
          },
          networks: { cidrs: nets?.cidrs ?? [], asns: nets?.asns ?? [], domains: nets?.domains ?? [] },
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/organisations',
      tags: ['admin'],
      summary: 'Register an organisation (hub administrators of the oversight body)',
      request: { body: body(CreateOrganisationInput) },
      responses: { 201: json(OrgSchema), ...errorResponses },
    }),
    async (c) => {
      const p = principal(c);
      requireRole(p, ['admin'], ['oversight']);
      return c.json(await createOrganisation(c.get('ctx'), actorOf(p), c.req.valid('json')), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/organisations/{id}/units',
      tags: ['admin'],
      summary: 'Create a unit (with its signing and encryption keys)',
      request: { params: IdParam, body: body(CreateUnitInput) },
      responses: { 201: json(UnitSchema), ...errorResponses },
    }),
    async (c) => {
      const p = principal(c);
      const id = c.req.valid('param').id;
      requireRole(p, ['admin']);
      requireSameOrganisation(p, id);
      return c.json(await createUnit(c.get('ctx'), actorOf(p), id, c.req.valid('json')), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/users',
      tags: ['admin'],
      summary: "Users of the caller's organisation",
      responses: { 200: json(z.object({ items: z.array(UserSchema) })), ...errorResponses },
    }),
    async (c) => {
      const p = principal(c);
      requireRole(p, ['admin', 'unit_head', 'auditor']);
      return c.json({ items: await listUsers(c.get('ctx').store.db, p.organisationId) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/users',
      tags: ['admin'],
      summary: 'Create a user; the TOTP secret is returned once',
      request: { body: body(CreateUserInput) },
      responses: {
        201: json(z.object({ user: UserSchema, totpSecret: z.string(), otpauthUri: z.string() })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const p = principal(c);
      const input = c.req.valid('json');
      requireRole(p, ['admin']);
      requireSameOrganisation(p, input.organisationId);
      const r = await createUser(c.get('ctx'), actorOf(p), input);
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
      responses: { 200: json(UserSchema), ...errorResponses },
    }),
    async (c) => c.json(await disableUser(c.get('ctx'), principal(c), c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/keys',
      tags: ['directory'],
      summary: 'Public keys of an organisation (never private parts)',
      request: { query: z.object({ organisationId: z.string().optional() }) },
      responses: { 200: json(z.object({ items: z.array(KeySchema) })), ...errorResponses },
    }),
    async (c) => {
      const p = principal(c);
      const orgId = c.req.valid('query').organisationId ?? p.organisationId;
      const rows = await c
        .get('ctx')
        .store.db.selectFrom('keys')
        .selectAll()
        .where('organisation_id', '=', orgId)
        .orderBy('created_at', 'desc')
        .execute();
      return c.json({ items: rows.map(toPublicKey) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/keys',
      tags: ['admin'],
      summary: 'Create or rotate a key of a unit, user or the organisation (the previous one ends now)',
      request: {
        body: body(
          z.strictObject({
            ownerType: z.enum(['unit', 'user', 'organisation']),
            ownerId: z.string().min(1),
            purpose: z.enum(['signing', 'encryption']),
          }),
        ),
      },
      responses: { 201: json(KeySchema), ...errorResponses },
    }),
    async (c) => c.json(await rotateKey(c.get('ctx'), principal(c), c.req.valid('json')), 201),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/keys/{id}/revoke',
      tags: ['admin'],
      summary: "Revoke a key ('compromised' voids every signature it made)",
      request: {
        params: IdParam,
        body: body(z.strictObject({ reason: z.enum(['superseded', 'compromised', 'retired', 'other']) })),
      },
      responses: { 200: json(KeySchema), ...errorResponses },
    }),
    async (c) =>
      c.json(await revokeKeyAs(c.get('ctx'), principal(c), c.req.valid('param').id, c.req.valid('json').reason), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/clients',
      tags: ['admin'],
      summary: "Register a provider's own system as a machine client (it signs each API request with its Ed25519 key)",
      request: { body: body(RegisterClientInput) },
      responses: {
        201: json(z.object({ clientId: z.string(), keyId: z.string(), fingerprint: z.string() })),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await registerClient(c.get('ctx'), principal(c), c.req.valid('json')), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/providers/{id}/policy',
      tags: ['directory'],
      summary: "A provider's published policy (the default matrix when it has published none)",
      request: { params: IdParam },
      responses: {
        200: json(z.object({ version: z.number(), publishedAt: z.string().nullable(), policy: PolicyBody })),
        ...errorResponses,
      },
    }),
    async (c) => {
      principal(c);
      const db = c.get('ctx').store.db;
      const org = await getOrganisation(db, c.req.valid('param').id);
      if (org.kind !== 'provider')
        throw new DomainError(
          'NOT_A_PROVIDER',
          { ja: `${org.nameJa} は事業者ではありません`, en: `${org.nameEn} is not a provider` },
          { organisationId: org.id },
        );
      const r = await currentPolicy(db, org);
      return c.json({ ...r, policy: r.policy as unknown as Record<string, unknown> }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/v1/providers/{id}/policy',
      tags: ['admin'],
      summary: 'Publish a new version of the policy (stricter than the legal matrix, never looser)',
      request: { params: IdParam, body: body(PolicyBody) },
      responses: { 200: json(z.object({ version: z.number(), policy: PolicyBody })), ...errorResponses },
    }),
    async (c) => {
      const p = principal(c);
      const r = await publishPolicy(c.get('ctx'), actorOf(p), p, c.req.valid('param').id, await c.req.json<unknown>());
      return c.json({ version: r.version, policy: r.policy as unknown as Record<string, unknown> }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/v1/providers/{id}/networks',
      tags: ['admin'],
      summary: 'Declare the address ranges, ASNs and domains the provider serves',
      request: { params: IdParam, body: body(NetworksInput) },
      responses: { 200: json(NetworksInput), ...errorResponses },
    }),
    async (c) => {
      const p = principal(c);
      return c.json(
        await declareNetworks(c.get('ctx'), actorOf(p), p, c.req.valid('param').id, c.req.valid('json')),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/policy-check',
      tags: ['requests'],
      summary: 'Would this provider accept this kind of request for these categories? (runs as the investigator types)',
      request: {
        body: body(
          z.strictObject({
            kind: z.enum(REQUEST_KINDS),
            providerOrganisationId: z.string().min(1),
            categories: z.array(z.enum(DATA_CATEGORIES)),
            emergencyBasis: z.enum(['suicide_notice', 'threat_to_life']).optional(),
          }),
        ),
      },
      responses: { 200: json(PolicyCheckSchema), ...errorResponses },
    }),
    async (c) => {
      principal(c);
      const input = c.req.valid('json');
      const db = c.get('ctx').store.db;
      const org = await getOrganisation(db, input.providerOrganisationId);
      if (org.kind !== 'provider')
        throw new DomainError(
          'NOT_A_PROVIDER',
          { ja: `${org.nameJa} は事業者ではありません`, en: `${org.nameEn} is not a provider` },
          { field: 'providerOrganisationId', value: org.id },
        );
      const { policy } = await currentPolicy(db, org);
      const check = checkRequestAgainstPolicy(
        {
          kind: input.kind,
          categories: input.categories,
          ...(input.emergencyBasis ? { emergencyBasis: input.emergencyBasis } : {}),
        },
        { isTelecomCarrier: org.isTelecomCarrier, policy },
      );
      return c.json(check, 200);
    },
  );
}

export { ProviderPolicySchema };

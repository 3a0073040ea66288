import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { listKeys, revokeKey, rotateKey } from '../../directory/keys.ts';
import { allProviderNetworks, declareNetworks } from '../../directory/networks.ts';
import {
  createOrganisation,
  createUnit,
  listOrganisations,
  organisationDetail,
} from '../../directory/organisations.ts';
import { publishPolicy, readPolicy } from '../../directory/policies.ts';
import { endRole } from '../../directory/role-ends.ts';
import { countersignGrant, listGrants, refuseGrant } from '../../directory/role-grants.ts';
import { listRolePeriods } from '../../directory/role-periods.ts';
import { grantRoleToUser } from '../../directory/role-regrants.ts';
import { unlockSecondFactor } from '../../directory/second-factor-unlock.ts';
import { createUser, disableUser, listUsers, reissueEnrolment } from '../../directory/users.ts';
import { ORGANISATION_KINDS, ROLE_GRANT_STATES, ROLES } from '../../domain/vocabulary.ts';
import { checkPolicyAndAddressees } from '../../evidence/whom/addressee.ts';
import { type AppEnv, call, IdParam, principal } from '../env.ts';
import { routes } from '../route.ts';
import {
  Key,
  Networks,
  Organisation,
  orNull,
  PolicyCheck,
  ProviderPolicy,
  PublishedPolicy,
  RoleGrant,
  RolePeriods,
  Unit,
  User,
} from '../schemas.ts';

const ProviderNetworks = z
  .object({
    organisationId: z.string(),
    nameJa: z.string(),
    nameEn: z.string(),
    cidrs: z.array(z.string()),
    asns: z.array(z.number()),
    domains: z.array(z.string()),
  })
  .meta({ id: 'ProviderNetworks' });

const OrganisationDetail = Organisation.extend({
  units: z.array(Unit),
  policy: orNull(PublishedPolicy),
  networks: orNull(Networks),
  /** The provider holds an installation key: it declares its networks signed from there, not on this page. */
  networksFromInstallation: z.boolean(),
}).meta({ id: 'OrganisationDetail' });

export function registerDirectoryRoutes(app: OpenAPIHono<AppEnv>): void {
  const route = routes(app, 'admin');
  route.list(
    {
      method: 'get',
      path: '/v1/organisations',
      tag: 'directory',
      summary: 'The directory of organisations',
      query: z.object({ kind: z.enum(ORGANISATION_KINDS).optional() }),
      item: Organisation,
    },
    (c, { query }) => {
      principal(c);
      return call(c, (uow) => listOrganisations(uow, query.kind));
    },
  );

  route(
    {
      method: 'get',
      path: '/v1/organisations/{id}',
      tag: 'directory',
      summary: 'An organisation with its units, and for providers its policy and declared networks',
      params: IdParam,
      ok: OrganisationDetail,
    },
    (c, { param }) => call(c, (uow) => organisationDetail(uow, param.id)),
  );

  route(
    {
      method: 'post',
      path: '/v1/organisations',
      summary: 'Register an organisation (hub administrators of the oversight body)',
      body: 'CreateOrganisation',
      ok: Organisation,
      status: 201,
    },
    (c, { body }) => call(c, createOrganisation, body),
  );

  route(
    {
      method: 'post',
      path: '/v1/organisations/{id}/units',
      summary: 'Create a unit (with its signing and encryption keys)',
      params: IdParam,
      body: 'CreateUnit',
      ok: Unit,
      status: 201,
    },
    (c, { param, body }) => call(c, createUnit, param.id, body),
  );

  route.list(
    {
      method: 'get',
      path: '/v1/users',
      summary: "Users of the caller's organisation",
      item: User,
    },
    (c) => call(c, listUsers),
  );

  const EnrolmentCode = z
    .object({
      code: z.string().openapi({ description: 'the one-time code, shown this once: only its hash is kept' }),
      expiresAt: z.string(),
    })
    .meta({ id: 'EnrolmentCode' });
  route(
    {
      method: 'post',
      path: '/v1/users',
      summary:
        'Create a user awaiting enrolment; the one-time enrolment code is returned once, for the person, who ' +
        'chooses their own password and receives their own TOTP secret with it (POST /v1/enrolment)',
      body: 'CreateUser',
      ok: z.object({
        user: User,
        enrolment: EnrolmentCode,
        grants: z.array(z.object({ id: z.string(), role: z.enum(ROLES), state: z.enum(ROLE_GRANT_STATES) })),
      }),
      status: 201,
    },
    (c, { body }) => call(c, createUser, body),
  );

  route(
    {
      method: 'post',
      path: '/v1/users/{id}/enrolment',
      summary:
        'Issue a new enrolment code to a user (one whose code lapsed, or who lost their password or ' +
        'authenticator): what they held no longer signs in and their sessions end; the code is returned once. ' +
        'A new code for a person who holds or awaits a privileged role takes two people: the first call ' +
        'records the request (enrolment null, user.resetRequest set), a second person who may countersign ' +
        'grants completes it within 24 hours and receives the code',
      params: IdParam,
      ok: z.object({ user: User, enrolment: orNull(EnrolmentCode) }),
      status: 201,
    },
    (c, { param }) => call(c, reissueEnrolment, param.id),
  );

  route(
    {
      method: 'post',
      path: '/v1/users/{id}/disable',
      summary: 'Disable a user and end their sessions',
      params: IdParam,
      ok: User,
    },
    (c, { param }) => call(c, disableUser, param.id),
  );

  route(
    {
      method: 'post',
      path: '/v1/users/{id}/second-factor-unlock',
      summary:
        "Lift a person's second-factor lock (ten failed codes after their right password): the failures are " +
        'forgotten, the lift audited, and the person told on their screen for a day; 409 when it is not locked',
      params: IdParam,
      ok: User,
    },
    (c, { param }) => call(c, unlockSecondFactor, param.id),
  );

  route(
    {
      method: 'post',
      path: '/v1/users/{id}/end-role',
      summary:
        "End one of a person's roles while their account stays (a judge moved to another court): the directory " +
        'log records the end at this instant; what they signed before still verifies, what they sign after does not',
      params: IdParam,
      body: 'EndRole',
      ok: User,
    },
    (c, { param, body }) => call(c, endRole, param.id, body),
  );

  route(
    {
      method: 'get',
      path: '/v1/users/{id}/role-periods',
      summary:
        "A person's roles over time: each period from its start (registered with it, granted, countersigned) to " +
        'its end (ended alone, or the person disabled), who acted where recorded; a start the store does not ' +
        'record is null, not guessed. Apart (`pending`), the privileged roles granted to them that await a ' +
        'second person’s countersignature: not held',
      params: IdParam,
      ok: RolePeriods,
    },
    (c, { param }) => call(c, listRolePeriods, param.id),
  );

  route(
    {
      method: 'post',
      path: '/v1/users/{id}/grant-role',
      summary:
        'Grant a role to a person who exists (back at the court, back in the department): a new period in the ' +
        "directory log; a privileged role waits for a second person's countersignature",
      params: IdParam,
      body: 'GrantRole',
      ok: z.object({ id: z.string(), role: z.enum(ROLES), state: z.enum(ROLE_GRANT_STATES) }),
    },
    (c, { param, body }) => call(c, grantRoleToUser, param.id, body),
  );

  route.list(
    {
      method: 'get',
      path: '/v1/organisations/{id}/role-grants',
      summary:
        'Grants of privileged roles (unit head, judge, administrator, key officer) and whether a second person ' +
        'countersigned them',
      params: IdParam,
      query: z.object({ state: z.enum(ROLE_GRANT_STATES).optional() }),
      item: RoleGrant,
    },
    (c, { param, query }) => call(c, listGrants, param.id, query.state ? { state: query.state } : {}),
  );

  route(
    {
      method: 'post',
      path: '/v1/role-grants/{id}/countersign',
      summary: 'A second administrator or the key officer countersigns a grant: the role takes effect now',
      params: IdParam,
      ok: RoleGrant,
    },
    (c, { param }) => call(c, countersignGrant, param.id),
  );

  route(
    {
      method: 'post',
      path: '/v1/role-grants/{id}/refuse',
      summary: 'A second administrator or the key officer refuses a grant, with a reason',
      params: IdParam,
      body: 'RefuseGrant',
      ok: RoleGrant,
    },
    (c, { param, body }) => call(c, refuseGrant, param.id, body),
  );

  route.list(
    {
      method: 'get',
      path: '/v1/keys',
      tag: 'directory',
      summary: 'Public keys of an organisation (never private parts)',
      query: z.object({ organisationId: z.string().optional() }),
      item: Key,
    },
    (c, { query }) => {
      const orgId = query.organisationId ?? principal(c).organisationId;
      return call(c, (uow) => listKeys(uow, orgId));
    },
  );

  route(
    {
      method: 'post',
      path: '/v1/keys',
      summary: 'Create or rotate a key of a unit, user or the organisation (the previous one ends now)',
      body: 'RotateKey',
      ok: Key,
      status: 201,
    },
    (c, { body }) => call(c, rotateKey, body),
  );

  route(
    {
      method: 'post',
      path: '/v1/keys/{id}/revoke',
      summary: "Revoke a key ('compromised' voids every signature it made)",
      params: IdParam,
      body: 'RevokeKey',
      ok: Key,
    },
    (c, { param, body }) => call(c, revokeKey, param.id, body),
  );

  route(
    {
      method: 'get',
      path: '/v1/providers/{id}/policy',
      tag: 'directory',
      summary: "A provider's published policy (the default matrix when it has published none)",
      params: IdParam,
      ok: PublishedPolicy,
    },
    (c, { param }) => call(c, (uow) => readPolicy(uow, param.id)),
  );

  route(
    {
      method: 'put',
      path: '/v1/providers/{id}/policy',
      summary: 'Publish a new version of the policy (stricter than the legal matrix, never looser)',
      params: IdParam,
      body: 'PublishPolicy',
      ok: z.object({ version: z.number(), policy: ProviderPolicy }),
    },
    (c, { param, body }) => call(c, publishPolicy, param.id, body),
  );

  route.list(
    {
      method: 'get',
      path: '/v1/provider-networks',
      tag: 'directory',
      summary:
        "Every provider's declared address ranges, ASNs and domains (as each organisation's page shows them): " +
        'whom to ask, resolved on the asking side',
      item: ProviderNetworks,
    },
    (c) => {
      principal(c);
      return call(c, allProviderNetworks);
    },
  );

  route(
    {
      method: 'put',
      path: '/v1/providers/{id}/networks',
      summary: 'Declare the address ranges, ASNs and domains the provider serves',
      params: IdParam,
      body: 'DeclareNetworks',
      ok: Networks,
    },
    (c, { param, body }) => call(c, declareNetworks, param.id, body),
  );

  route(
    {
      method: 'post',
      path: '/v1/policy-check',
      tag: 'requests',
      summary: 'Would this provider accept this kind of request for these categories? (runs as the investigator types)',
      body: 'PolicyCheckRequest',
      ok: PolicyCheck,
    },
    (c, { body }) => call(c, (uow) => checkPolicyAndAddressees(uow, body)),
  );
}

import { type OpenAPIHono, z } from '@hono/zod-openapi';
import {
  CredentialRequestListQuery,
  CredentialRequestSchema,
  confirmCredential,
  listCredentialRequests,
  refuseCredential,
} from '../../directory/credential-requests.ts';
import { registerCredential, registrationOptions } from '../../directory/credentials.ts';
import { OwnPasskeysSchema, ownPasskeys } from '../../directory/own-passkeys.ts';
import { exportDirectory, verifyAgainstPinned } from '../../directory/transparency.ts';
import { DirectoryExportSchema } from '../../domain/pinned-directory.ts';
import { BilingualSchema } from '../../exchange/read-models.ts';
import { attestationPreview } from '../../exchange/warrants.ts';
import { type AppEnv, call, IdParam } from '../env.ts';
import { routes } from '../route.ts';
import { Key, SigningDigest } from '../schemas.ts';

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

const CredentialRegistration = Key.extend({
  /** Registered now, or waiting for a second person of the organisation to confirm it (the two-person rule). */
  confirmation: z.object({ state: z.enum(['confirmed', 'pending']), requestId: z.string().nullable() }),
}).meta({ id: 'CredentialRegistration' });
const CredentialRequest = CredentialRequestSchema.meta({ id: 'CredentialRequest' });
const OwnPasskeys = OwnPasskeysSchema.meta({ id: 'OwnPasskeys' });

export function registerCredentialRoutes(app: OpenAPIHono<AppEnv>): void {
  const route = routes(app, 'directory');
  route(
    {
      method: 'post',
      path: '/v1/credentials/registration-options',
      summary:
        'Start registering your own signing credential (passkey): options for navigator.credentials.create, user ' +
        'verification required',
      ok: CreationOptions,
    },
    // The WebAuthn library's options are an interface; the schema is an open object: copied as one.
    async (c) => ({ ...(await call(c, registrationOptions)) }),
  );

  route(
    {
      method: 'get',
      path: '/v1/credentials',
      summary:
        'Your own passkeys: each one you registered (current, ended, revoked; or awaiting confirmation, refused, ' +
        'superseded), and whether you may register one',
      ok: OwnPasskeys,
    },
    (c) => call(c, ownPasskeys),
  );

  route(
    {
      method: 'post',
      path: '/v1/credentials',
      summary:
        "Finish the registration: the new credential's public key becomes your signing key — for unit heads, " +
        'judges and provider officers once a second person confirms it; the hub keeps no private part (audited)',
      body: 'RegisterCredential',
      ok: CredentialRegistration,
      status: 201,
    },
    (c, { body }) => call(c, registerCredential, body),
  );

  route.list(
    {
      method: 'get',
      path: '/v1/credential-requests',
      summary: "New signing credentials of the organisation's people awaiting a second person's confirmation",
      query: CredentialRequestListQuery,
      item: CredentialRequest,
    },
    (c, { query }) => call(c, listCredentialRequests, query),
  );

  route(
    {
      method: 'post',
      path: '/v1/credential-requests/{id}/confirm',
      summary:
        'A second person (administrator or key officer, never the owner) confirms the credential: it becomes the ' +
        'signing key',
      params: IdParam,
      ok: CredentialRequest,
    },
    (c, { param }) => call(c, confirmCredential, param.id),
  );

  route(
    {
      method: 'post',
      path: '/v1/credential-requests/{id}/refuse',
      summary: 'A second person refuses the credential, with the reason',
      params: IdParam,
      body: 'RefuseCredential',
      ok: CredentialRequest,
    },
    (c, { param, body }) => call(c, refuseCredential, param.id, body),
  );
}

const DirectoryExport = DirectoryExportSchema.meta({ id: 'DirectoryExport' });
const OfflineVerdict = z
  .object({
    ok: z.boolean(),
    reason: z.string().nullable(),
    message: BilingualSchema,
    detail: BilingualSchema.optional(),
    /** Where in the envelope the problem is, for programs. */
    field: z.string().optional(),
  })
  .meta({ id: 'OfflineVerdict' });

export function registerTransparencyRoutes(app: OpenAPIHono<AppEnv>): void {
  const route = routes(app, 'directory');
  route(
    {
      method: 'post',
      path: '/v1/warrants/attestation-preview',
      tag: 'court',
      summary:
        'Exactly what a judge attests (canonical JSON) and the digest their own credential signs; nothing is stored',
      body: 'AttestWarrant',
      ok: SigningDigest.meta({ id: 'AttestationPreview' }),
    },
    (c, { body }) => call(c, attestationPreview, body),
  );

  route(
    {
      method: 'get',
      path: '/v1/directory/export',
      summary:
        "The hub's directory as an append-only log (organisations, units, keys and credentials, ends and " +
        "revocations) with a head signed by the hub's audit key: for another installation to pin",
      ok: DirectoryExport,
    },
    (c) => call(c, exportDirectory),
  );

  route(
    {
      method: 'post',
      path: '/v1/directory/verify',
      summary: "Verify a hub's envelope against the pinned directory, offline; a refusal names its reason",
      body: 'VerifyPinned',
      ok: OfflineVerdict,
    },
    (c, { body }) => call(c, verifyAgainstPinned, body),
  );
}

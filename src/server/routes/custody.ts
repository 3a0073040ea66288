import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { DEVICE_SEAL_ALG } from '../../crypto/device-seal.ts';
import { DEVICE_KINDS } from '../../domain/vocabulary.ts';
import { custodyState, deviceKeys, installationDevices, registerDevice } from '../../exchange/custody.ts';
import { markCompromised } from '../../exchange/custody-compromise.ts';
import { enrolDevice, rotateCustody } from '../../exchange/custody-keys.ts';
import { startCustody } from '../../exchange/custody-migration.ts';
import { sealedAnswerForDevice, sealedArchiveForDevice } from '../../exchange/custody-reads.ts';
import { acceptResealed, resealStatus, resealWork } from '../../exchange/custody-reseal.ts';
import { type AppEnv, call, DeviceQuery, IdParam } from '../env.ts';
import { routes } from '../route.ts';
import { Key } from '../schemas.ts';

// Answers in device custody (issue 11): devices, the key ceremonies, and the sealed answer for a device.

export const Box = z
  .object({
    v: z.literal(1),
    alg: z.literal(DEVICE_SEAL_ALG),
    recipientKeyId: z.string(),
    epk: z.string(),
    iv: z.string(),
    ct: z.string(),
  })
  .meta({ id: 'DeviceBox' });

/** The answer key of a custody, wrapped to the device asking. */
export const WrappedCustodyKey = z.object({ id: z.string(), publicKey: z.string(), wrapped: Box });

const Device = z
  .object({
    id: z.string(),
    ownerType: z.enum(['unit', 'organisation']),
    ownerId: z.string(),
    userId: z.string(),
    holderName: z.string().nullable(),
    kind: z.enum(DEVICE_KINDS),
    label: z.string(),
    publicKey: z.string(),
    fingerprint: z.string(),
    state: z.enum(['pending', 'enrolled', 'removed']),
    registeredAt: z.string(),
    enrolledAt: z.string().nullable(),
    removedAt: z.string().nullable(),
  })
  .meta({ id: 'Device' });

const Custody = z
  .object({
    ownerType: z.enum(['unit', 'organisation']),
    ownerId: z.string(),
    custodyKey: z
      .object({ id: z.string(), publicKey: z.string(), fingerprint: z.string(), validFrom: z.string() })
      .nullable(),
    devices: z.array(Device),
  })
  .meta({ id: 'Custody' });

const WrappedKey = z
  .object({
    keyId: z.string(),
    publicKey: z.string(),
    fingerprint: z.string(),
    current: z.boolean(),
    passOn: z.boolean(),
    wrapped: Box,
  })
  .meta({ id: 'WrappedKey' });

/** For a copy sealed again after its key was found compromised: what the re-sealing device declared of it. */
export const ResealedCopy = z
  .object({ contentSha256: z.string(), declarationTag: z.string().nullable() })
  .nullable()
  .meta({ id: 'ResealedCopy' });

const SealedAnswer = z
  .object({
    requestId: z.string(),
    reference: z.string(),
    copy: z.enum(['unit', 'provider']),
    deviceId: z.string(),
    sealed: Box,
    custodyKey: WrappedCustodyKey,
    resealed: ResealedCopy,
    providerKeys: z.array(Key),
    providerOrganisationId: z.string(),
    fetchedAt: z.string(),
  })
  .meta({ id: 'SealedAnswer' });

const SealedArchive = z
  .object({
    requestId: z.string(),
    reference: z.string(),
    archivedAt: z.string(),
    deviceId: z.string(),
    sealed: Box,
    aad: z.string(),
    custodyKey: WrappedCustodyKey,
    resealed: ResealedCopy,
    fetchedAt: z.string(),
  })
  .meta({ id: 'SealedArchive' });

const ResealWork = z
  .object({
    ownerType: z.enum(['unit', 'organisation']),
    ownerId: z.string(),
    compromisedKeys: z.array(z.object({ id: z.string(), fingerprint: z.string(), revokedAt: z.string().nullable() })),
    toKey: z.object({ id: z.string(), publicKey: z.string(), fingerprint: z.string() }).nullable(),
    left: z.number(),
    openableHere: z.number(),
    items: z.array(
      z.object({
        kind: z.enum(['answer', 'attachment', 'archive', 'notice']),
        itemId: z.string(),
        requestId: z.string().nullable(),
        aad: z.string(),
        sealed: Box,
        resealed: ResealedCopy,
      }),
    ),
    keys: z.array(WrappedCustodyKey),
  })
  .meta({ id: 'ResealWork' });

export function registerCustodyRoutes(app: OpenAPIHono<AppEnv>): void {
  const route = routes(app, 'custody');
  route(
    {
      method: 'get',
      path: '/v1/custody',
      summary: "The caller's answer key (unit or provider): whether it is held on devices, and its devices",
      ok: Custody,
    },
    (c) => call(c, custodyState),
  );

  route(
    {
      method: 'post',
      path: '/v1/custody/devices',
      summary: "Register a device's public key (browser, key file, or the head's recovery key); audited",
      body: 'RegisterDevice',
      ok: Device,
    },
    (c, { body }) => call(c, registerDevice, body),
  );

  route.list(
    {
      method: 'get',
      path: '/v1/custody/devices/{id}/keys',
      summary: "The answer keys wrapped to one of the caller's own devices",
      params: IdParam,
      item: WrappedKey,
    },
    (c, { param }) => call(c, deviceKeys, param.id),
  );

  route.list(
    {
      method: 'get',
      path: '/v1/custody/installation-devices',
      summary:
        "The enrolled machine devices of the provider's own installation, for a person of the provider to carry " +
        'request files to (file mode)',
      item: Device,
    },
    (c) => call(c, installationDevices),
  );

  route(
    {
      method: 'post',
      path: '/v1/custody/devices/{id}/enrol',
      summary: 'A member holding the answer key enrols a registered device: the keys wrapped to it on their device',
      params: IdParam,
      body: 'EnrolDevice',
      ok: Device,
    },
    (c, { param, body }) => call(c, enrolDevice, param.id, body),
  );

  route(
    {
      method: 'post',
      path: '/v1/custody/start',
      summary:
        'The head moves the answer key to the devices: a key generated on their device; earlier answers sealed ' +
        "again; the hub's key erased",
      body: 'StartCustody',
      ok: Custody.extend({ resealed: z.number() }),
    },
    (c, { body }) => call(c, startCustody, body),
  );

  route(
    {
      method: 'post',
      path: '/v1/custody/rotate',
      summary: 'The head removes a member or devices and rotates the answer key to the remaining devices',
      body: 'RotateCustody',
      ok: Custody,
    },
    (c, { body }) => call(c, rotateCustody, body),
  );

  route(
    {
      method: 'post',
      path: '/v1/custody/compromised',
      summary:
        'The head marks an answer key compromised; the current one is replaced in the same act by a key ' +
        'generated on their device (audited)',
      body: 'MarkCompromised',
      ok: Custody.extend({ leftToReseal: z.number() }),
    },
    (c, { body }) => call(c, markCompromised, body),
  );

  route(
    {
      method: 'get',
      path: '/v1/custody/reseal',
      summary:
        'What is left sealed only to compromised answer keys, and the next boxes the given device can open to ' +
        'seal again (audited)',
      query: DeviceQuery,
      ok: ResealWork,
    },
    (c, { query }) => call(c, resealWork, query.device),
  );

  route(
    {
      method: 'get',
      path: '/v1/custody/reseal-status',
      summary:
        'How many items are left sealed only to compromised answer keys, in all and for the given device (no box ' +
        'handed out)',
      query: DeviceQuery,
      ok: ResealWork,
    },
    (c, { query }) => call(c, resealStatus, query.device),
  );

  route(
    {
      method: 'post',
      path: '/v1/custody/reseal',
      summary:
        "Copies sealed again on a holder's device to the current answer key, each bound to the same item and " +
        'content (audited; posting again changes nothing)',
      body: 'Reseal',
      ok: z.object({ accepted: z.number(), already: z.number(), left: z.number() }).meta({ id: 'ResealResult' }),
    },
    (c, { body }) => call(c, acceptResealed, body),
  );

  route(
    {
      method: 'get',
      path: '/v1/requests/{id}/sealed-answer',
      tag: 'requests',
      summary:
        'The answer sealed to the answer key, with that key wrapped to the given device: it opens on the device ' +
        'only (audited)',
      params: IdParam,
      query: DeviceQuery,
      ok: SealedAnswer,
    },
    (c, { param, query }) => call(c, sealedAnswerForDevice, param.id, query.device),
  );

  route(
    {
      method: 'get',
      path: '/v1/requests/{id}/sealed-archive',
      tag: 'requests',
      summary:
        "A retention archive in device custody, with the unit's key wrapped to the given device: it opens on the " +
        'device only (audited)',
      params: IdParam,
      query: DeviceQuery,
      ok: SealedArchive,
    },
    (c, { param, query }) => call(c, sealedArchiveForDevice, param.id, query.device),
  );
}

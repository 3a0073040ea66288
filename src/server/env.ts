import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Principal } from '../domain/access.ts';
import { DomainError, ERROR_CODES } from '../domain/errors.ts';
import type { AppContext } from '../kernel/context.ts';
import { run, type UnitOfWork } from '../kernel/unit-of-work.ts';
import { contentDisposition } from './content-disposition.ts';

/**
 * `client` is the caller's address as the sign-in throttle counts it (src/server/client-address.ts);
 * `principalNow` asks again who the caller is, for a response that outlives the call (the live stream):
 * null once the session ended (signed out, expired, the user disabled) or the machine client's key was revoked.
 * `session` names the caller's session (a hash of its token) or machine key, for what is counted per session
 * (the live streams); null without either.
 */
export type AppEnv = {
  Variables: {
    principal: Principal | null;
    ctx: AppContext;
    client: string;
    /** Whether the call came over https (to this server, or to a proxy the operator named). */
    https: boolean;
    principalNow: () => Promise<Principal | null>;
    session: string | null;
  };
};

/** The authenticated caller, or UNAUTHENTICATED. */
export function principal(c: Context<AppEnv>): Principal {
  const p = c.get('principal');
  if (!p) {
    throw new DomainError('UNAUTHENTICATED', {
      ja: 'ログインしてください（セッションの期限切れを含む）',
      en: 'sign in first (your session may have expired)',
    });
  }
  return p;
}

/**
 * The one shape of a handler's call: the signed-in caller runs one service in its own unit of work.
 * `call(c, createDraft, body)` is `run(ctx, createDraft, principal, body)`.
 */
export function call<A extends unknown[], T>(
  c: Context<AppEnv>,
  service: (uow: UnitOfWork, p: Principal, ...args: A) => Promise<T>,
  ...args: A
): Promise<T> {
  return run(c.get('ctx'), service, principal(c), ...args);
}

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.object({ ja: z.string(), en: z.string() }),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .meta({ id: 'Error' });

/** An error response of the API's one error shape, described. */
export const err = (description: string) => ({ content: { 'application/json': { schema: ErrorSchema } }, description });
export const errorResponses = {
  400: err(
    'Invalid input (VALIDATION_FAILED, UNKNOWN_FIELD, INSTANT_WITHOUT_OFFSET, INVALID_ADDRESS, ' +
      'INVALID_IDENTIFIER, DEADLINE_IN_PAST)',
  ),
  401: err('Not signed in (UNAUTHENTICATED, SECOND_FACTOR_REQUIRED)'),
  403: err('Not allowed (FORBIDDEN, SELF_APPROVAL, APPROVER_NOT_AUTHORISED)'),
  404: err('Not found (also for requests of other organisations)'),
  409: err('Conflict (ILLEGAL_TRANSITION, REPLAY, CONFLICT, IDEMPOTENCY_CONFLICT, PRESERVATION_EXTENSION_USED)'),
  413: err('Body too large (PAYLOAD_TOO_LARGE)'),
  431: err('Request headers over the limit (HEADERS_TOO_LARGE)'),
  422: err(
    'Refused by policy or verification (POLICY_REFUSED, MATRIX_REFUSED, SIGNATURE_INVALID, NOT_A_PROVIDER, ' +
      'KEY_*, WARRANT_ATTESTATION_INVALID, ORDER_SET_ASIDE, EMERGENCY_CONDITIONS_MISSING)',
  ),
} as const;

/** For routes that may open what retention removed (an answer, an attachment, an archive). */
export const purgedResponse = { 410: err('Removed by retention (PURGED): the message says when and why') } as const;

export const json = <T extends z.ZodType>(schema: T, description = 'OK') => ({
  content: { 'application/json': { schema } },
  description,
});
export const body = <T extends z.ZodType>(schema: T) => ({
  content: { 'application/json': { schema } },
  required: true,
});

/** A path (or query) parameter naming one thing: a string of `min` to `max` characters. */
export function param(name: string, where: 'path' | 'query' = 'path', { min = 1, max = 200 } = {}) {
  return z
    .string()
    .min(min)
    .max(max)
    .openapi({ param: { name, in: where } });
}

/** The `{id}` path parameter. */
export const IdParam = z.object({ id: param('id') });

/** The `device` query parameter: the caller's own device a sealed thing is wrapped to. */
export const DeviceQuery = z.object({ device: param('device', 'query', { max: 100 }) });

/** The `lang` of an exported file, as the API documents it: ja (the default) or en (the service refuses others). */
export const langQuery = (what: string) =>
  z
    .enum(['ja', 'en'])
    .default('ja')
    .openapi({ description: `ja (default) | en: the language of ${what}` });

/** An optional text parameter of a query, described; the service validates it. */
export const queryText = (description: string) => z.string().optional().openapi({ description });

/** The query without the parameters that were not given. */
export const givenQuery = (q: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(q).filter(([, v]) => v));

export { contentDisposition };

/** A file answered as a download: its media type, the name it is saved under, never cached; `headers` adds to these. */
export function download(
  c: Context<AppEnv>,
  body: string | Uint8Array<ArrayBuffer>,
  type: string,
  fileName: string,
  headers: Record<string, string> = {},
): Response {
  return c.body(body, 200, {
    'content-type': type,
    'content-disposition': contentDisposition(fileName),
    'cache-control': 'no-store',
    ...headers,
  });
}

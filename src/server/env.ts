import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppContext } from '../app/context.ts';
import type { Principal } from '../app/principal.ts';
import { DomainError } from '../domain/errors.ts';

export type AppEnv = { Variables: { principal: Principal | null; ctx: AppContext } };

/** The authenticated caller, or UNAUTHENTICATED. */
export function principal(c: Context<AppEnv>): Principal {
  const p = c.get('principal');
  if (!p)
    throw new DomainError('UNAUTHENTICATED', {
      ja: 'ログインしてください（セッションの期限切れを含む）',
      en: 'sign in first (your session may have expired)',
    });
  return p;
}

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.object({ ja: z.string(), en: z.string() }),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .openapi('Error');

const err = (description: string) => ({ content: { 'application/json': { schema: ErrorSchema } }, description });
export const errorResponses = {
  400: err(
    'Invalid input (VALIDATION_FAILED, UNKNOWN_FIELD, INSTANT_WITHOUT_OFFSET, INVALID_ADDRESS, INVALID_IDENTIFIER, DEADLINE_IN_PAST)',
  ),
  401: err('Not signed in (UNAUTHENTICATED, SECOND_FACTOR_REQUIRED)'),
  403: err('Not allowed (FORBIDDEN, SELF_APPROVAL, APPROVER_NOT_AUTHORISED)'),
  404: err('Not found (also for requests of other organisations)'),
  409: err('Conflict (ILLEGAL_TRANSITION, REPLAY, CONFLICT, IDEMPOTENCY_CONFLICT)'),
  413: err('Body too large'),
  422: err('Refused by policy or verification (POLICY_REFUSED, MATRIX_REFUSED, SIGNATURE_INVALID, NOT_A_PROVIDER, …)'),
} as const;

export const json = <T extends z.ZodType>(schema: T, description = 'OK') => ({
  content: { 'application/json': { schema } },
  description,
});
export const body = <T extends z.ZodType>(schema: T) => ({
  content: { 'application/json': { schema } },
  required: true,
});

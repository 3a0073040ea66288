import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import { CryptoError } from '../crypto/errors.ts';
import { DomainError, type ErrorCode } from '../domain/errors.ts';
import { visibleText } from '../domain/shown-text.ts';
import { describeIssues } from '../domain/validation.ts';
import { logger } from '../kernel/logger.ts';

/** The one table from domain error codes to HTTP statuses. */
export const STATUS_OF: Record<ErrorCode, ContentfulStatusCode> = {
  VALIDATION_FAILED: 400,
  UNKNOWN_FIELD: 400,
  INSTANT_WITHOUT_OFFSET: 400,
  INVALID_ADDRESS: 400,
  INVALID_IDENTIFIER: 400,
  DEADLINE_IN_PAST: 400,
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  SECOND_FACTOR_REQUIRED: 401,
  ILLEGAL_TRANSITION: 409,
  POLICY_REFUSED: 422,
  MATRIX_REFUSED: 422,
  SELF_APPROVAL: 403,
  APPROVER_NOT_AUTHORISED: 403,
  NOT_A_PROVIDER: 422,
  SIGNATURE_INVALID: 422,
  KEY_UNKNOWN: 422,
  KEY_NOT_VALID: 422,
  KEY_REVOKED: 422,
  REPLAY: 409,
  WARRANT_ATTESTATION_INVALID: 422,
  ORDER_SET_ASIDE: 422,
  EMERGENCY_CONDITIONS_MISSING: 422,
  PRESERVATION_EXTENSION_USED: 409,
  SECOND_CHECK_REQUIRED: 409,
  PAYLOAD_TOO_LARGE: 413,
  HEADERS_TOO_LARGE: 431,
  TOO_MANY_STREAMS: 429,
  BUSY: 503,
  REQUEST_TIMEOUT: 408,
  IDEMPOTENCY_CONFLICT: 409,
  CONFLICT: 409,
  OPEN_ON_DEVICE: 409,
  AUDIT_CHAIN_BROKEN: 500,
  PURGED: 410,
  INTERNAL: 500,
  ADDRESSEE_NOT_HOLDER: 422,
  DO_NOT_NOTIFY: 409,
};

export interface ErrorBody {
  error: { code: ErrorCode; message: { ja: string; en: string }; details?: Record<string, unknown> };
}

/**
 * Any thrown value → a stable JSON error; unknown errors are logged and answered as INTERNAL. A message may
 * repeat what the caller gave (an id, a key, a name): every character a reader would not see as written is
 * put as `\uXXXX` (src/domain/shown-text.ts), so an error cannot hide or turn its own words round.
 */
export function toErrorResponse(err: unknown): { status: ContentfulStatusCode; body: ErrorBody } {
  const answer = errorAnswer(err);
  const { ja, en } = answer.body.error.message;
  // The issues of a validation are made safe where they are made (describeIssues); the details are data.
  answer.body.error.message = { ja: visibleText(ja, { keepLines: true }), en: visibleText(en, { keepLines: true }) };
  return answer;
}

function errorAnswer(err: unknown): { status: ContentfulStatusCode; body: ErrorBody } {
  if (err instanceof DomainError) {
    return {
      status: STATUS_OF[err.code],
      body: { error: { code: err.code, message: err.messages, ...(err.details ? { details: err.details } : {}) } },
    };
  }
  if (err instanceof ZodError) {
    const issues = describeIssues(err);
    const first = issues[0];
    const code = first?.code ?? 'VALIDATION_FAILED';
    return {
      status: STATUS_OF[code],
      body: {
        error: {
          code,
          message: first?.message ?? { ja: '入力が不正です', en: 'invalid input' },
          details: { field: first?.field, issues },
        },
      },
    };
  }
  if (err instanceof HTTPException && err.status < 500) {
    // Raised by Hono itself (e.g. a body that is not JSON) before our validation runs.
    const notJson = /json/i.test(err.message);
    return {
      status: err.status as ContentfulStatusCode,
      body: {
        error: {
          code: 'VALIDATION_FAILED',
          message: notJson
            ? { ja: '本文が正しい JSON ではありません', en: 'the body is not valid JSON' }
            : { ja: `要求が不正です: ${err.message}`, en: `bad request: ${err.message}` },
        },
      },
    };
  }
  if (err instanceof SyntaxError) {
    return {
      status: 400,
      body: {
        error: {
          code: 'VALIDATION_FAILED',
          message: { ja: '本文が正しい JSON ではありません', en: 'the body is not valid JSON' },
        },
      },
    };
  }
  const dbCode = (err as { code?: unknown }).code;
  if (dbCode === '23505' || dbCode === 'SQLITE_CONSTRAINT_UNIQUE' || dbCode === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return {
      status: 409,
      body: {
        error: {
          code: 'CONFLICT',
          message: {
            ja: '同じものが同時に登録されました。もう一度お試しください',
            en: 'a concurrent change created the same record: try again',
          },
        },
      },
    };
  }
  if (err instanceof CryptoError && err.code === 'SEAL_OPEN_FAILED') {
    logger.error('sealed answer could not be opened', { code: err.code });
  } else {
    logger.error('unhandled error', { error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
  }
  return {
    status: 500,
    body: {
      error: { code: 'INTERNAL', message: { ja: 'サーバー内部で問題が発生しました', en: 'internal server error' } },
    },
  };
}

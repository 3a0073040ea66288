import type { Bilingual } from './vocabulary.ts';

/**
 * Stable error codes of the domain. The HTTP layer maps each to a status (src/server/errors.ts, STATUS_OF);
 * clients rely on the code, people read the bilingual message.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED', // a field is missing, malformed or of the wrong type (details.field, details.value)
  'UNKNOWN_FIELD', // a field that the schema does not know
  'INSTANT_WITHOUT_OFFSET', // a time without a UTC offset or zone
  'INVALID_ADDRESS', // an IP address or prefix that does not parse
  'INVALID_IDENTIFIER', // an identifier of the wrong type or shape
  'DEADLINE_IN_PAST',
  'NOT_FOUND',
  'FORBIDDEN', // authenticated but not allowed (role or organisation boundary)
  'UNAUTHENTICATED',
  'SECOND_FACTOR_REQUIRED',
  'ILLEGAL_TRANSITION', // lifecycle: this action is not allowed in this state
  'POLICY_REFUSED', // the target provider's published policy would refuse this
  'MATRIX_REFUSED', // the default legal matrix forbids this kind/category combination
  'SELF_APPROVAL', // the drafter cannot approve their own request
  'APPROVER_NOT_AUTHORISED', // not a unit head, or of another unit
  'NOT_A_PROVIDER', // the addressee is not a provider organisation
  'SIGNATURE_INVALID', // forged or altered
  'KEY_UNKNOWN',
  'KEY_NOT_VALID', // key outside its validity period at signing time
  'KEY_REVOKED',
  'REPLAY', // the same signed request presented twice
  'WARRANT_ATTESTATION_INVALID',
  'ORDER_SET_ASIDE', // the court's order a civil request presents was set aside on objection
  'EMERGENCY_CONDITIONS_MISSING',
  'PRESERVATION_EXTENSION_USED',
  'SECOND_CHECK_REQUIRED', // an emergency signed with a new credential is answered only after the call-back
  'PAYLOAD_TOO_LARGE',
  'HEADERS_TOO_LARGE', // a request whose headers are over the server's limit (read before any route)
  'TOO_MANY_STREAMS', // live event streams: the session's few, or the process's ceiling, are all open
  'BUSY', // large mail analyses: as many as the server runs at once are running (retry shortly)
  'REQUEST_TIMEOUT', // a large mail body that came too slowly: cut off so it frees its slot
  'IDEMPOTENCY_CONFLICT', // same idempotency key, different body
  'CONFLICT', // concurrent change or duplicate
  'OPEN_ON_DEVICE', // the answer is sealed to keys held on the members' devices: the hub cannot open it
  'AUDIT_CHAIN_BROKEN',
  'PURGED', // personal data removed by retention (an answer, an attachment): it cannot be opened
  'INTERNAL',
  // whom to ask: an access provider that does not hold an address target
  'ADDRESSEE_NOT_HOLDER',
  // do-not-notify (issue 15): the request asks that the subscriber not be told
  'DO_NOT_NOTIFY',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type ErrorDetails = Record<string, unknown> & { field?: string; value?: unknown };

/** The one error class of the domain: a stable code, a message in both languages, details. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly messages: Bilingual;
  readonly details: ErrorDetails | undefined;

  constructor(code: ErrorCode, messages: Bilingual, details?: ErrorDetails, options?: { cause?: unknown }) {
    super(messages.en, options);
    this.name = 'DomainError';
    this.code = code;
    this.messages = messages;
    this.details = details;
  }
}

/** A value the caller gave, refused: VALIDATION_FAILED naming its field and the value, in both languages. */
export function invalidField(
  field: string,
  value: unknown,
  ja: string,
  en: string,
  extra: Record<string, unknown> = {},
): DomainError {
  return new DomainError('VALIDATION_FAILED', { ja, en }, { field, value, ...extra });
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}

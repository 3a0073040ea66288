import { z } from 'zod';
import { DomainError } from './errors.ts';
import { checkZone, type ParsedInstant, parseIsoInstant, TimeError } from './time.ts';

/**
 * The zod layer over the instant core (./time.ts, where the accepted and refused forms are listed):
 * an instant as the domain accepts it is an ISO-8601 / RFC 3339 date-time WITH a UTC offset. Here
 * a refusal becomes a DomainError carrying the field in its details, or a zod issue carrying the error code.
 */

export type { ParsedInstant } from './time.ts';

/**
 * Parse an instant; throws DomainError INSTANT_WITHOUT_OFFSET or VALIDATION_FAILED. The message is the
 * plain sentence a person reads (it names the value, never a field path); the field it concerns, when
 * given, is in the error's details (`field`), for the caller to name in words.
 */
export function parseInstant(value: string, field?: string): ParsedInstant {
  try {
    return parseIsoInstant(value);
  } catch (e) {
    if (!(e instanceof TimeError)) throw e;
    throw new DomainError(e.code, { ja: e.ja, en: e.en }, field === undefined ? { value } : { field, value });
  }
}

/** The UTC ISO form (`…Z`, millisecond precision) of an instant; throws like parseInstant. */
export function toUtcIso(value: string, field?: string): string {
  return parseInstant(value, field).utc;
}

/**
 * A period's optional bounds (`from`, `to`) in the UTC ISO form, each refused like toUtcIso naming its
 * field; the end must come after the start when both are given (refused naming `to`). The request search
 * and the audit log's search and export read their periods through this one rule.
 */
export function periodInUtc(input: { from?: string | undefined; to?: string | undefined }): {
  from: string | undefined;
  to: string | undefined;
} {
  const from = input.from ? toUtcIso(input.from, 'from') : undefined;
  const to = input.to ? toUtcIso(input.to, 'to') : undefined;
  if (from && to && from >= to) {
    throw new DomainError(
      'VALIDATION_FAILED',
      { ja: '期間の終わりは始まりより後にしてください', en: 'the end of the period must come after its start' },
      { field: 'to', value: input.to },
    );
  }
  return { from, to };
}

/** The instant as a Date (for deadline arithmetic). */
export function toDate(value: string, field?: string): Date {
  return new Date(parseInstant(value, field).epochMs);
}

/**
 * A string that parseInstant accepts; the output is the string as written (signatures cover what the
 * requester wrote). On failure the issue carries `params.code` = 'INSTANT_WITHOUT_OFFSET' |
 * 'VALIDATION_FAILED' and `params.ja` (the Japanese message), so the HTTP layer can report the code.
 */
export const InstantSchema = z.string().superRefine((value, ctx) => {
  try {
    parseIsoInstant(value);
  } catch (e) {
    if (!(e instanceof TimeError)) throw e;
    ctx.addIssue({ code: 'custom', message: e.en, params: { code: e.code, ja: e.ja }, input: value });
  }
});
/** An instant as written (the string InstantSchema accepted). */
export type InstantText = z.infer<typeof InstantSchema>;

/**
 * An IANA zone name (Asia/Tokyo, UTC), the zone a file's or a page's times are written in with their
 * offsets; an unknown one is refused in words with an example, carrying `params.ja` like InstantSchema.
 */
export const ZoneSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .superRefine((zone, ctx) => {
    if (zone.length > 100) return; // refused by its length already, not repeated whole
    try {
      checkZone(zone);
    } catch (e) {
      if (!(e instanceof TimeError)) throw e;
      ctx.addIssue({ code: 'custom', message: e.en, params: { code: e.code, ja: e.ja }, input: zone });
    }
  });

import { z } from 'zod';
import { DomainError } from './errors.ts';

/**
 * An instant as the domain accepts it: an ISO-8601 / RFC 3339 date-time WITH a UTC offset.
 *
 * A time without an offset names no instant (is "2026-03-01T10:00" Tokyo time or UTC? the nine hours
 * decide whose IP address it was), so it is refused, never silently read in some zone.
 *
 * Accepted:
 * - `YYYY-MM-DDThh:mm[:ss[.f…]]` followed by `Z`, `±hh:mm` or `±hhmm`; `T` may be `t` or one space
 *   (RFC 3339 §5.6 note); the decimal separator may be `.` or `,` (ISO 8601).
 * - Up to 9 fractional digits (nanoseconds, as some log sources write them). The UTC form keeps
 *   millisecond precision: digits beyond the millisecond are truncated in `utc`, and the value as
 *   written is kept in `asWritten`, so nothing the requester wrote is lost.
 * - `-00:00` (RFC 3339 "offset unknown, time is UTC") is read as UTC.
 *
 * Refused: no offset (`INSTANT_WITHOUT_OFFSET`); a date alone, impossible dates (2026-02-30), hour
 * 24, leap second 60, offsets beyond ±23:59, years outside 0001–9999 (`VALIDATION_FAILED`).
 */
export type ParsedInstant = {
  /** Exactly the string received. */
  asWritten: string;
  /** The same instant in UTC: `YYYY-MM-DDThh:mm:ss.sssZ`. */
  utc: string;
  /** The offset the writer used, in minutes east of UTC (Tokyo: 540). */
  offsetMinutes: number;
};

const INSTANT_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;

/** Longer than any valid instant: refuse before running anything on arbitrarily long input. */
const MAX_INSTANT_LENGTH = 40;

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  return String(value);
}

/** A problem with an instant, described without the field (the caller names it). */
class InstantProblem {
  readonly code: 'INSTANT_WITHOUT_OFFSET' | 'VALIDATION_FAILED';
  readonly ja: string;
  readonly en: string;
  constructor(code: 'INSTANT_WITHOUT_OFFSET' | 'VALIDATION_FAILED', ja: string, en: string) {
    this.code = code;
    this.ja = ja;
    this.en = en;
  }
}

function invalid(value: unknown, why: { ja: string; en: string }): InstantProblem {
  return new InstantProblem(
    'VALIDATION_FAILED',
    `${describeValue(value)} は日時として不正です（${why.ja}）`,
    `${describeValue(value)} is not a valid instant (${why.en})`,
  );
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Parse an instant; throws DomainError INSTANT_WITHOUT_OFFSET or VALIDATION_FAILED naming `field`. */
export function parseInstant(value: string, field: string): ParsedInstant {
  try {
    return parse(value);
  } catch (e) {
    if (!(e instanceof InstantProblem)) throw e;
    throw new DomainError(e.code, { ja: `${field}: ${e.ja}`, en: `${field}: ${e.en}` }, { field, value });
  }
}

function parse(value: string): ParsedInstant {
  if (typeof value !== 'string' || value.length > MAX_INSTANT_LENGTH) {
    throw invalid(value, { ja: 'ISO 8601 形式の日時文字列が必要です', en: 'an ISO 8601 date-time string is required' });
  }
  const m = INSTANT_PATTERN.exec(value);
  if (m === null) {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
      throw invalid(value, {
        ja: '日付だけでは時点になりません。時刻と UTC からの時差（例 2026-03-01T10:00:00+09:00）が必要です',
        en: 'a date alone is not an instant: a time and a UTC offset are required, e.g. 2026-03-01T10:00:00+09:00',
      });
    }
    throw invalid(value, {
      ja: '形式は 2026-03-01T10:00:00+09:00 のように書いてください',
      en: 'expected a form like 2026-03-01T10:00:00+09:00',
    });
  }
  const [, ys, mos, ds, hs, mis, ss, frac, zulu, sign, ohs, oms] = m;
  if (zulu === undefined && sign === undefined) {
    throw new InstantProblem(
      'INSTANT_WITHOUT_OFFSET',
      `日時 ${describeValue(value)} に UTC からの時差がありません。日本時間なら末尾に +09:00、UTC なら Z を付けてください`,
      `the time ${describeValue(value)} has no UTC offset; append +09:00 for Japan time or Z for UTC`,
    );
  }
  const year = Number(ys);
  const month = Number(mos);
  const day = Number(ds);
  const hour = Number(hs);
  const minute = Number(mis);
  const second = ss === undefined ? 0 : Number(ss);
  if (year < 1) throw invalid(value, { ja: '年は 0001 以降です', en: 'the year must be 0001 or later' });
  if (month < 1 || month > 12)
    throw invalid(value, { ja: `${month} 月は存在しません`, en: `there is no month ${month}` });
  if (day < 1 || day > daysInMonth(year, month)) {
    throw invalid(value, {
      ja: `${year} 年 ${month} 月 ${day} 日は存在しません`,
      en: `${ys}-${mos} has no day ${day}`,
    });
  }
  if (hour > 23) throw invalid(value, { ja: '時は 00〜23 です', en: 'the hour must be 00–23' });
  if (minute > 59) throw invalid(value, { ja: '分は 00〜59 です', en: 'the minute must be 00–59' });
  if (second > 59) {
    throw invalid(value, {
      ja: '秒は 00〜59 です（うるう秒は扱えません）',
      en: 'the second must be 00–59 (leap seconds are not representable)',
    });
  }
  let offsetMinutes = 0;
  if (sign !== undefined) {
    const oh = Number(ohs);
    const om = Number(oms);
    if (oh > 23 || om > 59)
      throw invalid(value, { ja: '時差は ±23:59 までです', en: 'the offset must be within ±23:59' });
    offsetMinutes = (sign === '-' ? -1 : 1) * (oh * 60 + om);
    if (offsetMinutes === 0) offsetMinutes = 0; // -00:00 → 0, never -0
  }
  const ms = frac === undefined ? 0 : Number(frac.padEnd(3, '0').slice(0, 3));
  const local = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  local.setUTCFullYear(year, month - 1, day);
  local.setUTCHours(hour, minute, second, ms);
  const instant = new Date(local.getTime() - offsetMinutes * 60_000);
  const utc = instant.toISOString();
  if (!/^\d{4}-/.test(utc)) {
    throw invalid(value, {
      ja: 'UTC に直すと 0000〜9999 年の範囲を外れます',
      en: 'in UTC it falls outside the years 0000–9999',
    });
  }
  return { asWritten: value, utc, offsetMinutes };
}

/** The UTC ISO form (`…Z`, millisecond precision) of an instant; throws like parseInstant. */
export function toUtcIso(value: string): string {
  return parseInstant(value, 'value').utc;
}

/** The instant as a Date (for deadline arithmetic). */
export function toDate(value: string, field = 'value'): Date {
  return new Date(parseInstant(value, field).utc);
}

/**
 * A string that parseInstant accepts; the output is the string as written (signatures cover what the
 * requester wrote). On failure the issue carries `params.code` = 'INSTANT_WITHOUT_OFFSET' |
 * 'VALIDATION_FAILED' and `params.ja` (the Japanese message), so the HTTP layer can report the code.
 */
export const InstantSchema = z.string().superRefine((value, ctx) => {
  try {
    parse(value);
  } catch (e) {
    if (!(e instanceof InstantProblem)) throw e;
    ctx.addIssue({ code: 'custom', message: e.en, params: { code: e.code, ja: e.ja }, input: value });
  }
});
export type Instant = z.infer<typeof InstantSchema>;

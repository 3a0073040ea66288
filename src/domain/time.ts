import { shownInput } from './shown-text.ts';
import { type Bilingual, type Locale, REQUIRED_MESSAGE } from './vocabulary.ts';

/**
 * The one instant core of shokai (pure: no zod, no I/O), shared by the server, the web (as
 * `#shokai/time`) and documents. It parses instants, resolves wall-clock times in IANA zones and
 * formats instants for people: in a given zone WITH that zone's offset, and in Japanese with the era
 * year beside the Western year.
 *
 * The input syntaxes of log files (src/attribution/time.ts) and mail headers (src/evidence/mail/date.ts)
 * stay with their readers; the arithmetic, the zone rules and the formats are here, once.
 */

// ---------------------------------------------------------------------------------------------------
// The instant type and the error

/** An instant: a point in time, plus the offset it was written with when that is known. */
export interface Instant {
  /** UTC, epoch milliseconds. */
  readonly epochMs: number;
  /**
   * Minutes east of UTC (Tokyo: 540) the instant was written with, or the zone's offset at that
   * instant when it was read in a zone; null when it came without one (e.g. epoch seconds).
   */
  readonly offsetMinutes: number | null;
}

/** A strictly parsed instant: what was written, the same instant in UTC, and the writer's offset. */
export interface ParsedInstant extends Instant {
  /** Exactly the string received. */
  readonly asWritten: string;
  /** The same instant in UTC: `YYYY-MM-DDThh:mm:ss.sssZ`. */
  readonly utc: string;
  readonly offsetMinutes: number;
}

/** What a formatter accepts: an Instant, a Date or epoch milliseconds. */
export type InstantLike = Instant | Date | number;

export type TimeErrorCode = 'INSTANT_WITHOUT_OFFSET' | 'VALIDATION_FAILED';

/** A time that is not one: malformed, impossible, without an offset, in a DST gap or fold, or an unknown zone. */
export class TimeError extends Error {
  override name = 'TimeError';
  readonly code: TimeErrorCode;
  readonly ja: string;
  readonly en: string;
  constructor(text: Bilingual, code: TimeErrorCode = 'VALIDATION_FAILED') {
    super(text.en);
    this.code = code;
    this.ja = text.ja;
    this.en = text.en;
  }
}

// ---------------------------------------------------------------------------------------------------
// The calendar (proleptic Gregorian)

const MINUTE_MS = 60_000;
/** An hour and a day in milliseconds: the one definition the domain counts periods with. */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** A wall-clock reading: a calendar date and a time of day, in no particular zone. */
export interface Wall {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  /** Milliseconds, 0–999 (0 when absent). */
  ms?: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * The epoch milliseconds of a wall reading taken as UTC. Fields out of range roll over as in
 * Date.UTC, but years 0–99 stay themselves (Date.UTC maps them to 1900–1999).
 */
export function wallAsUtcMs(w: Wall): number {
  if (w.y >= 100 || w.y < 0) return Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s, w.ms ?? 0);
  const date = new Date(0);
  date.setUTCFullYear(w.y, w.mo - 1, w.d);
  date.setUTCHours(w.h, w.mi, w.s, w.ms ?? 0);
  return date.getTime();
}

/** The wall reading of epoch milliseconds taken as UTC (the inverse of wallAsUtcMs). */
function utcWall(ms: number): Required<Wall> {
  const date = new Date(ms);
  return {
    y: date.getUTCFullYear(),
    mo: date.getUTCMonth() + 1,
    d: date.getUTCDate(),
    h: date.getUTCHours(),
    mi: date.getUTCMinutes(),
    s: date.getUTCSeconds(),
    ms: date.getUTCMilliseconds(),
  };
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);
const pad4 = (n: number): string => String(n).padStart(4, '0');

/** `YYYY-MM-DD hh:mm:ss`, for messages. */
function wallText(w: Wall): string {
  return `${pad4(w.y)}-${pad2(w.mo)}-${pad2(w.d)} ${pad2(w.h)}:${pad2(w.mi)}:${pad2(w.s)}`;
}

/** Milliseconds of a decimal fraction of a second ("5" → 500, "123456" → 123): truncated, not rounded. */
function fractionMs(digits: string | undefined): number {
  return digits === undefined ? 0 : Number(digits.padEnd(3, '0').slice(0, 3));
}

function epochOf(at: InstantLike): number {
  const ms = typeof at === 'number' ? at : at instanceof Date ? at.getTime() : at.epochMs;
  if (!Number.isFinite(ms)) throw new TimeError({ ja: '日時が不正です', en: 'not a valid instant' });
  return ms;
}

// ---------------------------------------------------------------------------------------------------
// Strict instants: ISO 8601 / RFC 3339 WITH a UTC offset

const INSTANT_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;

/** Longer than any valid instant: refuse before running anything on arbitrarily long input. */
const MAX_INSTANT_LENGTH = 40;

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  return String(value);
}

function invalid(value: unknown, why: Bilingual): TimeError {
  return new TimeError({
    ja: `${describeValue(value)} は日時として不正です（${why.ja}）`,
    en: `${describeValue(value)} is not a valid instant (${why.en})`,
  });
}

/** Why a wall reading is not a real date and time, or null when it is one. */
/** The wall-clock fields of a matched time (year … fraction), refused with the reason when impossible. */
function checkedWall(text: string, parts: ReadonlyArray<string | undefined>): Wall {
  const [ys, mos, ds, hs, mis, ss, frac] = parts;
  const w: Wall = {
    y: Number(ys),
    mo: Number(mos),
    d: Number(ds),
    h: Number(hs),
    mi: Number(mis),
    s: ss === undefined ? 0 : Number(ss),
    ms: fractionMs(frac),
  };
  const problem = wallProblem(w, ys ?? '', mos ?? '');
  if (problem !== null) throw invalid(text, problem);
  return w;
}

function wallProblem(w: Wall, yearText: string, monthText: string): Bilingual | null {
  if (w.y < 1) return { ja: '年は 0001 以降です', en: 'the year must be 0001 or later' };
  if (w.mo < 1 || w.mo > 12) return { ja: `${w.mo} 月は存在しません`, en: `there is no month ${w.mo}` };
  if (w.d < 1 || w.d > daysInMonth(w.y, w.mo)) {
    return { ja: `${w.y} 年 ${w.mo} 月 ${w.d} 日は存在しません`, en: `${yearText}-${monthText} has no day ${w.d}` };
  }
  if (w.h > 23) return { ja: '時は 00〜23 です', en: 'the hour must be 00–23' };
  if (w.mi > 59) return { ja: '分は 00〜59 です', en: 'the minute must be 00–59' };
  if (w.s > 59) {
    return {
      ja: '秒は 00〜59 です（うるう秒は扱えません）',
      en: 'the second must be 00–59 (leap seconds are not representable)',
    };
  }
  return null;
}

/**
 * Parse an instant as the domain accepts it: an ISO-8601 / RFC 3339 date-time WITH a UTC offset.
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
 * Refused with a TimeError: no offset (`INSTANT_WITHOUT_OFFSET`); a date alone, impossible dates
 * (2026-02-30), hour 24, leap second 60, offsets beyond ±23:59, years outside 0001–9999
 * (`VALIDATION_FAILED`).
 */
export function parseIsoInstant(value: string): ParsedInstant {
  if (typeof value !== 'string' || value.length > MAX_INSTANT_LENGTH) {
    throw invalid(value, { ja: 'ISO 8601 形式の日時文字列が必要です', en: 'an ISO 8601 date-time string is required' });
  }
  // Left empty: required, in the words every other field uses (not "\"\" is not a valid instant").
  if (value.trim() === '') throw new TimeError(REQUIRED_MESSAGE);
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
    throw new TimeError(
      {
        ja: `日時 ${describeValue(value)} に UTC からの時差がありません。日本時間なら末尾に +09:00、UTC なら Z を付けてください`,
        en: `the time ${describeValue(value)} has no UTC offset; append +09:00 for Japan time or Z for UTC`,
      },
      'INSTANT_WITHOUT_OFFSET',
    );
  }
  const w = checkedWall(value, [ys, mos, ds, hs, mis, ss, frac]);
  let offsetMinutes = 0;
  if (sign !== undefined) {
    const oh = Number(ohs);
    const om = Number(oms);
    if (oh > 23 || om > 59)
      throw invalid(value, { ja: '時差は ±23:59 までです', en: 'the offset must be within ±23:59' });
    offsetMinutes = (sign === '-' ? -1 : 1) * (oh * 60 + om);
    if (offsetMinutes === 0) offsetMinutes = 0; // -00:00 → 0, never -0
  }
  const epochMs = wallAsUtcMs(w) - offsetMinutes * MINUTE_MS;
  const utc = new Date(epochMs).toISOString();
  if (!/^\d{4}-/.test(utc)) {
    throw invalid(value, {
      ja: 'UTC に直すと 0000〜9999 年の範囲を外れます',
      en: 'in UTC it falls outside the years 0000–9999',
    });
  }
  return { asWritten: value, utc, epochMs, offsetMinutes };
}

// ---------------------------------------------------------------------------------------------------
// IANA zones

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(zone: string): Intl.DateTimeFormat {
  let f = zoneFormatters.get(zone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new TimeError({
        ja: `タイムゾーン「${shownInput(zone)}」は不明です。IANA のタイムゾーン名で指定してください（例: Asia/Tokyo、UTC）`,
        en: `unknown time zone "${shownInput(zone)}": give an IANA time zone name (e.g. Asia/Tokyo or UTC)`,
      });
    }
    zoneFormatters.set(zone, f);
  }
  return f;
}

/** Check that a zone name is a valid IANA zone (throws TimeError); returns it. */
export function checkZone(zone: string): string {
  zoneFormatter(zone);
  return zone;
}

/** The UTC offset, in minutes east, of `zone` at the instant `epochMs`. */
export function zoneOffsetAt(zone: string, epochMs: number): number {
  if (zone === 'UTC') return 0;
  const parts = zoneFormatter(zone).formatToParts(new Date(epochMs));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? NaN);
  const wall = wallAsUtcMs({
    y: get('year'),
    mo: get('month'),
    d: get('day'),
    h: get('hour'),
    mi: get('minute'),
    s: get('second'),
  });
  return Math.round((wall - epochMs) / MINUTE_MS);
}

/**
 * The instant whose wall-clock reading in `zone` is `w`. A reading that does not exist there (the
 * clocks spring forward over it) or exists twice (they fall back over it) is refused with a
 * TimeError naming both readings, never guessed. `w` is not validated here: see parseWallTime.
 */
export function resolveZonedWall(w: Wall, zone: string): number {
  const local = wallAsUtcMs(w);
  const candidates = new Set<number>();
  for (const probe of [local - DAY_MS, local, local + DAY_MS]) {
    candidates.add(zoneOffsetAt(zone, probe - zoneOffsetAt(zone, probe) * MINUTE_MS));
  }
  const hits: number[] = [];
  for (const offset of candidates) {
    const t = local - offset * MINUTE_MS;
    if (zoneOffsetAt(zone, t) === offset && !hits.includes(t)) hits.push(t);
  }
  hits.sort((a, b) => a - b);
  const first = hits[0];
  if (first === undefined) {
    throw new TimeError({
      ja: `${wallText(w)} は ${zone} には存在しない時刻です（夏時間の切替で飛ばされる時間帯）`,
      en: `${wallText(w)} does not exist in ${zone} (daylight-saving gap)`,
    });
  }
  if (hits.length > 1) {
    throw new TimeError({
      ja: `${wallText(w)} は ${zone} では2回ある時刻です（夏時間の切替で重なる時間帯）: ${hits.map(utcIso).join(' または ')}。時差付きで指定してください`,
      en: `${wallText(w)} occurs twice in ${zone} (daylight-saving fold): ${hits.map(utcIso).join(' or ')}`,
    });
  }
  return first;
}

const WALL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?$/;

/**
 * A wall-clock time written WITHOUT an offset (`YYYY-MM-DD[T ]hh:mm[:ss[.f…]]`) read in a declared
 * IANA zone: the instant, with that zone's offset then. Malformed or impossible readings, and
 * readings in a DST gap or fold, are refused with a TimeError.
 */
export function parseWallTime(text: string, zone: string): Instant {
  checkZone(zone);
  if (text.trim() === '') throw new TimeError(REQUIRED_MESSAGE);
  const m = WALL_PATTERN.exec(text.trim());
  if (m === null) {
    throw invalid(text, {
      ja: `${zone} の日時は 2026-03-29 01:30:12 のように書いてください`,
      en: `expected a time in ${zone} like 2026-03-29 01:30:12`,
    });
  }
  const [, ys, mos, ds, hs, mis, ss, frac] = m;
  const w = checkedWall(text, [ys, mos, ds, hs, mis, ss, frac]);
  const epochMs = resolveZonedWall(w, zone);
  return { epochMs, offsetMinutes: zoneOffsetAt(zone, epochMs) };
}

// ---------------------------------------------------------------------------------------------------
// Zone abbreviations

/**
 * Zone abbreviations with a single, well-known meaning, in minutes east of UTC. Abbreviations that
 * name several zones (CST, IST, AST, …) are deliberately absent: see AMBIGUOUS_ZONE_ABBREVIATIONS.
 */
export const ZONE_ABBREVIATIONS: Readonly<Record<string, number>> = {
  UTC: 0,
  GMT: 0,
  UT: 0,
  Z: 0,
  WET: 0,
  WEST: 60,
  BST: 60,
  CET: 60,
  CEST: 120,
  MET: 60,
  MEST: 120,
  EET: 120,
  EEST: 180,
  MSK: 180,
  JST: 540,
  KST: 540,
  HKT: 480,
  SGT: 480,
  AWST: 480,
  ACST: 570,
  ACDT: 630,
  AEST: 600,
  AEDT: 660,
  NZST: 720,
  NZDT: 780,
  HST: -600,
  AKST: -540,
  AKDT: -480,
  PST: -480,
  PDT: -420,
  MST: -420,
  MDT: -360,
  CDT: -300,
  EST: -300,
  EDT: -240,
};

/** Abbreviations that name several zones (CST: US Central, China, Cuba; IST: India, Ireland, Israel; …). */
export const AMBIGUOUS_ZONE_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'CST',
  'IST',
  'AST',
  'ADT',
  'BT',
  'SST',
  'ECT',
  'GST',
]);

/** The offset of a zone abbreviation (any case); an ambiguous or unknown one is refused with a TimeError. */
export function zoneAbbreviationOffset(text: string): number {
  const t = text.trim().toUpperCase();
  if (AMBIGUOUS_ZONE_ABBREVIATIONS.has(t)) {
    throw new TimeError({
      ja: `タイムゾーンの略称 "${text}" は複数の地域を指します。+09:00 のような時差で書いてください`,
      en: `zone abbreviation "${text}" is ambiguous; use a numeric offset`,
    });
  }
  const offset = ZONE_ABBREVIATIONS[t];
  if (offset === undefined) {
    throw new TimeError({
      ja: `タイムゾーンの略称 "${text}" は不明です`,
      en: `unknown zone abbreviation "${text}"`,
    });
  }
  return offset;
}

const MONTH_ABBREVIATIONS: Readonly<Record<string, number>> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

/** The month (1–12) of an English month name or its three-letter abbreviation (any case), or null. */
export function englishMonth(name: string): number | null {
  return MONTH_ABBREVIATIONS[name.slice(0, 3).toLowerCase()] ?? null;
}

// ---------------------------------------------------------------------------------------------------
// Formatting

/** `+09:00`, `-04:00`, `+00:00`. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const m = Math.abs(minutes);
  return `${sign}${pad2(Math.floor(m / 60))}:${pad2(m % 60)}`;
}

const dayPrefixes = new Map<number, string>();

/**
 * ISO 8601 in UTC with milliseconds: `2026-03-28T16:30:12.250Z` (fractions of a millisecond are
 * rounded). The date part is cached per day: attribution formats every time it outputs with this.
 */
export function utcIso(epochMs: number): string {
  const ms = Math.round(epochMs);
  const day = Math.floor(ms / DAY_MS);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    const full = new Date(day * DAY_MS).toISOString();
    if (full.length !== 24) return new Date(ms).toISOString(); // years beyond 9999 or before 0
    prefix = full.slice(0, 11);
    if (dayPrefixes.size > 8192) dayPrefixes.clear();
    dayPrefixes.set(day, prefix);
  }
  let r = ms - day * DAY_MS;
  const h = Math.floor(r / 3_600_000);
  r -= h * 3_600_000;
  const mi = Math.floor(r / MINUTE_MS);
  r -= mi * MINUTE_MS;
  const s = Math.floor(r / 1000);
  return `${prefix}${pad2(h)}:${pad2(mi)}:${pad2(s)}.${pad3(r - s * 1000)}Z`;
}

/** The wall reading of an instant in a zone, with the zone's offset at that instant. */
export interface ZonedWall extends Required<Wall> {
  offsetMinutes: number;
}

export function zonedWall(at: InstantLike, zone: string): ZonedWall {
  const epochMs = epochOf(at);
  const offsetMinutes = zoneOffsetAt(zone, epochMs);
  return { ...utcWall(epochMs + offsetMinutes * MINUTE_MS), offsetMinutes };
}

function timeText(w: ZonedWall, milliseconds: boolean): string {
  const base = `${pad2(w.h)}:${pad2(w.mi)}:${pad2(w.s)}`;
  return milliseconds ? `${base}.${pad3(w.ms)}` : base;
}

/**
 * An instant in a zone WITH that zone's offset: `2026-03-29 01:30:12 +09:00`; with
 * `{ milliseconds: true }`, `2026-03-29 01:30:12.250 +09:00`.
 */
export function formatInstant(at: InstantLike, zone: string, options: { milliseconds?: boolean } = {}): string {
  return readableWall(zonedWall(at, zone), options.milliseconds === true);
}

/**
 * An instant's text (as stored: ISO 8601 UTC, `2026-03-28T16:30:12.000Z`) as a person reads it in a zone,
 * formatInstant's `2026-03-29 01:30:12 +09:00`; text that is no instant is kept as written, none gives ''.
 */
export function formatInstantText(
  text: string | null | undefined,
  zone: string,
  options: { milliseconds?: boolean } = {},
): string {
  if (!text) return '';
  try {
    return formatInstant(parseIsoInstant(text), zone, options);
  } catch (err) {
    if (err instanceof TimeError) return text;
    throw err;
  }
}

/** A wall reading with its offset as a person reads it: `2026-03-29 01:30:12 +09:00`. */
function readableWall(w: ZonedWall, milliseconds: boolean): string {
  return `${pad4(w.y)}-${pad2(w.mo)}-${pad2(w.d)} ${timeText(w, milliseconds)} ${formatOffset(w.offsetMinutes)}`;
}

/**
 * An instant at a fixed offset (minutes east of UTC), as a person reads it: `2026-03-29 01:30:12 +09:00`,
 * with the milliseconds when there are any. For a text that speaks at the offset its reader gave.
 */
export function formatAtOffset(at: InstantLike, offsetMinutes: number): string {
  const w = { ...utcWall(epochOf(at) + offsetMinutes * MINUTE_MS), offsetMinutes };
  return readableWall(w, w.ms !== 0);
}

/**
 * ISO 8601 in a zone with its offset, as the API accepts it: `2026-03-29T01:30:12+09:00`; the
 * milliseconds are written when there are any (`2026-03-29T01:30:12.250+09:00`).
 */
export function formatIsoInZone(at: InstantLike, zone: string): string {
  return isoOfWall(zonedWall(at, zone));
}

/** The same ISO 8601 form at a fixed offset (minutes east of UTC): `2026-03-29T01:30:12.250+09:00`. */
export function formatIsoAtOffset(at: InstantLike, offsetMinutes: number): string {
  return isoOfWall({ ...utcWall(epochOf(at) + offsetMinutes * MINUTE_MS), offsetMinutes });
}

function isoOfWall(w: ZonedWall): string {
  return `${formatWallIso(w)}${w.ms === 0 ? '' : `.${pad3(w.ms)}`}${formatOffset(w.offsetMinutes)}`;
}

/** The wall reading alone, `YYYY-MM-DDThh:mm:ss` (as an input field holds it). */
export function formatWallIso(w: Wall): string {
  return `${pad4(w.y)}-${pad2(w.mo)}-${pad2(w.d)}T${pad2(w.h)}:${pad2(w.mi)}:${pad2(w.s)}`;
}

/** The Japanese eras since the Gregorian calendar was adopted, newest first; each begins on `from`. */
const ERAS: ReadonlyArray<{ name: string; firstYear: number; from: number }> = [
  { name: '令和', firstYear: 2019, from: 2019_05_01 },
  { name: '平成', firstYear: 1989, from: 1989_01_08 },
  { name: '昭和', firstYear: 1926, from: 1926_12_25 },
  { name: '大正', firstYear: 1912, from: 1912_07_30 },
  // 明治 began in 1868, but Japan reckoned with the lunisolar calendar until 明治5年12月2日: the era
  // year is only written beside Gregorian dates from 明治6年 (1873-01-01) on.
  { name: '明治', firstYear: 1868, from: 1873_01_01 },
];

/** An era year as documents write it: 令和8年, and the first year of an era 令和元年. */
export function eraYearText(era: { name: string; year: number }): string {
  return `${era.name}${era.year === 1 ? '元' : era.year}年`;
}

/** The Japanese era and era year of a Gregorian date (2019-05-01 → 令和 1), or null before 1873. */
export function japaneseEra(year: number, month: number, day: number): { name: string; year: number } | null {
  const key = year * 10_000 + month * 100 + day;
  for (const era of ERAS) if (key >= era.from) return { name: era.name, year: year - era.firstYear + 1 };
  return null;
}

const ENGLISH_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** Japan's zone: the one people of this field read dates and deadlines in, and periods are counted in. */
export const JAPAN_ZONE = 'Asia/Tokyo';

/**
 * The date of an instant in a zone. Japanese: the era year beside the Western year,
 * `令和8年（2026年）3月29日` (the first year of an era is 元年, as documents write it; before 1873 the
 * Western year alone). English: `29 March 2026`.
 */
export function formatDate(at: InstantLike, locale: Locale, zone: string): string {
  const w = zonedWall(at, zone);
  if (locale === 'en') return `${w.d} ${ENGLISH_MONTHS[w.mo - 1]} ${w.y}`;
  const era = japaneseEra(w.y, w.mo, w.d);
  const years = era === null ? `${w.y}年` : `${eraYearText(era)}（${w.y}年）`;
  return `${years}${w.mo}月${w.d}日`;
}

/** A calendar day as written, `YYYY-MM-DD`: a date without a time or a zone (a contract's first or last day). */
export const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The calendar day an instant falls on in a zone, `YYYY-MM-DD`. */
export function dayInZone(at: InstantLike, zone: string): string {
  const w = zonedWall(at, zone);
  return `${pad4(w.y)}-${pad2(w.mo)}-${pad2(w.d)}`;
}

/**
 * A calendar day (`YYYY-MM-DD`) in words, as formatDate writes a date (`令和2年（2020年）1月1日`, `1 January
 * 2020`): the day as written, moved into no zone. Null when the text is no real day.
 */
export function formatDay(day: string, locale: Locale): string | null {
  const w = calendarDay(day);
  // noon UTC of that day read in UTC: the same wall date, whatever the zone
  return w === null ? null : formatDate(wallAsUtcMs({ ...w, h: 12, mi: 0, s: 0 }), locale, 'UTC');
}

/** The year, month and day of a calendar day as written (`YYYY-MM-DD`); null when the text is no real day. */
function calendarDay(day: string): { y: number; mo: number; d: number } | null {
  const m = DAY_PATTERN.exec(day);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) ? null : { y, mo, d };
}

/** A date a record gives, read: a real calendar day as written, or an instant with its offset; null: neither. */
export type DayOrInstant = { kind: 'day'; day: string } | { kind: 'instant'; at: ParsedInstant };

export function readDayOrInstant(value: string): DayOrInstant | null {
  const v = value.trim();
  if (calendarDay(v) !== null) return { kind: 'day', day: v };
  try {
    return { kind: 'instant', at: parseIsoInstant(v) };
  } catch (err) {
    if (err instanceof TimeError) return null;
    throw err;
  }
}

/**
 * A date a record gives, for a person: a calendar day (`2020-01-01`) as a date in words; an instant with
 * its offset (what answers stored before dates were days hold: `2019-12-31T15:00:00.000Z`) as the instant
 * it is, date and time with the zone's offset — never cut to a day, which for an end would name the day
 * after; anything else as written.
 */
export function formatDayOrInstant(value: string, locale: Locale, zone: string): string {
  const read = readDayOrInstant(value);
  if (read === null) return value;
  return read.kind === 'day' ? (formatDay(read.day, locale) ?? value) : formatDateTime(read.at, locale, zone);
}

/** The date as formatDate, then the time of day with the zone's offset: `令和8年（2026年）3月29日 01:30:12 +09:00`. */
export function formatDateTime(
  at: InstantLike,
  locale: Locale,
  zone: string,
  options: { milliseconds?: boolean } = {},
): string {
  const w = zonedWall(at, zone);
  return (
    `${formatDate(at, locale, zone)} ` +
    `${timeText(w, options.milliseconds === true)} ${formatOffset(w.offsetMinutes)}`
  );
}

/** A duration as at most two units, `2日 3時間` / `2d 3h`; under a minute `1分未満` / `<1m`. */
export function formatDuration(ms: number, locale: Locale): string {
  const minutes = Math.floor(Math.abs(ms) / MINUTE_MS);
  const units: Array<[number, string, string]> = [
    [Math.floor(minutes / 1440), '日', 'd'],
    [Math.floor((minutes % 1440) / 60), '時間', 'h'],
    [minutes % 60, '分', 'm'],
  ];
  const shown = units.filter(([n]) => n > 0).slice(0, 2);
  if (shown.length === 0) return locale === 'ja' ? '1分未満' : '<1m';
  return shown.map(([n, ja, en]) => (locale === 'ja' ? `${n}${ja}` : `${n}${en}`)).join(' ');
}

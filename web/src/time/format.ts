// The web's side of the instant core (#shokai/time): the viewer's zone, and '—' for a missing or
// unreadable value. Instants are shown in the viewer's zone WITH its offset ("2026-03-29 01:30:12
// +09:00"), Japanese dates with the era year beside the Western year ("令和8年（2026年）3月29日").
import {
  formatDate as coreFormatDate,
  formatInstant as coreFormatInstant,
  formatDateTime,
  formatDayOrInstant,
  formatIsoInZone,
  formatOffset,
  formatWallIso,
  type Instant,
  parseIsoInstant,
  parseWallTime,
  TimeError,
  zonedWall,
  zoneOffsetAt,
} from '#shokai/time';
import type { Bilingual, Locale } from '#shokai/vocabulary';

export { formatDuration } from '#shokai/time';

export function viewerZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** An instant as the API gives it (ISO 8601 with its offset), or none. */
type ApiInstant = string | Date | null | undefined;

/** An instant from the API, or null when missing or not an instant. */
function read(value: ApiInstant): Instant | Date | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  try {
    return parseIsoInstant(value);
  } catch (e) {
    if (e instanceof TimeError) return null;
    throw e;
  }
}

/** The instant as `format` writes it, or '—' when it is missing or not an instant. */
function shown(value: ApiInstant, format: (at: Instant | Date) => string): string {
  const at = read(value);
  return at === null ? '—' : format(at);
}

/** "2026-03-29 01:30:12 +09:00" in the given zone (the viewer's by default). */
export function formatInstant(value: ApiInstant, timeZone: string = viewerZone()): string {
  return shown(value, (at) => coreFormatInstant(at, timeZone));
}

/** The date alone; in Japanese with the era year beside the Western year. */
export function formatDate(value: ApiInstant, locale: Locale, timeZone: string = viewerZone()): string {
  return shown(value, (at) => coreFormatDate(at, locale, timeZone));
}

/**
 * A calendar day in Japan (`YYYY-MM-DD`, as a court counts a period) in words: in Japanese with the era
 * year beside the Western year; '—' when missing or not a day. Not moved into the viewer's zone: the day
 * is the court's.
 */
export function formatJapanDay(day: string | null | undefined, locale: Locale): string {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return '—';
  return formatDate(`${day}T12:00:00+09:00`, locale, 'Asia/Tokyo');
}

/**
 * A date a record gives (a contract's first or last day): a day (`2020-01-01`) as a date in words; an
 * instant, as answers stored before held it, with its time and offset in the viewer's zone; else as written.
 */
export function formatRecordDay(value: string, locale: Locale, timeZone: string = viewerZone()): string {
  return formatDayOrInstant(value, locale, timeZone);
}

/** Date with era (ja) followed by the exact time with offset. */
export function formatDateTimeLong(value: ApiInstant, locale: Locale, timeZone: string = viewerZone()): string {
  return shown(value, (at) => formatDateTime(at, locale, timeZone));
}

/**
 * The wall-clock time `wall` ("2026-03-29T01:30" or with seconds) read in `timeZone`, as ISO 8601
 * with that zone's offset ("2026-03-29T01:30:00+09:00"); or why it names no instant (malformed, or
 * skipped or repeated by a daylight-saving change there). A time typed with an explicit offset
 * ("2026-03-29 01:30:12+09:00") is unambiguous: it is read as that instant (`offsetTyped`).
 */
export function readWallTime(
  wall: string,
  timeZone: string,
  dayAlone?: 'start' | 'end',
): { iso: string; offsetTyped: boolean } | { problem: Bilingual } {
  try {
    // A time typed with its offset names one instant whatever the zone chosen: read as typed, and
    // given in the chosen zone (where the field says it back).
    const typed = WITH_OFFSET.exec(wall.trim());
    // One end of a span may be a date alone (a warrant valid until 2026-12-14): its first or last second there.
    const day =
      dayAlone && DAY_ALONE.test(wall.trim())
        ? `${wall.trim()} ${dayAlone === 'start' ? '00:00:00' : '23:59:59'}`
        : null;
    const at = typed ? parseIsoInstant(`${typed[1]}${typed[2]}`) : parseWallTime(day ?? wall, timeZone);
    return { iso: formatIsoInZone(at, timeZone), offsetTyped: typed !== null };
  } catch (e) {
    if (e instanceof TimeError) return { problem: { ja: e.ja, en: e.en } };
    throw e;
  }
}

/** A date alone, `2026-12-14`. */
const DAY_ALONE = /^\d{4}-\d{2}-\d{2}$/;

/** A date and time followed by an offset (`Z`, `+09:00`, `+0900`), a space allowed before it. */
const WITH_OFFSET = /^(\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?)\s?([Zz]|[+-]\d{2}:?\d{2})$/;

/** As readWallTime, null when the wall time names no instant. */
export function wallTimeToIso(wall: string, timeZone: string): string | null {
  const r = readWallTime(wall, timeZone);
  return 'iso' in r ? r.iso : null;
}

/** The wall-clock value ("YYYY-MM-DDTHH:mm:ss") of an ISO instant in `timeZone`, for an input field. */
export function isoToWallTime(iso: string, timeZone: string): string {
  const at = read(iso);
  return at === null ? '' : formatWallIso(zonedWall(at, timeZone));
}

/** The zone's offset from UTC now (`+09:00`), as the instant inputs state it beside the zone. */
export function zoneOffsetText(timeZone: string, at: number = Date.now()): string {
  return formatOffset(zoneOffsetAt(timeZone, at));
}

/** Zones offered by the instant inputs (the viewer's own is added if missing). */
export const COMMON_ZONES = [
  'Asia/Tokyo',
  'UTC',
  'Asia/Seoul',
  'Asia/Shanghai',
  'Asia/Singapore',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
] as const;

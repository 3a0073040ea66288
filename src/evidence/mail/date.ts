// Dates of mail headers (RFC 5322 §3.3, and the obsolete forms of §4.3). The header syntax is read
// here; the calendar, the zone table and the formats are the instant core's (src/domain/time.ts).
import { daysInMonth, englishMonth, formatOffset, utcIso, wallAsUtcMs, ZONE_ABBREVIATIONS } from '../../domain/time.ts';

/** A date as written in a header: the wall-clock time, its offset if stated, and the instant. */
export interface HeaderDate {
  /** ISO 8601 as written: with the stated offset (`+09:00`), or without one when none was given. */
  iso: string;
  /** Offset from UTC in minutes, or null when the header states none (or an unknown zone name). */
  offsetMinutes: number | null;
  /** Epoch milliseconds; null when the offset is unknown. */
  epochMs: number | null;
}

// RFC 5322 obsolete zones (§4.3), and JST, which Japanese mailers write although no RFC lists it.
// CST is left out although RFC 5322 reads it as US Central: Chinese servers write it for +08:00 (and
// Cuba for -05:00), and the instant core refuses it as ambiguous; a hop dated "CST" alone has no
// known offset (a numeric offset beside it is what counts).
const HEADER_ZONES: ReadonlySet<string> = new Set([
  'UT',
  'UTC',
  'GMT',
  'Z',
  'EST',
  'EDT',
  'CDT',
  'MST',
  'MDT',
  'PST',
  'PDT',
  'JST',
]);

/** The offset of a zone name in a header, or null when it is not one of HEADER_ZONES. */
function headerZoneOffset(name: string): number | null {
  const n = name.toUpperCase();
  if (!HEADER_ZONES.has(n)) return null;
  return ZONE_ABBREVIATIONS[n] ?? null;
}

const DATE_RE = new RegExp(
  '^\\s*(?:[A-Za-z]{3,9},?\\s*)?(\\d{1,2})[\\s-]+([A-Za-z]{3})[A-Za-z]*[\\s-]+(\\d{2,4})' +
    '\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?(?:\\.\\d{1,9})?\\s*([+-]\\d{4}|[A-Za-z]{1,5})?',
);

const pad = (n: number, w = 2): string =>
  w === 2 && n >= 0 && n < 10 ? `0${n}` : w === 2 ? String(n) : String(n).padStart(w, '0');

/** Parse an RFC 5322 date (also obsolete forms); null when it is not a date at all. */
export function parseHeaderDate(text: string): HeaderDate | null {
  const m = DATE_RE.exec(text);
  if (!m) return null;
  const day = Number(m[1]);
  const month = englishMonth(m[2] ?? '');
  let year = Number(m[3]);
  if ((m[3] ?? '').length === 2) year += year < 50 ? 2000 : 1900;
  else if ((m[3] ?? '').length === 3) year += 1900;
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (month === null || hour > 23 || minute > 59 || second > 60) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  const local = `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(Math.min(second, 59))}`;
  const zone = m[7];
  let offset: number | null = null;
  if (zone !== undefined) {
    if (zone.startsWith('+') || zone.startsWith('-')) {
      const hh = Number(zone.slice(1, 3));
      const mm = Number(zone.slice(3, 5));
      if (hh <= 23 && mm <= 59) offset = (zone.startsWith('-') ? -1 : 1) * (hh * 60 + mm) || 0;
    } else {
      offset = headerZoneOffset(zone);
    }
  }
  if (offset === null) return { iso: local, offsetMinutes: null, epochMs: null };
  const wall = { y: year, mo: month, d: day, h: hour, mi: minute, s: Math.min(second, 59) };
  const epochMs = wallAsUtcMs(wall) - offset * 60_000;
  return { iso: `${local}${formatOffset(offset)}`, offsetMinutes: offset, epochMs };
}

/** `YYYY-MM-DDTHH:MM:SSZ` for an epoch in milliseconds (whole seconds). */
export function isoUtc(epochMs: number): string {
  return utcIso(Math.floor(epochMs / 1000) * 1000).replace('.000Z', 'Z');
}

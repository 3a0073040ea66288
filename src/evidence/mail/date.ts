/** A date as written in a header: the wall-clock time, its offset if stated, and the instant. */
export interface HeaderDate {
  /** ISO 8601 as written: with the stated offset (`+09:00`), or without one when none was given. */
  iso: string;
  /** Offset from UTC in minutes, or null when the header states none (or an unknown zone name). */
  offsetMinutes: number | null;
  /** Epoch milliseconds; null when the offset is unknown. */
  epochMs: number | null;
}

const MONTHS: Record<string, number> = {
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

// RFC 5322 obsolete zones (§4.3), and JST, which Japanese mailers write although no RFC lists it.
const ZONES: Record<string, number> = {
  ut: 0,
  utc: 0,
  gmt: 0,
  z: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
  jst: 540,
};

const DATE_RE =
  /^\s*(?:[A-Za-z]{3,9},?\s*)?(\d{1,2})[\s-]+([A-Za-z]{3})[A-Za-z]*[\s-]+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d{1,9})?\s*([+-]\d{4}|[A-Za-z]{1,5})?/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const pad = (n: number, w = 2): string =>
  w === 2 && n >= 0 && n < 10 ? `0${n}` : w === 2 ? String(n) : String(n).padStart(w, '0');

export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const m = Math.abs(minutes);
  return `${sign}${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

/** Parse an RFC 5322 date (also obsolete forms); null when it is not a date at all. */
export function parseHeaderDate(text: string): HeaderDate | null {
  const m = DATE_RE.exec(text);
  if (!m) return null;
  const day = Number(m[1]);
  const month = MONTHS[(m[2] ?? '').toLowerCase()];
  let year = Number(m[3]);
  if ((m[3] ?? '').length === 2) year += year < 50 ? 2000 : 1900;
  else if ((m[3] ?? '').length === 3) year += 1900;
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (month === undefined || hour > 23 || minute > 59 || second > 60) return null;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const dim = month === 2 ? (leap ? 29 : 28) : DAYS_IN_MONTH[month - 1]!;
  if (day < 1 || day > dim) return null;
  const local = `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(Math.min(second, 59))}`;
  const zone = m[7];
  let offset: number | null = null;
  if (zone !== undefined) {
    if (zone.startsWith('+') || zone.startsWith('-')) {
      const hh = Number(zone.slice(1, 3));
      const mm = Number(zone.slice(3, 5));
      if (hh <= 23 && mm <= 59) offset = (zone.startsWith('-') ? -1 : 1) * (hh * 60 + mm) || 0;
    } else {
      offset = ZONES[zone.toLowerCase()] ?? null;
    }
  }
  if (offset === null) return { iso: local, offsetMinutes: null, epochMs: null };
  const epochMs = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59)) - offset * 60_000;
  return { iso: `${local}${formatOffset(offset)}`, offsetMinutes: offset, epochMs };
}

/** `YYYY-MM-DDTHH:MM:SSZ` for an epoch in milliseconds (whole seconds). */
export function isoUtc(epochMs: number): string {
  const secs = Math.floor(epochMs / 1000);
  const days = Math.floor(secs / 86400);
  const rem = secs - days * 86400;
  // civil-from-days (H. Hinnant), valid for the proleptic Gregorian calendar
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  if (y < 0 || y > 9999) return new Date(epochMs).toISOString();
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}T${pad(Math.floor(rem / 3600))}:${pad(Math.floor((rem % 3600) / 60))}:${pad(rem % 60)}Z`;
}

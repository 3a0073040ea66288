// Time normalisation. Every stored time is epoch seconds (UTC). A time without an offset is only
// accepted from a source ingested with a declared IANA zone; DST gaps and folds in that zone are
// rejected rather than guessed.

export class TimeError extends Error {
  override name = 'TimeError';
}

/**
 * Zone abbreviations with a single, well-known meaning. Abbreviations that name several zones
 * (CST, IST, AST, …) are deliberately absent: a log carrying one of them is rejected.
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
const AMBIGUOUS_ABBREVIATIONS = new Set(['CST', 'IST', 'AST', 'ADT', 'BT', 'SST', 'ECT', 'GST']);

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
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
      throw new TimeError(`unknown IANA time zone "${zone}"`);
    }
    formatters.set(zone, f);
  }
  return f;
}

/** Check that a zone name is a valid IANA zone; returns it. */
export function checkZone(zone: string): string {
  formatter(zone);
  return zone;
}

/** UTC offset in minutes of `zone` at epoch second `t`. */
export function offsetAt(zone: string, t: number): number {
  const parts = formatter(zone).formatToParts(new Date(t * 1000));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? NaN);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) / 1000;
  return Math.round((wall - t) / 60);
}

export interface Wall {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  frac?: number;
}

function wallSeconds(w: Wall): number {
  const v = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) / 1000;
  if (!Number.isFinite(v) || w.mo < 1 || w.mo > 12 || w.d < 1 || w.d > 31 || w.h > 23 || w.mi > 59 || w.s > 60) {
    throw new TimeError(`not a valid date/time: ${fmtWall(w)}`);
  }
  const check = new Date(v * 1000);
  if (check.getUTCDate() !== w.d) throw new TimeError(`not a valid date: ${fmtWall(w)}`);
  return v;
}

function fmtWall(w: Wall): string {
  const p = (n: number, l = 2): string => String(n).padStart(l, '0');
  return `${p(w.y, 4)}-${p(w.mo)}-${p(w.d)} ${p(w.h)}:${p(w.mi)}:${p(w.s)}`;
}

/** Convert a wall-clock time with a fixed offset (minutes) to epoch seconds (fraction kept). */
export function wallWithOffset(w: Wall, offsetMinutes: number): number {
  return wallSeconds(w) - offsetMinutes * 60 + (w.frac ?? 0);
}

/**
 * Convert a wall-clock time in an IANA zone to epoch seconds. A time that does not exist (spring
 * forward) or exists twice (fall back) in that zone is rejected, naming both readings.
 */
export function wallInZone(w: Wall, zone: string): number {
  const local = wallSeconds(w);
  const candidates = new Set<number>();
  for (const probe of [local - 86400, local, local + 86400]) {
    const off = offsetAt(zone, probe - offsetAt(zone, probe) * 60);
    candidates.add(off);
  }
  const hits: number[] = [];
  for (const off of candidates) {
    const t = local - off * 60;
    if (offsetAt(zone, t) === off && !hits.includes(t)) hits.push(t);
  }
  hits.sort((a, b) => a - b);
  if (hits.length === 0) throw new TimeError(`${fmtWall(w)} does not exist in ${zone} (daylight-saving gap)`);
  if (hits.length > 1) {
    throw new TimeError(
      `${fmtWall(w)} occurs twice in ${zone} (daylight-saving fold): ${hits.map(isoUtc).join(' or ')}`,
    );
  }
  return hits[0]! + (w.frac ?? 0);
}

/** Parse an offset text: Z, +09:00, +0900, +09, or a known abbreviation. Returns minutes or null if absent. */
export function parseOffset(text: string | undefined): number | null {
  if (text === undefined || text === '') return null;
  const t = text.trim().toUpperCase();
  if (t === 'Z') return 0;
  const m = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(t);
  if (m) {
    const v = Number(m[2]) * 60 + Number(m[3] ?? 0);
    if (v > 14 * 60) throw new TimeError(`offset out of range: "${text}"`);
    return m[1] === '-' ? -v : v;
  }
  if (AMBIGUOUS_ABBREVIATIONS.has(t))
    throw new TimeError(`zone abbreviation "${text}" is ambiguous; use a numeric offset`);
  const abbr = ZONE_ABBREVIATIONS[t];
  if (abbr === undefined) throw new TimeError(`unknown zone abbreviation "${text}"`);
  return abbr;
}

/** Resolve a wall time with an optional offset text; without one, the declared zone is required. */
export function resolveWall(w: Wall, offsetText: string | undefined, zone: string | undefined, what: string): number {
  const off = parseOffset(offsetText);
  if (off !== null) return wallWithOffset(w, off);
  if (zone === undefined) throw new TimeError(`${what} has no UTC offset or zone; ingest with --zone ZONE`);
  return wallInZone(w, zone);
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?|[A-Za-z]{1,5})?$/;

/**
 * Parse an instant: ISO-8601 with an offset (or a known zone abbreviation), or epoch seconds
 * (digits, optional fraction). Without an offset, `zone` is used if given, else it is an error.
 */
export function parseInstant(text: string, zone?: string): number {
  const t = text.trim();
  if (/^\d{9,11}(\.\d+)?$/.test(t)) return Number(t);
  const m = ISO.exec(t);
  if (!m) throw new TimeError(`not an ISO-8601 date-time: "${text}"`);
  const fracText = m[7];
  const w: Wall = {
    y: Number(m[1]),
    mo: Number(m[2]),
    d: Number(m[3]),
    h: Number(m[4]),
    mi: Number(m[5]),
    s: Number(m[6] ?? 0),
    frac: fracText ? Number(`0.${fracText}`) : 0,
  };
  return resolveWall(w, m[8], zone, `"${text}"`);
}

/** Strict query instant: an offset or zone abbreviation is mandatory (no declared zone fallback). */
export function parseQueryInstant(text: string): number {
  return parseInstant(text);
}

/** Tolerance: "2s", "500ms", "1m", "1h", "0", or a plain number of seconds. */
export function parseTolerance(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(text);
  if (!m) throw new TimeError(`not a tolerance: "${text}" (examples: 0, 2s, 500ms, 1m)`);
  const v = Number(m[1]);
  switch (m[2]) {
    case 'ms':
      return v / 1000;
    case 'm':
      return v * 60;
    case 'h':
      return v * 3600;
    default:
      return v;
  }
}

const dayPrefixes = new Map<number, string>();
const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/** ISO-8601 UTC with milliseconds (the date part cached per day: this formats every output time). */
export function isoUtc(t: number): string {
  const ms = Math.round(t * 1000);
  const day = Math.floor(ms / 86400000);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    const full = new Date(day * 86400000).toISOString();
    if (full.length !== 24) return new Date(ms).toISOString(); // years beyond 9999 or before 0
    prefix = full.slice(0, 11);
    if (dayPrefixes.size > 8192) dayPrefixes.clear();
    dayPrefixes.set(day, prefix);
  }
  let r = ms - day * 86400000;
  const h = Math.floor(r / 3600000);
  r -= h * 3600000;
  const mi = Math.floor(r / 60000);
  r -= mi * 60000;
  const s = Math.floor(r / 1000);
  const milli = r - s * 1000;
  return `${prefix}${pad2(h)}:${pad2(mi)}:${pad2(s)}.${milli < 10 ? `00${milli}` : milli < 100 ? `0${milli}` : milli}Z`;
}

const MONTHS: Readonly<Record<string, number>> = {
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
export function monthNumber(name: string): number {
  const m = MONTHS[name.slice(0, 3).toLowerCase()];
  if (m === undefined) throw new TimeError(`unknown month "${name}"`);
  return m;
}

const SYSLOG_FORMS: ReadonlyArray<{
  re: RegExp;
  wall: (m: RegExpExecArray) => Wall;
  off: (m: RegExpExecArray) => string | undefined;
}> = [
  // 2026-03-29T01:30:12.123+09:00 (RFC 5424 / ISO)
  {
    re: /(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(Z|[+-]\d{2}:?\d{2}|\s+[A-Z]{2,5}\b)?/,
    wall: (m) => ({
      y: +m[1]!,
      mo: +m[2]!,
      d: +m[3]!,
      h: +m[4]!,
      mi: +m[5]!,
      s: +m[6]!,
      frac: m[7] ? Number(`0.${m[7]}`) : 0,
    }),
    off: (m) => m[8]?.trim(),
  },
  // 2013 Mar 12 07:12:46 [JST]  (Cisco "service timestamps ... year")
  {
    re: /\b(\d{4})\s+([A-Z][a-z]{2})\s+(\d{1,2})\s+(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(?:\s+([A-Z]{2,5})\b)?/,
    wall: (m) => ({
      y: +m[1]!,
      mo: monthNumber(m[2]!),
      d: +m[3]!,
      h: +m[4]!,
      mi: +m[5]!,
      s: +m[6]!,
      frac: m[7] ? Number(`0.${m[7]}`) : 0,
    }),
    off: (m) => m[8],
  },
  // Mar 12 2013 07:12:46[.123] [JST]
  {
    re: /\b([A-Z][a-z]{2})\s+(\d{1,2})\s+(\d{4})\s+(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(?:\s+([A-Z]{2,5})\b)?/,
    wall: (m) => ({
      y: +m[3]!,
      mo: monthNumber(m[1]!),
      d: +m[2]!,
      h: +m[4]!,
      mi: +m[5]!,
      s: +m[6]!,
      frac: m[7] ? Number(`0.${m[7]}`) : 0,
    }),
    off: (m) => m[8],
  },
];

/**
 * Find the timestamp of a syslog-style line. A timestamp without a year ("Mar 12 07:12:46") is
 * rejected: guessing the year is one of the known causes of wrong attributions.
 */
export function syslogInstant(line: string, zone: string | undefined): number {
  for (const f of SYSLOG_FORMS) {
    const m = f.re.exec(line);
    if (m) return resolveWall(f.wall(m), f.off(m), zone, 'timestamp');
  }
  if (/\b[A-Z][a-z]{2}\s+\d{1,2}\s+\d{2}:\d{2}:\d{2}\b/.test(line)) {
    throw new TimeError('timestamp has no year; configure the logger to include the year (guessing it is refused)');
  }
  throw new TimeError('no timestamp found');
}

// Time normalisation for log sources. Every stored time is epoch seconds (UTC). A time without an
// offset is only accepted from a source ingested with a declared IANA zone; DST gaps and folds in that
// zone are rejected rather than guessed. The log syntaxes are read here; the calendar, the zone rules
// and the abbreviation table are the instant core's (src/domain/time.ts).
import {
  type Wall as CoreWall,
  checkZone,
  englishMonth,
  formatOffset,
  resolveZonedWall,
  TimeError,
  utcIso,
  wallAsUtcMs,
  ZONE_ABBREVIATIONS,
  zoneAbbreviationOffset,
} from '../domain/time.ts';

import type { Bilingual } from '../kernel/text.ts';
import { fieldError, ParseError } from './model.ts';

export { checkZone, TimeError, ZONE_ABBREVIATIONS };

/** A time read from a source line: a time the line gets wrong is a ParseError of the line (of `field`, if named). */
export function lineTime(read: () => number, field?: string): number {
  try {
    return read();
  } catch (err) {
    if (!(err instanceof TimeError)) throw err;
    const words = { ja: err.ja, en: err.en };
    throw field === undefined ? new ParseError(words) : fieldError(field, words);
  }
}

/** A wall-clock reading from a log line; `frac` is the fraction of a second (sub-millisecond kept). */
export interface Wall extends CoreWall {
  frac?: number;
}

function wallSeconds(w: Wall): number {
  const v = wallAsUtcMs(w) / 1000;
  if (!Number.isFinite(v) || w.mo < 1 || w.mo > 12 || w.d < 1 || w.d > 31 || w.h > 23 || w.mi > 59 || w.s > 60) {
    throw new TimeError({ ja: `日時として不正です: ${fmtWall(w)}`, en: `not a valid date/time: ${fmtWall(w)}` });
  }
  // second 60 is judged by leapSecond, in UTC: the check below would take its roll-over for another day
  const check = new Date((wallAsUtcMs({ ...w, s: Math.min(w.s, 59) }) / 1000) * 1000);
  if (check.getUTCDate() !== w.d)
    throw new TimeError({ ja: `存在しない日付です: ${fmtWall(w)}`, en: `not a valid date: ${fmtWall(w)}` });
  return v;
}

function fmtWall(w: Wall): string {
  const p = (n: number, l = 2): string => String(n).padStart(l, '0');
  return `${p(w.y, 4)}-${p(w.mo)}-${p(w.d)} ${p(w.h)}:${p(w.mi)}:${p(w.s)}`;
}

/**
 * The UTC days that ended with a leap second (23:59:60), as the IERS inserted them (Bulletin C); none
 * since 2016-12-31, and none announced.
 */
const LEAP_SECOND_DAYS: ReadonlySet<string> = new Set(
  (
    '1972-06-30 1972-12-31 1973-12-31 1974-12-31 1975-12-31 1976-12-31 1977-12-31 1978-12-31 1979-12-31 ' +
    '1981-06-30 1982-06-30 1983-06-30 1985-06-30 1987-12-31 1989-12-31 1990-12-31 1992-06-30 1993-06-30 ' +
    '1994-06-30 1995-12-31 1997-06-30 1998-12-31 2005-12-31 2008-12-31 2012-06-30 2015-06-30 2016-12-31'
  ).split(' '),
);

/**
 * A reading of second 60, whatever its offset or zone: `at59` is the instant of the same reading at second
 * 59. A real leap second (23:59:60 UTC at the end of a day the IERS gave one) is read as the midnight UTC
 * after it (epoch seconds have no 61st second; a holding logged then covers both of its end seconds); any
 * other second 60 is no time — never rolled over into the next minute — and is refused as a leap second.
 */
function leapSecond(w: Wall, at59: number, where: string): number {
  const utc = utcIso(at59 * 1000);
  if (utc.slice(11, 19) === '23:59:59' && LEAP_SECOND_DAYS.has(utc.slice(0, 10))) return at59 + 1 + (w.frac ?? 0);
  const named = `${fmtWall(w)}${where}`;
  const leap = `${utc.slice(0, 10)} ${utc.slice(11, 16)}:60 UTC`;
  throw new TimeError({
    ja:
      `${named}: 秒の 60 はうるう秒の表記ですが、${leap} にうるう秒はありません` +
      '（うるう秒は IERS が定めた日の UTC 23:59:60 だけです）',
    en:
      `${named}: second 60 is a leap second, and there was none at ${leap} ` +
      '(a leap second is 23:59:60 UTC at the end of a day the IERS gave one)',
  });
}

/** Convert a wall-clock time with a fixed offset (minutes) to epoch seconds (fraction kept). */
export function wallWithOffset(w: Wall, offsetMinutes: number): number {
  if (w.s === 60) {
    const at59 = wallSeconds({ ...w, s: 59 }) - offsetMinutes * 60;
    return leapSecond(w, at59, ` ${formatOffset(offsetMinutes)}`);
  }
  return wallSeconds(w) - offsetMinutes * 60 + (w.frac ?? 0);
}

/**
 * Convert a wall-clock time in an IANA zone to epoch seconds. A time that does not exist (spring
 * forward) or exists twice (fall back) in that zone is rejected, naming both readings.
 */
export function wallInZone(w: Wall, zone: string): number {
  wallSeconds(w); // refuses impossible readings with the log readers' own rule
  if (w.s === 60) return leapSecond(w, resolveZonedWall({ ...w, s: 59 }, zone) / 1000, ` (${zone})`);
  return resolveZonedWall(w, zone) / 1000 + (w.frac ?? 0);
}

/** Parse an offset text: Z, +09:00, +0900, +09, or a known abbreviation. Returns minutes or null if absent. */
export function parseOffset(text: string | undefined): number | null {
  if (text === undefined || text === '') return null;
  const t = text.trim().toUpperCase();
  if (t === 'Z') return 0;
  const m = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(t);
  if (m) {
    const minutes = Number(m[3] ?? 0);
    const v = Number(m[2]) * 60 + minutes;
    // +09:60 is a slip, not +10:00: a time read an hour off names whoever held the address then
    if (v > 14 * 60 || minutes > 59)
      throw new TimeError({ ja: `時差が範囲外です: "${text}"`, en: `offset out of range: "${text}"` });
    return m[1] === '-' ? -v : v;
  }
  return zoneAbbreviationOffset(text);
}

/**
 * Where a text with a time comes from, which says what a time written without an offset means: in a
 * log being ingested it is read in the zone the run declared (`--zone`; refused, naming --zone, when
 * the run declared none); any other text (a subscriber CSV, a NAT configuration, a lookup's --at) has
 * no zone to declare, so its times must carry their offset.
 */
export type TimeSource = { log: true; zone: string | undefined } | { log: false };

/** A log being ingested, in the zone the run declared (or none). */
export const inLog = (zone: string | undefined): TimeSource => ({ log: true, zone });
/** A text that is not a log being ingested: its times must carry an offset. */
export const NOT_A_LOG: TimeSource = { log: false };

/** Resolve a wall time with an optional offset text; without one, a log's declared zone is required. */
export function resolveWall(w: Wall, offsetText: string | undefined, source: TimeSource, what: Bilingual): number {
  const off = parseOffset(offsetText);
  if (off !== null) return wallWithOffset(w, off);
  if (!source.log) {
    throw new TimeError({
      ja: `${what.ja}: UTC からの時差もタイムゾーンもありません。時差を書いてください（例: +09:00 または Z）`,
      en: `${what.en} has no UTC offset or zone; write the offset (e.g. +09:00 or Z)`,
    });
  }
  if (source.zone === undefined) {
    throw new TimeError({
      ja: `${what.ja}: UTC からの時差もタイムゾーンもありません。--zone ZONE を指定して取り込んでください`,
      en: `${what.en} has no UTC offset or zone; ingest with --zone ZONE`,
    });
  }
  return wallInZone(w, source.zone);
}

/** What a log line's time is called in a refusal. */
export const TIMESTAMP: Bilingual = { ja: 'タイムスタンプ', en: 'timestamp' };

const ISO = new RegExp(
  '^(\\d{4})-(\\d{2})-(\\d{2})[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?' +
    '\\s*(Z|[+-]\\d{2}(?::?\\d{2})?|[A-Za-z]{1,5})?$',
);

/**
 * Parse an instant: ISO-8601 with an offset (or a known zone abbreviation), or epoch seconds
 * (digits, optional fraction). Without an offset, `source` says whether a declared zone applies.
 */
export function parseInstant(text: string, source: TimeSource): number {
  const t = text.trim();
  if (/^\d{9,11}(\.\d+)?$/.test(t)) return Number(t);
  const m = ISO.exec(t);
  if (!m)
    throw new TimeError({ ja: `ISO 8601 の日時ではありません: "${text}"`, en: `not an ISO-8601 date-time: "${text}"` });
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
  return resolveWall(w, m[8], source, { ja: `"${text}"`, en: `"${text}"` });
}

/**
 * The offset (minutes east of UTC) a query's instant was written at: its own offset or zone abbreviation,
 * 0 for epoch seconds. `text` must already have been read by parseQueryInstant.
 */
export function queryOffset(text: string): number {
  return parseOffset(ISO.exec(text.trim())?.[8]) ?? 0;
}

/** Strict query instant: an offset or zone abbreviation is mandatory (no declared zone fallback). */
export function parseQueryInstant(text: string): number {
  return parseInstant(text, NOT_A_LOG);
}

/** Tolerance: "2s", "500ms", "1m", "1h", "0", or a plain number of seconds. */
export function parseTolerance(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(text);
  if (!m) {
    throw new TimeError({
      ja: `許容誤差として読めません: "${text}"（例: 0, 2s, 500ms, 1m）`,
      en: `not a tolerance: "${text}" (examples: 0, 2s, 500ms, 1m)`,
    });
  }
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

/** ISO-8601 UTC with milliseconds, of epoch seconds. */
export function isoUtc(t: number): string {
  return utcIso(t * 1000);
}

export function monthNumber(name: string): number {
  const m = englishMonth(name);
  if (m === null) throw new TimeError({ ja: `月の名前ではありません: "${name}"`, en: `unknown month "${name}"` });
  return m;
}

/**
 * The syslog time forms: each captures its date in its own order, then the hours, minutes, seconds and
 * fraction (groups 4–7); the offset or zone written after the time is read by zoneAfter.
 */
const SYSLOG_FORMS: ReadonlyArray<{ re: RegExp; date: (m: RegExpExecArray) => Pick<Wall, 'y' | 'mo' | 'd'> }> = [
  // 2026-03-29T01:30:12.123+09:00 (RFC 5424 / ISO)
  {
    re: /(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?/,
    date: (m) => ({ y: +m[1]!, mo: +m[2]!, d: +m[3]! }),
  },
  // 2013 Mar 12 07:12:46 [JST]  (Cisco "service timestamps ... year")
  {
    re: /\b(\d{4})\s+([A-Z][a-z]{2})\s+(\d{1,2})\s+(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?/,
    date: (m) => ({ y: +m[1]!, mo: monthNumber(m[2]!), d: +m[3]! }),
  },
  // Mar 12 2013 07:12:46[.123] [JST]
  {
    re: /\b([A-Z][a-z]{2})\s+(\d{1,2})\s+(\d{4})\s+(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?/,
    date: (m) => ({ y: +m[3]!, mo: monthNumber(m[1]!), d: +m[2]! }),
  },
];

/**
 * What may follow a log line's time as its offset: `Z`; a numeric offset (+09:00, +0900, +09), with or
 * without a space before it; `UTC+9` / `GMT-05:00`; or a word that may be a zone abbreviation, standing
 * alone (a word joined to more by `-`, `.`, `_` or `/` is a host name: `EST-CGN1`, `RP/0/…`).
 */
const ZONE_AFTER = new RegExp(
  '(?:(Z)(?![A-Za-z0-9])|\\s*([+-]\\d{1,2}(?::?\\d{2})?)(?![\\d:])' +
    '|\\s+((?:UTC|GMT)[+-]\\d{1,2}(?::?\\d{2})?)(?![\\d:])|\\s+([A-Za-z]{2,5})(?=$|[\\s:;,)\\]]))',
  'iy',
);

/** Zone names read in any case: unlikely host names. Other abbreviations count only in capitals. */
const ANY_CASE_ZONES: ReadonlySet<string> = new Set(['UTC', 'GMT']);

/**
 * The offset or zone a log line writes right after its time (at `pos`), or undefined when it writes none
 * there. A word in capitals is taken as the zone it names (an unknown one is then refused); `utc` and
 * `gmt` in any case; any other word is what follows the time (a host name such as `cgn` or `est`).
 * An offset the reader passed over would be replaced by the declared --zone: a wrong time, a wrong holder.
 */
export function zoneAfter(line: string, pos: number): string | undefined {
  ZONE_AFTER.lastIndex = pos;
  const m = ZONE_AFTER.exec(line);
  if (!m) return undefined;
  const word = m[4];
  if (word === undefined) return m[1] ?? m[2] ?? m[3];
  const upper = word.toUpperCase();
  return word === upper || ANY_CASE_ZONES.has(upper) ? word : undefined;
}

/**
 * Where Cisco writes the year before the month (`2026 Mar 29 02:31:00`): right after the syslog version
 * `1` of its CGN header (`<134> 1 2011 May 31 10:30:45 HOST - - NAT44 - [UserbasedA …]`, behind `<PRI>`,
 * or behind a relay's own prefix), or right after an IOS XR node and its colon
 * (`RP/0/RSP0/CPU0:2021 Feb 13 10:25:44.652 UTC:`, `service timestamps log datetime year`).
 */
const CISCO_YEAR_AT: readonly RegExp[] = [/(?:^|[>\s])1\s+$/, /(?:^|\s)[A-Za-z0-9]+(?:\/[A-Za-z0-9]+){2,}:$/];

/**
 * The timestamp of a Cisco CGN line: as syslogInstant, except that four digits before a time that names
 * no year count as its year only where Cisco writes the year (CISCO_YEAR_AT). Anywhere else they may be a
 * syslog sequence number written without its colon (`<134>2025 Mar 29 02:31:00`: sequence 2025, no
 * year), and reading them as a year would date the record in a wrong, even plausible, year: refused.
 */
export function ciscoSyslogInstant(line: string, zone: string | undefined): number {
  const iso = SYSLOG_FORMS[0]!;
  const yearFirst = SYSLOG_FORMS[1]!;
  const m = iso.re.exec(line) ? null : yearFirst.re.exec(line);
  if (m && !CISCO_YEAR_AT.some((at) => at.test(line.slice(0, m.index)))) {
    const value = `"${m[0]}"`;
    throw new TimeError({
      ja:
        `${value} の先頭の 4 桁は、Cisco が年を書く位置（syslog のバージョン "1" の直後、IOS XR のノード名 ` +
        '"RP/0/RP0/CPU0:" の直後）にありません。年のない時刻の前の番号（syslog の通し番号など）を年とは読みません',
      en:
        `the four digits opening ${value} are not where Cisco writes the year (right after the syslog ` +
        'version "1", or after an IOS XR node such as "RP/0/RP0/CPU0:"); a number before a time without a ' +
        'year (a syslog sequence number) is not read as its year',
    });
  }
  return syslogInstant(line, zone);
}

/**
 * Find the timestamp of a syslog-style line. A timestamp without a year ("Mar 12 07:12:46") is
 * rejected: guessing the year is one of the known causes of wrong attributions.
 */
export function syslogInstant(line: string, zone: string | undefined): number {
  for (const f of SYSLOG_FORMS) {
    const m = f.re.exec(line);
    if (!m) continue;
    const wall = { ...f.date(m), h: +m[4]!, mi: +m[5]!, s: +m[6]!, frac: m[7] ? Number(`0.${m[7]}`) : 0 };
    return resolveWall(wall, zoneAfter(line, m.index + m[0].length), inLog(zone), TIMESTAMP);
  }
  if (/\b[A-Z][a-z]{2}\s+\d{1,2}\s+\d{2}:\d{2}:\d{2}\b/.test(line)) {
    throw new TimeError({
      ja: 'タイムスタンプに年がありません。年を含めて記録するようログの設定を変えてください（年の推測はしません）',
      en: 'timestamp has no year; configure the logger to include the year (guessing it is refused)',
    });
  }
  throw new TimeError({ ja: 'タイムスタンプが見つかりません', en: 'no timestamp found' });
}

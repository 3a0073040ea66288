// Instants are shown in the viewer's zone WITH its offset ("2026-03-29 01:30:12 +09:00"), and
// Japanese dates may carry the era year beside the Western year ("令和8年（2026年）3月29日").
import type { Locale } from '../i18n/dictionary.ts';

export function viewerZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

type Parts = { year: string; month: string; day: string; hour: string; minute: string; second: string; offset: string };

function parts(date: Date, timeZone: string): Parts {
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  });
  const out: Record<string, string> = {};
  for (const p of fmt.formatToParts(date)) out[p.type] = p.value;
  // "GMT+09:00", or "GMT" alone for UTC itself.
  const raw = out.timeZoneName ?? 'GMT';
  const offset = raw === 'GMT' ? '+00:00' : raw.replace('GMT', '');
  return {
    year: out.year ?? '',
    month: out.month ?? '',
    day: out.day ?? '',
    hour: out.hour ?? '',
    minute: out.minute ?? '',
    second: out.second ?? '',
    offset,
  };
}

/** Offset of `timeZone` at `date` in minutes east of UTC. */
export function offsetMinutes(date: Date, timeZone: string): number {
  const { offset } = parts(date, timeZone);
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  if (!m) return 0;
  const sign = m[1] === '-' ? -1 : 1;
  return sign * (Number(m[2]) * 60 + Number(m[3]));
}

export function parseInstant(value: string | Date | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "2026-03-29 01:30:12 +09:00" in the given zone (the viewer's by default). */
export function formatInstant(value: string | Date | null | undefined, timeZone: string = viewerZone()): string {
  const d = parseInstant(value);
  if (!d) return '—';
  const p = parts(d, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second} ${p.offset}`;
}

/** The date alone; in Japanese with the era year beside the Western year. */
export function formatDate(
  value: string | Date | null | undefined,
  locale: Locale,
  timeZone: string = viewerZone(),
): string {
  const d = parseInstant(value);
  if (!d) return '—';
  if (locale === 'en') {
    return new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: 'long', day: 'numeric' }).format(d);
  }
  const era: Record<string, string> = {};
  for (const p of new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
    timeZone,
    era: 'long',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(d)) {
    era[p.type] = p.value;
  }
  const w = parts(d, timeZone);
  // "令和8年（2026年）3月29日"; the first year of an era is written 元年 by some documents, the number is kept.
  return `${era.era ?? ''}${era.year ?? ''}年（${w.year}年）${Number(w.month)}月${Number(w.day)}日`;
}

/** Date with era (ja) followed by the exact instant with offset. */
export function formatDateTimeLong(
  value: string | Date | null | undefined,
  locale: Locale,
  timeZone: string = viewerZone(),
): string {
  const d = parseInstant(value);
  if (!d) return '—';
  return `${formatDate(d, locale, timeZone)} ${formatInstant(d, timeZone).slice(11)}`;
}

/** A duration in ms as "2日 3時間" / "2d 3h" (at most two units). */
export function formatDuration(ms: number, locale: Locale): string {
  const abs = Math.abs(ms);
  const minutes = Math.floor(abs / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const units: [number, string, string][] = [
    [days, '日', 'd'],
    [hours, '時間', 'h'],
    [mins, '分', 'm'],
  ];
  const shown = units.filter(([n]) => n > 0).slice(0, 2);
  if (shown.length === 0) return locale === 'ja' ? '1分未満' : '<1m';
  return shown.map(([n, ja, en]) => (locale === 'ja' ? `${n}${ja}` : `${n}${en}`)).join(' ');
}

/**
 * The instant whose wall-clock time in `timeZone` is `wall` ("2026-03-29T01:30" or with seconds), as
 * ISO-8601 with that zone's offset ("2026-03-29T01:30:00+09:00"). Returns null for an invalid input.
 */
export function wallTimeToIso(wall: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(wall.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '00'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  if (Number.isNaN(asUtc)) return null;
  // Two passes find the offset in force at that wall time (also across a DST change).
  let off = offsetMinutes(new Date(asUtc), timeZone);
  off = offsetMinutes(new Date(asUtc - off * 60_000), timeZone);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${pad(s)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The wall-clock value ("YYYY-MM-DDTHH:mm:ss") of an ISO instant in `timeZone`, for an input field. */
export function isoToWallTime(iso: string, timeZone: string): string {
  const d = parseInstant(iso);
  if (!d) return '';
  const p = parts(d, timeZone);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
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

import holidayJp from '@holiday-jp/holiday_jp';
import { DomainError } from './errors.ts';
import { OPINION_HEARING_DAYS } from './policy.ts';
import { DAY_MS, JAPAN_ZONE, resolveZonedWall, zonedWall } from './time.ts';
import type { Bilingual } from './vocabulary.ts';

/**
 * The days on which, in Japan, a period of days does not end (民法142条): its last day falling on one, the period
 * ends with the next day that is not. Which days count for the reply to a provider's opinion hearing is decided in
 * docs/decisions.md ("The opinion deadline ends on a working day"): Sundays, the days the national holidays act
 * names (国民の祝日, 振替休日 and 国民の休日, from the holiday_jp data — never written by hand here), Saturdays,
 * and 29 December to 3 January. The data covers a fixed run of years: outside it a weekend or 29 December –
 * 3 January is still off, and only a weekday, which the data would have to decide, is refused. Within it the data
 * is the package's, not the law's own word: 春分の日 and 秋分の日 of a year not yet announced (the 官報 announces
 * them the February before) are computed by the astronomical formula, and a special holiday a later law makes
 * (as in 2019–2021) is known only from a newer package — see docs/decisions.md.
 * Kept apart from deadlines.ts so that what the browser bundles of the domain does not carry the holiday table.
 */

/** A calendar day in Japan (month 1–12). */
export interface CalendarDay {
  y: number;
  mo: number;
  d: number;
}

const HOLIDAYS: Readonly<Record<string, { name: string; name_en: string }>> = holidayJp.holidays;

/** The first and last year the holiday data covers. */
export const HOLIDAY_YEARS: { first: number; last: number } = (() => {
  const years = Object.keys(HOLIDAYS).map((date) => Number(date.slice(0, 4)));
  return { first: Math.min(...years), last: Math.max(...years) };
})();

const pad = (n: number) => String(n).padStart(2, '0');
const isoDay = (day: CalendarDay) => `${day.y}-${pad(day.mo)}-${pad(day.d)}`;
const japaneseDay = (day: CalendarDay) => `${day.y}年${day.mo}月${day.d}日`;

/** Why `day` is off by the rules that need no holiday data: 29 December – 3 January, Sunday, Saturday. */
function offByRule(day: CalendarDay): Bilingual | null {
  if ((day.mo === 12 && day.d >= 29) || (day.mo === 1 && day.d <= 3)) {
    return { ja: '年末年始（12月29日から1月3日まで）', en: 'the year-end holidays (29 December to 3 January)' };
  }
  const weekday = new Date(Date.UTC(day.y, day.mo - 1, day.d)).getUTCDay();
  if (weekday === 0) return { ja: '日曜日', en: 'Sunday' };
  if (weekday === 6) return { ja: '土曜日', en: 'Saturday' };
  return null;
}

/**
 * Why `day` is a day off in Japan, in both languages; null for a working day. A day the rules alone make off
 * (a weekend, 29 December – 3 January) is off in any year; a weekday outside the years the holiday data covers
 * is refused (CONFLICT): whether it is a holiday is not known here, and a deadline is not guessed.
 */
export function dayOff(day: CalendarDay): Bilingual | null {
  const covered = day.y >= HOLIDAY_YEARS.first && day.y <= HOLIDAY_YEARS.last;
  const holiday = covered ? HOLIDAYS[isoDay(day)] : undefined;
  if (holiday) return { ja: holiday.name, en: holiday.name_en };
  const byRule = offByRule(day);
  if (byRule || covered) return byRule;
  throw new DomainError(
    'CONFLICT',
    {
      ja:
        `${japaneseDay(day)}が休日かどうかは、この版の祝日表（${HOLIDAY_YEARS.first}年から` +
        `${HOLIDAY_YEARS.last}年まで）にありません。期限を定められないため、shokai を更新してください`,
      en:
        `whether ${isoDay(day)} is a holiday is not in this release's table of holidays ` +
        `(${HOLIDAY_YEARS.first} to ${HOLIDAY_YEARS.last}): no deadline can be set; update shokai`,
    },
    { day: isoDay(day), holidaysFrom: HOLIDAY_YEARS.first, holidaysUntil: HOLIDAY_YEARS.last },
  );
}

/** The day after `day`. */
function nextDay(day: CalendarDay): CalendarDay {
  const t = new Date(Date.UTC(day.y, day.mo - 1, day.d + 1));
  return { y: t.getUTCFullYear(), mo: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** The day a period whose last day is `last` ends (民法142条): `last`, or the first day after it not off. */
export function periodEndDay(last: CalendarDay): CalendarDay {
  let day = last;
  while (dayOff(day) !== null) day = nextDay(day);
  return day;
}

/**
 * The subscriber's opinion is due when the 14th day after the hearing started ends, in Japan: a period of days
 * as the Civil Code reckons it (the first day not counted, the period ending with its last day — 民法140条・
 * 141条), moved to the next working day when that day is off (民法142条, dayOff). So the 意見照会書 states a
 * date, and its reply link stays open the whole of that day. Refused when the holiday data does not reach it.
 * A hearing started at exactly 00:00:00.000 in Japan still has its first day left out (民法140条ただし書 is not
 * applied): the period is not set to begin at midnight, the letter only happened to be sent then, and the day
 * more is the subscriber's (docs/decisions.md).
 */
export function opinionDeadline(startedAt: Date): Date {
  const w = zonedWall(startedAt.getTime() + OPINION_HEARING_DAYS * DAY_MS, JAPAN_ZONE);
  const last = periodEndDay({ y: w.y, mo: w.mo, d: w.d });
  // That day's first instant in Japan, a day on, less a millisecond (Japan keeps no daylight saving time).
  const first = resolveZonedWall({ y: last.y, mo: last.mo, d: last.d, h: 0, mi: 0, s: 0 }, JAPAN_ZONE);
  return new Date(first + DAY_MS - 1);
}

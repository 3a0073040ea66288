import { z } from 'zod';
import { dayOff } from './days-off.ts';
import { DomainError } from './errors.ts';
import { DAY_MS, daysInMonth, formatDate, type InstantLike, JAPAN_ZONE, resolveZonedWall, zonedWall } from './time.ts';
import type { Bilingual } from './vocabulary.ts';

// The month for an objection suit against a disclosure order (異議の訴え, art. 14 of the Act as amended in
// 2022: one month, an unextendable period, from the day the party was notified of the order), counted as
// civil procedure counts it, in Japan time — the one rule both the suit's filing and the order's finality
// without a suit are checked with:
// - the day of the notice is not counted (初日不算入, Civil Code art. 140); the month ends the day before
//   the day of the next month numbered as its first day, or with the last day of that month when it has no
//   such day; a month counted from the 1st is that calendar month (art. 143): notified on 10 January, the
//   last day is 10 February; on 30 or 31 January, 28 (29) February; on 28 February, 31 March;
// - a last day that falls on a day off moves to the next day that is not (Code of Civil Procedure art. 95(3),
//   民法142条): Saturdays, Sundays, the national, substitute and citizens' holidays and 29 December – 3 January,
//   from the same calendar as the opinion deadline (`dayOff`, src/domain/days-off.ts: the holiday_jp data), and
//   any further day the court names (`holidays`: a day its calendar has that the data does not).
// A record signed before the system knew the national holidays (the judge then named them) is checked, where a
// check could turn it away, by the days it was signed under (`calendar: 'statute'`, see periodNoteOf in
// order-contest.ts): that count is never later than the true one, so nothing accepted then is refused now.

/** A calendar date in Japan, `YYYY-MM-DD` (a day that exists). */
export const JapanDaySchema = z.string().superRefine((value, ctx) => {
  if (isDay(value)) return;
  ctx.addIssue({
    code: 'custom',
    message: `not a date (${value}): write it as YYYY-MM-DD, a day that exists`,
    params: {
      code: 'VALIDATION_FAILED',
      ja: `日付ではありません（${value}）: 実在する日を YYYY-MM-DD で入力してください`,
    },
    input: value,
  });
});

/** Whether `s` is a day `YYYY-MM-DD` that exists (years 1000–9999). */
export function isDay(s: string): boolean {
  if (!/^[1-9]\d{3}-\d{2}-\d{2}$/.test(s)) return false;
  const ms = dayMs(s);
  return !Number.isNaN(ms) && dayText(ms) === s;
}

/** The day `YYYY-MM-DD` as the epoch milliseconds of its midnight UTC (day arithmetic only). */
function dayMs(day: string): number {
  const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, mo - 1, d);
}

function dayText(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The day `n` days after `day` (before, when negative). */
export function addDays(day: string, n: number): string {
  return dayText(dayMs(day) + n * DAY_MS);
}

/** The day in Japan of an instant. */
export function dayInJapan(at: InstantLike): string {
  const w = zonedWall(at, JAPAN_ZONE);
  return dayText(Date.UTC(w.y, w.mo - 1, w.d));
}

/** Whether the court is closed on `day` by the statute's own dates: Saturday, Sunday, 29 December – 3 January. */
export function closedByStatute(day: string): boolean {
  const weekday = new Date(dayMs(day)).getUTCDay();
  const md = day.slice(5);
  return weekday === 0 || weekday === 6 || md >= '12-29' || md <= '01-03';
}

/**
 * Which days off the count knows of itself: `national`, every day off in Japan (`dayOff`: the holiday data,
 * refused for a day the data does not reach); `statute`, only the statute's own dates (closedByStatute), the
 * count records signed before the system knew the national holidays were checked by.
 */
export type PeriodCalendar = 'national' | 'statute';

function knownOff(day: string, calendar: PeriodCalendar): boolean {
  if (calendar === 'statute') return closedByStatute(day);
  const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
  return dayOff({ y, mo, d }) !== null;
}

/** The day the month counted from the notice on `noticedOn` ends, before any closed day moves it (arts. 140, 143). */
export function monthEnd(noticedOn: string): string {
  const first = addDays(noticedOn, 1);
  const [y, mo, d] = first.split('-').map(Number) as [number, number, number];
  // Counted from the 1st: that calendar month.
  if (d === 1) return dayText(Date.UTC(y, mo, 0));
  const nextY = mo === 12 ? y + 1 : y;
  const nextMo = mo === 12 ? 1 : mo + 1;
  if (d > daysInMonth(nextY, nextMo)) return dayText(Date.UTC(nextY, nextMo, 0));
  return addDays(dayText(Date.UTC(nextY, nextMo - 1, d)), -1);
}

/** The month counted from a notice: its last day, and the closed days that moved it there. */
export interface ObjectionPeriod {
  /** The day the party was notified (Japan). */
  noticedOn: string;
  /** The month's end by the calendar (Civil Code arts. 140, 143). */
  monthEnd: string;
  /** The last day a suit can be filed (art. 95(3) applied): the suit is in time filed on or before it. */
  lastDay: string;
  /** The days the last day was moved over (days off in Japan, or a day the court named). */
  movedOver: string[];
}

/**
 * The month for an objection suit counted from the notice on `noticedOn` (a day in Japan); `holidays` are
 * further days the court names as closed, beside the days off `calendar` knows (the national holidays unless
 * told). Refused (CONFLICT, dayOff) when the holiday data does not reach a day it must decide.
 */
export function objectionPeriod(
  noticedOn: string,
  holidays: readonly string[] = [],
  calendar: PeriodCalendar = 'national',
): ObjectionPeriod {
  const named = new Set(holidays);
  const end = monthEnd(noticedOn);
  const movedOver: string[] = [];
  let last = end;
  while (named.has(last) || knownOff(last, calendar)) {
    movedOver.push(last);
    last = addDays(last, 1);
  }
  return { noticedOn, monthEnd: end, lastDay: last, movedOver };
}

/** The instant a day in Japan begins. */
export function startOfDay(day: string): Date {
  const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(resolveZonedWall({ y, mo, d, h: 0, mi: 0, s: 0 }, JAPAN_ZONE));
}

/**
 * The earliest instant an order made at `orderedAt` can be final without an objection suit: the start of
 * the day after the last day of the month counted from a notice on the day of the order (a notice is never
 * earlier; a later one, or a day the court names closed, only makes it later).
 */
export function earliestFinal(orderedAt: InstantLike): Date {
  return startOfDay(addDays(objectionPeriod(dayInJapan(orderedAt)).lastDay, 1));
}

/** A day in Japan in words: the era year beside the Western year in Japanese. */
export function dayInWords(day: string): Bilingual {
  const noon = startOfDay(day).getTime() + 12 * 3_600_000;
  return { ja: formatDate(noon, 'ja', JAPAN_ZONE), en: formatDate(noon, 'en', JAPAN_ZONE) };
}

/** The days a suit's month is counted from, as the judge signs them with its filing (null: the order's day). */
export const SuitPeriodSchema = z.strictObject({
  noticedOn: JapanDaySchema.nullable(),
  holidays: z.array(JapanDaySchema).max(20),
});
export type SuitPeriod = z.infer<typeof SuitPeriodSchema>;

/** The days each party was notified of the order and the holidays, as the judge signs them with finality. */
export const FinalPeriodSchema = z.strictObject({
  noticedOn: z.strictObject({ provider: JapanDaySchema, claimant: JapanDaySchema }),
  holidays: z.array(JapanDaySchema).max(20),
});
export type FinalPeriod = z.infer<typeof FinalPeriodSchema>;

/** A signed period kept as JSON (migration 071), as `{ period }` to spread; `{}` for a record signed before. */
export function keptPeriod<T>(schema: z.ZodType<T>, text: string | null): { period?: T } {
  return text === null ? {} : { period: schema.parse(JSON.parse(text)) };
}

/** Why a record's counting does not match its order: a notice before the order's day, a suit late, finality early. */
export type PeriodProblem = 'notice_before_order' | 'late' | 'early';

/**
 * The month of a suit filed at `filedAt` against an order made at `orderedAt`, counted from the signed
 * `period` (from the order's own day when it names no notice), and why the suit is not in time by it.
 */
export function suitPeriodCheck(orderedAt: string, period: SuitPeriod, filedAt: string) {
  const orderDay = dayInJapan(new Date(orderedAt));
  const counted = objectionPeriod(period.noticedOn ?? orderDay, period.holidays);
  const problem: PeriodProblem | null =
    counted.noticedOn < orderDay
      ? 'notice_before_order'
      : dayInJapan(new Date(filedAt)) > counted.lastDay
        ? 'late'
        : null;
  return { period: counted, problem };
}

/**
 * When an order made at `orderedAt` can be final by the signed `period`: neither party can bring a suit any
 * more, so from the start of the day after the later of the two months counted from each party's notice
 * (`lastDays`, by party); `problem` when a notice is before the order's day, or `finalAt` (when given) is
 * earlier than that.
 */
export function finalPeriodCheck(
  orderedAt: string,
  period: FinalPeriod,
  finalAt?: string,
  calendar: PeriodCalendar = 'national',
) {
  const orderDay = dayInJapan(new Date(orderedAt));
  const lastDays = {
    provider: objectionPeriod(period.noticedOn.provider, period.holidays, calendar),
    claimant: objectionPeriod(period.noticedOn.claimant, period.holidays, calendar),
  };
  const last = [lastDays.provider.lastDay, lastDays.claimant.lastDay].sort()[1] as string;
  const finalFrom = startOfDay(addDays(last, 1));
  const before = period.noticedOn.provider < orderDay || period.noticedOn.claimant < orderDay;
  const early = finalAt !== undefined && Date.parse(finalAt) < finalFrom.getTime();
  const problem: PeriodProblem | null = before ? 'notice_before_order' : early ? 'early' : null;
  return { lastDays, finalFrom, problem };
}

/**
 * Refuses a notice day (`field`) before the day the order was made (`orderedAt`) or in the future: the
 * words name the day in both languages.
 */
export function checkNoticeDay(orderedAt: string, noticedOn: string, now: Date, field: string): void {
  const orderDay = dayInJapan(new Date(orderedAt));
  if (noticedOn >= orderDay && noticedOn <= dayInJapan(now)) return;
  const before = noticedOn < orderDay;
  const day = dayInWords(before ? orderDay : dayInJapan(now));
  throw new DomainError(
    'VALIDATION_FAILED',
    before
      ? {
          ja: `告知を受けた日（${noticedOn}）が発令日（${day.ja}）より前です`,
          en: `the day of the notice (${noticedOn}) is before the day the order was made (${day.en})`,
        }
      : {
          ja: `告知を受けた日（${noticedOn}）が未来の日付です（今日は${day.ja}）`,
          en: `the day of the notice (${noticedOn}) is in the future (today is ${day.en})`,
        },
    { field, value: noticedOn, ...(before ? { earliest: orderDay } : {}) },
  );
}

/**
 * The month for an objection suit filed at `filedAt` (an instant already checked) against an order made at
 * `orderedAt`, counted from the notice the court named (`noticedOn`) or, without one, from the order's own
 * day (no notice is earlier: a suit within that month is in time whatever the notice day); refuses a notice
 * day before the order's day or in the future, and a suit filed on a day in Japan after the last day.
 */
export function suitInTime(
  orderedAt: string,
  input: { filedAt: string; noticedOn?: string | undefined; holidays?: string[] | undefined },
  filedAt: string,
  now: Date,
): ObjectionPeriod {
  const { noticedOn } = input;
  if (noticedOn !== undefined) checkNoticeDay(orderedAt, noticedOn, now, 'noticedOn');
  const { period, problem } = suitPeriodCheck(
    orderedAt,
    { noticedOn: noticedOn ?? null, holidays: input.holidays ?? [] },
    filedAt,
  );
  if (problem === 'late') {
    const last = dayInWords(period.lastDay);
    const from = dayInWords(period.noticedOn);
    const counted =
      noticedOn === undefined
        ? {
            ja: `発令日（${from.ja}）に告知を受けたとして数えた`,
            en: `counted from a notice on the day the order was made (${from.en})`,
          }
        : { ja: `告知を受けた日（${from.ja}）から数えた`, en: `counted from the notice on ${from.en}` };
    const later =
      noticedOn === undefined
        ? {
            ja: '告知がそれより後の場合は告知を受けた日を、',
            en: 'If the party was notified later, give the day of the notice; if',
          }
        : { ja: '', en: 'If' };
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja:
          `異議の訴えの提起日時（${input.filedAt}）が、${counted.ja}異議の訴えの期間（1か月）の末日` +
          `（${last.ja}）を過ぎています（土曜・日曜・国民の祝日・12月29日〜1月3日は数えています）。` +
          `${later.ja}末日に裁判所がほかに閉庁していた日があればその日を休日として入力してください`,
        en:
          `the date the objection suit was filed (${input.filedAt}) is after the last day of the month ` +
          `for an objection suit (${last.en}), ${counted.en} (Saturdays, Sundays, national holidays and ` +
          `29 December – 3 January counted). ${later.en} the court was closed on the last day for another ` +
          'reason, name that day as a holiday',
      },
      { field: 'filedAt', value: input.filedAt, lastDay: period.lastDay, noticedOn: period.noticedOn },
    );
  }
  return period;
}

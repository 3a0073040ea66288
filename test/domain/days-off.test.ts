import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dayOff, HOLIDAY_YEARS, opinionDeadline } from '../../src/domain/days-off.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { OPINION_HEARING_DAYS } from '../../src/domain/policy.ts';

// 10:00 in Tokyo on `day`: the instant a hearing starts.
const startedOn = (day: string) => new Date(`${day}T01:00:00.000Z`);
// The end of `day` in Tokyo: the instant a reply deadline is.
const endOf = (day: string) => `${day}T14:59:59.999Z`;

describe('the opinion deadline (民法140条・141条・142条)', () => {
  it('ends with the 14th day after the start, in Japan, when that day is a working day', () => {
    assert.equal(OPINION_HEARING_DAYS, 14);
    // Sent at 10:00:05 in Tokyo on Tuesday 1 December: due at the end of Tuesday 15 December there.
    assert.equal(opinionDeadline(new Date('2026-12-01T01:00:05.827Z')).toISOString(), endOf('2026-12-15'));
    // Sent at 23:30 in Tokyo: still 1 December there, so the same last day.
    assert.equal(opinionDeadline(new Date('2026-12-01T14:30:00Z')).toISOString(), endOf('2026-12-15'));
    // Sent at 00:10 in Tokyo on 2 December (still 1 December in UTC): Tokyo's day counts.
    assert.equal(opinionDeadline(new Date('2026-12-01T15:10:00Z')).toISOString(), endOf('2026-12-16'));
  });
  it('a hearing started at exactly midnight in Japan still leaves its first day out (民法140条ただし書 not applied)', () => {
    // 00:00:00.000 on Tuesday 1 December 2026 in Tokyo: due at the end of Tuesday 15 December, as at 10:00.
    assert.equal(opinionDeadline(new Date('2026-11-30T15:00:00.000Z')).toISOString(), endOf('2026-12-15'));
    // A millisecond before is still 30 November there: due at the end of Monday 14 December.
    assert.equal(opinionDeadline(new Date('2026-11-30T14:59:59.999Z')).toISOString(), endOf('2026-12-14'));
  });
  it('a last day on a Sunday moves to the Monday', () => {
    // 14 days after Sunday 31 January 2027 is Sunday 14 February.
    assert.equal(opinionDeadline(startedOn('2027-01-31')).toISOString(), endOf('2027-02-15'));
  });
  it('a last day on a Saturday moves past the weekend', () => {
    // Saturday 16 January 2027: Sunday 17 is off too, so Monday 18 January.
    assert.equal(opinionDeadline(startedOn('2027-01-02')).toISOString(), endOf('2027-01-18'));
  });
  it('a last day in Golden Week runs over every holiday of it, the substitute holiday included', () => {
    // Tuesday 5 May 2026 (こどもの日), then Wednesday 6 May (振替休日 for Sunday 3 May): Thursday 7 May.
    assert.equal(opinionDeadline(startedOn('2026-04-21')).toISOString(), endOf('2026-05-07'));
    // Monday 3 May 2027 (憲法記念日), 4 and 5 May: Thursday 6 May.
    assert.equal(opinionDeadline(startedOn('2027-04-19')).toISOString(), endOf('2027-05-06'));
    assert.deepEqual(dayOff({ y: 2026, mo: 5, d: 6 }), { ja: 'こどもの日 振替休日', en: 'Holiday in lieu' });
  });
  it('a last day in the year-end holidays moves to the first working day of January', () => {
    // Tuesday 29 December 2026: 29 December to 3 January are off (Saturday 2 and Sunday 3 too): Monday 4 January.
    assert.equal(opinionDeadline(startedOn('2026-12-15')).toISOString(), endOf('2027-01-04'));
    assert.equal(dayOff({ y: 2026, mo: 12, d: 30 })?.en, 'the year-end holidays (29 December to 3 January)');
    assert.equal(dayOff({ y: 2027, mo: 1, d: 4 }), null);
  });
  it('a day the holiday data does not cover is refused, in words naming the day and the years covered', () => {
    assert.equal(HOLIDAY_YEARS.last, 2050, 'the holiday data of @holiday-jp/holiday_jp 2.5.1 ends with 2050');
    // 14 days after 20 December 2050 is 3 January 2051, off in any year; whether Wednesday 4 January 2051 is a
    // holiday is not known: that day is named.
    assert.throws(
      () => opinionDeadline(startedOn('2050-12-20')),
      (e: unknown) =>
        e instanceof DomainError &&
        e.code === 'CONFLICT' &&
        e.messages.ja.includes('2051年1月4日') &&
        e.messages.ja.includes('1970年から2050年まで') &&
        e.messages.en.includes('2051-01-04') &&
        e.details?.day === '2051-01-04',
    );
    // A day the rules alone make off is off past the data too: never refused, never a working day.
    assert.equal(dayOff({ y: 2051, mo: 1, d: 1 })?.en, 'the year-end holidays (29 December to 3 January)');
    assert.equal(dayOff({ y: 2051, mo: 1, d: 3 })?.ja, '年末年始（12月29日から1月3日まで）');
    assert.equal(dayOff({ y: 2051, mo: 1, d: 7 })?.en, 'Saturday');
    assert.equal(dayOff({ y: 1969, mo: 12, d: 28 })?.en, 'Sunday');
    assert.throws(
      () => dayOff({ y: 2051, mo: 1, d: 9 }),
      (e: unknown) => e instanceof DomainError,
    );
    assert.throws(
      () => dayOff({ y: 1969, mo: 12, d: 26 }),
      (e: unknown) => e instanceof DomainError,
    );
    // Within the data, its last days still count: Saturday 24 December 2050, then Sunday 25, then Monday 26.
    assert.equal(opinionDeadline(startedOn('2050-12-10')).toISOString(), endOf('2050-12-26'));
  });
});

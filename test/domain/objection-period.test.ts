// The month for an objection suit against a disclosure order (異議の訴え, art. 14: one month from the
// notice), counted in Japan time: the notice day not counted (初日不算入), the month's end by Civil Code
// arts. 140 and 143 (a month's last day when the next has no day so numbered; a month counted from the 1st
// is that calendar month), a last day on a Saturday, Sunday, national holiday (holiday_jp data), a day the
// court names or 29 Dec – 3 Jan moved to the next open day (Code of Civil Procedure art. 95(3)); finality from
// the start of the day after.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  closedByStatute,
  dayInJapan,
  dayInWords,
  earliestFinal,
  finalPeriodCheck,
  JapanDaySchema,
  monthEnd,
  objectionPeriod,
} from '../../src/domain/objection-period.ts';
import { type OrderFinalEntry, periodNoteOf } from '../../src/domain/order-contest.ts';

test("the month's end: the corresponding day, a shorter month's last day, a month counted from the 1st", () => {
  const cases: Array<[string, string]> = [
    ['2026-01-10', '2026-02-10'],
    ['2026-01-28', '2026-02-28'],
    ['2026-01-29', '2026-02-28'],
    ['2026-01-30', '2026-02-28'],
    ['2026-01-31', '2026-02-28'],
    ['2028-01-28', '2028-02-28'],
    ['2028-01-29', '2028-02-29'],
    ['2028-01-31', '2028-02-29'],
    ['2026-03-31', '2026-04-30'],
    // Notified on a month's last day: the month counted from the 1st is that whole month.
    ['2026-02-28', '2026-03-31'],
    ['2028-02-29', '2028-03-31'],
    ['2026-04-30', '2026-05-31'],
    ['2026-12-15', '2027-01-15'],
    ['2026-12-31', '2027-01-31'],
    ['2026-11-30', '2026-12-31'],
  ];
  for (const [noticed, end] of cases) assert.equal(monthEnd(noticed), end, noticed);
});

test('a last day the court is closed moves to the next open day; a named national holiday too', () => {
  // 28 February 2026 is a Saturday: Monday 2 March.
  assert.deepEqual(objectionPeriod('2026-01-31'), {
    noticedOn: '2026-01-31',
    monthEnd: '2026-02-28',
    lastDay: '2026-03-02',
    movedOver: ['2026-02-28', '2026-03-01'],
  });
  // Sunday 31 May 2026: Monday 1 June.
  assert.equal(objectionPeriod('2026-04-30').lastDay, '2026-06-01');
  // 31 December, then 1–3 January (2027: a Friday to a Sunday): Monday 4 January.
  assert.equal(objectionPeriod('2026-11-30').lastDay, '2027-01-04');
  assert.equal(objectionPeriod('2026-12-01').lastDay, '2027-01-04');
  // 29 December 2025 is a Monday, closed all the same.
  assert.equal(objectionPeriod('2025-11-29').lastDay, '2026-01-05');
  // An open weekday stays.
  assert.equal(objectionPeriod('2026-01-10').lastDay, '2026-02-10');
  assert.equal(objectionPeriod('2026-10-12').lastDay, '2026-11-12');
  // A national holiday the court need not name: Tuesday 3 November 2026 (文化の日) moves to Wednesday 4 November.
  assert.equal(objectionPeriod('2026-10-03').lastDay, '2026-11-04');
  assert.equal(objectionPeriod('2026-10-03', ['2026-11-03']).lastDay, '2026-11-04', 'named as well: the same');
  // Golden Week 2027: Monday 3 May (憲法記念日), 4 and 5 May: Thursday 6 May.
  assert.deepEqual(objectionPeriod('2027-04-02'), {
    noticedOn: '2027-04-02',
    monthEnd: '2027-05-02',
    lastDay: '2027-05-06',
    movedOver: ['2027-05-02', '2027-05-03', '2027-05-04', '2027-05-05'],
  });
  // A day the court names closed beyond the data (a court's own closure) moves it on further.
  assert.equal(objectionPeriod('2026-01-10', ['2026-02-10']).lastDay, '2026-02-12', '11 February is 建国記念の日');
  // A holiday named that is not the last day changes nothing.
  assert.equal(objectionPeriod('2026-01-10', ['2026-02-11']).lastDay, '2026-02-10');
  // The statute's own days only (how records signed before were counted): the holiday stays the last day.
  assert.equal(objectionPeriod('2027-04-02', [], 'statute').lastDay, '2027-05-03');
  assert.ok(closedByStatute('2026-12-29') && closedByStatute('2027-01-03') && !closedByStatute('2027-01-04'));
  assert.ok(!closedByStatute('2026-12-28'));
});

test('the earliest finality is the start of the day after the last day counted from the order, Japan time', () => {
  const cases: Array<[string, string]> = [
    ['2026-01-10T15:00:00+09:00', '2026-02-11T00:00:00+09:00'],
    // 23:30 UTC on the 9th is already the 10th in Japan.
    ['2026-01-09T23:30:00Z', '2026-02-11T00:00:00+09:00'],
    ['2026-01-31T10:00:00+09:00', '2026-03-03T00:00:00+09:00'],
    ['2028-01-31T10:00:00+09:00', '2028-03-01T00:00:00+09:00'],
    ['2026-12-15T09:00:00+09:00', '2027-01-16T00:00:00+09:00'],
    ['2026-03-31T09:00:00+09:00', '2026-05-01T00:00:00+09:00'],
    ['2026-04-30T09:00:00+09:00', '2026-06-02T00:00:00+09:00'],
    ['2026-02-28T09:00:00+09:00', '2026-04-01T00:00:00+09:00'],
    ['2028-02-29T09:00:00+09:00', '2028-04-01T00:00:00+09:00'],
    ['2026-11-30T12:00:00Z', '2027-01-05T00:00:00+09:00'],
    ['2026-11-30T20:00:00Z', '2027-01-05T00:00:00+09:00'],
    ['2026-01-29T09:00:00+09:00', '2026-03-03T00:00:00+09:00'],
  ];
  for (const [ordered, earliest] of cases) {
    assert.equal(earliestFinal(new Date(ordered)).toISOString(), new Date(earliest).toISOString(), ordered);
  }
  assert.equal(dayInJapan(new Date('2026-01-09T23:30:00Z')), '2026-01-10');
});

test('a day in words carries the era year in Japanese; only real dates are days', () => {
  assert.deepEqual(dayInWords('2028-02-29'), { ja: '令和10年（2028年）2月29日', en: '29 February 2028' });
  assert.deepEqual(dayInWords('2019-05-01'), { ja: '令和元年（2019年）5月1日', en: '1 May 2019' });
  for (const bad of ['2026-02-29', '2026-13-01', '2026-1-01', '2026-01-01T00:00']) {
    assert.equal(JapanDaySchema.safeParse(bad).success, false, bad);
  }
  assert.equal(JapanDaySchema.safeParse('2028-02-29').success, true);
});

test('finality is held to the national holidays when recorded; one signed before by the statute days stands', () => {
  const orderedAt = '2027-04-02T10:00:00+09:00';
  const period = { noticedOn: { provider: '2027-04-02', claimant: '2027-04-02' }, holidays: [] };
  // Recorded now: not before Friday 7 May 2027 (the month's last day moved over Golden Week to the 6th).
  const counted = finalPeriodCheck(orderedAt, period);
  assert.equal(counted.finalFrom.toISOString(), '2027-05-06T15:00:00.000Z');
  assert.equal(finalPeriodCheck(orderedAt, period, '2027-05-04T00:00:00+09:00').problem, 'early');
  // A finality signed before the system knew the holidays (from Tuesday 4 May, the judge naming none) is
  // checked by the days it was signed under when the provider's agent reads the log: not turned away now.
  const signedBefore: OrderFinalEntry = {
    type: 'order.final',
    at: '2027-05-04T01:00:00.000Z',
    orderId: 'doap_1',
    orderDigest: '0'.repeat(64),
    courtOrganisationId: 'org_court',
    finalAt: '2027-05-03T15:00:00.000Z',
    period,
    attestation: null,
  };
  assert.equal(periodNoteOf(signedBefore, orderedAt), null);
  assert.equal(periodNoteOf({ ...signedBefore, finalAt: '2027-05-02T15:00:00.000Z' }, orderedAt), 'early');
});

// When a disclosure order can be final without an objection (異議の訴え within one month of the notice):
// the month counted in Japan time from the day after (初日不算入), ending the day before the day numbered
// as that first day, or with the last day of a shorter month (Civil Code arts. 140, 143).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answerRefusal, earliestFinal, standingOf } from '../../src/domain/order-standing.ts';

test('the earliest finality is the start of the day after the corresponding day, Japan time', () => {
  const cases: Array<[string, string]> = [
    ['2026-01-10T15:00:00+09:00', '2026-02-11T00:00:00+09:00'],
    // 23:30 UTC on the 9th is already the 10th in Japan.
    ['2026-01-09T23:30:00Z', '2026-02-11T00:00:00+09:00'],
    ['2026-01-31T10:00:00+09:00', '2026-03-01T00:00:00+09:00'],
    ['2028-01-31T10:00:00+09:00', '2028-03-01T00:00:00+09:00'],
    ['2026-12-15T09:00:00+09:00', '2027-01-16T00:00:00+09:00'],
    ['2026-03-31T09:00:00+09:00', '2026-05-01T00:00:00+09:00'],
    // Notified on a month's last day: the month counted from the 1st is that whole month.
    ['2026-04-30T09:00:00+09:00', '2026-06-01T00:00:00+09:00'],
    ['2026-02-28T09:00:00+09:00', '2026-04-01T00:00:00+09:00'],
    ['2028-02-29T09:00:00+09:00', '2028-04-01T00:00:00+09:00'],
    ['2026-11-30T12:00:00Z', '2027-01-01T00:00:00+09:00'],
    ['2026-11-30T20:00:00Z', '2027-01-02T00:00:00+09:00'],
    ['2026-01-29T09:00:00+09:00', '2026-03-01T00:00:00+09:00'],
  ];
  for (const [ordered, earliest] of cases) {
    assert.equal(earliestFinal(ordered).toISOString(), new Date(earliest).toISOString(), ordered);
  }
});

test('the standing from what the court recorded; which standings refuse an answer', () => {
  const none = { objection_filed_at: null, outcome: null, final_at: null };
  assert.equal(standingOf(undefined), 'not_final');
  assert.equal(standingOf({ ...none, objection_filed_at: 'x' }), 'contested');
  assert.equal(standingOf({ ...none, objection_filed_at: 'x', outcome: 'upheld', final_at: 'y' }), 'final');
  assert.equal(standingOf({ ...none, objection_filed_at: 'x', outcome: 'set_aside' }), 'set_aside');
  assert.equal(standingOf({ ...none, final_at: 'y' }), 'final');
  assert.equal(answerRefusal('not_final', 'n'), null);
  assert.equal(answerRefusal('final', 'n'), null);
  assert.match(answerRefusal('contested', 'n')?.en ?? '', /pending/);
  assert.match(answerRefusal('set_aside', 'n')?.ja ?? '', /取り消された/);
});

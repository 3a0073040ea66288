// How a disclosure order stands from what the court recorded, and which standings refuse an answer (the
// month for an objection suit is test/domain/objection-period.test.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answerRefusal, standingOf } from '../../src/domain/order-standing.ts';

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

// The record of ids the hub answers with errors (src/agent/not-given.ts) against a clock set back: a try recorded
// under a clock running a year ahead must not keep the id waiting until the clock catches up, nor be kept forever.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { forgetStale, GIVE_UP_AFTER, type NotGiven, noteNotGiven, waitingOf } from '../../src/agent/not-given.ts';

const now = new Date('2026-12-07T09:00:00.000Z');
const yearAhead = new Date('2027-12-07T09:00:00.000Z');

function triedAt(at: Date, status: number): NotGiven {
  const n: NotGiven = { size: 89, ids: new Map(), changed: false };
  for (let i = 0; i < GIVE_UP_AFTER; i++) noteNotGiven(n, 'req_1', 89, status, at);
  return n;
}

describe('ids the hub answered with errors, under a clock set back', () => {
  test('tried now: a 404 id is passed over, a 502 id waits', () => {
    assert.equal(waitingOf(triedAt(now, 404), 'req_1', now), 'passedOver');
    assert.equal(waitingOf(triedAt(now, 502), 'req_1', now), 'retryLater');
  });

  test('tried under a clock a year ahead: fetched again at once, and the entry is not kept', () => {
    for (const status of [404, 502]) {
      const n = triedAt(yearAhead, status);
      assert.equal(waitingOf(n, 'req_1', now), null, `status ${status}`);
      forgetStale(n, now);
      assert.equal(n.ids.has('req_1'), false, `status ${status}: forgotten`);
    }
  });
});

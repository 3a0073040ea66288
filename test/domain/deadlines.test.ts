import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { opinionDeadline } from '../../src/domain/days-off.ts';
import {
  deadlineAfterClarification,
  deadlineStatus,
  pastDeadline,
  preservationExpiry,
  replyDeadlineText,
  responseDeadline,
} from '../../src/domain/deadlines.ts';
import { defaultProviderPolicy } from '../../src/domain/policy.ts';
import { overdueOf } from '../../src/domain/statistics.ts';
import { REQUEST_STATES } from '../../src/domain/vocabulary.ts';

const H = 3600_000;
const D = 24 * H;
const T0 = new Date('2026-03-01T00:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const policy = defaultProviderPolicy(false);

describe('responseDeadline', () => {
  it('per kind from the policy (emergency in hours)', () => {
    assert.deepEqual(responseDeadline('inquiry', T0, policy), at(14 * D));
    assert.deepEqual(responseDeadline('warrant', T0, policy), at(7 * D));
    assert.deepEqual(responseDeadline('preservation', T0, policy), at(3 * D));
    assert.deepEqual(responseDeadline('emergency', T0, policy), at(3 * H));
    assert.deepEqual(responseDeadline('civil_disclosure', T0, policy), at(30 * D));
    assert.deepEqual(responseDeadline('cafe_records', T0, policy), at(14 * D));
    assert.equal(responseDeadline('mlat', T0, policy), null);
  });
  it('a published policy period is used', () => {
    const p = defaultProviderPolicy(true);
    p.deadlines.inquiryDays = 5;
    p.deadlines.emergencyHours = 1;
    assert.deepEqual(responseDeadline('inquiry', T0, p), at(5 * D));
    assert.deepEqual(responseDeadline('emergency', T0, p), at(1 * H));
  });
  it("a warrant's answer is due by the warrant's end at the latest", () => {
    assert.deepEqual(responseDeadline('warrant', T0, policy, undefined, at(5 * D)), at(5 * D));
    assert.deepEqual(responseDeadline('warrant', T0, policy, at(20 * D), at(9 * D)), at(9 * D), 'nor extended past it');
    assert.deepEqual(responseDeadline('warrant', T0, policy, undefined, at(30 * D)), at(7 * D), 'the policy within it');
  });
  it('requestedBy only extends, never shortens', () => {
    assert.deepEqual(responseDeadline('inquiry', T0, policy, at(20 * D)), at(20 * D));
    assert.deepEqual(responseDeadline('inquiry', T0, policy, at(2 * D)), at(14 * D));
    assert.deepEqual(responseDeadline('emergency', T0, policy, at(1 * H)), at(3 * H));
  });
});

describe('opinion hearing and preservation', () => {
  it('a reply deadline is stated as the day it ends; one set before that rule keeps its time', () => {
    const due = opinionDeadline(new Date('2026-12-01T01:00:05.827Z'));
    assert.equal(replyDeadlineText(due, 'ja', 'Asia/Tokyo'), '令和8年（2026年）12月15日');
    assert.equal(replyDeadlineText(due, 'en', 'Asia/Tokyo'), '15 December 2026');
    // 14 × 24 h from the sending, as hearings sent before were due: never stated as a day it does not cover.
    const before = new Date('2026-12-15T01:00:05.827Z');
    assert.equal(replyDeadlineText(before, 'ja', 'Asia/Tokyo'), '令和8年（2026年）12月15日 10:00:05 +09:00');
  });
  it('preservation: days, or twice that after the one extension', () => {
    assert.deepEqual(preservationExpiry(T0, 30, false), at(30 * D));
    assert.deepEqual(preservationExpiry(T0, 30, true), at(60 * D));
    assert.deepEqual(preservationExpiry(T0, 10, true), at(20 * D));
    assert.throws(() => preservationExpiry(T0, 0, false), { code: 'VALIDATION_FAILED' });
    assert.throws(() => preservationExpiry(T0, 1.5, false), { code: 'VALIDATION_FAILED' });
  });
});

describe('deadlineStatus', () => {
  const deadline = at(10 * D); // a 10-day period starting at T0: due soon in the last 2 days
  const ctx = { kind: 'inquiry' as const, startedAt: T0 };
  const cases: Array<[string, number, string]> = [
    ['at the start', 0, 'on_time'],
    ['just before the window', 8 * D - 1, 'on_time'],
    ['window starts (20% of 10 days = 2 days)', 8 * D, 'due_soon'],
    ['at the deadline', 10 * D, 'due_soon'],
    ['1 ms late', 10 * D + 1, 'overdue'],
    ['late by exactly the period', 20 * D, 'overdue'],
    ['late by more than the period', 20 * D + 1, 'escalated'],
  ];
  for (const [name, ms, want] of cases) {
    it(`${name} → ${want}`, () => {
      const s = deadlineStatus(deadline, at(ms), 'under_review', ctx);
      assert.equal(s.status, want);
      assert.equal(s.remainingMs, 10 * D - ms);
    });
  }
  it('a short period: the 24 h window is larger than 20%', () => {
    const dl = at(3 * D);
    assert.equal(deadlineStatus(dl, at(2 * D - 1), 'received', { startedAt: T0 }).status, 'on_time');
    assert.equal(deadlineStatus(dl, at(2 * D), 'received', { startedAt: T0 }).status, 'due_soon');
  });
  it('without a period start: 24 h window, escalation after 7 days late', () => {
    assert.equal(deadlineStatus(deadline, at(9 * D - 1), 'received').status, 'on_time');
    assert.equal(deadlineStatus(deadline, at(9 * D), 'received').status, 'due_soon');
    assert.equal(deadlineStatus(deadline, at(17 * D), 'received').status, 'overdue');
    assert.equal(deadlineStatus(deadline, at(17 * D + 1), 'received').status, 'escalated');
  });
  it('emergency: due soon in the last hour, escalated after 2 hours late', () => {
    const dl = at(3 * H);
    const e = { kind: 'emergency' as const, startedAt: T0 };
    assert.equal(deadlineStatus(dl, at(2 * H - 1), 'received', e).status, 'on_time');
    assert.equal(deadlineStatus(dl, at(2 * H), 'received', e).status, 'due_soon');
    assert.equal(deadlineStatus(dl, at(3 * H + 1), 'received', e).status, 'overdue');
    assert.equal(deadlineStatus(dl, at(5 * H), 'received', e).status, 'overdue');
    assert.equal(deadlineStatus(dl, at(5 * H + 1), 'received', e).status, 'escalated');
  });
  it('none without a deadline or once settled', () => {
    assert.deepEqual(deadlineStatus(null, T0, 'under_review'), { status: 'none', remainingMs: null });
    for (const state of REQUEST_STATES) {
      const s = deadlineStatus(deadline, at(30 * D), state, ctx);
      const settled = ['answered', 'declined', 'withdrawn', 'closed'].includes(state);
      assert.equal(s.status, settled ? 'none' : 'escalated', state);
    }
  });
});

// The walk of the demo: a café waiting on the police's clarification saw its deadline run meanwhile.
describe('a request waiting on its clarification', () => {
  it('its deadline stands still: paused, with what was left when the provider asked', () => {
    const deadline = at(14 * D);
    const s = deadlineStatus(deadline, at(20 * D), 'clarification_requested', {
      startedAt: T0,
      clarificationAskedAt: at(5 * D),
    });
    assert.deepEqual(s, { status: 'paused', remainingMs: 9 * D });
  });
  it('one already late when it asked stays overdue, as of then', () => {
    const s = deadlineStatus(at(14 * D), at(40 * D), 'clarification_requested', {
      startedAt: T0,
      clarificationAskedAt: at(15 * D),
    });
    assert.deepEqual(s, { status: 'overdue', remainingMs: -1 * D });
  });
  it('once clarified, the deadline moves on by the time waited, a warrant never past its end', () => {
    assert.deepEqual(deadlineAfterClarification(at(14 * D), at(5 * D), at(12 * D)), at(21 * D));
    assert.deepEqual(deadlineAfterClarification(at(7 * D), at(2 * D), at(9 * D), at(10 * D)), at(10 * D));
    assert.deepEqual(deadlineAfterClarification(at(7 * D), at(2 * D), at(9 * D), at(7 * D)), at(7 * D));
  });
  it('a request already late when the provider asked stays as late once clarified', () => {
    // due day 14, asked on day 15 (a day late), clarified on day 25: still due day 14, eleven days late
    assert.deepEqual(deadlineAfterClarification(at(14 * D), at(15 * D), at(25 * D)), at(14 * D));
    assert.deepEqual(deadlineStatus(at(14 * D), at(25 * D), 'received', { startedAt: T0 }).status, 'overdue');
  });
  it('statistics count it overdue only if it was late when the provider asked', () => {
    assert.equal(pastDeadline(at(14 * D), at(20 * D), at(5 * D)), false);
    assert.equal(pastDeadline(at(14 * D), at(20 * D), at(15 * D)), true);
    assert.equal(pastDeadline(at(14 * D), at(20 * D), null), true);
    const fact = {
      id: 'r',
      kind: 'cafe_records' as const,
      state: 'clarification_requested' as const,
      agencyOrganisationId: 'a',
      unitId: 'u',
      providerOrganisationId: 'p',
      categories: [],
      issuedAt: T0.toISOString(),
      receivedAt: T0.toISOString(),
      answeredAt: null,
      declineReason: null,
      deadlineAt: at(14 * D).toISOString(),
      clarificationAskedAt: at(5 * D).toISOString(),
      clarificationMessages: 1,
    };
    assert.equal(overdueOf(fact, at(20 * D)), null);
    assert.equal(overdueOf({ ...fact, state: 'under_review', clarificationAskedAt: null }, at(20 * D)), 'open_overdue');
  });
});

// The installation's review page reads the deadline as the hub does: while the request waits on the
// requester's clarification its clock stands still at the asking, so the time left is what was left then and
// the page says why — not "past the deadline" while the provider cannot answer. One late when asked stays late.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HubRequestFacts } from '../../src/agent/call-back.ts';
import { deadlineHtml } from '../../src/agent/web-request-facts.ts';

const H = 3600 * 1000;
const facts = (deadlineAt: string, clarificationAskedAt: string | null): HubRequestFacts => ({
  secondCheck: null,
  deadlineAt,
  clarificationAskedAt,
  draftedBy: null,
  approvedBy: null,
});
const due = '2026-12-10T00:00:00.000Z';
const now = new Date(Date.parse(due) + 48 * H); // two days past the deadline

test('asked a day before the deadline: a day left, stood still, not past it', () => {
  const ja = deadlineHtml(null, facts(due, new Date(Date.parse(due) - 24 * H).toISOString()), 'ja', now);
  assert.match(ja, /id="time-left">残り 1日/);
  assert.match(
    ja,
    /id="deadline-paused">\(要請元の確認回答待ちのため期限は停止中。停止した日時: 2026-12-09 09:00:00 \+09:00\)/,
  );
  const en = deadlineHtml(null, facts(due, new Date(Date.parse(due) - 24 * H).toISOString()), 'en', now);
  assert.match(en, /the clock stands still while the requester&#39;s clarification is awaited/);
});

test('late when asked: still late, counted to the asking; not waiting: counted to now', () => {
  const late = deadlineHtml(null, facts(due, new Date(Date.parse(due) + 2 * H).toISOString()), 'ja', now);
  assert.match(late, /期限を過ぎています: 2時間/);
  assert.doesNotMatch(late, /deadline-paused/);
  assert.match(deadlineHtml(null, facts(due, null), 'ja', now), /期限を過ぎています: 2日/);
});

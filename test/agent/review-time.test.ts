// The installation's review pages and CLI show instants as people read them: in the installation's zone,
// with its offset — never as the stored UTC text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exactWhen, targetLine, when } from '../../src/agent/render.ts';

test('an instant is shown in the installation zone with its offset; other text is kept', () => {
  assert.equal(when('2020-03-31T15:00:00.000Z'), '2020-04-01 00:00:00 +09:00');
  assert.equal(when('2026-12-03T14:17:56.921Z'), '2026-12-03 23:17:56 +09:00', 'a stamp to the second');
  assert.equal(exactWhen('2026-12-01T10:00:00.250+09:00'), '2026-12-01 10:00:00.250 +09:00', 'as written');
  assert.equal(exactWhen('2026-12-01T10:00:00.000+09:00'), '2026-12-01 10:00:00 +09:00');
  assert.equal(when('2026-12-01T01:00:00Z', 'UTC'), '2026-12-01 01:00:00 +00:00');
  assert.equal(when('東京都千代田区霞が関2-1-1'), '東京都千代田区霞が関2-1-1');
  assert.equal(when(null), '');
});

test('a target line shows its instant with the offset', () => {
  const line = targetLine(
    { type: 'ip', address: '203.0.113.7', port: 51234, at: '2026-11-30T23:59:59Z', toleranceSeconds: 0 },
    'ja',
  );
  assert.equal(line, '203.0.113.7:51234 @ 2026-12-01 08:59:59 +09:00');
  const exact = targetLine(
    { type: 'ip', address: '203.0.113.7', at: '2026-11-30T23:59:59.250Z', toleranceSeconds: 0 },
    'ja',
  );
  assert.equal(exact, '203.0.113.7 @ 2026-12-01 08:59:59.250 +09:00', 'a target as the requester signed it');
});

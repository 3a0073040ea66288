import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isoUtc, parseHeaderDate } from '../../src/evidence/mail/date.ts';
import { rng } from './helpers.ts';

describe('header dates', () => {
  it('keeps the written offset and converts to UTC', () => {
    assert.deepEqual(parseHeaderDate('Wed, 25 Nov 2026 12:00:05 +0900 (JST)'), {
      iso: '2026-11-25T12:00:05+09:00',
      offsetMinutes: 540,
      epochMs: Date.UTC(2026, 10, 25, 3, 0, 5),
    });
    assert.equal(parseHeaderDate('25 Nov 2026 03:00:05 -0000')?.offsetMinutes, 0);
    assert.equal(parseHeaderDate('Tue, 24 Nov 2026 17:20:04 -0800 (PST)')?.iso, '2026-11-24T17:20:04-08:00');
    assert.equal(parseHeaderDate('Tue, 24 Nov 2026 17:20:04 PST')?.offsetMinutes, -480);
    assert.equal(parseHeaderDate('Wed, 25 Nov 26 12:00 JST')?.iso, '2026-11-25T12:00:00+09:00');
  });

  it('a missing or unknown zone leaves the offset unknown', () => {
    assert.deepEqual(parseHeaderDate('Wed, 25 Nov 2026 12:00:05'), {
      iso: '2026-11-25T12:00:05',
      offsetMinutes: null,
      epochMs: null,
    });
    assert.equal(parseHeaderDate('Wed, 25 Nov 2026 12:00:05 XYZ')?.epochMs, null);
  });

  it('rejects impossible dates', () => {
    for (const bad of [
      '29 Feb 2023 00:00 +0000',
      '31 Apr 2024 00:00 +0000',
      '25 Foo 2026 00:00 +0000',
      '25 Nov 2026 24:00 +0000',
      'yesterday',
    ])
      assert.equal(parseHeaderDate(bad), null, bad);
    assert.ok(parseHeaderDate('29 Feb 2024 00:00 +0000'));
  });

  it('isoUtc agrees with Date#toISOString (fixed seed)', () => {
    const rand = rng(99);
    for (let i = 0; i < 20000; i++) {
      const ms = Math.floor((rand() * 6e12 - 1e12) / 1000) * 1000;
      assert.equal(isoUtc(ms), new Date(ms).toISOString().replace('.000Z', 'Z'));
    }
  });
});

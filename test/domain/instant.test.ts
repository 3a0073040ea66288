import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDomainError } from '../../src/domain/errors.ts';
import { InstantSchema, parseInstant, toDate, toUtcIso } from '../../src/domain/instant.ts';

describe('parseInstant: accepted forms', () => {
  const cases: Array<[string, string, number]> = [
    ['2026-03-01T10:00:00+09:00', '2026-03-01T01:00:00.000Z', 540],
    ['2026-03-01T10:00:00Z', '2026-03-01T10:00:00.000Z', 0],
    ['2026-03-01t10:00:00z', '2026-03-01T10:00:00.000Z', 0],
    ['2026-03-01 10:00:00+0900', '2026-03-01T01:00:00.000Z', 540],
    ['2026-03-01T10:00+09:00', '2026-03-01T01:00:00.000Z', 540],
    ['2026-03-01T00:30:00-05:30', '2026-03-01T06:00:00.000Z', -330],
    ['2026-03-01T08:00:00.5+09:00', '2026-02-28T23:00:00.500Z', 540],
    ['2026-03-01T08:00:00,25Z', '2026-03-01T08:00:00.250Z', 0],
    ['2026-03-01T08:00:00.123456789Z', '2026-03-01T08:00:00.123Z', 0], // beyond ms: truncated in utc
    ['2026-03-01T08:00:00.999999Z', '2026-03-01T08:00:00.999Z', 0], // truncated, not rounded
    ['2026-01-01T05:00:00+09:00', '2025-12-31T20:00:00.000Z', 540], // crosses the year
    ['2024-02-29T12:00:00Z', '2024-02-29T12:00:00.000Z', 0], // leap year
    ['2000-02-29T12:00:00Z', '2000-02-29T12:00:00.000Z', 0],
    ['2026-03-01T10:00:00-00:00', '2026-03-01T10:00:00.000Z', 0],
    ['0050-06-01T00:00:00Z', '0050-06-01T00:00:00.000Z', 0], // not mapped to 1950
  ];
  for (const [input, utc, offset] of cases) {
    it(input, () => {
      const p = parseInstant(input, 'at');
      assert.equal(p.asWritten, input);
      assert.equal(p.utc, utc);
      assert.equal(p.offsetMinutes, offset);
      assert.ok(Object.is(p.offsetMinutes, offset), 'no negative zero');
      assert.equal(toUtcIso(input), utc);
      assert.equal(toDate(input).toISOString(), utc);
      assert.equal(InstantSchema.parse(input), input, 'schema output is the string as written');
    });
  }
});

describe('parseInstant: refused', () => {
  const withoutOffset = ['2026-03-01T10:00:00', '2026-03-01T10:00', '2026-03-01 10:00:00.123'];
  for (const input of withoutOffset) {
    it(`${input} → INSTANT_WITHOUT_OFFSET: the value in the message, the field in the details`, () => {
      assert.throws(
        () => parseInstant(input, 'targets.0.at'),
        (e: unknown) => {
          assert.ok(isDomainError(e));
          assert.equal(e.code, 'INSTANT_WITHOUT_OFFSET');
          assert.equal(e.details?.field, 'targets.0.at');
          assert.equal(e.details?.value, input);
          // A person reads the message: it names the value, never the field's path (the screen or the
          // CLI names the field from details.field, in words).
          for (const m of [e.messages.ja, e.messages.en]) {
            assert.ok(m.includes(input), m);
            assert.ok(!m.includes('targets') && !m.includes('.at'), m);
          }
          assert.match(e.messages.ja, /^日時 /);
          assert.match(e.messages.en, /^the time /);
          return true;
        },
      );
      assert.throws(
        () => toUtcIso(input),
        (e: unknown) => {
          assert.ok(isDomainError(e));
          assert.equal(e.details?.field, undefined, 'no field given, none invented');
          assert.equal(e.details?.value, input);
          assert.ok(!e.messages.en.startsWith('value') && !e.messages.ja.startsWith('value'), e.messages.en);
          return true;
        },
      );
      assert.throws(
        () => toDate(input, 'from'),
        (e: unknown) => isDomainError(e) && e.details?.field === 'from',
      );
      const r = InstantSchema.safeParse(input);
      assert.equal(r.success, false);
      const issue = r.error?.issues[0];
      assert.equal(issue?.code, 'custom');
      assert.equal(issue?.code === 'custom' ? issue.params?.code : undefined, 'INSTANT_WITHOUT_OFFSET');
    });
  }
  const invalid = [
    '2026-02-30T10:00:00Z',
    '2026-02-29T10:00:00Z', // not a leap year
    '1900-02-29T10:00:00Z',
    '2026-04-31T10:00:00Z',
    '2026-13-01T10:00:00Z',
    '2026-00-01T10:00:00Z',
    '2026-01-00T10:00:00Z',
    '2026-01-01T24:00:00Z',
    '2026-01-01T23:60:00Z',
    '2026-12-31T23:59:60Z',
    '2026-01-01T10:00:00+24:00',
    '2026-01-01T10:00:00+09:60',
    '2026-01-01T10:00:00.1234567890Z',
    '2026-01-01',
    '0000-01-01T00:00:00Z',
    'yesterday',
    '',
    ' 2026-01-01T10:00:00Z',
    '2026-01-01T10:00:00Z ',
    '2026-1-1T10:00:00Z',
    '2026-01-01T10:00:00+9',
    '１２３４-01-01T10:00:00Z',
    '2026-01-01T10:00:00Z'.padEnd(100, '0'),
  ];
  for (const input of invalid) {
    it(`${JSON.stringify(input.slice(0, 40))} → VALIDATION_FAILED`, () => {
      assert.throws(() => parseInstant(input, 'f'), { code: 'VALIDATION_FAILED' });
      const r = InstantSchema.safeParse(input);
      const issue = r.error?.issues[0];
      assert.equal(issue?.code === 'custom' ? issue.params?.code : undefined, 'VALIDATION_FAILED');
    });
  }
  it('a non-string is refused by the schema', () => {
    assert.equal(InstantSchema.safeParse(1700000000).success, false);
  });
});

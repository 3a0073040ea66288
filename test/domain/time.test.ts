// The instant core (src/domain/time.ts): strict instants, wall-clock times in IANA zones, zone
// abbreviations, and the formats people read (offset always shown, era year beside the Western year).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkZone,
  formatAtOffset,
  formatDate,
  formatDateTime,
  formatDuration,
  formatInstant,
  formatIsoAtOffset,
  formatIsoInZone,
  formatOffset,
  formatWallIso,
  japaneseEra,
  parseIsoInstant,
  parseWallTime,
  TimeError,
  utcIso,
  zoneAbbreviationOffset,
  zonedWall,
  zoneOffsetAt,
} from '../../src/domain/time.ts';
import { rng } from '../support/rng.ts';

const refused = (code: string, pattern: RegExp) => (e: unknown) => {
  assert.ok(e instanceof TimeError, String(e));
  assert.equal(e.code, code);
  assert.match(e.en, pattern);
  assert.ok(e.ja.length > 0 && e.ja !== e.en, 'a Japanese message too');
  return true;
};

describe('strict instants', () => {
  it('keep millisecond precision, the offset as written and the UTC form', () => {
    const p = parseIsoInstant('2026-03-29T01:30:12.345+09:00');
    assert.equal(p.epochMs, Date.UTC(2026, 2, 28, 16, 30, 12, 345));
    assert.equal(p.utc, '2026-03-28T16:30:12.345Z');
    assert.equal(p.offsetMinutes, 540);
    assert.equal(p.asWritten, '2026-03-29T01:30:12.345+09:00');
    // Digits beyond the millisecond are truncated in the instant, kept in asWritten.
    assert.equal(parseIsoInstant('2026-03-29T01:30:12.345999+09:00').epochMs % 1000, 345);
  });

  it('a time without an offset is refused, naming what to add', () => {
    for (const text of ['2026-03-29T01:30:12', '2026-03-29 01:30', '2026-03-29T01:30:12.250']) {
      assert.throws(() => parseIsoInstant(text), refused('INSTANT_WITHOUT_OFFSET', /no UTC offset; append \+09:00/));
    }
    assert.throws(() => parseIsoInstant('2026-03-29'), refused('VALIDATION_FAILED', /a date alone is not an instant/));
    assert.throws(() => parseIsoInstant('2026-02-29T00:00:00Z'), refused('VALIDATION_FAILED', /has no day 29/));
  });
});

describe('wall-clock times in a declared zone', () => {
  it('take the offset in force at that time', () => {
    const tokyo = parseWallTime('2026-03-29 01:30:12', 'Asia/Tokyo');
    assert.deepEqual(tokyo, { epochMs: Date.UTC(2026, 2, 28, 16, 30, 12), offsetMinutes: 540 });
    assert.equal(parseWallTime('2026-01-15T09:00', 'America/New_York').offsetMinutes, -300);
    assert.equal(parseWallTime('2026-07-15T09:00', 'America/New_York').offsetMinutes, -240);
    assert.equal(parseWallTime('2026-07-15T09:00:00.250', 'UTC').epochMs, Date.UTC(2026, 6, 15, 9, 0, 0, 250));
  });

  it('a time skipped by the spring-forward gap is refused, not moved', () => {
    // Europe/Berlin: 02:00 → 03:00 on 2026-03-29; America/New_York: 02:00 → 03:00 on 2026-03-08.
    assert.throws(
      () => parseWallTime('2026-03-29 02:30', 'Europe/Berlin'),
      refused('VALIDATION_FAILED', /2026-03-29 02:30:00 does not exist in Europe\/Berlin \(daylight-saving gap\)/),
    );
    assert.throws(() => parseWallTime('2026-03-08T02:00:00', 'America/New_York'), /does not exist/);
    assert.equal(parseWallTime('2026-03-29 01:59:59', 'Europe/Berlin').offsetMinutes, 60);
    assert.equal(parseWallTime('2026-03-29 03:00:00', 'Europe/Berlin').offsetMinutes, 120);
  });

  it('a time repeated by the fall-back fold is refused, naming both instants', () => {
    // Europe/Berlin: 03:00 → 02:00 on 2026-10-25; America/New_York: 02:00 → 01:00 on 2026-11-01.
    assert.throws(
      () => parseWallTime('2026-10-25 02:30', 'Europe/Berlin'),
      refused('VALIDATION_FAILED', /occurs twice .*2026-10-25T00:30:00\.000Z or 2026-10-25T01:30:00\.000Z/),
    );
    assert.throws(() => parseWallTime('2026-11-01 01:30', 'America/New_York'), /occurs twice/);
    assert.equal(parseWallTime('2026-11-01 00:59:59', 'America/New_York').offsetMinutes, -240);
    assert.equal(parseWallTime('2026-11-01 02:00:00', 'America/New_York').offsetMinutes, -300);
  });

  it('malformed or impossible readings and unknown zones are refused', () => {
    assert.throws(() => parseWallTime('29/03/2026 01:30', 'Asia/Tokyo'), refused('VALIDATION_FAILED', /expected/));
    assert.throws(() => parseWallTime('2026-02-30 10:00', 'Asia/Tokyo'), /has no day 30/);
    assert.throws(() => parseWallTime('2026-03-29 24:00', 'Asia/Tokyo'), /hour/);
    assert.throws(() => parseWallTime('2026-03-29 10:00+09:00', 'Asia/Tokyo'), TimeError);
    assert.throws(() => parseWallTime('2026-03-29 10:00', 'Mars/Olympus'), /unknown time zone "Mars\/Olympus"/);
    assert.throws(() => checkZone('Asia/Tokio'), TimeError);
    assert.equal(checkZone('Asia/Tokyo'), 'Asia/Tokyo');
  });

  it('agree with the zone database both ways (fixed seed)', () => {
    const zones = ['Asia/Tokyo', 'UTC', 'America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kolkata'];
    const rand = rng(20260329);
    for (let i = 0; i < 3000; i++) {
      const ms = Math.floor(rand() * 4e12);
      const zone = zones[i % zones.length] as string;
      const w = zonedWall(ms, zone);
      const iso = formatIsoInZone(ms, zone);
      assert.equal(parseIsoInstant(iso).epochMs, ms, iso);
      // The wall reading, read back in its zone, is the same instant (or refused if it is in a fold).
      const wall = `${formatWallIso(w)}.${String(w.ms).padStart(3, '0')}`;
      try {
        assert.equal(parseWallTime(wall, zone).epochMs, ms, `${wall} ${zone}`);
      } catch (e) {
        assert.match(String(e), /occurs twice/, `${wall} ${zone}`);
      }
      assert.equal(w.offsetMinutes, zoneOffsetAt(zone, ms));
    }
  });
});

describe('zone abbreviations', () => {
  it('only unambiguous ones are read', () => {
    assert.equal(zoneAbbreviationOffset('JST'), 540);
    assert.equal(zoneAbbreviationOffset('cest'), 120);
    assert.equal(zoneAbbreviationOffset('EDT'), -240);
    assert.throws(() => zoneAbbreviationOffset('CST'), /ambiguous; use a numeric offset/);
    assert.throws(() => zoneAbbreviationOffset('IST'), /ambiguous/);
    assert.throws(() => zoneAbbreviationOffset('XYZ'), /unknown zone abbreviation/);
  });
});

describe('formatting with the offset', () => {
  const at = Date.UTC(2026, 2, 28, 16, 30, 12, 250);
  it('in Asia/Tokyo, UTC and America/New_York', () => {
    assert.equal(formatInstant(at, 'Asia/Tokyo'), '2026-03-29 01:30:12 +09:00');
    assert.equal(formatInstant(at, 'UTC'), '2026-03-28 16:30:12 +00:00');
    assert.equal(formatInstant(at, 'America/New_York'), '2026-03-28 12:30:12 -04:00');
    assert.equal(formatInstant(Date.UTC(2026, 0, 15, 12), 'America/New_York'), '2026-01-15 07:00:00 -05:00');
    assert.equal(formatInstant(new Date(at), 'Asia/Kolkata'), '2026-03-28 22:00:12 +05:30');
  });

  it('at a fixed offset (the one a question was written at), milliseconds only when there are any', () => {
    assert.equal(formatAtOffset(at - 250, 9 * 60), '2026-03-29 01:30:12 +09:00');
    assert.equal(formatAtOffset(at, 9 * 60), '2026-03-29 01:30:12.250 +09:00');
    assert.equal(formatAtOffset(at - 250, 0), '2026-03-28 16:30:12 +00:00');
    assert.equal(formatAtOffset(at - 250, -(3 * 60 + 30)), '2026-03-28 13:00:12 -03:30');
  });

  it('to the millisecond, when asked or when the ISO form needs it', () => {
    assert.equal(formatInstant(at, 'Asia/Tokyo', { milliseconds: true }), '2026-03-29 01:30:12.250 +09:00');
    assert.equal(formatIsoInZone(at, 'Asia/Tokyo'), '2026-03-29T01:30:12.250+09:00');
    assert.equal(formatIsoInZone(at - 250, 'UTC'), '2026-03-28T16:30:12+00:00');
    assert.equal(formatIsoAtOffset(at, 9 * 60), '2026-03-29T01:30:12.250+09:00');
    assert.equal(formatIsoAtOffset(at - 250, -(3 * 60 + 30)), '2026-03-28T13:00:12-03:30');
    assert.equal(utcIso(at), '2026-03-28T16:30:12.250Z');
    assert.equal(utcIso(Date.UTC(1969, 11, 31, 23, 59, 59, 7)), '1969-12-31T23:59:59.007Z');
    const written = parseIsoInstant('2026-03-29T01:30:12.001+09:00');
    assert.equal(
      formatDateTime(written, 'ja', 'Asia/Tokyo', { milliseconds: true }),
      '令和8年（2026年）3月29日 01:30:12.001 +09:00',
    );
  });

  it('offsets are signed hours and minutes', () => {
    assert.equal(formatOffset(540), '+09:00');
    assert.equal(formatOffset(0), '+00:00');
    assert.equal(formatOffset(-210), '-03:30');
    assert.equal(formatOffset(345), '+05:45');
  });

  it('not an instant is refused', () => {
    assert.throws(() => formatInstant(Number.NaN, 'UTC'), TimeError);
    assert.throws(() => formatInstant(new Date('nonsense'), 'UTC'), TimeError);
  });
});

describe('Japanese dates: the era year beside the Western year', () => {
  const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d, 3); // noon in Tokyo
  const ja = (y: number, m: number, d: number) => formatDate(day(y, m, d), 'ja', 'Asia/Tokyo');

  it('at each era boundary', () => {
    assert.equal(ja(2019, 4, 30), '平成31年（2019年）4月30日');
    assert.equal(ja(2019, 5, 1), '令和元年（2019年）5月1日');
    assert.equal(ja(1989, 1, 7), '昭和64年（1989年）1月7日');
    assert.equal(ja(1989, 1, 8), '平成元年（1989年）1月8日');
    assert.equal(ja(1926, 12, 24), '大正15年（1926年）12月24日');
    assert.equal(ja(1926, 12, 25), '昭和元年（1926年）12月25日');
    assert.equal(ja(1912, 7, 29), '明治45年（1912年）7月29日');
    assert.equal(ja(1912, 7, 30), '大正元年（1912年）7月30日');
    assert.equal(ja(1873, 1, 1), '明治6年（1873年）1月1日');
    // Before the Gregorian calendar was adopted, no era year is put beside a Gregorian date.
    assert.equal(ja(1872, 12, 31), '1872年12月31日');
    assert.equal(ja(2026, 3, 29), '令和8年（2026年）3月29日');
  });

  it('the era follows the date shown in the zone', () => {
    const midnightTokyo = Date.UTC(2019, 3, 30, 15); // 2019-05-01 00:00 in Tokyo, 04-30 in UTC
    assert.equal(formatDate(midnightTokyo, 'ja', 'Asia/Tokyo'), '令和元年（2019年）5月1日');
    assert.equal(formatDate(midnightTokyo, 'ja', 'UTC'), '平成31年（2019年）4月30日');
    assert.equal(formatDate(midnightTokyo - 1, 'ja', 'Asia/Tokyo'), '平成31年（2019年）4月30日');
  });

  it('the era year agrees with the Japanese calendar of Intl (fixed seed)', () => {
    const intl = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { timeZone: 'UTC', era: 'long', year: 'numeric' });
    const rand = rng(7);
    for (let i = 0; i < 2000; i++) {
      const ms = Date.UTC(1873, 0, 1) + Math.floor(rand() * (Date.UTC(2100, 0, 1) - Date.UTC(1873, 0, 1)));
      const d = new Date(ms);
      const era = japaneseEra(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
      const parts = intl.formatToParts(d);
      assert.equal(era?.name, parts.find((p) => p.type === 'era')?.value, d.toISOString());
      // ICU writes the first year of an era 元, as the core does.
      const year = parts.find((p) => p.type === 'year')?.value;
      assert.equal(String(era?.year), year === '元' ? '1' : year, d.toISOString());
    }
  });

  it('with the time and offset; English dates are day, month, year', () => {
    const at = Date.UTC(2026, 2, 28, 16, 30, 12);
    assert.equal(formatDateTime(at, 'ja', 'Asia/Tokyo'), '令和8年（2026年）3月29日 01:30:12 +09:00');
    assert.equal(formatDate(at, 'en', 'Asia/Tokyo'), '29 March 2026');
    assert.equal(formatDate(at, 'en', 'America/New_York'), '28 March 2026');
    assert.equal(formatDateTime(at, 'en', 'UTC'), '28 March 2026 16:30:12 +00:00');
  });
});

describe('durations', () => {
  it('at most two units, in both languages', () => {
    assert.equal(formatDuration(2 * 86400_000 + 3 * 3600_000 + 5 * 60_000, 'ja'), '2日 3時間');
    assert.equal(formatDuration(-(3 * 3600_000 + 5 * 60_000), 'en'), '3h 5m');
    assert.equal(formatDuration(59_999, 'ja'), '1分未満');
  });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  inLog,
  isoUtc,
  parseInstant,
  parseQueryInstant,
  parseTolerance,
  syslogInstant,
  TimeError,
  wallInZone,
} from '../../src/attribution/time.ts';
import { parseText } from './helpers.ts';

test('query instants need an offset or a known zone abbreviation', () => {
  assert.equal(isoUtc(parseQueryInstant('2026-03-29T01:30:12+09:00')), '2026-03-28T16:30:12.000Z');
  assert.equal(isoUtc(parseQueryInstant('2026-03-29 01:30:12.250 JST')), '2026-03-28T16:30:12.250Z');
  assert.equal(isoUtc(parseQueryInstant('2026-03-28T16:30:12Z')), '2026-03-28T16:30:12.000Z');
  assert.throws(() => parseQueryInstant('2026-03-29T01:30:12'), TimeError);
  assert.throws(() => parseQueryInstant('2026-03-29 01:30:12 CST'), /ambiguous/);
  assert.throws(() => parseQueryInstant('29/03/2026 01:30'), TimeError);
});

test('zone abbreviations: CEST and JST are converted to UTC', () => {
  assert.equal(isoUtc(syslogInstant('Jun  9 2015 00:03:47 CEST', undefined)), '2015-06-08T22:03:47.000Z');
  assert.equal(isoUtc(syslogInstant('Mar 29 2026 01:00:00 JST', undefined)), '2026-03-28T16:00:00.000Z');
});

test('DST in the source zone: offsets change, gaps and folds are refused', () => {
  // Europe/Berlin springs forward on 2026-03-29 at 02:00 local.
  assert.equal(
    isoUtc(wallInZone({ y: 2026, mo: 3, d: 29, h: 1, mi: 30, s: 0 }, 'Europe/Berlin')),
    '2026-03-29T00:30:00.000Z',
  );
  assert.equal(
    isoUtc(wallInZone({ y: 2026, mo: 3, d: 29, h: 3, mi: 30, s: 0 }, 'Europe/Berlin')),
    '2026-03-29T01:30:00.000Z',
  );
  assert.throws(() => wallInZone({ y: 2026, mo: 3, d: 29, h: 2, mi: 30, s: 0 }, 'Europe/Berlin'), /does not exist/);
  assert.throws(() => wallInZone({ y: 2026, mo: 10, d: 25, h: 2, mi: 30, s: 0 }, 'Europe/Berlin'), /occurs twice/);
  assert.equal(isoUtc(parseInstant('2026-03-29 12:00:00', inLog('Asia/Tokyo'))), '2026-03-29T03:00:00.000Z');
  assert.equal(isoUtc(parseInstant('2026-07-01 12:00:00', inLog('America/New_York'))), '2026-07-01T16:00:00.000Z');
  assert.equal(isoUtc(parseInstant('2026-01-01 12:00:00', inLog('America/New_York'))), '2026-01-01T17:00:00.000Z');
  assert.throws(
    () => parseInstant('2026-01-01 12:00:00', inLog('Mars/Olympus')),
    /unknown time zone "Mars\/Olympus": give an IANA time zone name \(e\.g\. Asia\/Tokyo or UTC\)/,
  );
});

test('a syslog time without a year is refused rather than guessed', () => {
  assert.throws(() => syslogInstant('<134>1 Mar 29 02:31:00 cgn-xr-1 CGN:', 'Asia/Tokyo'), /no year/);
  assert.throws(() => syslogInstant('2026 Mar 29 02:31:00 cgn', undefined), /--zone/);
  assert.equal(isoUtc(syslogInstant('2026 Mar 29 02:31:00 cgn', 'Asia/Tokyo')), '2026-03-28T17:31:00.000Z');
});

const offsetAfterTimeTitle =
  "a syslog time's written offset is read in every form it takes, never replaced by the declared --zone";
test(offsetAfterTimeTitle, () => {
  const utc = (line: string, zone: string | undefined = 'Asia/Tokyo') => isoUtc(syslogInstant(line, zone));
  // A numeric offset after a space, or of hours only, or after a date with the month's name
  assert.equal(utc('2026-03-29 01:30:12 +0000 cgn1 CGN:'), '2026-03-29T01:30:12.000Z');
  assert.equal(utc('2026-03-29T01:30:12+00 cgn1 CGN:'), '2026-03-29T01:30:12.000Z');
  assert.equal(utc('Mar 29 2026 01:30:12 +08'), '2026-03-28T17:30:12.000Z');
  assert.equal(utc('2026 Mar 29 01:30:12.250 -05:00 cgn'), '2026-03-29T06:30:12.250Z');
  assert.equal(utc('2026-03-29 01:30:12 +0000', undefined), '2026-03-29T01:30:12.000Z');
  // UTC+9 is nine hours east, not UTC; a known abbreviation in lower case is still that zone
  assert.equal(utc('2026 Mar 29 01:30:12 UTC+9 cgn'), '2026-03-28T16:30:12.000Z');
  assert.equal(utc('Mar 29 2026 01:30:12 utc'), '2026-03-29T01:30:12.000Z');
  // a fraction longer than microseconds does not hide the zone after it
  assert.equal(utc('Mar 29 2026 01:30:12.1234567 UTC'), '2026-03-29T01:30:12.123Z');
  // what follows and is no zone (a host name) leaves the time in the declared zone
  assert.equal(utc('2026-03-29 01:30:12 edge RP/0'), '2026-03-28T16:30:12.000Z');
  assert.equal(utc('2026 Mar 29 02:31:00 cgn'), '2026-03-28T17:31:00.000Z');
  assert.equal(utc('2026 Mar 29 02:31:00 est cgn:'), '2026-03-28T17:31:00.000Z');
  assert.equal(utc('2026-03-29 02:31:00 EST-CGN1 CGN:'), '2026-03-28T17:31:00.000Z');
  assert.equal(utc('2026 Mar 29 02:31:00 EST: cgn'), '2026-03-29T07:31:00.000Z');
  assert.throws(() => utc('Mar 29 2026 01:30:12 IST', 'UTC'), /ambiguous/);
});

test('an offset whose minutes are not minutes is refused, never read as the next hour', () => {
  assert.throws(() => parseQueryInstant('2026-03-29T01:30:12+09:60'), /offset out of range: "\+09:60"/);
  assert.throws(() => parseInstant('2026-03-29 01:30:12+0975', inLog('UTC')), /offset out of range/);
  assert.throws(() => syslogInstant('2026 Mar 29 01:30:12 +09:90 cgn', 'Asia/Tokyo'), /offset out of range/);
  assert.equal(isoUtc(parseQueryInstant('2026-03-29T01:30:12+05:45')), '2026-03-28T19:45:12.000Z');
});

test('second 60 is read alike whatever the offset: a real leap second is accepted, any other refused', () => {
  const at = (text: string, zone?: string) => isoUtc(parseInstant(text, inLog(zone)));
  // the leap second at the end of 2016, in UTC, in JST, in a declared zone and in a syslog line
  assert.equal(at('2016-12-31T23:59:60Z'), '2017-01-01T00:00:00.000Z');
  assert.equal(at('2017-01-01T08:59:60+09:00'), '2017-01-01T00:00:00.000Z');
  assert.equal(at('2017-01-01 08:59:60', 'Asia/Tokyo'), '2017-01-01T00:00:00.000Z');
  assert.equal(at('2016-12-31 18:59:60', 'America/New_York'), '2017-01-01T00:00:00.000Z');
  assert.equal(isoUtc(syslogInstant('Jan 1 2017 08:59:60 JST cgn', undefined)), '2017-01-01T00:00:00.000Z');
  assert.equal(at('2015-06-30T23:59:60.250Z'), '2015-07-01T00:00:00.250Z');
  // not a leap second: never rolled to the next minute, refused and named as a leap second
  assert.throws(() => at('2026-03-29T10:00:60+09:00'), /10:00:60 \+09:00: second 60 is a leap second, .* 01:00:60 UTC/);
  assert.throws(() => at('2016-06-30T23:59:60Z'), /second 60 is a leap second, and there was none at 2016-06-30/);
  assert.throws(() => at('2026-03-29 10:00:60', 'Asia/Tokyo'), /\(Asia\/Tokyo\): second 60 is a leap second/);
  assert.throws(
    () => parseQueryInstant('2026-03-29T01:30:60+09:00'),
    (e: TimeError) => /うるう秒/.test(e.ja),
  );
  // in a log, the line is named with the value, and the record is refused alone
  const csv = [
    'type,start,end,address,port_low,port_high,inside_address,account',
    'assign,2016-12-31T23:59:60Z,2017-01-01T09:00:00+09:00,192.0.2.1,,,,leap',
    'assign,2026-03-29T10:00:60+09:00,2026-03-29T11:00:00+09:00,192.0.2.2,,,,slip',
  ].join('\n');
  const { batch, errors } = parseText('generic-csv', csv);
  assert.deepEqual(
    batch.assigns.map((a) => [a.account, isoUtc(a.t0)]),
    [['leap', '2017-01-01T00:00:00.000Z']],
  );
  assert.equal(errors.length, 1);
  assert.equal(errors[0]!.line, 3);
  assert.match(errors[0]!.reason, /start: .*2026-03-29 10:00:60 \+09:00: second 60 is a leap second/);
});

test('tolerance forms', () => {
  assert.equal(parseTolerance('2s'), 2);
  assert.equal(parseTolerance('500ms'), 0.5);
  assert.equal(parseTolerance('1m'), 60);
  assert.equal(parseTolerance('0'), 0);
  assert.throws(() => parseTolerance('-2s'), TimeError);
  assert.throws(() => parseTolerance('soon'), TimeError);
});

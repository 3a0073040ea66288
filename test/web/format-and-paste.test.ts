// The web interface's pure helpers: instants shown with the viewer's offset and the era year, instants
// entered in an explicit zone, and target lists pasted into the request editor.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { joinList } from '../../web/src/i18n/list.ts';
import { caseName } from '../../web/src/lib/case-name.ts';
import { parseTargetList, quotedLine, targetFromRow } from '../../web/src/lib/targets.ts';
import {
  formatDate,
  formatDateTimeLong,
  formatDuration,
  formatInstant,
  isoToWallTime,
  readWallTime,
  wallTimeToIso,
} from '../../web/src/time/format.ts';

test('an instant is shown in the given zone with its offset', () => {
  assert.equal(formatInstant('2026-03-28T16:30:12Z', 'Asia/Tokyo'), '2026-03-29 01:30:12 +09:00');
  assert.equal(formatInstant('2026-03-28T16:30:12Z', 'UTC'), '2026-03-28 16:30:12 +00:00');
  assert.equal(formatInstant('2026-07-01T12:00:00Z', 'America/New_York'), '2026-07-01 08:00:00 -04:00');
  assert.equal(formatInstant(null), '—');
  assert.equal(formatInstant('not a date'), '—');
});

test('Japanese dates carry the era year beside the Western year', () => {
  assert.equal(formatDate('2026-03-28T16:30:12Z', 'ja', 'Asia/Tokyo'), '令和8年（2026年）3月29日');
  assert.equal(formatDate('2019-04-30T03:00:00Z', 'ja', 'Asia/Tokyo'), '平成31年（2019年）4月30日');
  assert.equal(formatDate('2026-03-28T16:30:12Z', 'en', 'Asia/Tokyo'), '29 March 2026');
  assert.equal(formatDate('2019-04-30T15:00:00Z', 'ja', 'Asia/Tokyo'), '令和元年（2019年）5月1日');
  assert.equal(
    formatDateTimeLong('2026-03-29T01:30:12+09:00', 'ja', 'Asia/Tokyo'),
    '令和8年（2026年）3月29日 01:30:12 +09:00',
  );
  assert.equal(formatDate(undefined, 'ja'), '—');
  // An instant the server sent without an offset is not guessed at.
  assert.equal(formatInstant('2026-03-29T01:30:12', 'Asia/Tokyo'), '—');
});

test('a wall-clock time entered in a zone is sent as ISO-8601 with that zone’s offset', () => {
  assert.equal(wallTimeToIso('2026-03-29T01:30:12', 'Asia/Tokyo'), '2026-03-29T01:30:12+09:00');
  assert.equal(wallTimeToIso('2026-03-29T01:30', 'UTC'), '2026-03-29T01:30:00+00:00');
  // Across daylight saving time the offset in force at that wall time is used.
  assert.equal(wallTimeToIso('2026-01-15T09:00:00', 'Europe/Berlin'), '2026-01-15T09:00:00+01:00');
  assert.equal(wallTimeToIso('2026-07-15T09:00:00', 'Europe/Berlin'), '2026-07-15T09:00:00+02:00');
  assert.equal(wallTimeToIso('29/03/2026', 'Asia/Tokyo'), null);
  assert.equal(isoToWallTime('2026-03-28T16:30:12Z', 'Asia/Tokyo'), '2026-03-29T01:30:12');
  // A wall time skipped or repeated by a daylight-saving change names no single instant: refused.
  assert.equal(wallTimeToIso('2026-03-29T02:30:00', 'Europe/Berlin'), null);
  assert.equal(wallTimeToIso('2026-10-25T02:30:00', 'Europe/Berlin'), null);
  const gap = readWallTime('2026-03-29T02:30', 'Europe/Berlin');
  assert.ok('problem' in gap && /daylight-saving gap/.test(gap.problem.en) && /夏時間/.test(gap.problem.ja));
  assert.equal(wallTimeToIso('2026-02-30T10:00', 'Asia/Tokyo'), null);
});

test('a time typed with its offset is read as typed, in any zone; without one it is read in the zone', () => {
  // An explicit offset names one instant: nothing to guess, so it is read and given in the chosen zone.
  assert.deepEqual(readWallTime('2026-03-29 01:30:12+09:00', 'Asia/Tokyo'), {
    iso: '2026-03-29T01:30:12+09:00',
    offsetTyped: true,
  });
  assert.deepEqual(readWallTime('2026-03-28T16:30:12Z', 'Asia/Tokyo'), {
    iso: '2026-03-29T01:30:12+09:00',
    offsetTyped: true,
  });
  assert.equal(wallTimeToIso('2026-03-29 01:30 +0900', 'UTC'), '2026-03-28T16:30:00+00:00');
  assert.deepEqual(readWallTime('2026-03-29 01:30:12', 'Asia/Tokyo'), {
    iso: '2026-03-29T01:30:12+09:00',
    offsetTyped: false,
  });
  // Not a form the field reads: the problem names what was typed and the field's own format.
  const bad = readWallTime('2026/3/29 1:30', 'Asia/Tokyo');
  assert.ok('problem' in bad);
  assert.match(
    bad.problem.ja,
    /^"2026\/3\/29 1:30" は日時として不正です（Asia\/Tokyo の日時は 2026-03-29 01:30:12 のように/,
  );
  assert.match(bad.problem.en, /expected a time in Asia\/Tokyo like 2026-03-29 01:30:12/);
  assert.doesNotMatch(bad.problem.ja + bad.problem.en, /2026-03-01T10:00:00\+09:00/);
  const impossible = readWallTime('2026-02-30 10:00+09:00', 'Asia/Tokyo');
  assert.ok('problem' in impossible && /30/.test(impossible.problem.en));
});

test('durations are short and bilingual', () => {
  assert.equal(formatDuration(2 * 86400_000 + 3 * 3600_000 + 5 * 60_000, 'ja'), '2日 3時間');
  assert.equal(formatDuration(2 * 86400_000 + 3 * 3600_000, 'en'), '2d 3h');
  assert.equal(formatDuration(30_000, 'en'), '<1m');
});

test('a pasted list becomes typed targets; instants without an offset are read in the chosen zone', () => {
  const { rows, errors } = parseTargetList(
    [
      '203.0.113.5:51234 2026-03-29 01:30:12',
      '[2001:db8::1]:443 2026-03-29T01:30:12Z',
      '198.51.100.7 8080 2026/03/29 02:00',
      'user@example.jp',
      '+81-90-1234-5678',
      'https://example.jp/post/1',
      'example.jp',
      'account:alice@service-x',
      'terminal:A-12 2026-03-29 10:00 2026-03-29 12:00',
      '# a comment',
      '',
      '203.0.113.9',
      'what is this',
    ].join('\n'),
    'Asia/Tokyo',
  );
  assert.deepEqual(rows.map(targetFromRow), [
    { type: 'ip', address: '203.0.113.5', port: 51234, at: '2026-03-29T01:30:12+09:00' },
    { type: 'ip', address: '2001:db8::1', port: 443, at: '2026-03-29T01:30:12+00:00' },
    { type: 'ip', address: '198.51.100.7', port: 8080, at: '2026-03-29T02:00:00+09:00' },
    { type: 'email', address: 'user@example.jp' },
    { type: 'phone', number: '+81-90-1234-5678' },
    { type: 'url', url: 'https://example.jp/post/1' },
    { type: 'domain', name: 'example.jp' },
    { type: 'account', id: 'alice', service: 'service-x' },
    { type: 'terminal', terminal: 'A-12', from: '2026-03-29T10:00:00+09:00', to: '2026-03-29T12:00:00+09:00' },
  ]);
  // An address without its instant cannot be answered, and nonsense is not guessed at.
  assert.deepEqual(
    errors.map((e) => e.line),
    [12, 13],
  );
});

test('a list of labels reads with the viewer’s separator, and the screens join lists through it', () => {
  assert.equal(joinList(['契約者情報', '通信履歴'], 'ja'), '契約者情報、通信履歴');
  assert.equal(joinList(['Subscriber information', 'Access log'], 'en'), 'Subscriber information, Access log');
  // A separator written into a screen shows 「、」 to an English reader ("Subscriber information、Access log").
  const webSrc = join(import.meta.dirname, '..', '..', 'web', 'src');
  const hardCoded = readdirSync(webSrc, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && /\.join\('、'\)/.test(readFileSync(join(webSrc, f), 'utf8')))
    .sort();
  assert.deepEqual(hardCoded, [], 'join lists with listText() from useI18n');
});

test('a pasted line with words left over is not read: a post URL followed by its time keeps nothing unseen', () => {
  const { rows, errors } = parseTargetList(
    [
      'https://sakura-board.example/thread/8812#res-60 2026-11-29 22:15:00',
      'user@example.jp 2026-03-29 01:30:12',
      '203.0.113.5:51234 2026-03-29 01:30:12 2026-03-29 01:31:00',
      '+81 90 1234 5678',
    ].join('\n'),
    'Asia/Tokyo',
  );
  assert.deepEqual(rows.map(targetFromRow), [{ type: 'phone', number: '+81 90 1234 5678' }]);
  assert.deepEqual(
    errors.map((e) => e.line),
    [1, 2, 3],
  );
});

test('one end of a span may be a date alone: its first or last second in the zone', () => {
  assert.deepEqual(readWallTime('2026-12-14', 'Asia/Tokyo', 'end'), {
    iso: '2026-12-14T23:59:59+09:00',
    offsetTyped: false,
  });
  assert.deepEqual(readWallTime('2026-12-14', 'Asia/Tokyo', 'start'), {
    iso: '2026-12-14T00:00:00+09:00',
    offsetTyped: false,
  });
  // a field that is not a span's end reads a date alone as before: not a time
  assert.ok('problem' in readWallTime('2026-12-14', 'Asia/Tokyo'));
  assert.ok('problem' in readWallTime('2026-13-14', 'Asia/Tokyo', 'end'), 'a day that is none');
});

test('a pasted line read as a target the request would refuse is listed with why, not added', () => {
  const { rows, errors } = parseTargetList(
    [
      '192.0.2.999 2026-03-29 01:30:12',
      '203.0.113.5 70000 2026-03-29 01:30:12',
      'domain:example.123',
      'yamada@example.jp',
    ].join('\n'),
    'Asia/Tokyo',
  );
  assert.deepEqual(rows.map(targetFromRow), [{ type: 'email', address: 'yamada@example.jp' }]);
  assert.deepEqual(
    errors.map((e) => [e.line, e.problem?.ja]),
    [
      [1, '"192.0.2.999" は IP アドレス（IPv4 または IPv6）ではありません'],
      [2, '「70000」は 0 から 65535 までの整数ではありません'],
      [3, '"example.123" はドメイン名として不正です'],
    ],
  );
});

test('a line not read is named as pasted: trimmed, quoted, cut after 60 characters', () => {
  assert.equal(quotedLine('  掲示板の書込み\t'), '"掲示板の書込み"');
  const long = `https://example.jp/${'a'.repeat(60)}`;
  assert.equal(quotedLine(long), `"${long.slice(0, 60)}…"`);
});

test('a case is listed by its reference, its title only when it says more', () => {
  assert.equal(caseName({ reference: '令和8年 第1234号', title: '令和8年 第1234号' }), '令和8年 第1234号');
  assert.equal(caseName({ reference: '令和8年 第7301号', title: '掲示板の脅迫' }), '令和8年 第7301号 — 掲示板の脅迫');
  // The screens list cases through it ("令和8年 第1234号 — 令和8年 第1234号" read twice).
  const webSrc = join(import.meta.dirname, '..', '..', 'web', 'src');
  const twice = readdirSync(webSrc, { recursive: true, encoding: 'utf8' }).filter(
    (f) => /\.tsx$/.test(f) && readFileSync(join(webSrc, f), 'utf8').includes('— {c.title}'),
  );
  assert.deepEqual(twice, [], 'list cases with caseName()');
});

// A contract is carried by its days (issue: contract dates printed as UTC instants, a day early). The
// directory's `2020-01-01` (a civil date in Tokyo) reached the answer letter, the signed answer and the
// finding as `2019-12-31T15:00:00.000Z`, and an end date as the next day's midnight. Now the engine gives
// days (`YYYY-MM-DD`, the end included), the 回答書 prints them as dates with the era year (layout 7), and
// an answer stored before, holding the instant, still reads and shows as the instant it is.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Resolution } from '../../src/attribution/resolver.ts';
import {
  contractCovers,
  contractDays,
  parseSubscriberHeader,
  parseSubscriberLine,
  SUBSCRIBER_COLUMNS,
} from '../../src/attribution/subscribers.ts';
import { parseInstant } from '../../src/attribution/time.ts';
import { subscriberLines } from '../../src/documents/finding-lines.ts';
import { documentFont } from '../../src/documents/font.ts';
import { LAYOUT_RULES } from '../../src/documents/layouts.ts';
import { DocumentDataSchema } from '../../src/documents/model.ts';
import { renderDocument } from '../../src/documents/render.ts';
import { AnswerContentSchema } from '../../src/domain/answer-content.ts';
import { IpTargetSchema } from '../../src/domain/targets.ts';
import { formatDay, formatDayOrInstant } from '../../src/domain/time.ts';
import { addressFinding } from '../../src/holders/address-findings.ts';
import { goldenInputs } from '../documents/golden.ts';
import { flat, readBack } from '../documents/support.ts';

const cols = parseSubscriberHeader(SUBSCRIBER_COLUMNS.join(','));
const entry = (start: string, end: string) =>
  parseSubscriberLine(cols, `u1,山田 花子,,東京都千代田区1-1-1,,,,${start},${end}`);
const seconds = (iso: string) => parseInstant(iso, { log: false });

test('a contract is carried by its days as the directory wrote them, the last day included', () => {
  assert.deepEqual(contractDays(entry('2020-01-01', '2020-03-31')), { start: '2020-01-01', end: '2020-03-31' });
  assert.deepEqual(contractDays(entry('2020-01-01', '')), { start: '2020-01-01', end: null });
  // instants: the day each falls on in Tokyo; an end instant, the day of the contract's last second
  const instants = entry('2019-12-31T15:30:00Z', '2020-04-01T00:00:00+09:00');
  assert.deepEqual(contractDays(instants), { start: '2020-01-01', end: '2020-03-31' });
  assert.deepEqual(contractDays(entry('2020-01-01T10:00:00+09:00', '2020-03-31T12:00:00+09:00')), {
    start: '2020-01-01',
    end: '2020-03-31',
  });
  // the engine still compares the instants: the whole last day is covered, the next day is not
  const s = entry('2020-01-01', '2020-03-31');
  const at = (iso: string) => ({ a: seconds(iso), b: seconds(iso) });
  assert.equal(contractCovers(s, at('2020-01-01T00:00:00+09:00')), true);
  assert.equal(contractCovers(s, at('2019-12-31T23:59:59+09:00')), false);
  assert.equal(contractCovers(s, at('2020-03-31T23:59:58+09:00')), true);
  assert.equal(contractCovers(s, at('2020-04-01T00:00:00+09:00')), false);
});

test("the finding's person carries the days the engine gives", () => {
  const target = IpTargetSchema.parse({ type: 'ip', address: '192.0.2.1', at: '2026-03-29T13:00:00+09:00' });
  const holder = {
    name: '山田 花子',
    nameKana: '',
    installationAddress: '東京都千代田区1-1-1',
    billingAddress: '',
    phone: '',
    email: '',
    contractStart: '2020-01-01',
    contractEnd: '2020-03-31',
    lineUse: 'residential' as const,
  };
  const r: Resolution = {
    query: {
      ip: '192.0.2.1',
      port: null,
      at: target.at,
      atUtc: '2026-03-29T04:00:00.000Z',
      tolerance: 0,
      window: { from: '2026-03-29T04:00:00.000Z', to: '2026-03-29T04:00:00.000Z' },
    },
    verdict: 'unique',
    candidates: [
      {
        account: 'u1',
        holder,
        insideAddress: '192.0.2.1',
        from: '2026-03-29T01:00:00.000Z',
        to: '2026-03-29T09:00:00.000Z',
        possibleTo: '2026-03-29T09:00:00.000Z',
        sources: [],
        notes: [],
      },
    ],
    reasons: [],
  };
  const person = addressFinding(target, r).candidates[0]?.person;
  assert.deepEqual([person?.contractStart, person?.contractEnd], ['2020-01-01', '2020-03-31']);
});

test('a day is shown as a date with the era year; an old answer’s instant as the instant, never cut to a day', () => {
  assert.equal(formatDay('2020-01-01', 'ja'), '令和2年（2020年）1月1日');
  assert.equal(formatDay('2019-04-30', 'ja'), '平成31年（2019年）4月30日');
  assert.equal(formatDay('2020-01-01', 'en'), '1 January 2020');
  assert.equal(formatDay('2020-02-30', 'ja'), null);
  assert.equal(formatDayOrInstant('2020-03-31', 'ja', 'UTC'), '令和2年（2020年）3月31日');
  // what answers stored before held: the start's midnight in Tokyo, the end's next midnight, in UTC
  assert.equal(
    formatDayOrInstant('2019-12-31T15:00:00.000Z', 'ja', 'Asia/Tokyo'),
    '令和2年（2020年）1月1日 00:00:00 +09:00',
  );
  assert.equal(formatDayOrInstant('2020-03-31T15:00:00.000Z', 'en', 'Asia/Tokyo'), '1 April 2020 00:00:00 +09:00');
  // what a person typed that is neither stays as written
  assert.equal(formatDayOrInstant('2020年1月', 'ja', 'Asia/Tokyo'), '2020年1月');
});

test('the 回答書 prints the contract days as dates (layout 7); the layouts before print them as written', () => {
  const sub = { account: 'u1', contractStart: '2020-01-01', contractEnd: '2020-03-31' };
  const seven = LAYOUT_RULES[7];
  const six = LAYOUT_RULES[6];
  assert.ok(seven && six);
  assert.deepEqual(subscriberLines(sub, 'Asia/Tokyo', seven), [
    'アカウント: u1',
    '契約開始: 令和2年（2020年）1月1日',
    '契約終了: 令和2年（2020年）3月31日',
  ]);
  const stored = { contractStart: '2019-12-31T15:00:00.000Z', contractEnd: '2020-03-31T15:00:00.000Z' };
  assert.deepEqual(subscriberLines(stored, 'Asia/Tokyo', seven), [
    '契約開始: 令和2年（2020年）1月1日 00:00:00 +09:00',
    '契約終了: 令和2年（2020年）4月1日 00:00:00 +09:00',
  ]);
  // a document of layout 6 renders to the pages it was printed with
  assert.deepEqual(subscriberLines(stored, 'Asia/Tokyo', six), [
    '契約開始: 2019-12-31T15:00:00.000Z',
    '契約終了: 2020-03-31T15:00:00.000Z',
  ]);
});

test('the printed 回答書 says the contract days in words', async () => {
  // A layout-7 answer, printed before answers said whose record they give (no answerHolder then).
  const { answerHolder: _, ...input } = structuredClone(goldenInputs().get('answer')) as {
    answer: { signed: { answer: unknown } };
    layout?: number;
    answerHolder?: string;
  };
  const answer = AnswerContentSchema.parse(input.answer.signed.answer);
  const item = answer.items[0];
  assert.ok(item);
  item.subscriber = { ...item.subscriber, contractStart: '2020-01-01', contractEnd: '2020-03-31' };
  input.answer.signed.answer = answer;
  const text = flat(
    readBack(await renderDocument(DocumentDataSchema.parse({ ...input, layout: 7 }), documentFont())).text,
  );
  assert.match(text, /契約開始:令和2年（2020年）1月1日/);
  assert.match(text, /契約終了:令和2年（2020年）3月31日/);
  assert.doesNotMatch(text, /2019-12-31/);
});

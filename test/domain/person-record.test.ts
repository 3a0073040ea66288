// A newcomer's walk: the answer form took 契約開始日 "2026/13/01" and 契約終了日 "そのうち" and signed them as typed.
// The form now reads a subscriber's typed dates (personDateProblems, in the browser) and says what is not one. A
// review then found the first mend refused answers the product builds from a provider's own records (a number
// "03-1234-5678 内線12", "非公開", an e-mail "なし"): those are the records' words, and no answer is refused for them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  AnswerContentSchema,
  requirePersonTimesWithOffset,
  validateAnswerContent,
} from '../../src/domain/answer-content.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { answerFieldInWords } from '../../src/domain/field-words.ts';
import { isTimeWithoutOffset, personDateProblems } from '../../src/domain/person-record.ts';
import { inquiry } from '../holders/support.ts';

test('a day, or an instant with its offset, is a date; an end not before its start', () => {
  for (const p of [
    { contractStart: '2020-01-01', contractEnd: '2020-03-31' },
    { contractStart: '2019-12-31T15:00:00.000Z', contractEnd: '2020-03-31T15:00:00.000Z' },
    { birthDate: '1990-02-28' },
    // a day and an instant are not ordered against each other (the same day, written two ways)
    { contractStart: '2020-04-01T22:00:00+09:00', contractEnd: '2020-04-01' },
    { contractStart: '', contractEnd: '  ' },
  ]) {
    assert.deepEqual(personDateProblems(p), [], JSON.stringify(p));
  }
});

test('what is not a date is named, with what was typed, in both languages', () => {
  const cases: Array<[Record<string, string>, string, RegExp, RegExp]> = [
    [
      { contractStart: '2026/13/01' },
      'contractStart',
      /^「2026\/13\/01」は日付として読めません/,
      /^"2026\/13\/01" is not a date/,
    ],
    [{ contractEnd: 'そのうち' }, 'contractEnd', /^「そのうち」は日付として読めません/, /is not a date/],
    [{ contractStart: '2026-02-30' }, 'contractStart', /日付として読めません/, /is not a date/],
    [{ birthDate: '1990-02-28 10:00' }, 'birthDate', /\+09:00 などのオフセット/, /give its offset/],
    [
      { contractStart: '2020-04-01', contractEnd: '2020-03-31' },
      'contractEnd',
      /契約開始日（2020-04-01）より前/,
      /before/,
    ],
  ];
  for (const [person, field, ja, en] of cases) {
    const [p, ...more] = personDateProblems(person);
    assert.equal(more.length, 0, JSON.stringify(person));
    assert.equal(p?.field, field);
    assert.match(p?.message.ja ?? '', ja);
    assert.match(p?.message.en ?? '', en);
  }
});

test("an answer built from a provider's records is not refused for its records' words", () => {
  const request = inquiry([{ type: 'ip', address: '203.0.113.7', at: '2026-03-29T01:30:12+09:00' }]);
  for (const subscriber of [
    { name: '山田 花子', phone: '03-1234-5678 内線12', email: 'なし' },
    { name: '山田 花子', phone: '非公開', email: 'a@localhost' },
    { name: '山田 花子', phone: '090-1234-5678、03-1111-2222' },
  ]) {
    const answer = AnswerContentSchema.parse({
      outcome: 'full',
      items: [{ targetIndex: 0, result: 'found', subscriber }],
    });
    assert.doesNotThrow(() => validateAnswerContent(answer, request), JSON.stringify(subscriber));
  }
});

test("an answer file: a person's date giving a time without its offset is refused, every such field named", () => {
  const answer = AnswerContentSchema.parse({
    outcome: 'full',
    items: [
      { targetIndex: 0, result: 'found', subscriber: { contractStart: '2020-04-01', contractEnd: '非公開' } },
      {
        targetIndex: 1,
        result: 'found',
        subscriber: { contractStart: '2020-04-01T09:00', contractEnd: '2021/03/31 23:59' },
        finding: {
          verdict: 'unique',
          records: 'address_logs',
          query: { asReceived: 'x' },
          candidates: [{ person: { birthDate: '1990-02-28T00:00' }, sources: [], notes: [] }],
          reasons: [],
          resolveBy: [],
        },
      },
    ],
  });
  try {
    requirePersonTimesWithOffset(answer);
    assert.fail('refused');
  } catch (e) {
    assert.ok(e instanceof DomainError);
    assert.equal(e.code, 'INSTANT_WITHOUT_OFFSET');
    assert.equal(e.details?.value, '2020-04-01T09:00');
    const issues = e.details?.issues as { field: string; message: { ja: string; en: string } }[];
    assert.deepEqual(
      issues.map((i) => i.field),
      [
        'answer.items.1.subscriber.contractStart',
        'answer.items.1.subscriber.contractEnd',
        'answer.items.1.finding.candidates.0.person.birthDate',
      ],
    );
    assert.match(issues[0]?.message.ja ?? '', /「2020-04-01T09:00」の時刻に UTC からの時差がありません/);
    assert.match(issues[0]?.message.en ?? '', /"2020-04-01T09:00" gives a time of day without a UTC offset/);
  }
  // A day, an instant with its offset, and a record's own words stand.
  const kept = AnswerContentSchema.parse({
    outcome: 'full',
    items: [
      { targetIndex: 0, result: 'found', subscriber: { contractStart: '2020-04-01T09:00+09:00', contractEnd: 'なし' } },
    ],
  });
  assert.doesNotThrow(() => requirePersonTimesWithOffset(kept));
  // Named in words, the item by its place in the file.
  assert.deepEqual(answerFieldInWords('answer.items.1.finding.candidates.0.person.birthDate'), {
    ja: '回答の項目 2 › 記録による判定 › 候補 1 › 人物 › 生年月日',
    en: 'Answer item 2 › What the records say › Candidate 1 › Person › Date of birth',
  });
  assert.equal(answerFieldInWords('content.targets.0.at'), null);
});

test('a time of day without its offset, in the forms people write it', () => {
  for (const v of [
    '2020-04-01T0900',
    '２０２０－０４－０１Ｔ０９：００',
    '2020-04-01 09：00',
    '2020年4月1日 9時',
    '2020年4月1日9時30分',
  ]) {
    assert.equal(isTimeWithoutOffset(v), true, v);
  }
  for (const v of ['2020-04-01', '2020年4月1日', '2020-04-01T09:00:00+09:00', '2020-04-01T00:00:00Z', '非公開']) {
    assert.equal(isTimeWithoutOffset(v), false, v);
  }
});

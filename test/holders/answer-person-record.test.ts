// A newcomer's walk: an answer being made took 契約開始日 "2026/13/01", 契約終了日 "そのうち", a telephone number
// "abc" and an e-mail address "not-an-email", and signed them as written. A person's dates, number and address
// in an answer being made are now what they say they are, or refused naming the field and the value.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AnswerContentSchema, validateAnswerContent } from '../../src/domain/answer-content.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { inquiry } from './support.ts';

const request = inquiry([{ type: 'ip', address: '203.0.113.7', at: '2026-03-29T01:30:12+09:00' }]);

const withSubscriber = (subscriber: Record<string, string>) =>
  AnswerContentSchema.parse({
    outcome: 'full',
    items: [{ targetIndex: 0, result: 'found', subscriber: { name: '山田 花子', ...subscriber } }],
  });

const refusal = (subscriber: Record<string, string>): DomainError => {
  try {
    validateAnswerContent(withSubscriber(subscriber), request);
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  assert.fail(`accepted ${JSON.stringify(subscriber)}`);
};

test('dates, a telephone number and an e-mail address as records write them are taken', () => {
  const taken: Array<Record<string, string>> = [
    { contractStart: '2020-01-01', contractEnd: '2020-03-31' },
    { contractStart: '2019-12-31T15:00:00.000Z', contractEnd: '2020-03-31T15:00:00.000Z' },
    { phone: '03-1234-5678' },
    { phone: '+81 90 1234 5678' },
    { phone: '０３（１２３４）５６７８' },
    { email: 'taro@example.jp' },
    { phone: '', email: '' },
  ];
  for (const s of taken) {
    assert.doesNotThrow(() => validateAnswerContent(withSubscriber(s), request), JSON.stringify(s));
  }
});

test('what is not a date, a number or an address is refused, naming the field and the value in both languages', () => {
  const cases: Array<[Record<string, string>, string, RegExp, RegExp]> = [
    [
      { contractStart: '2026/13/01' },
      'contractStart',
      /^契約開始日「2026\/13\/01」は日付として読めません/,
      /^the contract start/,
    ],
    [{ contractEnd: 'そのうち' }, 'contractEnd', /^契約終了日「そのうち」は日付として読めません/, /is not a date/],
    [{ contractStart: '2026-02-30' }, 'contractStart', /日付として読めません/, /is not a date/],
    [{ phone: 'abc' }, 'phone', /^電話番号「abc」は電話番号として読めません/, /is not a telephone number/],
    [{ phone: '03' }, 'phone', /電話番号として読めません/, /telephone number/],
    [{ email: 'not-an-email' }, 'email', /^メールアドレス「not-an-email」/, /is not an e-mail address/],
    [{ email: 'a b@example.jp' }, 'email', /メールアドレスとして読めません/, /e-mail address/],
    [
      { contractStart: '2020-04-01', contractEnd: '2020-03-31' },
      'contractEnd',
      /契約開始日（2020-04-01）より前です/,
      /is before the start/,
    ],
  ];
  for (const [s, key, ja, en] of cases) {
    const e = refusal(s);
    assert.equal(e.code, 'VALIDATION_FAILED');
    assert.equal(e.details?.field, `items.0.subscriber.${key}`, JSON.stringify(s));
    assert.match(e.messages.ja, ja);
    assert.match(e.messages.en, en);
  }
});

test("a finding's candidate is checked alike", () => {
  const answer = AnswerContentSchema.parse({
    outcome: 'full',
    items: [
      {
        targetIndex: 0,
        result: 'found',
        finding: {
          verdict: 'ambiguous',
          records: 'address_logs',
          query: {
            asReceived: '203.0.113.7 2026-03-29T01:30:12+09:00',
            window: { from: '2026-03-29T01:30:12.000+09:00', to: '2026-03-29T01:30:12.000+09:00' },
          },
          candidates: [
            {
              account: 'a',
              person: { name: 'A', birthDate: '1990-02-28', phone: 'abc' },
              from: '2026-03-29T01:00:00+09:00',
              to: '2026-03-29T02:00:00+09:00',
              sources: [{ kind: 'assign', file: 'detail', line: 10 }],
              notes: [],
            },
          ],
          reasons: [{ code: 'no_port_cgnat', text: { ja: 'ポートなし', en: 'no port' } }],
          resolveBy: [],
        },
      },
    ],
  });
  assert.throws(
    () => validateAnswerContent(answer, request),
    (e) => e instanceof DomainError && e.details?.field === 'items.0.finding.candidates.0.person.phone',
  );
  const person = answer.items[0]?.finding?.candidates[0]?.person;
  assert.ok(person);
  person.phone = '03-1234-5678';
  person.birthDate = '1990-02-28 10:00';
  assert.throws(
    () => validateAnswerContent(answer, request),
    (e) =>
      e instanceof DomainError &&
      e.details?.field === 'items.0.finding.candidates.0.person.birthDate' &&
      /^生年月日/.test(e.messages.ja),
  );
});

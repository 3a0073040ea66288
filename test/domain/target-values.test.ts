// The rule a request's targets are read by, as text (src/domain/target-values.ts): the browser's editor asks
// it of what a person types, the request schema reads the signed targets with it — so the two agree, value
// by value, and what one refuses the other refuses in the same words.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { targetNumberProblem, targetValueProblem } from '../../src/domain/target-values.ts';
import { hiddenCharacterProblem, TargetSchema } from '../../src/domain/targets.ts';
import type { TargetType } from '../../src/domain/vocabulary.ts';

const AT = '2026-03-29T01:30:12+09:00';
const target = (type: TargetType, v: string): Record<string, unknown> => {
  switch (type) {
    case 'ip':
      return { type, address: v, at: AT };
    case 'account':
      return { type, id: v };
    case 'email':
      return { type, address: v };
    case 'phone':
      return { type, number: v };
    case 'domain':
      return { type, name: v };
    case 'url':
      return { type, url: v };
    case 'terminal':
      return { type, terminal: v, from: AT, to: '2026-03-29T02:30:12+09:00' };
  }
};

const VALUES: Array<[TargetType, string]> = [
  ['ip', '192.0.2.1'],
  ['ip', '192.0.2.999'],
  ['ip', '010.0.0.1'],
  ['ip', '2001:DB8::1'],
  ['ip', 'fe80::1%eth0'],
  ['ip', '203.0.113.5:443'],
  ['email', 'yamada@example.jp'],
  ['email', 'yamada@@example.jp'],
  ['email', '.yamada@example.jp'],
  ['phone', '03-1234-5678'],
  ['phone', '０９０（１２３４）５６７８'],
  ['phone', '12345'],
  ['domain', 'example.jp'],
  ['domain', '例え.jp'],
  ['domain', 'example.123'],
  ['url', 'https://bbs.example.jp/t/1#2'],
  ['url', 'ftp://example.jp/'],
  ['account', 'yamada_taro'],
  ['account', 'x'.repeat(257)],
  ['terminal', 'ブース12'],
  ['email', 'yamada\u200b@example.jp'],
  ['account', '\u202eorat_adamay'],
];

test('the browser rule and the request schema agree on every value, in the same words', () => {
  for (const [type, v] of VALUES) {
    const problem = targetValueProblem(type, v);
    const parsed = TargetSchema.safeParse(target(type, v));
    // (a hidden character is refused by the request's check of its targets, after the schema)
    const hidden = parsed.success ? hiddenCharacterProblem(parsed.data, 'targets.0') : undefined;
    const taken = parsed.success && hidden === undefined;
    if (problem && hidden) assert.deepEqual(hidden.messages, problem, `${type} ${v}: one wording`);
    assert.equal(problem === null, taken, `${type} ${JSON.stringify(v)}: ${JSON.stringify(problem)}`);
    const issue = parsed.success ? undefined : parsed.error.issues[0];
    if (problem && issue?.code === 'custom') assert.equal(issue.message, problem.en, `${type} ${v}: one wording`);
  }
});

test('a hidden character is named; empty is left to the field’s own "required"', () => {
  assert.match(targetValueProblem('email', 'yamada\u200b@example.jp')?.ja ?? '', /文字（U\+200B）は使えません/);
  assert.equal(targetValueProblem('ip', '   '), null);
  assert.equal(targetValueProblem('ip', ' 192.0.2.1 '), null, 'as the form sends it, trimmed');
});

test('a port and a tolerance are whole numbers in their range', () => {
  for (const ok of ['0', '443', '65535', '']) assert.equal(targetNumberProblem('port', ok), null, ok);
  for (const bad of ['65536', '-1', '4.5', '８０', 'abc', '1e3']) {
    assert.ok(targetNumberProblem('port', bad), bad);
  }
  assert.equal(targetNumberProblem('tolerance', '86400'), null);
  assert.deepEqual(targetNumberProblem('tolerance', '86401'), {
    ja: '「86401」は 0 から 86400 までの整数ではありません',
    en: '"86401" is not a whole number from 0 to 86400',
  });
});

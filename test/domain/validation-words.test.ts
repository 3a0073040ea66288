// zod's own refusals in the domain's words, in Japanese (the default) and English: what is expected — a
// closed list's choices, a bound, the kind of value — never the library's sentence or a type name.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { DomainError } from '../../src/domain/errors.ts';
import { describeIssues, parseOrThrow } from '../../src/domain/validation.ts';

const Query = z.strictObject({
  sort: z.enum(['updated_desc', 'deadline_asc']),
  limit: z.coerce.number().int().min(1).max(100),
  name: z.string().max(5),
  code: z.string().regex(/^a$/, 'a schema of its own'),
});

const words = (value: unknown) => {
  const r = Query.safeParse(value);
  assert.equal(r.success, false);
  return Object.fromEntries(describeIssues((r as { error: z.ZodError }).error).map((i) => [i.field, i.message]));
};

test('choices, bounds and kinds are said in both languages; a schema’s own message is kept', () => {
  const w = words({ sort: 'newest', limit: 'abc', name: 'toolong', code: 'b' });
  assert.deepEqual(w.sort, {
    ja: '次のいずれかを指定してください: updated_desc、deadline_asc',
    en: 'expected one of: updated_desc, deadline_asc',
  });
  assert.deepEqual(w.limit, { ja: '数値を指定してください', en: 'a number is expected' });
  assert.deepEqual(w.name, { ja: '5 文字以内で入力してください', en: 'must be at most 5 characters long' });
  assert.deepEqual(w.code, { ja: '形式が正しくありません', en: 'a schema of its own' });
  assert.deepEqual(words({ sort: 'deadline_asc', limit: 0, name: 'a', code: 'a' }).limit, {
    ja: '1 以上にしてください',
    en: 'must be at least 1',
  });
});

const requiredFieldTitle =
  'a field not given is said to be required; an unknown field and an unknown action are named with the choices';
test(requiredFieldTitle, () => {
  const Login = z.strictObject({ login: z.string(), password: z.string() });
  const missing = Login.safeParse({ login: 'sato' });
  assert.equal(missing.success, false);
  assert.deepEqual(describeIssues((missing as { error: z.ZodError }).error)[0]?.message, {
    ja: '入力が必要です',
    en: 'This field is required',
  });
  const unknown = Login.safeParse({ login: 'sato', password: 'x', foo: 1 });
  assert.deepEqual(describeIssues((unknown as { error: z.ZodError }).error)[0]?.message, {
    ja: '受け付けない項目があります: foo',
    en: 'not a field this takes: foo',
  });
  const Action = z.discriminatedUnion('action', [
    z.strictObject({ action: z.literal('submit') }),
    z.strictObject({ action: z.literal('approve') }),
  ]);
  const typo = Action.safeParse({ action: 'approv' });
  assert.deepEqual(describeIssues((typo as { error: z.ZodError }).error)[0]?.message, {
    ja: '次のいずれかを指定してください: submit、approve',
    en: 'expected one of: submit, approve',
  });
});

test('an error repeats a scalar it refused, never a secret, a whole body or more than 1000 characters', () => {
  const Login = z.strictObject({ login: z.string().max(3), password: z.string().max(3), facts: z.string().max(5) });
  const details = (value: unknown) => {
    try {
      parseOrThrow(Login, value);
    } catch (e) {
      assert.ok(e instanceof DomainError);
      return e.details ?? {};
    }
    assert.fail('not refused');
  };
  const body = { login: 'sato', password: 'hunter2', facts: 'x' };
  assert.equal(details(body).value, 'sato');
  const unknown = details({ login: 'ab', password: 'abc', facts: 'x', foo: 'hunter2' });
  assert.deepEqual(unknown.value, ['foo']);
  assert.doesNotMatch(JSON.stringify(unknown), /hunter2/);
  const secret = details({ login: 'ab', password: 'hunter2', facts: 'x' });
  assert.equal(secret.field, 'password');
  assert.equal('value' in secret, false);
  const long = details({ login: 'ab', password: 'x', facts: 'y'.repeat(900_000) });
  assert.equal(long.value, `${'y'.repeat(1000)}…`);
  assert.ok(JSON.stringify(long).length < 5000);
});

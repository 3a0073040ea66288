// zod's own refusals in the domain's words, in Japanese (the default) and English: what is expected — a
// closed list's choices, a bound, the kind of value — never the library's sentence or a type name.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { describeIssues } from '../../src/domain/validation.ts';

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

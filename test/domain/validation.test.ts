// A failed parse names the field for programs (the issue's dotted path) and says what is wrong in
// words a person can read: the message itself carries no path.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { isDomainError } from '../../src/domain/errors.ts';
import { RequestContentSchema } from '../../src/domain/request-content.ts';
import { describeIssues, parseOrThrow } from '../../src/domain/validation.ts';

const PATH = /\b[A-Za-z]+\.(\d+|[A-Za-z]+)\b|\(root\)/;

test('an issue keeps its path in `field` and none in its message', () => {
  const schema = z.strictObject({ targets: z.array(z.strictObject({ at: z.string(), port: z.number().max(65535) })) });
  const r = schema.safeParse({ targets: [{ at: 5, port: 70000 }], colour: 'red' });
  assert.equal(r.success, false);
  const issues = describeIssues(r.error as z.ZodError, 'content');
  assert.deepEqual(issues.map((i) => i.field).sort(), ['content', 'content.targets.0.at', 'content.targets.0.port']);
  for (const i of issues) {
    assert.ok(i.message.ja.length > 0 && i.message.en.length > 0, 'both languages');
    assert.doesNotMatch(`${i.message.ja} ${i.message.en}`, PATH, `${i.field}: no path in the message`);
  }
});

test('parseOrThrow: the error message names no path; the details do', () => {
  try {
    parseOrThrow(
      RequestContentSchema,
      { kind: 'inquiry', targets: [{ type: 'ip', address: '198.51.100.300' }] },
      'content',
    );
    assert.fail('the parse should fail');
  } catch (e) {
    assert.ok(isDomainError(e));
    assert.match(String(e.details?.field), /^content\./);
    assert.doesNotMatch(`${e.messages.ja} ${e.messages.en}`, PATH);
  }
});

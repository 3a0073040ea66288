// How the CLI tells a person what went wrong: in the chosen language, with the stable code and the field,
// whether the error was raised locally, answered by a hub, or came from a failed parse.
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { z } from 'zod';
import { describeCliError } from '../../src/cli/context.ts';
import { ApiError } from '../../src/client/client.ts';
import { DomainError } from '../../src/domain/errors.ts';

const saved = process.env.SHOKAI_LANG;
afterEach(() => {
  if (saved === undefined) delete process.env.SHOKAI_LANG;
  else process.env.SHOKAI_LANG = saved;
});

const hubRefusal = () =>
  new ApiError(422, {
    error: {
      code: 'VALIDATION_FAILED',
      message: { ja: '時刻に UTC オフセットがありません', en: 'the time has no UTC offset' },
      details: { field: 'content.targets.0.at' },
    },
  });

test("a hub's refusal is told in the CLI's language, with its code and field", () => {
  delete process.env.SHOKAI_LANG;
  assert.equal(
    describeCliError(hubRefusal()),
    'VALIDATION_FAILED: 時刻に UTC オフセットがありません [content.targets.0.at]',
  );
  process.env.SHOKAI_LANG = 'en';
  assert.equal(describeCliError(hubRefusal()), 'VALIDATION_FAILED: the time has no UTC offset [content.targets.0.at]');
});

test('an unreachable hub is said in the chosen language', () => {
  delete process.env.SHOKAI_LANG;
  assert.equal(describeCliError(new ApiError(0, undefined)), 'NETWORK: サーバーに接続できません');
});

test('a failed parse names its field and not a JSON dump of issues', () => {
  const r = z.strictObject({ hub: z.strictObject({ url: z.string() }) }).safeParse({ hub: { url: 5 } });
  assert.equal(r.success, false);
  process.env.SHOKAI_LANG = 'en';
  const line = describeCliError(r.error);
  assert.match(line, /^VALIDATION_FAILED: .+ \[hub\.url\]$/);
  assert.doesNotMatch(line, /[{[]\s*"/);
});

test('a domain error keeps its field and value', () => {
  process.env.SHOKAI_LANG = 'en';
  const e = new DomainError('VALIDATION_FAILED', { ja: '不正', en: 'bad value' }, { field: 'at', value: '10:00' });
  assert.equal(describeCliError(e), 'VALIDATION_FAILED: bad value [at="10:00"]');
});

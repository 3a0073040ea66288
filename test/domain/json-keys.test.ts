// A key twice in one object of a JSON text: JSON.parse keeps the last value, a reader may keep the first.
// The text is refused, naming the path of the repeated key; a text without one is read as before.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readAnswerFile } from '../../src/agent/files.ts';
import { readJsonFile } from '../../src/cli/json-file.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { parseJsonOnce, repeatedKeyPath, repeatedKeyProblem } from '../../src/domain/json-keys.ts';
import { jsonTextProblem } from '../../src/server/json-guard.ts';

test('the path of a repeated key: at the top, in nested objects, in arrays of objects', () => {
  assert.deepEqual(repeatedKeyPath('{"a":1,"b":2,"a":3}'), ['a']);
  assert.deepEqual(repeatedKeyPath('{"content":{"facts":"x","offence":"y","facts":"z"}}'), ['content', 'facts']);
  assert.deepEqual(
    repeatedKeyPath('{"content":{"targets":[{"type":"ip","id":"a"},{"type":"account","id":"b","id":"c"}]}}'),
    ['content', 'targets', 1, 'id'],
  );
  assert.deepEqual(repeatedKeyPath('[[1,2],[{"x":[{}, {"y":1,"y":1}]}]]'), [1, 0, 'x', 1, 'y']);
  // Written differently, the same key once parsed.
  assert.deepEqual(repeatedKeyPath('{"id":1,"\\u0069d":2}'), ['id']);
  assert.deepEqual(repeatedKeyPath(' {\n  "a" : { "b" : 1 } ,\n  "a" : 2\n}'), ['a']);
});

test('a text without a repeated key is untouched, whatever its strings hold', () => {
  const texts = [
    '{"a":1,"b":{"a":1},"c":[{"a":1},{"a":1}]}',
    '{"a":"{\\"a\\":1,\\"a\\":2}","b":"\\\\","c":"x,\\"y\\":[}{]"}',
    '{"a\\"":1,"a":2,"a\\\\":3}',
    '[{"k":1},{"k":2},"k","k"]',
    '"just a string"',
    '42',
    '{}',
  ];
  for (const text of texts) {
    assert.equal(repeatedKeyPath(text), undefined, text);
    assert.deepEqual(parseJsonOnce(text), JSON.parse(text), text);
    assert.equal(jsonTextProblem(text), undefined, text);
  }
  // Not JSON, or no body: left to the handler's own parse, as before.
  assert.equal(jsonTextProblem(''), undefined);
  assert.equal(jsonTextProblem('{"a":'), undefined);
});

test('the refusal names the field as a path for programs and the key in words, made safe to show', () => {
  const e = repeatedKeyProblem('{"content":{"targets":[{"id":"a","id":"b"}]}}');
  assert.ok(e instanceof DomainError);
  assert.equal(e.code, 'VALIDATION_FAILED');
  assert.equal(e.details?.field, 'content.targets.0.id');
  assert.match(e.messages.en, /the key "id" appears twice in the same object/);
  assert.match(e.messages.ja, /項目「id」が同じまとまりの中に2回あります/);
  const hidden = repeatedKeyProblem('{"a\\u202eb":1,"a\\u202eb":2}');
  assert.match(hidden?.messages.en ?? '', /the key "a\\u202eb"/, 'the override written out, not acted on');
  assert.doesNotMatch(hidden?.messages.en ?? '', /\u202e/);
  assert.equal(hidden?.details?.key, 'a\u202eb', 'the details keep the key as given');
});

test('files handed over are refused the same way: answer files and the JSON files the CLI reads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shokai-json-keys-'));
  try {
    const answer = join(dir, 'answer.json');
    writeFileSync(answer, '{"format":"shokai-answer/v1","requestId":"req_1","requestId":"req_2"}');
    assert.throws(
      () => readAnswerFile(answer),
      (e: unknown) =>
        e instanceof DomainError &&
        e.details?.field === 'requestId' &&
        e.details.file === answer &&
        /appears twice/.test(e.messages.en),
    );
    const directory = join(dir, 'directory.json');
    writeFileSync(directory, '{"organisations":[{"id":"org_1","name":"A","name":"B"}]}');
    assert.throws(
      () => readJsonFile(directory),
      (e: unknown) =>
        e instanceof DomainError &&
        /項目「name」が同じまとまりの中に2回あります/.test(e.messages.ja) &&
        /the key "name" appears twice/.test(e.messages.en),
    );
    writeFileSync(directory, '{"organisations":[{"id":"org_1","name":"A"},{"id":"org_2","name":"B"}]}');
    assert.deepEqual(
      readJsonFile(directory),
      JSON.parse('{"organisations":[{"id":"org_1","name":"A"},{"id":"org_2","name":"B"}]}'),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a string of tens of MiB (a whole e-mail in a body) is walked without overflowing the stack', () => {
  const message = `${'x'.repeat(20 * 1024 * 1024)}\\"\\\\${'\r\n'.repeat(1000)}`;
  assert.equal(repeatedKeyPath(JSON.stringify({ message, b: 1 })), undefined);
  assert.deepEqual(repeatedKeyPath(JSON.stringify({ message, b: 1 }).replace('"b"', '"message"')), ['message']);
});

// A holder's export that names a field twice: JSON.parse (and a CSV line read by its header) keeps the
// later value, the person reading the file may take the first. Refused like any other bad record.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDomainError } from '../../src/domain/errors.ts';
import { readRecords } from '../../src/holders/record-file.ts';

const COLUMNS = ['post_id', 'source_address', 'account'];

test('a key twice in a JSON record is a problem of that record, naming the key and the value kept', () => {
  const content = '[{"post_id":"1","account":"taro"},{"post_id":"2","account":"taro","account":"jiro"}]';
  const { records, problems } = readRecords({ name: 'posts.json', content }, COLUMNS, 'posts');
  assert.equal(records.length, 2, 'the records are still read, so every problem is named at once');
  assert.equal(problems.length, 1);
  const [p] = problems;
  assert.deepEqual([p?.line, p?.field, p?.value], [2, 'account', 'jiro']);
  assert.match(p?.message.en ?? '', /the key "account" appears twice/);
  assert.match(p?.message.ja ?? '', /項目「account」が同じまとまりの中に2回あります/);
});

test('in an object holding the list, the record is counted from the list; a repeated list is the file', () => {
  const inRecord = '{"posts":[{"post_id":"1"},{"post_id":"2","post_id":"3"}]}';
  const a = readRecords({ name: 'p.json', content: inRecord }, COLUMNS, 'posts').problems;
  assert.deepEqual(
    a.map((p) => [p.line, p.field, p.value]),
    [[2, 'post_id', '3']],
  );
  const listTwice = '{"posts":[{"post_id":"1"}],"posts":[{"post_id":"2"}]}';
  const b = readRecords({ name: 'p.json', content: listTwice }, COLUMNS, 'posts').problems;
  assert.deepEqual(
    b.map((p) => [p.line, p.field]),
    [[0, 'posts']],
  );
  const clean = readRecords({ name: 'p.json', content: '[{"post_id":"1","account":"taro"}]' }, COLUMNS, 'posts');
  assert.deepEqual(clean.problems, []);
});

test('a CSV header naming a column twice is refused, naming the column and the line', () => {
  const content = 'post_id,account,source_address,account\n1,taro,192.0.2.1,jiro\n';
  assert.throws(
    () => readRecords({ name: 'posts.csv', content }, COLUMNS, 'posts'),
    (e) => {
      assert.ok(isDomainError(e));
      assert.deepEqual(e.details, { field: 'header', value: 'account' });
      assert.match(e.messages.en, /^posts\.csv:1: the column "account" appears twice/);
      assert.match(e.messages.ja, /列 "account" が見出しに2回あります/);
      return true;
    },
  );
});

// The web tells a request's id from a mistyped path segment before asking the API: the shape it knows
// must be the shape the hub gives (a drift would turn every real request into "not found").
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newId } from '../../src/kernel/ids.ts';
import { isRequestId } from '../../web/src/lib/ids.ts';

test('every id the hub gives a request is a request id to the web', () => {
  for (let i = 0; i < 50; i++) assert.ok(isRequestId(newId('req')));
});

test('a segment of another shape is not', () => {
  for (const s of [
    'new',
    'abc',
    'edit',
    '',
    'req_',
    'req_1',
    'req_forged',
    newId('case'),
    `${newId('req')}x`,
    ' req_',
  ]) {
    assert.equal(isRequestId(s), false, s);
  }
  assert.equal(isRequestId(newId('req').toUpperCase()), false, 'the prefix is lower case');
});

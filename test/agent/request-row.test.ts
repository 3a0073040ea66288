// A refusal for a request in the wrong state reads as people name things: the request's reference and
// the states' labels, never the internal id or a state code.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { notIn } from '../../src/agent/request-row.ts';

test('a wrong-state refusal names the reference and the states by their labels', () => {
  const e = notIn({ reference: 'R8-0042', state: 'approved' }, 'prepared');
  assert.equal(e.code, 'ILLEGAL_TRANSITION');
  assert.equal(
    e.messages.ja,
    '要請 R8-0042は「承認済み・送付待ち」のため、この操作はできません（「確認待ち（回答案あり）」の要請に対する操作です）',
  );
  assert.equal(
    e.messages.en,
    'request R8-0042 is "Approved, waiting to be sent": ' +
      'this can be done only while it is "Awaiting review (answer prepared)"',
  );
  assert.deepEqual(e.details, { field: 'state', value: 'approved' });
});

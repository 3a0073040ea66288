// A civil disclosure's actions in the lawyer's words (counsel signs and files, no 決裁), every other kind's in
// the words it always had: one rule for the request page's buttons, its refusals and its timeline.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  LIFECYCLE_ACTION_LABELS,
  LIFECYCLE_ACTIONS,
  lifecycleActionLabel,
  REQUEST_KINDS,
} from '../../src/domain/vocabulary.ts';

test("a civil disclosure's submit and approval are the lawyer's signature, not a 決裁", () => {
  assert.deepEqual(lifecycleActionLabel('submit', 'civil_disclosure'), {
    ja: '弁護士の署名に回す',
    en: "Send for the lawyer's signature",
  });
  assert.equal(lifecycleActionLabel('approve', 'civil_disclosure').ja, '署名して請求する');
  for (const a of LIFECYCLE_ACTIONS)
    assert.doesNotMatch(lifecycleActionLabel(a, 'civil_disclosure').ja, /決裁|照会元/, a);
});

test('every other kind, and no kind, keeps the lifecycle words', () => {
  for (const kind of REQUEST_KINDS.filter((k) => k !== 'civil_disclosure')) {
    for (const a of LIFECYCLE_ACTIONS) assert.deepEqual(lifecycleActionLabel(a, kind), LIFECYCLE_ACTION_LABELS[a]);
  }
  assert.deepEqual(lifecycleActionLabel('submit'), LIFECYCLE_ACTION_LABELS.submit);
});

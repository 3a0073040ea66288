// Screens that used to show a code where people read words: the words these pure functions give — a
// refusal of the policy check in the request editor (its category in words and its reason, never
// MATRIX_REFUSED nor the raw category) and a key's owner on the organisation's page (its kind in words
// and its name, never "unit: unit_…"). What the browser renders is checked in the browser tests: the
// editor's refusal in test/browser/exchange-flow.test.ts, the key list in test/browser/screens.test.ts,
// a consultation's targets (as a request's page shows them, not as JSON) in
// test/browser/consultation-desk.test.ts, and the attribution lookup's source lines and notes (the
// vocabulary's words, the viewer's language) in test/browser/lookup-from-target.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { keyOwnerWords } from '../../web/src/components/key-owner.ts';
import { policyFindingWords } from '../../web/src/components/policy-finding.ts';

test('a refusal of the policy check reads as its category and its reason, never its code', () => {
  const refusal = {
    category: 'traffic',
    code: 'MATRIX_REFUSED',
    message: { ja: '通信記録には令状が必要です', en: 'traffic data needs a warrant' },
  };
  assert.deepEqual(policyFindingWords(refusal, 'ja'), {
    category: 'その他の通信記録',
    message: '通信記録には令状が必要です',
  });
  assert.equal(policyFindingWords(refusal, 'en').category, 'Traffic data');
  assert.doesNotMatch(JSON.stringify(policyFindingWords(refusal, 'en')), /MATRIX_REFUSED|traffic"/);
  // A category the vocabulary does not know is not shown raw: the message (which names it) stands alone.
  assert.equal(policyFindingWords({ ...refusal, category: 'telemetry' }, 'en').category, null);
});

test("a key's owner: its kind in words, then its name when the page knows it; never its id", () => {
  const known = {
    organisation: { id: 'org_1', nameJa: '県警察本部', nameEn: 'Prefectural Police HQ' },
    units: [{ id: 'unt_9', nameJa: 'サイバー犯罪対策課', nameEn: 'Cybercrime Division' }],
    users: [{ id: 'usr_3', displayName: '佐藤 一郎' }],
  };
  const words = (ownerType: string, ownerId: string, locale: 'ja' | 'en') =>
    keyOwnerWords({ ownerType, ownerId }, known, locale);
  assert.equal(words('unit', 'unt_9', 'ja'), '所属: サイバー犯罪対策課');
  assert.equal(words('unit', 'unt_9', 'en'), 'Unit: Cybercrime Division');
  assert.equal(words('organisation', 'org_1', 'ja'), '組織: 県警察本部');
  assert.equal(words('organisation', 'org_1', 'en'), 'Organisation: Prefectural Police HQ');
  assert.equal(words('user', 'usr_3', 'en'), 'Person: 佐藤 一郎');
  // Not known by name on the page: the kind alone.
  assert.equal(words('unit', 'unt_other', 'ja'), '所属');
  assert.equal(words('user', 'usr_4', 'ja'), '利用者');
  assert.equal(words('client', 'cli_1', 'ja'), '連携システム');
  assert.equal(words('client', 'cli_1', 'en'), 'Machine client');
  assert.equal(words('system', 'system', 'en'), "This installation's system");
  assert.equal(words('gadget', 'g_1', 'en'), 'Other');
  assert.equal(keyOwnerWords({ ownerType: 'user', ownerId: 'usr_3' }, { ...known, users: undefined }, 'ja'), '利用者');
});

// The words a refusal names a request's field by (src/domain/field-words.ts, shared by the web's notices
// and the CLI's messages) are the labels the request editor shows that field under: a person reading
// "対象 1 › 日時" finds the field so labelled.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CIVIL_FIELD_WORDS, FIELD_WORDS, fieldInWords, requestFieldWords } from '../../src/domain/field-words.ts';
import { type MessageKey, messages } from '../../web/src/i18n/dictionary.ts';

/** Each field's label on the editor's form. */
const EDITOR_LABEL: Readonly<Record<string, MessageKey>> = {
  caseReference: 'editor.caseReference',
  offence: 'editor.offence',
  facts: 'editor.facts',
  necessity: 'editor.necessity',
  requestedBy: 'field.requestedBy',
  providerOrganisationId: 'editor.provider',
  categories: 'editor.categories',
  targets: 'editor.targetN',
  type: 'editor.targetType',
  port: 'target.port',
  toleranceSeconds: 'target.tolerance',
  service: 'target.service',
  postId: 'target.postId',
  at: 'target.at',
  from: 'target.from',
  to: 'target.to',
  address: 'field.address',
  number: 'target.value.phone',
  url: 'target.value.url',
  terminal: 'target.value.terminal',
  warrant: 'editor.warrant',
  'warrant.type': 'warrant.type',
  courtOrganisationId: 'warrant.court',
  warrantNumber: 'warrant.number',
  issuedAt: 'warrant.issuedAt',
  validUntil: 'warrant.validUntil',
  'attestation.keyId': 'warrant.keyId',
  'attestation.signature': 'warrant.signature',
  preservation: 'editor.preservation',
  emergency: 'editor.emergency',
  basis: 'emergency.basis',
  conditions: 'emergency.conditions',
  'emergency.statement': 'emergency.statement',
  civil: 'editor.civil',
  claimant: 'civil.claimant',
  counsel: 'civil.counsel',
  rights: 'civil.rights',
  rightsInfringed: 'civil.rights',
  cafe: 'editor.cafe',
  mlat: 'editor.mlat',
  treaty: 'mlat.treaty',
  foreignAuthority: 'mlat.authority',
  assistance: 'mlat.assistance',
  outcome: 'answer.outcome',
  result: 'answer.result',
  accessLog: 'answer.accessLog',
  preservedUntil: 'answer.preservedUntil',
};

test('every field is named by the label the editor shows it under, in both languages', () => {
  assert.deepEqual(Object.keys(FIELD_WORDS).sort(), Object.keys(EDITOR_LABEL).sort());
  for (const [field, key] of Object.entries(EDITOR_LABEL)) {
    assert.deepEqual(FIELD_WORDS[field], messages[key], field);
  }
});

/** Each field's label on the civil disclosure form (web/src/pages/civil-request.tsx), where it has its own. */
const CIVIL_LABEL: Readonly<Record<string, MessageKey>> = {
  providerOrganisationId: 'civilForm.provider',
  caseReference: 'civilForm.caseReference',
  facts: 'civilForm.facts',
  necessity: 'civilForm.necessity',
  categories: 'civilForm.sought',
  route: 'civilForm.route',
  claimantAddress: 'civilForm.claimantAddress',
  rightsInfringed: 'civilForm.rightsInfringed',
  purposes: 'civilForm.purposes',
  senderInformation: 'civilForm.senderInformation',
  courtOrder: 'civilForm.order',
  'courtOrder.type': 'civilForm.orderType',
  'courtOrder.courtOrganisationId': 'civilForm.court',
  'courtOrder.caseNumber': 'civilForm.orderCaseNumber',
  'courtOrder.orderedAt': 'civilForm.orderedAt',
  'courtOrder.content': 'civilForm.orderContent',
};

test("a civil disclosure's fields are named by the civil form's labels, in both languages", () => {
  // The posts are typed one a line, so a post's problem is named by its place (侵害情報 2); the block is the form.
  assert.deepEqual(
    Object.keys(CIVIL_FIELD_WORDS).sort(),
    [...Object.keys(CIVIL_LABEL), 'targets', 'targets[]', 'civil'].sort(),
  );
  for (const [field, key] of Object.entries(CIVIL_LABEL)) {
    assert.deepEqual(CIVIL_FIELD_WORDS[field], messages[key], field);
  }
});

test("a civil disclosure's refusal names its fields by the Act's terms, never the inquiry's", () => {
  const civil = requestFieldWords('civil_disclosure');
  assert.deepEqual(civil('content.providerOrganisationId'), {
    ja: '開示を請求する事業者（請求の相手方）',
    en: 'The provider asked to disclose',
  });
  assert.equal(civil('content.facts')?.ja, '侵害情報の内容と経緯');
  assert.equal(civil('content.necessity')?.ja, '正当な理由の説明');
  assert.equal(civil('content.civil.claimant')?.ja, '請求者');
  assert.equal(civil('content.civil.rightsInfringed')?.ja, '権利が侵害されたことが明らかである理由');
  assert.deepEqual(civil('content.targets.1.url'), { ja: '侵害情報 2 › URL', en: 'Post 2 › URL' });
  assert.deepEqual(civil('content.targets'), { ja: '侵害情報の所在（URL）', en: 'Where the posts are (URLs)' });
  assert.equal(civil('content.civil.courtOrder.caseNumber')?.ja, '裁判所の命令 › 事件番号');
  for (const path of ['content.providerOrganisationId', 'content.facts', 'content.necessity', 'content.civil']) {
    for (const said of [civil(path)?.ja ?? '', civil(path)?.en ?? '']) {
      assert.doesNotMatch(said, /照会|被疑|Summary of the facts|Why the data is needed/, path);
    }
  }
  // The inquiry's words are unchanged.
  assert.equal(fieldInWords('content.providerOrganisationId')?.ja, '照会先の事業者');
  assert.equal(fieldInWords('content.facts', 'inquiry')?.ja, '被疑事実の要旨');
  assert.equal(fieldInWords('content.civil.claimant')?.ja, '発信者情報開示請求 › 請求者');
  assert.equal(fieldInWords('content.targets'), null);
});

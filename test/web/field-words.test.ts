// The words a refusal names a request's field by (src/domain/field-words.ts, shared by the web's notices
// and the CLI's messages) are the labels the request editor shows that field under: a person reading
// "対象 1 › 日時" finds the field so labelled.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FIELD_WORDS } from '../../src/domain/field-words.ts';
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

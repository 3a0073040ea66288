// A warrant's court signature in the request editor: left empty it is said to be required (once), and one
// not in a signature's form is said in Japanese as in English — what to paste, never a bare "形式が正しく
// ありません" beside an English that explains it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RequestContentSchema } from '../../src/domain/request-content.ts';
import { describeIssues } from '../../src/domain/validation.ts';

const warrant = (signature: string) => ({
  kind: 'warrant',
  providerOrganisationId: 'org-provider-1',
  caseReference: '令和8年 第123号',
  offence: '名誉毀損',
  facts: '掲示板への書込み',
  necessity: '発信者の特定のため',
  targets: [{ type: 'ip', address: '203.0.113.5', port: 51234, at: '2026-03-01T10:00:00+09:00' }],
  categories: ['subscriber'],
  warrant: {
    type: 'electronic_record_provision_order',
    courtOrganisationId: 'org-court-tokyo',
    warrantNumber: '令和8年(む)第45号',
    issuedAt: '2026-03-05T09:00:00+09:00',
    validUntil: '2026-03-12T00:00:00+09:00',
    attestation: { keyId: 'court-key-1', signature },
  },
});

const signatureIssues = (signature: string) => {
  const r = RequestContentSchema.safeParse(warrant(signature));
  assert.equal(r.success, false);
  return describeIssues(r.error).filter((i) => i.field === 'warrant.attestation.signature');
};

test('a court signature left empty is said to be required, once', () => {
  assert.deepEqual(
    signatureIssues('').map((i) => i.message),
    [{ ja: '入力が必要です', en: 'This field is required' }],
  );
});

test('a court signature not in its form says what to paste, in Japanese as in English', () => {
  const [issue, ...more] = signatureIssues('not a signature!');
  assert.deepEqual(more, []);
  assert.match(issue?.message.ja ?? '', /裁判所の署名.*base64url.*wa1\./);
  assert.match(issue?.message.en ?? '', /court’s signature.*base64url.*wa1\./);
});

// Answers that carry verdicts: the finding's shape, and its agreement with the item and the request.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AnswerContentSchema, validateAnswerContent } from '../../src/domain/answer-content.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { FindingSchema } from '../../src/domain/finding.ts';
import { RequestContentSchema } from '../../src/domain/request-content.ts';

const request = (categories: string[] = ['subscriber', 'access_log'], kind = 'inquiry') =>
  RequestContentSchema.parse({
    kind,
    providerOrganisationId: 'org_provider',
    caseReference: 'R8-001',
    offence: '脅迫',
    facts: '掲示板への書き込み',
    necessity: '被疑者の特定',
    targets: [{ type: 'ip', address: '203.0.113.7', at: '2026-03-29T01:30:12+09:00' }],
    categories,
  });

const candidate = (account: string) => ({
  account,
  person: { name: `${account} 様`, installationAddress: '東京都千代田区1-1-1' },
  line: { installationAddress: '東京都千代田区1-1-1', addressesDiffer: false, use: 'unknown' },
  from: '2026-03-29T01:00:00+09:00',
  to: '2026-03-29T02:00:00+09:00',
  sources: [{ kind: 'assign', file: '/var/log/radius/detail', line: 10, endLine: 22 }],
  notes: [],
});

const finding = (verdict: string, candidates: unknown[], resolveBy: unknown[] = []) => ({
  verdict,
  records: 'address_logs',
  query: {
    asReceived: '203.0.113.7 2026-03-29T01:30:12+09:00',
    window: { from: '2026-03-29T01:30:12.000+09:00', to: '2026-03-29T01:30:12.000+09:00' },
  },
  candidates,
  reasons: [{ code: 'no_port_cgnat', text: { ja: 'ポートなし', en: 'no port' } }],
  resolveBy,
});

const answerWith = (item: Record<string, unknown>) =>
  AnswerContentSchema.parse({ outcome: 'full', items: [{ targetIndex: 0, ...item }] });

const refused = (fn: () => void, field: RegExp) =>
  assert.throws(fn, (e) => e instanceof DomainError && field.test(String(e.details?.field)));

test('an answer written before findings existed is still valid', () => {
  const a = answerWith({ result: 'found', subscriber: { name: '山田 花子' } });
  validateAnswerContent(a, request());
});

test("a finding's verdict and its number of candidates agree", () => {
  assert.throws(() => FindingSchema.parse(finding('unique', [])));
  assert.throws(() => FindingSchema.parse(finding('unique', [candidate('a'), candidate('b')])));
  assert.throws(() => FindingSchema.parse(finding('none', [candidate('a')])));
  assert.throws(() => FindingSchema.parse(finding('ambiguous', [])));
  assert.throws(() =>
    FindingSchema.parse(finding('unique', [candidate('a')], [{ code: 'source_port', text: { ja: 'x', en: 'x' } }])),
  );
  assert.throws(
    () =>
      FindingSchema.parse({
        ...finding('none', []),
        query: { asReceived: 'x', window: { from: '2026-03-29T01:30:12', to: '2026-03-29T01:30:12' } },
      }),
    'a window without an offset is refused',
  );
  FindingSchema.parse(
    finding('ambiguous', [candidate('a'), candidate('b')], [{ code: 'source_port', text: { ja: 'x', en: 'x' } }]),
  );
});

test('an ambiguous finding never names one subscriber or one record at the item level', () => {
  const amb = finding('ambiguous', [candidate('alice'), candidate('carol')]);
  validateAnswerContent(answerWith({ result: 'found', finding: amb }), request());
  refused(
    () =>
      validateAnswerContent(answerWith({ result: 'found', subscriber: { name: 'alice 様' }, finding: amb }), request()),
    /^items\.0\.subscriber$/,
  );
  refused(
    () =>
      validateAnswerContent(
        answerWith({
          result: 'found',
          accessLog: [{ at: '2026-03-29T01:30:12+09:00', address: '203.0.113.7' }],
          finding: amb,
        }),
        request(),
      ),
    /^items\.0\.accessLog$/,
  );
});

test('the result follows the verdict', () => {
  refused(
    () =>
      validateAnswerContent(answerWith({ result: 'no_data', finding: finding('unique', [candidate('a')]) }), request()),
    /result$/,
  );
  refused(
    () => validateAnswerContent(answerWith({ result: 'found', finding: finding('none', []) }), request()),
    /result$/,
  );
  validateAnswerContent(answerWith({ result: 'retention_expired', finding: finding('none', []) }), request());
});

test('candidates disclose only what was asked, and never in a preservation answer', () => {
  const amb = finding('ambiguous', [candidate('alice'), candidate('carol')]);
  refused(
    () => validateAnswerContent(answerWith({ result: 'found', finding: amb }), request(['access_log'])),
    /candidates\.0$/,
  );
  refused(
    () =>
      validateAnswerContent(
        answerWith({ result: 'found', preservedUntil: '2026-05-01T00:00:00+09:00', finding: amb }),
        request(['subscriber'], 'preservation'),
      ),
    /candidates\.0$/,
  );
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AnswerContent } from '../../src/domain/answer-content.ts';
import {
  AnswerContentSchema,
  answerWithUploadedFiles,
  validateAnswerContent,
} from '../../src/domain/answer-content.ts';
import { isDomainError } from '../../src/domain/errors.ts';
import type { RequestContent } from '../../src/domain/request-content.ts';
import { RequestContentSchema } from '../../src/domain/request-content.ts';
import { parseOrThrow } from '../../src/domain/validation.ts';
import { UPLOADED_LOG as file } from '../support/answer-files.ts';

const AT = '2026-03-01T10:00:00+09:00';
const request: RequestContent = RequestContentSchema.parse({
  kind: 'inquiry',
  providerOrganisationId: 'p',
  caseReference: 'c',
  offence: 'o',
  facts: 'f',
  necessity: 'n',
  targets: [
    { type: 'ip', address: '203.0.113.5', port: 1, at: AT },
    { type: 'account', id: 'u1' },
  ],
  categories: ['subscriber', 'access_log'],
});
const preservation: RequestContent = RequestContentSchema.parse({
  ...request,
  kind: 'preservation',
  preservation: { days: 30 },
});

function answer(value: unknown): AnswerContent {
  return AnswerContentSchema.parse(value);
}

function failsAt(a: AnswerContent, req: RequestContent, field: string): void {
  assert.throws(
    () => validateAnswerContent(a, req),
    (e: unknown) => {
      assert.ok(isDomainError(e));
      assert.equal(e.code, 'VALIDATION_FAILED');
      assert.equal(e.details?.field, field);
      // The path is for programs (the web and the agent name the field in words); people never read it.
      for (const m of [e.messages.ja, e.messages.en]) {
        assert.doesNotMatch(m, /items\.\d|\b[a-z]+[A-Z]\w*/, `a path or a field's code name in "${m}"`);
      }
      return true;
    },
  );
}

const found = {
  targetIndex: 0,
  result: 'found',
  subscriber: { name: '山田太郎', nameKana: 'ヤマダタロウ', installationAddress: '東京都…', billingAddress: '東京都…' },
  accessLog: [{ at: AT, address: '2001:DB8::1', port: 443, action: 'login' }],
};

describe('AnswerContentSchema', () => {
  it('accepts a full answer and canonicalises access-log addresses', () => {
    const a = answer({ outcome: 'full', items: [found, { targetIndex: 1, result: 'not_our_customer' }] });
    assert.equal(a.items[0]?.accessLog?.[0]?.address, '2001:db8::1');
    validateAnswerContent(a, request);
  });
  it('is strict and checks instants and addresses', () => {
    assert.throws(() => parseOrThrow(AnswerContentSchema, { outcome: 'full', items: [{ ...found, extra: 1 }] }), {
      code: 'UNKNOWN_FIELD',
    });
    assert.throws(
      () => parseOrThrow(AnswerContentSchema, { outcome: 'full', items: [{ ...found, subscriber: { age: 3 } }] }),
      { code: 'UNKNOWN_FIELD' },
    );
    assert.throws(() => parseOrThrow(AnswerContentSchema, { outcome: 'done', items: [found] }), {
      code: 'VALIDATION_FAILED',
    });
    assert.throws(() => parseOrThrow(AnswerContentSchema, { outcome: 'full', items: [] }), {
      code: 'VALIDATION_FAILED',
    });
    assert.throws(
      () =>
        parseOrThrow(AnswerContentSchema, {
          outcome: 'full',
          items: [{ ...found, accessLog: [{ at: '2026-03-01T10:00:00', address: '1.2.3.4' }] }],
        }),
      (e: unknown) =>
        isDomainError(e) && e.code === 'INSTANT_WITHOUT_OFFSET' && e.details?.field === 'items.0.accessLog.0.at',
    );
    assert.throws(
      () =>
        parseOrThrow(AnswerContentSchema, {
          outcome: 'full',
          items: [{ ...found, accessLog: [{ at: AT, address: 'nope' }] }],
        }),
      (e: unknown) =>
        isDomainError(e) && e.code === 'INVALID_ADDRESS' && e.details?.field === 'items.0.accessLog.0.address',
    );
  });
});

describe('validateAnswerContent', () => {
  it('targetIndex must exist', () => {
    failsAt(
      answer({ outcome: 'partial', items: [{ targetIndex: 2, result: 'no_data' }] }),
      request,
      'items.0.targetIndex',
    );
  });
  it('no target answered twice', () => {
    failsAt(
      answer({
        outcome: 'partial',
        items: [
          { targetIndex: 1, result: 'no_data' },
          { targetIndex: 1, result: 'no_data' },
        ],
      }),
      request,
      'items.1.targetIndex',
    );
  });
  it('full answers every target; partial need not', () => {
    failsAt(answer({ outcome: 'full', items: [found] }), request, 'outcome');
    validateAnswerContent(answer({ outcome: 'partial', items: [found] }), request);
  });
  it('only requested categories', () => {
    failsAt(
      answer({ outcome: 'partial', items: [{ targetIndex: 0, result: 'found', traffic: [{ k: 'v' }] }] }),
      request,
      'items.0.traffic',
    );
    failsAt(
      answer({ outcome: 'partial', items: [{ targetIndex: 0, result: 'found', content: 'hello' }] }),
      request,
      'items.0.content',
    );
  });
  it('data only with result found', () => {
    failsAt(
      answer({ outcome: 'partial', items: [{ ...found, result: 'retention_expired' }] }),
      request,
      'items.0.subscriber',
    );
  });
  it('a preservation answer discloses nothing and states preservedUntil', () => {
    validateAnswerContent(
      answer({
        outcome: 'full',
        items: [
          { targetIndex: 0, result: 'found', preservedUntil: '2026-03-31T00:00:00Z' },
          { targetIndex: 1, result: 'no_data' },
        ],
      }),
      preservation,
    );
    failsAt(answer({ outcome: 'partial', items: [found] }), preservation, 'items.0.subscriber');
    failsAt(
      answer({ outcome: 'partial', items: [{ targetIndex: 0, result: 'found' }] }),
      preservation,
      'items.0.preservedUntil',
    );
    failsAt(
      answer({
        outcome: 'partial',
        items: [{ targetIndex: 0, result: 'no_data', preservedUntil: '2026-03-31T00:00:00Z' }],
      }),
      request,
      'items.0.preservedUntil',
    );
  });
});

describe('answerWithUploadedFiles', () => {
  const base = answer({ outcome: 'partial', items: [found] });

  it('names every uploaded file when the answer names none, and none when none was uploaded', () => {
    assert.deepEqual(answerWithUploadedFiles(base, [file]).attachments, [file]);
    assert.equal(answerWithUploadedFiles(base, []), base);
  });

  it('keeps a file named exactly as uploaded, whatever the order of its fields', () => {
    const { sha256, ...rest } = file;
    const named = { ...base, attachments: [{ sha256, ...rest }] };
    assert.equal(answerWithUploadedFiles(named, [file]), named);
  });

  it('refuses a file not uploaded for the answer, or one that differs from it, naming the field', () => {
    for (const ref of [
      { ...file, id: 'att_other' },
      { ...file, sha256: 'b'.repeat(64) },
    ]) {
      assert.throws(
        () => answerWithUploadedFiles({ ...base, attachments: [ref] }, [file]),
        (e: unknown) =>
          isDomainError(e) &&
          e.code === 'VALIDATION_FAILED' &&
          e.details?.field === 'answer.attachments.0' &&
          e.details?.value === ref.id,
      );
    }
  });
});

// A café answers with its member as registered and the terminal's use, not a carrier's subscriber.
describe("a café's answer", () => {
  const cafeRequest: RequestContent = RequestContentSchema.parse({
    kind: 'cafe_records',
    providerOrganisationId: 'p',
    caseReference: 'c',
    offence: 'o',
    facts: 'f',
    necessity: 'n',
    targets: [{ type: 'terminal', terminal: 'A-12', from: AT, to: '2026-03-01T12:00:00+09:00' }],
    categories: ['subscriber', 'access_log'],
  });
  const member = { memberNumber: 'M-42', name: '山田 花子', idDocument: 'drivers_licence', idCheckedAt: AT };
  const use = { terminal: 'A-12', from: AT, to: '2026-03-01T11:30:00+09:00' };

  it('carries the member and the terminal use, as the request asked', () => {
    const a = answer({
      outcome: 'full',
      items: [{ targetIndex: 0, result: 'found', member, terminalUse: [use] }],
    });
    validateAnswerContent(a, cafeRequest);
    assert.equal(a.items[0]?.member?.idDocument, 'drivers_licence');
  });
  it('the member is subscriber information, the use access records: neither unasked', () => {
    const onlyLog = { ...cafeRequest, categories: ['access_log'] } as RequestContent;
    failsAt(
      answer({ outcome: 'full', items: [{ targetIndex: 0, result: 'found', member }] }),
      onlyLog,
      'items.0.member',
    );
    const onlySub = { ...cafeRequest, categories: ['subscriber'] } as RequestContent;
    failsAt(
      answer({ outcome: 'full', items: [{ targetIndex: 0, result: 'found', terminalUse: [use] }] }),
      onlySub,
      'items.0.terminalUse',
    );
  });
  it('a use ends after it starts, and an identity document is one of the list', () => {
    const back = { ...use, to: '2026-03-01T09:00:00+09:00' };
    failsAt(
      answer({ outcome: 'full', items: [{ targetIndex: 0, result: 'found', terminalUse: [back] }] }),
      cafeRequest,
      'items.0.terminalUse.0.to',
    );
    assert.equal(
      AnswerContentSchema.safeParse({
        outcome: 'full',
        items: [{ targetIndex: 0, result: 'found', member: { idDocument: 'library_card' } }],
      }).success,
      false,
    );
  });
});

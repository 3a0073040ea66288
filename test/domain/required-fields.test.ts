// An empty required field is told it is required in the same words wherever it is checked: a text, an
// identifier (an IP address, an account), an instant; by the API's schema and by the parsers the
// services and the command line call. Never `"" is not an IP address` or `"" is not a valid instant`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { z } from 'zod';
import { DomainError } from '../../src/domain/errors.ts';
import { parseInstant } from '../../src/domain/instant.ts';
import { RequestContentSchema } from '../../src/domain/request-content.ts';
import { parseIsoInstant, parseWallTime, TimeError } from '../../src/domain/time.ts';
import { validationError } from '../../src/domain/validation.ts';
import { REQUIRED_MESSAGE, withArticle } from '../../src/domain/vocabulary.ts';

const REQUIRED = { ja: '入力が必要です', en: 'This field is required' };

test('the empty fields of a request are each said to be required, in the same words', () => {
  const value = {
    kind: 'inquiry',
    providerOrganisationId: 'org_1',
    caseReference: '',
    offence: '脅迫',
    facts: '書き込み',
    necessity: '特定',
    categories: ['subscriber'],
    targets: [
      { type: 'ip', address: '', at: '' },
      { type: 'account', id: ' ' },
      { type: 'email', address: '' },
    ],
  };
  const r = RequestContentSchema.safeParse(value);
  assert.equal(r.success, false);
  const issues = validationError((r as { error: z.ZodError }).error, value, 'content').details?.issues as {
    field: string;
    message: { ja: string; en: string };
  }[];
  const byField = new Map(issues.map((i) => [i.field, i.message]));
  for (const field of [
    'content.caseReference',
    'content.targets.0.address',
    'content.targets.0.at',
    'content.targets.1.id',
    'content.targets.2.address',
  ]) {
    assert.deepEqual(byField.get(field), REQUIRED, field);
  }
  assert.deepEqual(REQUIRED_MESSAGE, REQUIRED);
});

test('the instant parsers say an empty time is required, not that "" is malformed', () => {
  for (const parse of [() => parseIsoInstant(''), () => parseWallTime('  ', 'Asia/Tokyo')]) {
    assert.throws(parse, (e: unknown) => e instanceof TimeError && e.ja === REQUIRED.ja && e.en === REQUIRED.en);
  }
  assert.throws(
    () => parseInstant('', 'content.requestedBy'),
    (e: unknown) => e instanceof DomainError && e.messages.ja === REQUIRED.ja,
  );
});

test('a wall time not read says which zone it is read in, with its article right', () => {
  assert.throws(
    () => parseWallTime('2026/3/29 1:30', 'Asia/Tokyo'),
    (e: unknown) =>
      e instanceof TimeError &&
      e.en.includes('expected a time in Asia/Tokyo like 2026-03-29 01:30:12') &&
      e.ja.includes('"2026/3/29 1:30"') &&
      e.ja.includes('Asia/Tokyo の日時は 2026-03-29 01:30:12 のように'),
  );
  assert.equal(withArticle('inquiry'), 'an inquiry');
  assert.equal(withArticle('erasure-prohibition order'), 'an erasure-prohibition order');
  assert.equal(withArticle('warrant'), 'a warrant');
});

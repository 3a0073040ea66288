// Refusals of the input schemas a person reaches through the web or the CLI, in words, in both languages:
// the rule said (the MLAT country, the login name, the password, a lawyer's registration number, a
// choice made twice, a break-glass reason, an answer's file) — never the library's fallback
// (「形式が正しくありません」/「値が不正です」), and never a raw field path (`login:`, `answer.attachments.0`).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { z } from 'zod';
import { EnrolInput } from '../../src/auth/enrolment.ts';
import { CreateUserInput } from '../../src/directory/model.ts';
import { answerWithUploadedFiles } from '../../src/domain/answer-content.ts';
import { CivilBlockSchema } from '../../src/domain/civil-disclosure.ts';
import { type DomainError, isDomainError } from '../../src/domain/errors.ts';
import { MlatContentSchema } from '../../src/domain/request-content.ts';
import { parseOrThrow } from '../../src/domain/validation.ts';
import { BreakGlassInput } from '../../src/exchange/sharing.ts';
import { UPLOADED_LOG as file } from '../support/answer-files.ts';
import { refusal as refusalOf } from '../support/refusals.ts';

/** The error a parse throws (the one the API sends: its top message and details). */
function refusal(schema: z.ZodType, value: unknown): DomainError {
  try {
    parseOrThrow(schema, value);
  } catch (e) {
    if (isDomainError(e)) return e;
    throw e;
  }
  return assert.fail(`accepted: ${JSON.stringify(value)}`);
}

/** The categories of a request, as its schema reads them. */
const CategoriesOf = MlatContentSchema.pick({ categories: true });

const GENERIC = ['形式が正しくありません', '値が不正です', '入力が不正です'];

/** Both messages as expected, neither the generic fallback nor naming any of `raw`. */
function said(e: DomainError, ja: RegExp, en: RegExp, raw: readonly string[]): void {
  assert.match(e.messages.ja, ja);
  assert.match(e.messages.en, en);
  for (const text of [e.messages.ja, e.messages.en]) {
    for (const g of GENERIC) assert.ok(!text.includes(g), `generic: ${text}`);
    for (const r of raw) assert.ok(!text.includes(r), `names ${r}: ${text}`);
  }
}

const MLAT = {
  requestedCountry: 'US',
  foreignAuthority: 'U.S. Department of Justice, OIA',
  treaty: 'jp_us_mlat',
  language: 'en',
};
const USER = {
  organisationId: 'org_1',
  login: 'yamada.t',
  displayName: '山田 太郎',
  roles: ['investigator'],
};

describe('refusals of input, in words in both languages', () => {
  it('the MLAT country: a two-letter code in capitals, and never Japan', () => {
    const lower = refusal(MlatContentSchema.shape.mlat, { ...MLAT, requestedCountry: 'us' });
    assert.equal(lower.details?.field, 'requestedCountry');
    said(lower, /要請先の国は ISO 3166-1 の英大文字 2 字/, /two-letter ISO 3166-1 code in capitals/, [
      'requestedCountry',
    ]);
    const japan = refusal(MlatContentSchema.shape.mlat, { ...MLAT, requestedCountry: 'JP' });
    assert.equal(japan.details?.field, 'requestedCountry');
    said(japan, /日本（JP）は指定できません/, /cannot be addressed to Japan/, ['requestedCountry']);
    const language = refusal(MlatContentSchema.shape.mlat, { ...MLAT, language: 'English' });
    assert.equal(language.details?.field, 'language');
    said(language, /言語は BCP 47 の言語タグ/, /BCP 47 tag, such as en/, ['language:']);
  });

  it("a new user's login name, the password they choose at enrolment, a lawyer's registration number", () => {
    const login = refusal(CreateUserInput, { ...USER, login: 'Yamada!' });
    assert.equal(login.details?.field, 'login');
    said(login, /ログイン名は.*2～63 文字/, /login name is 2 to 63 characters/, ['login:']);
    const enrolment = { login: 'yamada.t', code: 'ABCD-EFGH-IJKL-MNOP-QRST' };
    const password = refusal(EnrolInput, { ...enrolment, password: 'short' });
    assert.equal(password.details?.field, 'password');
    assert.equal(password.details?.value, undefined, 'a password is never repeated');
    said(password, /^パスワードは 12 文字以上にしてください$/, /^the password must be at least 12 characters/, [
      'password:',
    ]);
    const bar = refusal(CreateUserInput, { ...USER, barRegistrationNumber: '12-345' });
    assert.equal(bar.details?.field, 'barRegistrationNumber');
    said(bar, /弁護士の登録番号は 1～6 桁の数字/, /bar registration number is 1 to 6 digits/, [
      'barRegistrationNumber',
    ]);
  });

  it('a choice of a closed list made twice is named as people read it', () => {
    const civil = {
      claimant: '甲野 花子',
      rightsInfringed: '実名を挙げて虚偽の事実を摘示している。',
      rights: ['honour', 'privacy', 'honour'],
    };
    const twice = refusal(CivilBlockSchema, civil);
    assert.equal(twice.details?.field, 'rights');
    said(twice, /^「名誉権」が重複して選ばれています/, /^"[^"]+" is chosen twice: choose each at most once$/, [
      'honour',
    ]);
  });

  it('a data category listed twice in a request is named at its place', () => {
    const twice = refusal(CategoriesOf, { categories: ['subscriber', 'access_log', 'subscriber'] });
    assert.equal(twice.details?.field, 'categories.2');
    said(twice, /^「[^」]+」が重複して選ばれています（それぞれ 1 回まで）$/, /^"[^"]+" is chosen twice/, [
      'subscriber',
    ]);
  });

  it('a break-glass reason says why, at least 10 characters', () => {
    const short = refusal(BreakGlassInput, { reason: '  確認のため  ' });
    assert.equal(short.details?.field, 'reason');
    said(short, /^理由は、内容を閲覧する必要性を 10 文字以上で/, /^the reason must be at least 10 characters/, [
      'reason:',
    ]);
  });

  it("an answer's file not uploaded for it is named by its place and name, not its path", () => {
    const answer = { outcome: 'partial' as const, items: [{ targetIndex: 0, result: 'no_data' as const }] };
    const e = refusalOf(() =>
      answerWithUploadedFiles({ ...answer, attachments: [{ ...file, sha256: 'b'.repeat(64) }] }, [file]),
    );
    assert.equal(e.details?.field, 'answer.attachments.0', 'the path stays in the details for programs');
    said(e, /回答の添付ファイル（1 件目）「log\.csv」は/, /the answer's attachment 1 \("log\.csv"\) is not a file/, [
      'answer.attachments',
      'att_',
    ]);
  });
});

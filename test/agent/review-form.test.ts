// The review pages' per-field edit form: what a legal officer posts becomes an answer that is checked by
// the same schema and rules as any draft; a refused edit names the field, in both languages; an
// ambiguous finding can never be edited into one subscriber.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { keepsVerdicts } from '../../src/agent/edit-rules.ts';
import { draftFromForm, formName } from '../../src/agent/review-form.ts';
import { editFormHtml } from '../../src/agent/web-edit-form.ts';
import { type AnswerContent, AnswerContentSchema, validateAnswerContent } from '../../src/domain/answer-content.ts';
import { DomainError } from '../../src/domain/errors.ts';
import type { Finding } from '../../src/domain/finding.ts';
import type { RequestContent } from '../../src/domain/request-content.ts';
import type { PreparedTarget } from '../../src/holders/findings.ts';
import { refusal } from '../support/refusals.ts';

const request = {
  kind: 'warrant',
  categories: ['subscriber', 'access_log'],
  targets: [{ type: 'ip' }, { type: 'ip' }],
} as unknown as RequestContent;

const cand = (account: string, name: string) => ({
  account,
  person: { name, phone: '03-0000-0000' },
  line: {
    installationAddress: '東京都千代田区1-1',
    billingAddress: '東京都港区2-2',
    addressesDiffer: true,
    use: 'residential' as const,
  },
  sources: [{ kind: 'assign' as const, file: 'radius-detail', line: 1 }],
  notes: [],
});
const finding = (verdict: 'unique' | 'ambiguous', n: number): Finding => ({
  verdict,
  records: 'address_logs',
  query: { asReceived: '203.0.113.7 2026-11-30T23:42:17+09:00' },
  candidates: Array.from({ length: n }, (_, j) => cand(`u${j}`, `候補者${j}`)),
  reasons: [],
  resolveBy: [],
});

function draft(): AnswerContent {
  return AnswerContentSchema.parse({
    outcome: 'full',
    items: [
      {
        targetIndex: 0,
        result: 'found',
        subscriber: { account: 'u0', name: '鈴木一郎', phone: '03-0000-0000' },
        finding: finding('unique', 1),
      },
      { targetIndex: 1, result: 'found', finding: finding('ambiguous', 3) },
    ],
  });
}

/** The form as the page posts it untouched: every box checked, results as drafted. */
function untouched(d: AnswerContent): Record<string, string> {
  const form: Record<string, string> = {};
  d.items.forEach((it, i) => {
    form[formName.result(i)] = it.result;
    for (const f of ['account', 'name', 'nameKana', 'phone', 'installationAddress', 'billingAddress'] as const) {
      form[formName.field(i, f)] = '1';
    }
    it.finding?.candidates.forEach((_, j) => {
      form[formName.candidate(i, j)] = '1';
    });
  });
  return form;
}

const prepared: PreparedTarget[] = [
  { targetIndex: 0, finding: finding('unique', 1) },
  { targetIndex: 1, finding: finding('ambiguous', 3) },
] as unknown as PreparedTarget[];

test('an untouched form gives the draft back, and it passes the answer rules', () => {
  const d = draft();
  const out = draftFromForm(d, untouched(d));
  assert.deepEqual(out, d);
  validateAnswerContent(AnswerContentSchema.parse(out), request);
  keepsVerdicts(out, prepared);
});

test('an unchecked field is withheld from the item and from every candidate', () => {
  const d = draft();
  const form = untouched(d);
  delete form[formName.field(0, 'name')];
  delete form[formName.field(0, 'billingAddress')];
  const out = AnswerContentSchema.parse(draftFromForm(d, form));
  validateAnswerContent(out, request);
  const text = JSON.stringify(out.items[0]);
  assert.doesNotMatch(text, /鈴木一郎|候補者0|港区/);
  assert.equal(out.items[0]?.subscriber?.account, 'u0');
  assert.equal(out.items[0]?.finding?.candidates[0]?.line?.installationAddress, '東京都千代田区1-1');
  // The other item is untouched.
  assert.match(JSON.stringify(out.items[1]), /候補者2/);
});

test('a result other than found discloses nothing for that target', () => {
  const d = draft();
  const form = untouched(d);
  form[formName.result(1)] = 'no_data';
  form[formName.note(1)] = '  開示を見送りました  ';
  const out = AnswerContentSchema.parse(draftFromForm(d, form));
  validateAnswerContent(out, request);
  assert.equal(out.items[1]?.result, 'no_data');
  assert.equal(out.items[1]?.finding, undefined);
  assert.equal(out.items[1]?.note, '開示を見送りました');
});

test('an ambiguous finding is never edited down to one candidate', () => {
  const d = draft();
  const form = untouched(d);
  delete form[formName.candidate(1, 0)];
  assert.equal(draftFromForm(d, form).items[1]?.finding?.candidates.length, 2, 'two kept: allowed');
  delete form[formName.candidate(1, 1)];
  assert.throws(
    () => draftFromForm(d, form),
    (e: unknown) =>
      e instanceof DomainError &&
      e.details?.field === 'items.1.candidates' &&
      /2件以上/.test(e.messages.ja) &&
      /single subscriber/.test(e.messages.en),
  );
});

test('an edit that names one subscriber for an ambiguous target, or changes a verdict, is refused', () => {
  const d = draft();
  const single = structuredClone(d);
  const item = single.items[1];
  assert.ok(item);
  delete item.finding;
  item.subscriber = { name: '候補者0' };
  assert.throws(() => keepsVerdicts(single, prepared), /single subscriber/);
  // a café's member or terminal uses name one person too
  const member = structuredClone(d);
  const m = member.items[1];
  assert.ok(m);
  delete m.finding;
  m.member = { name: '候補者0' };
  assert.throws(() => keepsVerdicts(member, prepared), /single subscriber/);
  delete m.member;
  m.terminalUse = [{ terminal: 'PC-07', from: '2026-03-29T01:30:00+09:00' }];
  assert.throws(() => keepsVerdicts(member, prepared), /single subscriber/);
  const relabelled = structuredClone(d);
  const f = relabelled.items[1]?.finding;
  assert.ok(f);
  f.verdict = 'unique';
  f.candidates = f.candidates.slice(0, 1);
  assert.throws(
    () => keepsVerdicts(relabelled, prepared),
    (e: unknown) => e instanceof DomainError && e.details?.field === 'items.1.finding.verdict',
  );
  // A file edit (`shokai agent edit --file`) that keeps one candidate of an ambiguous finding, its verdict kept:
  // refused as the form refuses it (one left reads as a single subscriber).
  const cut = structuredClone(d);
  const kept = cut.items[1]?.finding;
  assert.ok(kept && kept.verdict === 'ambiguous' && kept.candidates.length >= 2);
  kept.candidates = kept.candidates.slice(0, 1);
  assert.throws(
    () => keepsVerdicts(cut, prepared),
    (e: unknown) =>
      e instanceof DomainError && e.details?.field === 'items.1.candidates' && /2件以上/.test(e.messages.ja),
  );
  // Shown next to the target's controls as the rule says it: the field is in the details, never in the words.
  const view = { requestId: 'r1', draft: d, draftDigest: 'abc' } as unknown as Parameters<typeof editFormHtml>[0];
  for (const bad of [single, relabelled]) {
    const err = refusal(() => keepsVerdicts(bad, prepared));
    for (const lang of ['ja', 'en'] as const) {
      assert.doesNotMatch(err.messages[lang], /items\.|finding\.|subscriber:/, err.messages[lang]);
      const html = editFormHtml(view, lang, { field: String(err.details?.field), messages: err.messages });
      const alert = /id="err-1-data">([^<]*)</.exec(html)?.[1] ?? '';
      assert.equal(alert, err.messages[lang].replaceAll('"', '&quot;'));
      assert.doesNotMatch(alert, /items\./);
    }
  }
});

test('a result the rules refuse is shown next to that result, in the reviewer’s language', () => {
  const d = draft();
  const form = untouched(d);
  form[formName.result(0)] = 'not_a_result';
  const err = refusal(() => draftFromForm(d, form));
  const field = String(err.details?.field);
  assert.equal(field, 'items.0.result');
  const view = { requestId: 'r1', draft: d, draftDigest: 'abc' } as unknown as Parameters<typeof editFormHtml>[0];
  for (const lang of ['ja', 'en'] as const) {
    const html = editFormHtml(view, lang, { field, messages: err.messages });
    assert.match(html, /id="result-0" name="result\.0" aria-describedby="err-0-result"/);
    assert.match(html, new RegExp(`id="err-0-result">${lang === 'ja' ? '結果' : '&quot;not_a_result&quot;'}`));
  }
  // A found result on a target whose finding is empty is refused by the answer rules themselves.
  const none = AnswerContentSchema.parse({
    outcome: 'full',
    items: [
      { targetIndex: 0, result: 'no_data', finding: { ...finding('unique', 0), verdict: 'none' } },
      { targetIndex: 1, result: 'no_data' },
    ],
  });
  const f2 = untouched(none);
  f2[formName.result(0)] = 'found';
  assert.throws(
    () => validateAnswerContent(AnswerContentSchema.parse(draftFromForm(none, f2)), request),
    (e: unknown) => e instanceof DomainError && e.details?.field === 'items.0.result',
  );
});

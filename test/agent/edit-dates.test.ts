// A person editing a draft answer on the provider's installation (`shokai agent edit --file`) types the
// subscriber's dates as the hub's answer form asks: a day, or an instant with its offset. A date that is none
// ("2026/13/01", "そのうち") or an end before its start is refused before anything is signed, every such
// field named at once; what the installation's own records wrote ("非公開") and the edit left alone is not.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findAgentRequest } from '../../src/agent/agent.repository.ts';
import { requireEditedDatesRead } from '../../src/agent/edit-rules.ts';
import { editDraft } from '../../src/agent/review.ts';
import { cycle } from '../../src/agent/runner.ts';
import type { AnswerContent, AnswerItem } from '../../src/domain/answer-content.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { boardDeskHooks } from '../support/agent.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks } from '../support/exchange.ts';
import { boardPost, issue, suicideNotice } from '../support/flow.ts';

const found = (subscriber: NonNullable<AnswerItem['subscriber']>): AnswerContent => ({
  outcome: 'full',
  items: [{ targetIndex: 0, result: 'found', subscriber }],
});

/** The fields refused, as the error's issues name them (none when the edit passes). */
function refused(edited: AnswerContent, prepared: AnswerContent | null): string[] {
  try {
    requireEditedDatesRead(edited, prepared);
    return [];
  } catch (e) {
    assert.ok(e instanceof DomainError, String(e));
    assert.equal(e.code, 'VALIDATION_FAILED');
    const issues = e.details?.issues as { field: string; message: { ja: string; en: string } }[];
    assert.equal(e.details?.field, issues[0]?.field, 'the first issue is the error');
    for (const i of issues) assert.ok(i.message.ja && i.message.en, 'each in both languages');
    return issues.map((i) => i.field);
  }
}

test('typed dates that are none are refused, every field at once', () => {
  const typed = found({ name: '山田 花子', contractStart: '2026/13/01', contractEnd: 'そのうち' });
  assert.deepEqual(refused(typed, null), ['items.0.subscriber.contractStart', 'items.0.subscriber.contractEnd']);
  assert.deepEqual(refused(found({ contractStart: '2020-01-01', contractEnd: '2020-03-31T23:59:59+09:00' }), null), []);
  assert.deepEqual(refused(found({ contractStart: '2020-01-01T10:00:00+09:00' }), null), []);
  assert.deepEqual(refused(found({ contractStart: '2020-01-01T10:00:00' }), null), [
    'items.0.subscriber.contractStart',
  ]);
});

test("a candidate's date with a time of day and no offset is refused, as an answer file's is", () => {
  const withCandidate = (birthDate: string): AnswerContent => ({
    outcome: 'full',
    items: [
      {
        targetIndex: 0,
        result: 'found',
        finding: {
          verdict: 'ambiguous',
          records: 'address_logs',
          query: { asReceived: 'x' },
          candidates: [
            { person: { name: '山田 花子', birthDate }, sources: [], notes: [] },
            { person: { name: '佐藤 一郎' }, sources: [], notes: [] },
          ],
          reasons: [],
          resolveBy: [],
        },
      },
    ],
  });
  const field = 'items.0.finding.candidates.0.person.birthDate';
  for (const typed of ['1990-01-01T09:00', '1990-01-01T0900', '１９９０－０１－０１Ｔ０９：００', '1990年1月1日 9時']) {
    assert.deepEqual(refused(withCandidate(typed), null), [field], typed);
  }
  assert.deepEqual(refused(withCandidate('1990-01-01'), null), []);
  assert.deepEqual(refused(withCandidate('1990-01-01T09:00:00+09:00'), null), []);
  // As the records gave it, left by the edit: the records' words stand.
  const prepared = withCandidate('1990-01-01T09:00');
  assert.deepEqual(refused(prepared, prepared), []);
});

test("the records' own words, left as prepared, are not a person's typing", () => {
  const prepared = found({ name: '山田 花子', contractStart: '非公開', contractEnd: '2020-03-31', email: '不明' });
  assert.deepEqual(refused(prepared, prepared), [], 'an edit that changes no date');
  // a name changed, the dates left: still not refused
  assert.deepEqual(refused(found({ ...prepared.items[0]?.subscriber, name: '山田 花子（旧姓 佐藤）' }), prepared), []);
  // a date typed over the records' words is read
  const typedOver = found({ name: '山田 花子', contractStart: '非公開', contractEnd: '3月末', email: '不明' });
  assert.deepEqual(refused(typedOver, prepared), ['items.0.subscriber.contractEnd']);
});

test('an end typed before its start is refused, beside the start the records gave or the person typed', () => {
  const prepared = found({ contractStart: '2020-01-01', contractEnd: '2020-03-31' });
  assert.deepEqual(refused(found({ contractStart: '2020-01-01', contractEnd: '2019-12-31' }), prepared), [
    'items.0.subscriber.contractEnd',
  ]);
  assert.deepEqual(refused(found({ contractStart: '2020-04-01', contractEnd: '2020-03-31' }), prepared), [
    'items.0.subscriber.contractEnd',
  ]);
  // a start the records did not write as a date is not read beside a typed end
  const unread = found({ contractStart: '非公開', contractEnd: '2020-03-31' });
  assert.deepEqual(refused(found({ contractStart: '非公開', contractEnd: '2019-01-01' }), unread), []);
});

for (const dialect of testDialects()) {
  describe(`an edit of a draft answer with a date that is none (${dialect})`, () => {
    const { hub, people, orgs } = hubWithHooks(dialect, ['sato', 'tanaka']);
    const [sato, tanaka] = people;
    const desk = boardDeskHooks(hub, dialect);

    test('is refused naming the field, and the draft is as it was', async () => {
      const { agent, rt, legal } = desk;
      const issued = await issue(sato, tanaka, suicideNotice(orgs.board, [boardPost('t/9#4')]));
      await cycle(rt);
      const before = await findAgentRequest(agent.ctx.store.db, issued.id);
      assert.equal(before?.state, 'prepared');
      const answer = found({ account: 'u-104', name: '山田 花子', contractStart: '2026/13/01' });
      await assert.rejects(
        run(agent.ctx, editDraft, legal, issued.id, { answer }),
        (e: unknown) =>
          e instanceof DomainError &&
          e.details?.field === 'items.0.subscriber.contractStart' &&
          /「2026\/13\/01」は日付として読めません/.test(e.messages.ja),
      );
      const after = await findAgentRequest(agent.ctx.store.db, issued.id);
      assert.equal(after?.draft, before?.draft, 'the draft is unchanged');
      assert.equal(after?.state, 'prepared');
      // the same answer with a day is taken
      const digest = await run(agent.ctx, editDraft, legal, issued.id, {
        answer: found({ account: 'u-104', name: '山田 花子', contractStart: '2026-01-15' }),
      });
      assert.match(digest, /^[0-9a-f]{64}$/);
    });
  });
}

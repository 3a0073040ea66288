import { type AnswerContent, personTimesWithoutOffset, withoutOffset } from '../domain/answer-content.ts';
import { DomainError } from '../domain/errors.ts';
import { PERSON_DATE_FIELDS, type PersonDateField, personDateProblems } from '../domain/person-record.ts';
import { readDayOrInstant } from '../domain/time.ts';
import type { ValidationIssue } from '../domain/validation.ts';
import type { PreparedTarget } from '../holders/findings.ts';

// What an edit of a draft answer may do (`shokai agent edit`, the draft's page). It withholds, it never changes
// what the records say (keepsVerdicts). And the subscriber's dates a person types are read as the hub's answer
// form reads them: a day or an instant with its offset. Only what the edit changed is read so: the
// installation's own records may say "非公開" or a date of their own writing, and an edit that leaves them as
// prepared is not refused for them (the records' words are not a person's typing).

/** Why an ambiguous finding cut to one candidate is refused (the review form's words and a file edit's). */
export const KEEP_TWO_CANDIDATES = {
  ja:
    '判定が「一意に特定できない」対象は、候補を2件以上残してください。候補を1件にすると1人の契約者として読まれます。' +
    '開示しない場合は結果を変更してください',
  en:
    'keep at least two candidates of an ambiguous finding: one left would read as a single subscriber. ' +
    'To disclose none, change the result instead',
} as const;

/** Refuses an edit whose typed dates are none (or end before they start), naming every such field at once. */
export function requireEditedDatesRead(edited: AnswerContent, prepared: AnswerContent | null): void {
  const issues: ValidationIssue[] = [];
  edited.items.forEach((item, i) => {
    if (!item.subscriber) return;
    const person: Partial<Record<PersonDateField, string>> = item.subscriber;
    const before: Partial<Record<PersonDateField, string>> | undefined = prepared?.items.find(
      (p) => p.targetIndex === item.targetIndex,
    )?.subscriber;
    const typed: Partial<Record<PersonDateField, string>> = {};
    for (const f of PERSON_DATE_FIELDS) if (person[f] !== before?.[f] && person[f] !== undefined) typed[f] = person[f];
    // an end before its start concerns both: the one left as prepared is read beside the one typed (if it reads)
    for (const [one, other] of [
      ['contractStart', 'contractEnd'],
      ['contractEnd', 'contractStart'],
    ] as const) {
      const kept = person[other];
      if (typed[one] !== undefined && typed[other] === undefined && kept && readDayOrInstant(kept.trim())) {
        typed[other] = kept;
      }
    }
    for (const problem of personDateProblems(typed)) {
      issues.push({
        field: `items.${i}.subscriber.${problem.field}`,
        code: 'VALIDATION_FAILED',
        message: problem.message,
      });
    }
  });
  // A candidate's dates (a file edit can type them): a time of day without its offset is refused, as
  // `shokai provider answer` refuses it; a value the records gave any candidate of the item stands.
  edited.items.forEach((item, i) => {
    const was = prepared?.items.find((p) => p.targetIndex === item.targetIndex)?.finding?.candidates ?? [];
    item.finding?.candidates.forEach((c, j) => {
      for (const { field: f, value: v } of personTimesWithoutOffset(c.person)) {
        if (was.some((w) => w.person?.[f] === v)) continue;
        const field = `items.${i}.finding.candidates.${j}.person.${f}`;
        issues.push({ field, code: 'VALIDATION_FAILED', message: withoutOffset(v) });
      }
    });
  });
  const first = issues[0];
  if (!first) return;
  throw new DomainError(first.code, first.message, { field: first.field, issues });
}

/**
 * An edit withholds, it never changes what the records say: an item's finding keeps the verdict it was
 * prepared with, and a target found ambiguous is never answered as one subscriber or one record.
 */
export function keepsVerdicts(answer: AnswerContent, prepared: readonly PreparedTarget[]): void {
  answer.items.forEach((item, i) => {
    const was = prepared.find((t) => t.targetIndex === item.targetIndex)?.finding?.verdict;
    if (was === undefined) return;
    if (item.finding && item.finding.verdict !== was) {
      throw new DomainError(
        'VALIDATION_FAILED',
        {
          ja: `記録から得た判定（${was}）は編集で変更できません`,
          en: `the verdict the records gave (${was}) cannot be changed by an edit`,
        },
        { field: `items.${i}.finding.verdict`, value: item.finding.verdict },
      );
    }
    // Whoever the records would name: a subscriber and their log, or a café's member and their terminal uses.
    const names =
      item.subscriber !== undefined ||
      item.accessLog !== undefined ||
      item.member !== undefined ||
      item.terminalUse !== undefined;
    if (was === 'ambiguous' && names) {
      throw new DomainError(
        'VALIDATION_FAILED',
        {
          ja: `一意に特定できなかった対象を1人の契約者として回答することはできません`,
          en: `a target found ambiguous is never answered as a single subscriber`,
        },
        { field: `items.${i}.subscriber`, value: was },
      );
    }
    // An ambiguous finding keeps at least two candidates (one left reads as a single subscriber), by the form
    // and by a file edit alike; to disclose none, the item's result changes instead.
    const before = prepared.find((t) => t.targetIndex === item.targetIndex)?.finding?.candidates.length ?? 0;
    const kept = item.finding?.candidates.length;
    if (was === 'ambiguous' && kept !== undefined && kept < Math.min(2, before)) {
      throw new DomainError('VALIDATION_FAILED', KEEP_TWO_CANDIDATES, { field: `items.${i}.candidates`, value: kept });
    }
  });
}

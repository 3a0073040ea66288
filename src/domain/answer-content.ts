import { z } from 'zod';
import { canonicalJson } from '../crypto/canonical-json.ts';
import { type AttachmentRef, AttachmentRefSchema, MAX_ATTACHMENTS_PER_REQUEST } from './attachments.ts';
import { DomainError } from './errors.ts';
import { candidateDiscloses, FindingSchema, PERSON_FIELDS } from './finding.ts';
import { InstantSchema } from './instant.ts';
import { isTimeWithoutOffset, PERSON_DATE_FIELDS, type PersonDateField } from './person-record.ts';
import type { RequestContent } from './request-content.ts';
import { shownInput } from './shown-text.ts';
import { IpAddressSchema } from './targets.ts';
import type { Bilingual, DataCategory } from './vocabulary.ts';
import {
  ANSWER_ITEM_RESULT_LABELS,
  ANSWER_ITEM_RESULTS,
  ANSWER_OUTCOME_LABELS,
  ANSWER_OUTCOMES,
  DATA_CATEGORY_LABELS,
  FINDING_VERDICT_LABELS,
  ID_DOCUMENT_KINDS,
} from './vocabulary.ts';

/**
 * The provider's structured answer, one item per target: this is what is signed and sealed to the
 * requesting unit. Strict objects throughout: an answer carries exactly what the schema names.
 */

export { ANSWER_ITEM_RESULT_LABELS, ANSWER_ITEM_RESULTS, type AnswerItemResult } from './vocabulary.ts';

const field = (max: number) => z.string().max(max);

export const SubscriberRecordSchema = z.strictObject({ account: field(256).optional(), ...PERSON_FIELDS });

export const AccessLogEntrySchema = z.strictObject({
  at: InstantSchema,
  address: IpAddressSchema,
  port: z.number().int().min(0).max(65535).optional(),
  /** login, post, session_start, … as the provider records it. */
  action: field(100).optional(),
});

/**
 * A café's member as its identity check registered them (the ordinance on internet-terminal businesses): the
 * member number, the person as registered, and the identity document checked and when. A café answers with
 * this in place of a carrier's subscriber (category subscriber).
 */
export const MemberRecordSchema = z.strictObject({
  memberNumber: field(256).optional(),
  name: field(300).optional(),
  nameKana: field(300).optional(),
  address: field(1000).optional(),
  phone: field(40).optional(),
  idDocument: z.enum(ID_DOCUMENT_KINDS).optional(),
  idCheckedAt: InstantSchema.optional(),
});

/** A café's record of one use of a terminal: which terminal, from when, until when (category access_log). */
export const TerminalUseEntrySchema = z.strictObject({
  terminal: field(100).trim().min(1),
  from: InstantSchema,
  to: InstantSchema.optional(),
});

export const AnswerItemSchema = z.strictObject({
  targetIndex: z.number().int().min(0),
  result: z.enum(ANSWER_ITEM_RESULTS),
  subscriber: SubscriberRecordSchema.optional(),
  accessLog: z.array(AccessLogEntrySchema).max(100000).optional(),
  /** A café's member (in place of a subscriber). */
  member: MemberRecordSchema.optional(),
  /** A café's terminal-use records (in place of access records). */
  terminalUse: z.array(TerminalUseEntrySchema).max(100000).optional(),
  traffic: z
    .array(z.record(z.string().max(200), z.string().max(10000)))
    .max(100000)
    .optional(),
  content: z.string().max(10_000_000).optional(),
  /** Preservation answers: the data are kept until this instant. */
  preservedUntil: InstantSchema.optional(),
  note: field(5000).optional(),
  /**
   * What the provider's records say about the target (verdict, candidates with why, window,
   * sources). Optional: answers written before findings existed stay valid.
   */
  finding: FindingSchema.optional(),
});

export const AnswerContentSchema = z.strictObject({
  outcome: z.enum(ANSWER_OUTCOMES),
  items: z.array(AnswerItemSchema).min(1).max(200),
  note: field(5000).optional(),
  /** Files the provider attaches (uploaded first); their SHA-256 is signed with the answer. */
  attachments: z.array(AttachmentRefSchema).max(MAX_ATTACHMENTS_PER_REQUEST).optional(),
});

export type AnswerContent = z.output<typeof AnswerContentSchema>;
export type AnswerContentInput = z.input<typeof AnswerContentSchema>;
export type AnswerItem = z.output<typeof AnswerItemSchema>;

/**
 * The answer with its files: the ones it names, each of which must be a file uploaded for this
 * request's answer exactly as `uploaded` describes it, or, when it names none, every uploaded one.
 * The hub (preview and answer) and the provider's side (sealing on its own) check it alike.
 */
export function answerWithUploadedFiles(answer: AnswerContent, uploaded: readonly AttachmentRef[]): AnswerContent {
  if (answer.attachments === undefined) {
    return uploaded.length === 0 ? answer : { ...answer, attachments: [...uploaded] };
  }
  answer.attachments.forEach((ref, i) => {
    const found = uploaded.find((a) => a.id === ref.id);
    if (!found || canonicalJson(found) !== canonicalJson(ref)) {
      throw new DomainError(
        'VALIDATION_FAILED',
        {
          ja:
            `回答の添付ファイル（${i + 1} 件目）「${shownInput(ref.fileName)}」は、` +
            'この要請の回答用にアップロードされたファイルと一致しません',
          en:
            `the answer's attachment ${i + 1} ("${shownInput(ref.fileName)}") is not a file ` +
            `uploaded for this request's answer (or differs from it)`,
        },
        { field: `answer.attachments.${i}`, value: ref.id },
      );
    }
  });
  return answer;
}

/** Which answer field discloses which data category. */
export const ANSWER_FIELD_CATEGORY = {
  subscriber: 'subscriber',
  accessLog: 'access_log',
  member: 'subscriber',
  terminalUse: 'access_log',
  traffic: 'traffic',
  content: 'content',
} as const satisfies Record<string, DataCategory>;
type DataField = keyof typeof ANSWER_FIELD_CATEGORY;
const DATA_FIELDS = Object.keys(ANSWER_FIELD_CATEGORY) as DataField[];

/** The message says what is wrong in words; the field's path is for programs, in the details. */
function fail(fieldPath: string, value: unknown, ja: string, en: string, extra: Record<string, unknown> = {}): never {
  throw new DomainError('VALIDATION_FAILED', { ja, en }, { field: fieldPath, value, ...extra });
}

/**
 * Rules between the answer and the request it answers (throws DomainError VALIDATION_FAILED naming the
 * item, e.g. `items.2.traffic`):
 * - every targetIndex names a target of the request, and no target is answered twice;
 * - outcome 'full' answers every target;
 * - data are given only for categories the request asked for, and only with result 'found';
 * - a preservation answer discloses no data (disclosure needs its own request) and states
 *   preservedUntil for each found item; preservedUntil appears in no other kind of answer.
 */
export function validateAnswerContent(answer: AnswerContent, request: RequestContent): void {
  const requested = new Set<DataCategory>(request.categories);
  const seen = new Map<number, number>();
  answer.items.forEach((item, i) => {
    const at = `items.${i}`;
    if (item.targetIndex >= request.targets.length) {
      fail(
        `${at}.targetIndex`,
        item.targetIndex,
        `対象番号 ${item.targetIndex} は要請にありません（対象は ${request.targets.length} 件、0 から数えます）`,
        `target ${item.targetIndex} does not exist: the request ` +
          `names ${request.targets.length} target(s), counted from 0`,
      );
    }
    const earlier = seen.get(item.targetIndex);
    if (earlier !== undefined) {
      fail(
        `${at}.targetIndex`,
        item.targetIndex,
        `対象番号 ${item.targetIndex} は回答項目 ${earlier + 1} で既に回答されています`,
        `target ${item.targetIndex} is already answered by answer item ${earlier + 1}`,
        { duplicateOf: `items.${earlier}` },
      );
    }
    seen.set(item.targetIndex, i);

    for (const f of DATA_FIELDS) {
      if (item[f] === undefined) continue;
      const category = ANSWER_FIELD_CATEGORY[f];
      if (request.kind === 'preservation') {
        fail(
          `${at}.${f}`,
          category,
          '保全要請への回答にはデータを含められません（保全は開示ではありません。開示には別の要請が必要です）',
          'a preservation answer discloses no data (preserving is not disclosing; disclosure needs its own request)',
        );
      }
      if (!requested.has(category)) {
        fail(
          `${at}.${f}`,
          category,
          `要請されていないデータ種別（${DATA_CATEGORY_LABELS[category].ja}）は回答できません`,
          `${DATA_CATEGORY_LABELS[category].en} was not requested (requested: ` +
            `${[...requested].map((c) => DATA_CATEGORY_LABELS[c].en).join(', ')})`,
          { requested: [...requested] },
        );
      }
      if (item.result !== 'found') {
        fail(
          `${at}.${f}`,
          item.result,
          `結果が「${ANSWER_ITEM_RESULT_LABELS[item.result].ja}」の項目にはデータを含められません`,
          `an item whose result is "${ANSWER_ITEM_RESULT_LABELS[item.result].en}" carries no data`,
        );
      }
    }
    item.terminalUse?.forEach((u, j) => {
      if (u.to !== undefined && Date.parse(u.to) < Date.parse(u.from)) {
        fail(
          `${at}.terminalUse.${j}.to`,
          u.to,
          '端末の利用終了が利用開始より前です',
          "the terminal use's end is before its start",
        );
      }
    });
    if (item.finding !== undefined) checkFinding(item, at, request, requested);
    if (item.preservedUntil !== undefined && request.kind !== 'preservation') {
      fail(
        `${at}.preservedUntil`,
        item.preservedUntil,
        '保全期限は保全要請への回答にのみ記載します',
        'a preserved-until date belongs to preservation answers only',
      );
    }
    if (request.kind === 'preservation' && item.result === 'found' && item.preservedUntil === undefined) {
      fail(
        `${at}.preservedUntil`,
        undefined,
        '保全した項目には保全期限が必要です',
        'a preserved item states the date it is preserved until',
      );
    }
  });
  if (answer.outcome === 'full') {
    const missing = request.targets.map((_, i) => i).filter((i) => !seen.has(i));
    if (missing.length > 0) {
      fail(
        'outcome',
        answer.outcome,
        `回答の区分は「${ANSWER_OUTCOME_LABELS.full.ja}」ですが、対象 ${missing.join(', ')} への回答がありません`,
        `the answer is marked ${ANSWER_OUTCOME_LABELS.full.en.toLowerCase()} ` +
          `but target(s) ${missing.join(', ')} are not answered`,
        { missing },
      );
    }
  }
}

/** The item's fields a finding's candidates stand in for (who held it; what they did). */
const FINDING_FIELDS = ['subscriber', 'accessLog'] as const;
/** A candidate gives what the request did not ask for, in English (the Japanese names the category). */
const CANDIDATE_NOT_REQUESTED: Record<(typeof FINDING_FIELDS)[number], string> = {
  subscriber: 'the candidate names a person, but subscriber information was not requested',
  accessLog: 'the candidate gives access records, but the access log was not requested',
};

/**
 * A finding agrees with its item: an ambiguous or empty finding never names one subscriber or one
 * access record at the item's level (its candidates are listed inside the finding, each with why);
 * a unique or ambiguous finding is a `found` item, an empty one is not; what its candidates disclose
 * was asked for; a preservation answer carries no candidates.
 */
function checkFinding(item: AnswerItem, at: string, request: RequestContent, requested: Set<DataCategory>): void {
  const f = item.finding;
  if (f === undefined) return;
  if (f.verdict !== 'unique') {
    for (const k of [...FINDING_FIELDS, 'member', 'terminalUse'] as const) {
      if (item[k] !== undefined) {
        fail(
          `${at}.${k}`,
          f.verdict,
          '判定が「一意に特定」でない項目に契約者・通信記録を1件として記載することはできません（候補として記載します）',
          `a finding that is not unique ("${FINDING_VERDICT_LABELS[f.verdict].en}") never ` +
            `names one subscriber or record at the item's level: list the candidates in the finding`,
        );
      }
    }
  }
  const found = f.verdict !== 'none';
  if (found !== (item.result === 'found')) {
    fail(
      `${at}.result`,
      item.result,
      found ? '候補のある判定の結果は「該当あり」です' : '該当する記録のない判定の結果は「該当あり」以外です',
      found
        ? `a finding with candidates ("${FINDING_VERDICT_LABELS[f.verdict].en}") is a found item`
        : 'a finding without candidates is not a found item',
    );
  }
  f.candidates.forEach((c, j) => {
    const d = candidateDiscloses(c);
    const path = `${at}.finding.candidates.${j}`;
    if (request.kind === 'preservation') {
      fail(path, f.verdict, '保全要請への回答には候補を含められません', 'a preservation answer lists no candidates');
    }
    for (const k of FINDING_FIELDS) {
      const category = ANSWER_FIELD_CATEGORY[k];
      if (d[k] && !requested.has(category)) {
        fail(
          path,
          category,
          `要請されていないデータ種別（${DATA_CATEGORY_LABELS[category].ja}）は候補に含められません`,
          CANDIDATE_NOT_REQUESTED[k],
        );
      }
    }
  });
}

/** Why a person's date giving a time of day without its offset is refused, naming the value. */
export function withoutOffset(v: string): Bilingual {
  const shown = shownInput(v.trim());
  return {
    ja: `「${shown}」の時刻に UTC からの時差がありません。日付だけなら 2026-01-15 のように、時刻も書くなら末尾に +09:00（日本時間）か Z（UTC）を付けてください`,
    en:
      `"${shown}" gives a time of day without a UTC offset: write the day alone (e.g. 2026-01-15), ` +
      'or end the time with +09:00 (Japan time) or Z (UTC)',
  };
}

/** A person's dates that give a time of day without its UTC offset, each with its value. */
export function personTimesWithoutOffset(
  person: Partial<Record<PersonDateField, string>> | undefined,
): { field: PersonDateField; value: string }[] {
  return PERSON_DATE_FIELDS.flatMap((field) => {
    const value = person?.[field];
    return value !== undefined && isTimeWithoutOffset(value) ? [{ field, value }] : [];
  });
}

/**
 * An answer read from a file (`shokai provider answer`) is refused when a person's date in it — the subscriber's,
 * a candidate's — gives a time of day without its UTC offset (`2020-04-01T09:00`): which instant it names depends
 * on a zone nobody wrote. Every such field is named at once (`answer.items.0.subscriber.contractStart`), with its
 * value. A record's own words ("非公開") and a day alone stand: this is no date form, only the house rule on times.
 */
export function requirePersonTimesWithOffset(answer: AnswerContent, prefix = 'answer'): void {
  const issues: { field: string; code: 'INSTANT_WITHOUT_OFFSET'; message: Bilingual; value: string }[] = [];
  const check = (person: Partial<Record<PersonDateField, string>> | undefined, at: string) => {
    for (const { field, value: v } of personTimesWithoutOffset(person)) {
      issues.push({ field: `${at}.${field}`, code: 'INSTANT_WITHOUT_OFFSET', value: v, message: withoutOffset(v) });
    }
  };
  answer.items.forEach((item, i) => {
    check(item.subscriber, `${prefix}.items.${i}.subscriber`);
    item.finding?.candidates.forEach((c, j) => {
      check(c.person, `${prefix}.items.${i}.finding.candidates.${j}.person`);
    });
  });
  const first = issues[0];
  if (!first) return;
  throw new DomainError(first.code, first.message, {
    field: first.field,
    value: first.value,
    issues: issues.map(({ field, code, message }) => ({ field, code, message })),
  });
}

import type { z } from 'zod';
import type { AssertionInput } from '../directory/credentials.ts';
import { signedDirectory } from '../directory/transparency.ts';
import { type Principal, requirePermission } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { parseInstant } from '../domain/instant.ts';
import {
  checkNoticeDay,
  type FinalPeriod,
  finalPeriodCheck,
  type SuitPeriod,
  suitInTime,
} from '../domain/objection-period.ts';
import { standingOf } from '../domain/order-standing.ts';
import { parseOrThrow } from '../domain/validation.ts';
import {
  type Bilingual,
  DISCLOSURE_ORDER_STANDING_LABELS,
  type DisclosureOrderStanding,
  OBJECTION_OUTCOME_LABELS,
  OBJECTION_PARTIES,
} from '../domain/vocabulary.ts';
import { withdrawOnSetAside } from '../exchange/order-set-aside.ts';
import { findRequest } from '../exchange/request.repository.ts';
import { addMessage } from '../exchange/requests.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { DisclosureOrderApplicationRow, DisclosureOrderStandingRow, RequestRow } from '../store/schema.ts';
import { CASE_ENDED, endAncillaryOrdersOf } from './ancillary-orders.ts';
import { moveApplication, signingPreviewOf } from './application-kind.ts';
import type { DisclosureOrderApplication } from './disclosure-order-models.ts';
import { toView } from './disclosure-order-views.ts';
import { ORDER_APPLICATIONS, onSide, wrongState } from './disclosure-orders.ts';
import { type JudgeRecord, judgeRecordToSign, signJudgeRecord, withJudgeSignature } from './judge-record-signature.ts';
import { blankStanding, findStanding, saveStanding } from './order-standing.repository.ts';
import { orderedAtOf } from './order-standing.ts';
import { RecordFinalInput, RecordObjectionInput, RecordObjectionOutcomeInput } from './order-standing-inputs.ts';

// An issued disclosure order after it was made (発信者情報開示命令, art. 14): a judge of the court that
// made it — the objection suit (異議の訴え) belongs to that court — records that a party brought the suit,
// how the suit ended (the order upheld, changed or set aside, 認可・変更・取消し), or that the month passed
// without one (確定). Each record is audited; how the suit ended is signed with the judge's own passkey
// (a set-aside enters the directory log with that signature). When the case ends — final, or set aside —
// its ancillary orders cease as they do when it is declined or withdrawn. The request drafted from the
// order is told in its thread of a suit, a change, or a set-aside (that it can no longer be answered or,
// if answered, that nothing disclosed may be used).

/**
 * The issued order before the court's judge, a check it is in one of `needed`, the judge's record
 * parsed by `schema`, and the standing to write from (a blank one where none is kept yet).
 */
async function onIssuedOrder<S extends z.ZodType>(
  uow: UnitOfWork,
  p: Principal,
  id: string,
  needed: DisclosureOrderStanding[],
  schema: S,
  raw: unknown,
) {
  requirePermission(p, 'disclosure_order.decide');
  const row = await onSide(uow, p, id, 'court');
  if (row.state !== 'issued') throw wrongState(row, ['issued']);
  const standing = await findStanding(uow.tx, row.id);
  const now = standingOf(standing);
  if (!needed.includes(now)) {
    const label = DISCLOSURE_ORDER_STANDING_LABELS[now];
    const want = needed.map((s) => DISCLOSURE_ORDER_STANDING_LABELS[s]);
    throw new DomainError(
      'ILLEGAL_TRANSITION',
      {
        ja: `開示命令（${row.case_number}）は「${label.ja}」です（この記録は「${want.map((w) => w.ja).join('」「')}」のときのみ）`,
        en:
          `the order (${row.case_number}) is ${label.en.toLowerCase()} ` +
          `(this needs: ${want.map((w) => w.en.toLowerCase()).join(', ')})`,
      },
      { field: 'standing', value: now },
    );
  }
  const input = parseOrThrow(schema, raw);
  return { row, input, standing: standing ?? blankStanding(row, uow.now.toISOString()) };
}

/** What each instant of the court's record is called in a message (the field's name is for programs). */
const WHEN_WORDS = {
  filedAt: { ja: '異議の訴えの提起日時', en: 'the date the objection suit was filed' },
  decidedAt: { ja: '異議の訴えの判決の確定日時', en: 'the date the judgment on the objection suit became final' },
  finalAt: { ja: '開示命令の確定日時', en: 'the date the order became final' },
} as const satisfies Record<string, Bilingual>;

/**
 * An instant of the court's record: not in the future, not before `after` (named by `afterWhat`). The
 * message names the date in words; `field` goes in the details.
 */
function checkWhen(field: keyof typeof WHEN_WORDS, value: string, now: Date, after: string, afterWhat: Bilingual) {
  const what = WHEN_WORDS[field];
  const at = parseInstant(value, field);
  if (at.epochMs > now.getTime()) {
    throw new DomainError(
      'VALIDATION_FAILED',
      { ja: `${what.ja}（${value}）が未来の日時です`, en: `${what.en} (${value}) is in the future` },
      { field, value, now: now.toISOString() },
    );
  }
  if (at.epochMs < Date.parse(after)) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: `${what.ja}（${value}）が${afterWhat.ja}（${after}）より前です`,
        en: `${what.en} (${value}) is before ${afterWhat.en} (${after})`,
      },
      { field, value, earliest: after },
    );
  }
  return new Date(at.epochMs).toISOString();
}

/**
 * The judge signs the record `which` of the standing `next` with his own passkey; the standing is saved
 * with the signature and the record audited on the application (its `updated_at` moves with it), the
 * details given the key and the digest signed.
 */
async function recordSigned(
  uow: UnitOfWork,
  p: Principal,
  checked: {
    row: DisclosureOrderApplicationRow;
    next: DisclosureOrderStandingRow;
    digest: string;
    input: { assertion?: AssertionInput | undefined };
  },
  which: JudgeRecord,
  action: 'disclosure_order.objection_filed' | 'disclosure_order.objection_decided' | 'disclosure_order.final',
  details: (signature: { keyId: string; digest: string }) => Record<string, unknown>,
): Promise<DisclosureOrderApplicationRow> {
  const { row, next, digest, input } = checked;
  const signed = await signJudgeRecord(uow, p, row, digest, input.assertion);
  await saveStanding(uow.tx, { ...withJudgeSignature(next, which, signed), updated_at: uow.now.toISOString() });
  // The record enters the directory log now: the hub signs the log's head with it, which shows the judge's key.
  await signedDirectory(uow);
  return moveApplication(uow, p, ORDER_APPLICATIONS, row, ['issued'], {}, action, {
    caseNumber: row.case_number,
    ...details({ keyId: signed.keyId, digest }),
  });
}

/** The suit the judge is about to record as filed (its time checked), and what his passkey signs of it. */
async function objectionInput(uow: UnitOfWork, p: Principal, id: string, raw: unknown) {
  const { row, input, standing: s } = await onIssuedOrder(uow, p, id, ['not_final'], RecordObjectionInput, raw);
  const filedAt = checkWhen('filedAt', input.filedAt, uow.now, orderedAtOf(row), {
    ja: '発令日時',
    en: 'the order was made',
  });
  const period = suitInTime(orderedAtOf(row), input, filedAt, uow.now);
  const next: DisclosureOrderStandingRow = {
    ...s,
    objection_noticed_on: input.noticedOn ?? null,
    objection_last_day: input.noticedOn === undefined ? null : period.lastDay,
    // What the judge signs of the counting: the notice day (or none: the order's day) and the holidays.
    objection_period: JSON.stringify({
      noticedOn: input.noticedOn ?? null,
      holidays: input.holidays ?? [],
    } satisfies SuitPeriod),
    objection_filed_at: filedAt,
    objection_by: input.by,
    objection_case_number: input.caseNumber,
    objection_recorded_by: p.id,
    objection_logged_at: uow.now.toISOString(),
  };
  return { row, input, next, filedAt, period, ...judgeRecordToSign(row, next, 'objection') };
}

/** What the judge is about to sign: the suit's filing as canonical JSON and the digest his passkey signs. */
export const objectionPreview = signingPreviewOf(objectionInput);

/**
 * A judge records that a party brought an objection suit against the order (within its month), signed
 * with his own passkey: while it is pending the order cannot be answered, so the hub's word is not enough.
 */
export async function recordObjection(
  uow: UnitOfWork,
  p: Principal,
  id: string,
  raw: unknown,
): Promise<DisclosureOrderApplication> {
  const checked = await objectionInput(uow, p, id, raw);
  const { row, input, filedAt, period } = checked;
  const moved = await recordSigned(uow, p, checked, 'objection', 'disclosure_order.objection_filed', (signature) => ({
    by: input.by,
    suitCaseNumber: input.caseNumber,
    filedAt,
    noticedOn: period.noticedOn,
    noticeNamed: input.noticedOn !== undefined,
    lastDay: period.lastDay,
    ...(period.movedOver.length > 0 ? { movedOver: period.movedOver } : {}),
    ...signature,
  }));
  await tellRequest(uow, p, row, () => 'order_contested');
  return toView(uow, p, moved, 'court');
}

/**
 * The outcome the judge is about to record, checked (the changed part with a change, the ground with a
 * set-aside, the time), and what his passkey signs of it.
 */
async function outcomeInput(uow: UnitOfWork, p: Principal, id: string, raw: unknown) {
  const { row, input, standing } = await onIssuedOrder(uow, p, id, ['contested'], RecordObjectionOutcomeInput, raw);
  if ((input.outcome === 'changed') !== (input.changedContent !== undefined)) {
    throw new DomainError(
      'VALIDATION_FAILED',
      input.outcome === 'changed'
        ? { ja: '変更後の主文を入力してください', en: 'give the operative part as changed' }
        : {
            ja: '変更後の主文は「変更」のときのみ入力します',
            en: 'the changed operative part goes with "changed" only',
          },
      { field: 'changedContent' },
    );
  }
  if ((input.outcome === 'set_aside') !== (input.ground !== undefined)) {
    throw new DomainError(
      'VALIDATION_FAILED',
      input.outcome === 'set_aside'
        ? { ja: '取消しの理由の区分を選んでください', en: 'choose the category of the ground for setting it aside' }
        : {
            ja: '理由の区分は「取消し」のときのみ選びます',
            en: 'the category of the ground goes with "set aside" only',
          },
      { field: 'ground' },
    );
  }
  const at = checkWhen('decidedAt', input.decidedAt, uow.now, standing.objection_filed_at ?? row.filed_at, {
    ja: '異議の訴えの提起',
    en: 'the objection suit was filed',
  });
  const next: DisclosureOrderStandingRow = {
    ...standing,
    outcome: input.outcome,
    outcome_at: at,
    outcome_reason: input.reason,
    changed_content: input.changedContent ?? null,
    outcome_recorded_by: p.id,
    final_at: input.outcome === 'set_aside' ? null : at,
    set_aside_ground: input.ground ?? null,
    set_aside_logged_at: input.outcome === 'set_aside' ? uow.now.toISOString() : null,
    outcome_logged_at: input.outcome === 'set_aside' ? null : uow.now.toISOString(),
  };
  return { row, input, next, at, ...judgeRecordToSign(row, next, 'outcome') };
}

/** What the judge is about to sign: the outcome as canonical JSON and the digest his passkey signs. */
export const objectionOutcomePreview = signingPreviewOf(outcomeInput);

/**
 * A judge records how the objection suit ended, signed with his own passkey (the server holds no key to
 * sign for the court): upheld or changed, the order is final from then (a changed order with its new
 * operative part); set aside, it is gone — its request is told, and the set-aside enters the directory
 * log with the signature — and either way the case ended, so its ancillary orders cease.
 */
export async function recordObjectionOutcome(
  uow: UnitOfWork,
  p: Principal,
  id: string,
  raw: unknown,
): Promise<DisclosureOrderApplication> {
  const checked = await outcomeInput(uow, p, id, raw);
  const { row, input, at } = checked;
  const moved = await recordSigned(uow, p, checked, 'outcome', 'disclosure_order.objection_decided', (signature) => ({
    outcome: input.outcome,
    decidedAt: at,
    requestId: row.request_id,
    ...signature,
    ...(input.ground ? { ground: input.ground } : {}),
  }));
  const label = OBJECTION_OUTCOME_LABELS[input.outcome];
  await endAncillaryOrdersOf(uow, p, row.id, {
    ja: `異議の訴え: ${label.ja}`,
    en: `objection suit: ${label.en.toLowerCase()}`,
  });
  // Set aside, a request still open ends (withdrawn, it rests on the order); one answered is told that
  // nothing disclosed may be used.
  await tellRequest(uow, p, row, async (request) => {
    if (input.outcome === 'changed') return 'order_changed';
    if (input.outcome !== 'set_aside') return undefined;
    if (request.answered_at !== null) return 'order_set_aside_answered';
    return (await withdrawOnSetAside(uow, p, request)) ? 'order_set_aside_withdrawn' : 'order_set_aside';
  });
  return toView(uow, p, moved, 'court');
}

type OrderNotice =
  | 'order_contested'
  | 'order_changed'
  | 'order_set_aside'
  | 'order_set_aside_answered'
  | 'order_set_aside_withdrawn';

/**
 * The request drafted from the order is told in its thread, in each reader's language: the suit brought,
 * the order changed or set aside (`notice` acts on the request and picks the words; none: nothing).
 */
async function tellRequest(
  uow: UnitOfWork,
  p: Principal,
  row: DisclosureOrderApplicationRow,
  notice: (request: RequestRow) => Promise<OrderNotice | undefined> | OrderNotice | undefined,
): Promise<void> {
  const request = row.request_id ? await findRequest(uow.tx, row.request_id) : undefined;
  const code = request ? await notice(request) : undefined;
  if (request && code) await addMessage(uow, request, p, 'court', 'court_order', { code });
}

/**
 * The finality the judge is about to record (not before both parties' months passed, each counted from its
 * own notice), and what his passkey signs: the notice days and the holidays with it.
 */
async function finalInput(uow: UnitOfWork, p: Principal, id: string, raw: unknown) {
  const { row, input, standing: s } = await onIssuedOrder(uow, p, id, ['not_final'], RecordFinalInput, raw);
  const orderedAt = orderedAtOf(row);
  for (const party of OBJECTION_PARTIES) {
    checkNoticeDay(orderedAt, input.noticedOn[party], uow.now, `noticedOn.${party}`);
  }
  const period: FinalPeriod = { noticedOn: input.noticedOn, holidays: input.holidays ?? [] };
  const counted = finalPeriodCheck(orderedAt, period);
  const at = checkWhen('finalAt', input.finalAt, uow.now, counted.finalFrom.toISOString(), {
    ja: '各当事者が告知を受けた日から数えた異議の訴えの期間（1か月）の満了',
    en: "the end of the month for an objection suit counted from each party's notice",
  });
  const next: DisclosureOrderStandingRow = {
    ...s,
    final_period: JSON.stringify(period),
    final_at: at,
    final_recorded_by: p.id,
    final_logged_at: uow.now.toISOString(),
  };
  return { row, input, next, at, counted, ...judgeRecordToSign(row, next, 'final') };
}

/** What the judge is about to sign: the order's finality as canonical JSON and the digest his passkey signs. */
export const finalPreview = signingPreviewOf(finalInput);

/**
 * A judge records that the order became final without an objection, signed with his own passkey: not
 * before its month passed. The case ended, so its ancillary orders cease.
 */
export async function recordFinal(
  uow: UnitOfWork,
  p: Principal,
  id: string,
  raw: unknown,
): Promise<DisclosureOrderApplication> {
  const checked = await finalInput(uow, p, id, raw);
  const { row, at, input, counted } = checked;
  const moved = await recordSigned(uow, p, checked, 'final', 'disclosure_order.final', (signature) => ({
    finalAt: at,
    noticedOn: input.noticedOn,
    lastDays: { provider: counted.lastDays.provider.lastDay, claimant: counted.lastDays.claimant.lastDay },
    ...(input.holidays?.length ? { holidays: input.holidays } : {}),
    ...signature,
  }));
  await endAncillaryOrdersOf(uow, p, row.id, CASE_ENDED.final);
  return toView(uow, p, moved, 'court');
}

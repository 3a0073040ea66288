import { z } from 'zod';
import { signedLog } from '../directory/published-log.ts';
import { DomainError } from '../domain/errors.ts';
import { HUB_RECORD_SIGNATURES } from '../domain/judge-record-signature.ts';
import { dayInJapan, earliestFinal, objectionPeriod } from '../domain/objection-period.ts';
import { groundOf } from '../domain/order-set-aside.ts';
import { answerRefusal, standingOf } from '../domain/order-standing.ts';
import type { RequestContent } from '../domain/request-content.ts';
import {
  type Bilingual,
  DISCLOSURE_ORDER_STANDINGS,
  OBJECTION_OUTCOMES,
  OBJECTION_PARTIES,
  type ObjectionOutcome,
  type ObjectionParty,
  SET_ASIDE_GROUNDS,
} from '../domain/vocabulary.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { DisclosureOrderApplicationRow, DisclosureOrderStandingRow, RequestRow } from '../store/schema.ts';
import { type JudgeRecord, judgeRecordVerdict } from './judge-record-signature.ts';
import { findPresentedOrder } from './order-standing.repository.ts';

// How an issued disclosure order stands, as its parties read it: on the application's page (the law
// office and the court) and on a civil request that presents the order (the provider and the law office).
// Exchange reads it through here to refuse an answer under an order set aside or contested, and to fail
// the provider's check of an order set aside; it never writes it (./disclosure-order-objection.ts does).

/**
 * Whether the judge's passkey signature over a record verifies under his key as the hub's signed directory
 * log shows it, checked by the hub when it is read (against the record as stored): `unsigned` for a record
 * made before such records were signed, `not_in_log` when the key is not in that log, `not_judge` when its
 * signer was no judge of the court when he signed, by that log.
 */
const Signature = z.enum(HUB_RECORD_SIGNATURES);

export const OrderStandingSchema = z.object({
  standing: z.enum(DISCLOSURE_ORDER_STANDINGS),
  /**
   * The last day (YYYY-MM-DD, Japan) of the month for an objection suit counted from a notice on the day the
   * order was made — the earliest it can be: a party notified later has a later one, and a national holiday
   * on it moves it on (the system knows Saturdays, Sundays and 29 December – 3 January only).
   */
  periodLastDay: z.string(),
  /** The earliest the order can be final without an objection: the start of the day after `periodLastDay` (Japan). */
  finalFrom: z.string(),
  objection: z
    .object({
      filedAt: z.string(),
      by: z.enum(OBJECTION_PARTIES),
      caseNumber: z.string(),
      /** The day (Japan) the party bringing it was notified of the order, as the judge named it; else null. */
      noticedOn: z.string().nullable(),
      /** The last day of its month counted from that notice (Japan); null when no notice day was named. */
      lastDay: z.string().nullable(),
      signature: Signature,
    })
    .nullable(),
  outcome: z
    .object({
      outcome: z.enum(OBJECTION_OUTCOMES),
      at: z.string(),
      reason: z.string(),
      /** The operative part as the suit changed it (outcome `changed`): what the provider follows now. */
      changedContent: z.string().nullable(),
      /** The category of the ground of a set-aside (what the directory log publishes). */
      ground: z.enum(SET_ASIDE_GROUNDS).nullable(),
      signature: Signature,
    })
    .nullable(),
  /** When the order became final (確定): the month passed without an objection, or the suit ended. */
  finalAt: z.string().nullable(),
  /** The signature over finality without a suit; null otherwise (an outcome's finality is the outcome's). */
  finalSignature: Signature.nullable(),
});
export type OrderStanding = z.infer<typeof OrderStandingSchema>;

/** When the order was made, as the standing counts from it (the order's own time, else its decision's). */
export const orderedAtOf = (row: DisclosureOrderApplicationRow): string =>
  row.ordered_at ?? row.decided_at ?? row.filed_at;

/** How the order `order` stands (`s`: what the court recorded), each signed record checked now. */
export async function standingView(
  uow: UnitOfWork,
  order: DisclosureOrderApplicationRow,
  s: DisclosureOrderStandingRow | undefined,
): Promise<OrderStanding> {
  const log = s ? await signedLog(uow) : undefined;
  const verdict = async (record: JudgeRecord) =>
    s && log ? judgeRecordVerdict(uow, log, order, s, record) : undefined;
  const objectionSignature = await verdict('objection');
  const outcomeSignature = await verdict('outcome');
  const finalSignature = await verdict('final');
  const orderedAt = new Date(orderedAtOf(order));
  return {
    standing: standingOf(s),
    periodLastDay: objectionPeriod(dayInJapan(orderedAt)).lastDay,
    finalFrom: earliestFinal(orderedAt).toISOString(),
    objection:
      s?.objection_filed_at && s.objection_by
        ? {
            filedAt: s.objection_filed_at,
            // Signed by the party that filed: a word that is no party (a hand edit) fails the signature check
            // and is shown so, as any other change to the record (not refused like an unsigned column).
            by: s.objection_by as ObjectionParty,
            caseNumber: s.objection_case_number ?? '',
            noticedOn: s.objection_noticed_on ?? null,
            lastDay: s.objection_last_day ?? null,
            signature: objectionSignature ?? 'unsigned',
          }
        : null,
    outcome:
      s?.outcome && s.outcome_at
        ? {
            outcome: s.outcome as ObjectionOutcome,
            at: s.outcome_at,
            reason: s.outcome_reason ?? '',
            changedContent: s.changed_content,
            ground: s.outcome === 'set_aside' ? groundOf(s.set_aside_ground) : null,
            signature: outcomeSignature ?? 'unsigned',
          }
        : null,
    finalAt: s?.final_at ?? null,
    finalSignature: finalSignature ?? null,
  };
}

/**
 * The standing of the court's order a civil request (`parties`: the request's row) presents, when that
 * court issued it here between the request's parties; else null (another case tells nothing of it).
 */
export async function presentedOrderStanding(
  uow: UnitOfWork,
  content: RequestContent,
  parties: Pick<RequestRow, 'agency_organisation_id' | 'provider_organisation_id'>,
): Promise<OrderStanding | null> {
  if (content.kind !== 'civil_disclosure' || content.civil.route !== 'court_order') return null;
  const presented = content.civil.courtOrder;
  if (!presented) return null;
  const { agency_organisation_id: office, provider_organisation_id: provider } = parties;
  const found = await findPresentedOrder(uow.tx, presented, office, provider);
  return found ? standingView(uow, found.order, found.standing) : null;
}

/**
 * Why an answer under the order is refused now, as the hub shows its standing (`s`), or null. The hub acts
 * on the court's records as stored, on the safe side of their verdicts: a record that holds answers back
 * (the suit's filing, a set-aside) holds them back whatever its verdict (see answerRefusal); the suit's end
 * upholding or changing the order releases them only when its signature verifies, or when it was recorded
 * before such records were signed — as a provider's installation ignores an end that does not verify.
 */
export function answerHeldBack(s: OrderStanding, caseNumber: string): Bilingual | null {
  const why = answerRefusal(s.standing, caseNumber);
  if (why) return why;
  const end = s.outcome;
  if (!end || end.outcome === 'set_aside' || end.signature === 'verified' || end.signature === 'unsigned') return null;
  return {
    ja: `開示命令（${caseNumber}）の異議の訴えの結果の記録は、裁判官の署名を検証できません。裁判所に確認できるまで回答できません`,
    en:
      `the record of how the objection suit against the disclosure order ` +
      `(${caseNumber}) ended does not verify: answer once the court confirms it`,
  };
}

/** Refuses an answer under the presented order while the hub holds answers under it back (answerHeldBack). */
export async function requireOrderAnswerable(
  uow: UnitOfWork,
  content: RequestContent,
  parties: Pick<RequestRow, 'agency_organisation_id' | 'provider_organisation_id'>,
): Promise<void> {
  const s = await presentedOrderStanding(uow, content, parties);
  const caseNumber = content.kind === 'civil_disclosure' ? (content.civil.courtOrder?.caseNumber ?? '') : '';
  const why = s ? answerHeldBack(s, caseNumber) : null;
  if (why) {
    throw new DomainError('ILLEGAL_TRANSITION', why, {
      field: 'civil.courtOrder',
      value: caseNumber,
      standing: s?.standing,
    });
  }
}

import type { RecordSignature } from '../domain/judge-record-signature.ts';
import {
  CONTEST_RECORD_LABELS,
  type OrderContestEntry,
  PERIOD_PROBLEM_WORDS,
  type PeriodNote,
} from '../domain/order-contest.ts';
import { type OrderSetAsideEntry, SET_ASIDE_SIGNATURE_NOTES } from '../domain/order-set-aside.ts';
import {
  type Bilingual,
  DISCLOSURE_ORDER_STANDING_LABELS,
  type DisclosureOrderStanding,
  OBJECTION_OUTCOME_LABELS,
  OBJECTION_PARTY_LABELS,
} from '../domain/vocabulary.ts';
import { when } from './render.ts';

// The words the request's page and `shokai agent review` both say of the court order a request presents,
// as the pinned directory log shows it (./order-set-aside.ts reads the log once for both): the heading,
// the order's standing, and each of the judge's records that counts, with when (in the review zone, with
// its offset) and its check. One catalogue, so the terminal and the page cannot drift apart.

/** The heading under which the request's page and `shokai agent review` show its `OrderLogView`. */
export const ORDER_LOG_HEADING: Bilingual = {
  ja: '固定済みディレクトリの裁判所の記録',
  en: "The court's records in the pinned directory",
};

/** How the order (`caseNumber`) stands by the records of the pinned log that count. */
export function standingWords(caseNumber: string, standing: DisclosureOrderStanding): Bilingual {
  const label = DISCLOSURE_ORDER_STANDING_LABELS[standing];
  return {
    ja: `固定済みディレクトリのログによる開示命令（${caseNumber}）の状況: ${label.ja}`,
    en: `The disclosure order (${caseNumber}) as the pinned directory log shows it: ${label.en}`,
  };
}

const VERIFIED: Bilingual = {
  ja: '裁判官の署名を固定済みディレクトリの鍵で検証できました',
  en: "the judge's signature verifies under the pinned directory's key",
};

/** What a counted record's period note adds to its words. */
const PERIOD_NOTES: Record<PeriodNote, Bilingual> = {
  period_unsigned: {
    ja: '以前の形式の記録で、告知を受けた日は裁判官の署名に含まれていません（期間はここでは確認していません）',
    en:
      "an earlier form of the record: the day of the notice is not under the judge's signature " +
      '(the period is not checked here)',
  },
  notice_before_order: {
    ja: `${PERIOD_PROBLEM_WORDS.notice_before_order.ja}ため、安全側として係属中と扱います。裁判所に確認してください`,
    en: `${PERIOD_PROBLEM_WORDS.notice_before_order.en}: held as pending, the safe side; check with the court`,
  },
  late: {
    ja: `${PERIOD_PROBLEM_WORDS.late.ja}ため、安全側として係属中と扱います。裁判所に確認してください`,
    en: `${PERIOD_PROBLEM_WORDS.late.en}: held as pending, the safe side; check with the court`,
  },
  early: PERIOD_PROBLEM_WORDS.early,
};

/**
 * A record of the order's objection suit or finality whose judge's signature verified, with when, and what
 * this installation found of its period (`note`; none: it matches the notice days the judge signed).
 */
export function countedRecordWords(e: OrderContestEntry, note?: PeriodNote): Bilingual {
  const what = CONTEST_RECORD_LABELS[e.type];
  const facts: Bilingual[] =
    e.type === 'order.objection_filed'
      ? [{ ja: e.caseNumber, en: e.caseNumber }, OBJECTION_PARTY_LABELS[e.by], both(when(e.filedAt))]
      : e.type === 'order.objection_decided'
        ? [OBJECTION_OUTCOME_LABELS[e.outcome], both(when(e.decidedAt))]
        : [both(when(e.finalAt))];
  const extra = note ? PERIOD_NOTES[note] : undefined;
  return {
    ja: `${what.ja}（${facts.map((f) => f.ja).join('、')}）: ${VERIFIED.ja}${extra ? `。${extra.ja}` : ''}`,
    en: `${capitalised(what.en)} (${facts.map((f) => f.en).join('; ')}): ${VERIFIED.en}${extra ? `; ${extra.en}` : ''}`,
  };
}

/** The set-aside of the order in the pinned log (it counts signed or not), with when and its check. */
export function setAsideWords(e: OrderSetAsideEntry, check: RecordSignature): Bilingual {
  const note = SET_ASIDE_SIGNATURE_NOTES[check];
  const at = when(e.setAsideAt);
  return { ja: `取消し（${at}）: ${note.ja}`, en: `Set aside (${at}): ${note.en}` };
}

/** That the pinned log holds no record of the order at all. */
export const NO_ORDER_RECORD: Bilingual = {
  ja: '固定済みディレクトリのログには、この命令の異議の訴え・その結果・確定・取消しの記録はありません',
  en: 'The pinned directory log holds no objection suit, outcome, finality or set-aside of this order',
};

const both = (s: string): Bilingual => ({ ja: s, en: s });
const capitalised = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

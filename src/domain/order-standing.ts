import { daysInMonth, formatDateTime, resolveZonedWall, wallAsUtcMs, zonedWall } from './time.ts';
import {
  type Bilingual,
  type DisclosureOrderStanding,
  SET_ASIDE_GROUND_LABELS,
  type SetAsideGround,
} from './vocabulary.ts';

// How an issued disclosure order stands (発信者情報開示命令, art. 14 of the Act as amended in 2022):
// within one month of being notified of it, a party may bring an objection suit (異議の訴え) before the
// court that made it; without one the order becomes final (確定) and has the effect of a final judgment;
// the suit upholds, changes or sets aside the order (認可・変更・取消し), and the order is final — or gone —
// when the suit ends. Pure: the standing from what the court recorded, and the words the parties read.

/** The order's days are counted in Japan time. */
const TEXT_ZONE = 'Asia/Tokyo';

/** What the court recorded of an order (the standing row's columns, or none yet). */
export interface StandingRecord {
  objection_filed_at: string | null;
  outcome: string | null;
  final_at: string | null;
}

export function standingOf(r: StandingRecord | undefined): DisclosureOrderStanding {
  if (r?.outcome === 'set_aside') return 'set_aside';
  if (r?.final_at) return 'final';
  if (r?.objection_filed_at) return 'contested';
  return 'not_final';
}

/**
 * The earliest instant an order made at `orderedAt` can be final without an objection: the month runs
 * from the day after the notice (初日不算入), which is not before the order, and ends the day before the
 * day of the next month numbered as that first day, or with that month's last day when it has none
 * (Civil Code arts. 140, 143; a month counted from the 1st is that calendar month) — so the order is
 * final at the earliest from the start (Japan time) of the day after.
 */
export function earliestFinal(orderedAt: string): Date {
  const notice = zonedWall(new Date(orderedAt), TEXT_ZONE);
  const first = new Date(wallAsUtcMs({ y: notice.y, mo: notice.mo, d: notice.d + 1, h: 0, mi: 0, s: 0 }));
  const y = first.getUTCFullYear();
  const mo = first.getUTCMonth() + 1;
  const d = first.getUTCDate();
  const next = new Date(wallAsUtcMs({ y, mo: mo + 1, d: 1, h: 0, mi: 0, s: 0 }));
  const after =
    d <= daysInMonth(next.getUTCFullYear(), next.getUTCMonth() + 1)
      ? { y, mo: mo + 1, d, h: 0, mi: 0, s: 0 }
      : { y, mo: mo + 2, d: 1, h: 0, mi: 0, s: 0 };
  return new Date(resolveZonedWall(after, TEXT_ZONE));
}

const inJapan = (at: string): Bilingual => ({
  ja: formatDateTime(new Date(at), 'ja', TEXT_ZONE),
  en: formatDateTime(new Date(at), 'en', TEXT_ZONE),
});

/**
 * The provider's check of a presented order the court set aside: it fails, with the date and the category
 * of the ground — the words the hub and a provider's own installation (from the directory log) both use.
 */
export function setAsideMessage(caseNumber: string, at: string, ground: SetAsideGround): Bilingual {
  const when = inJapan(at);
  const why = SET_ASIDE_GROUND_LABELS[ground];
  return {
    ja: `開示命令（${caseNumber}）は異議の訴えにより${when.ja}に取り消されています（理由: ${why.ja}）。この命令に基づく開示はできません`,
    en:
      `the disclosure order (${caseNumber}) was set aside on an objection suit on ` +
      `${when.en} (ground: ${why.en.toLowerCase()}); nothing may be disclosed under it`,
  };
}

/** Why a request presenting an order set aside cannot be answered: the hub's and the installation's words. */
export function setAsideAnswerRefusal(caseNumber: string): Bilingual {
  return {
    ja: `開示命令（${caseNumber}）は異議の訴えにより取り消されたため、この請求には回答できません`,
    en:
      `the disclosure order (${caseNumber}) was set aside on ` +
      `an objection suit: this request can no longer be answered`,
  };
}

/**
 * Why a request presenting this order cannot be answered now, or null when it can: an order set aside
 * is gone; while an objection suit is pending the order may yet be changed or set aside, so the provider
 * waits for its outcome. An order not yet final may be answered: complying is the respondent's choice,
 * and it is the party that would object.
 */
export function answerRefusal(standing: DisclosureOrderStanding, caseNumber: string): Bilingual | null {
  if (standing === 'set_aside') return setAsideAnswerRefusal(caseNumber);
  if (standing === 'contested') {
    return {
      ja: `開示命令（${caseNumber}）には異議の訴えが係属中です。認可・変更・取消しの結果が出るまで回答できません`,
      en:
        `an objection suit against the disclosure order (${caseNumber}) ` +
        `is pending: answer once the court upholds or changes it`,
    };
  }
  return null;
}

import { formatDateTime, JAPAN_ZONE } from './time.ts';
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

const inJapan = (at: string): Bilingual => ({
  ja: formatDateTime(new Date(at), 'ja', JAPAN_ZONE),
  en: formatDateTime(new Date(at), 'en', JAPAN_ZONE),
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

import { formatDuration } from './time.ts';
import { type Bilingual, SUICIDE_NOTICE_CONDITIONS, type SuicideNoticeCondition } from './vocabulary.ts';

/**
 * Emergency requests (緊急照会). The provider discloses under necessity (緊急避難, Penal Code art. 37),
 * which it can only rely on when the danger is real and present; the agency states why, and the
 * paperwork (an ordinary inquiry or warrant) follows after the answer.
 *
 * For a suicide notice (自殺予告) the working practice demands all four SUICIDE_NOTICE_CONDITIONS. A
 * request that cannot affirm every one of them is not an emergency request (it may still be an
 * inquiry). The bases and the conditions, with their labels, live in ./vocabulary.ts.
 */

export {
  EMERGENCY_BASES,
  EMERGENCY_BASIS_LABELS,
  type EmergencyBasis,
  SUICIDE_NOTICE_CONDITION_LABELS,
  SUICIDE_NOTICE_CONDITIONS,
  type SuicideNoticeCondition,
} from './vocabulary.ts';

export type SuicideNoticeConditions = Record<SuicideNoticeCondition, boolean>;

/** The conditions not affirmed (false), in their canonical order; empty when all four hold. */
export function missingSuicideNoticeConditions(conditions: SuicideNoticeConditions): SuicideNoticeCondition[] {
  return SUICIDE_NOTICE_CONDITIONS.filter((c) => conditions[c] !== true);
}

/** Fixed windows of the emergency clock (DESIGN §4): due soon in the last hour, escalated 2 h late. */
export const EMERGENCY_DUE_SOON_MS = 60 * 60 * 1000;
export const EMERGENCY_ESCALATION_MS = 2 * 60 * 60 * 1000;

/**
 * Why an emergency signed with a young approver credential needs a call-back, as a sentence standing on its
 * own on the request page. Minutes when it is that young ("0 hours" would hide exactly what the provider
 * should notice), and under a minute in words (not 「1分未満前に」 or "<1m").
 */
export function youngCredentialReason(ageHoursAtSigning: number, thresholdHours: number): Bilingual {
  const ms = ageHoursAtSigning * 3600_000;
  const seconds = ms < 60_000;
  const ja = seconds ? '1分も' : `${formatDuration(ms, 'ja')}しか`;
  const en = seconds ? 'seconds' : formatDuration(ms, 'en');
  return {
    ja: `決裁者の鍵は、登録から${ja}経たないうちに署名に使われました（基準 ${thresholdHours} 時間）`,
    en: `The approver's credential was registered only ${en} before signing (threshold ${thresholdHours} hours)`,
  };
}

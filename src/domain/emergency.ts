import { SUICIDE_NOTICE_CONDITIONS, type SuicideNoticeCondition } from './vocabulary.ts';

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

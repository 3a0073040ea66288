import type { Bilingual } from '../kernel/text.ts';

/**
 * Emergency requests (緊急照会). The provider discloses under necessity (緊急避難, Penal Code art. 37),
 * which it can only rely on when the danger is real and present; the agency states why, and the
 * paperwork (an ordinary inquiry or warrant) follows after the answer.
 *
 * For a suicide notice (自殺予告) the working practice demands all four conditions below. A request
 * that cannot affirm every one of them is not an emergency request (it may still be an inquiry).
 */

export const EMERGENCY_BASES = ['suicide_notice', 'threat_to_life'] as const;
export type EmergencyBasis = (typeof EMERGENCY_BASES)[number];
export const EMERGENCY_BASIS_LABELS: Record<EmergencyBasis, Bilingual> = {
  suicide_notice: { ja: '自殺予告', en: 'Suicide notice' },
  threat_to_life: { ja: '生命・身体への差し迫った危険', en: 'Imminent threat to life or limb' },
};

export const SUICIDE_NOTICE_CONDITIONS = ['imminent', 'realistic', 'intentExpressed', 'notJokeOrFiction'] as const;
export type SuicideNoticeCondition = (typeof SUICIDE_NOTICE_CONDITIONS)[number];
export type SuicideNoticeConditions = Record<SuicideNoticeCondition, boolean>;

export const SUICIDE_NOTICE_CONDITION_LABELS: Record<SuicideNoticeCondition, Bilingual> = {
  imminent: {
    ja: '書込みの日時・内容から、実行の時期が切迫している',
    en: 'the time of the post and its content show the act is imminent',
  },
  realistic: {
    ja: '動機・場所・方法等が示され、実行の現実的な可能性が高い',
    en: 'a motive, place or method is given, so the act is realistically likely',
  },
  intentExpressed: {
    ja: '実行する意思が明示的に表示されている',
    en: 'the intent to act is explicitly expressed',
  },
  notJokeOrFiction: {
    ja: '掲示板等の性質や前後の書込みから、冗談・創作を疑わせる特段の事情がない',
    en: 'nothing in the site or the surrounding posts suggests a joke or fiction',
  },
};

/** The conditions not affirmed (false), in their canonical order; empty when all four hold. */
export function missingSuicideNoticeConditions(conditions: SuicideNoticeConditions): SuicideNoticeCondition[] {
  return SUICIDE_NOTICE_CONDITIONS.filter((c) => conditions[c] !== true);
}

/** Fixed windows of the emergency clock (DESIGN §4): due soon in the last hour, escalated 2 h late. */
export const EMERGENCY_DUE_SOON_MS = 60 * 60 * 1000;
export const EMERGENCY_ESCALATION_MS = 2 * 60 * 60 * 1000;

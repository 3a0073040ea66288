import { DomainError } from '../domain/errors.ts';
import { SET_ASIDE_SIGNATURE_NOTES } from '../domain/order-set-aside.ts';
import { type Bilingual, isOneOf } from '../domain/vocabulary.ts';
import { WITHDRAWAL_VERDICT_TEXTS } from '../domain/withdrawal-signature.ts';
import type { AgentRequestRow } from '../store/schema.ts';
import { when } from './render.ts';

// A request the hub says was withdrawn or closed after this installation took it in, as its people read
// it (ja/en, never a code): what the hub said, when, why, and whether the installation could check it
// offline. It is the hub's word: the request is kept, can still be opened, and is no longer answered,
// declined or edited here.

export const HUB_ENDED_STATES = ['withdrawn', 'closed'] as const;
export type HubEndedState = (typeof HUB_ENDED_STATES)[number];
/** Why, per the hub: the requesting office withdrew it, or the court order it rested on was set aside. */
export const HUB_ENDED_REASONS = ['office', 'order_set_aside'] as const;
export type HubEndedReason = (typeof HUB_ENDED_REASONS)[number];
/**
 * What the installation could check offline. A close is not a signed act, nor was a withdrawal before the
 * office signed it (`not_signed`: the hub's word only). The office's withdrawal, signed with the withdrawing
 * person's passkey: its signature verifies under their key in the pinned log, fails, it is unsigned, or
 * the key it names is not in the pinned log (`key_not_in_log`). A set-aside, when the pinned log carries
 * it: its judge's signature verifies, fails, or the entry predates signing; or the pinned log carries no
 * set-aside of the order (`not_in_log`).
 */
export const HUB_ENDED_CHECKS = [
  'not_signed',
  'verified',
  'failed',
  'unsigned',
  'not_in_log',
  'key_not_in_log',
] as const;
export type HubEndedCheck = (typeof HUB_ENDED_CHECKS)[number];
/**
 * The checks that depend on how far the pin reaches: made again on later cycles, once the pin has grown,
 * until the pinned log shows what they wait for (and they read verified or failed, or unsigned for a
 * set-aside recorded before signing). The others are final.
 */
export const HUB_CHECKS_AWAITING_LOG = ['key_not_in_log', 'not_in_log'] as const satisfies readonly HubEndedCheck[];

export const HUB_ENDED_CHECK_TEXTS: Record<HubEndedCheck, Bilingual> = {
  not_signed: {
    ja: '取下げ・終結は署名された行為ではないため、この設置では検証できません（ハブの記録のみ）',
    en: "a withdrawal or a close is not a signed act: this installation cannot verify it (the hub's word only)",
  },
  ...SET_ASIDE_SIGNATURE_NOTES,
  not_in_log: {
    ja: '固定済みディレクトリのログにこの命令の取消しはありません。検証できません（ハブの記録のみ）',
    en: "the pinned directory log shows no set-aside of this order: unverified (the hub's word only)",
  },
  key_not_in_log: WITHDRAWAL_VERDICT_TEXTS.key_unknown,
};

/** The label of when this installation learnt of the end (the request's page and `shokai agent review`). */
export const HUB_ENDED_NOTED: Bilingual = { ja: 'この設置が知った日時', en: 'Learnt here' };

/** The check of the office's own withdrawal in words: its signature checked against the pinned log. */
const OFFICE_CHECK_TEXTS: Partial<Record<HubEndedCheck, Bilingual>> = {
  verified: WITHDRAWAL_VERDICT_TEXTS.verified,
  failed: WITHDRAWAL_VERDICT_TEXTS.failed,
  unsigned: WITHDRAWAL_VERDICT_TEXTS.unsigned,
  key_not_in_log: WITHDRAWAL_VERDICT_TEXTS.key_unknown,
};

/** The check in words: of the office's signed withdrawal, or of a set-aside or a close. */
export function hubEndedCheckText(reason: HubEndedReason | null, check: HubEndedCheck): Bilingual {
  return (reason === 'office' ? OFFICE_CHECK_TEXTS[check] : undefined) ?? HUB_ENDED_CHECK_TEXTS[check];
}

/** What the hub said of a request's end, as the installation recorded it. */
export interface HubEndedView {
  state: HubEndedState;
  reason: HubEndedReason | null;
  /** When, per the hub (UTC). */
  at: string;
  /** The requesting office's own words, when it withdrew it. */
  note: string | null;
  check: HubEndedCheck;
  /** When this installation learnt it. */
  notedAt: string;
  /** The state in words (the list's state column). */
  words: Bilingual;
  /** The check in words. */
  checkText: Bilingual;
}

/**
 * The state the hub gave, in words. The office's withdrawal whose signature verified under the withdrawing
 * person's key in the pinned log is theirs, not only the hub's word.
 */
export function hubEndedWords(state: HubEndedState, reason: HubEndedReason | null, check?: HubEndedCheck): Bilingual {
  if (state === 'closed') return { ja: 'ハブで終結（ハブの記録による）', en: 'Closed at the hub (per the hub)' };
  if (reason === 'office' && check === 'verified') {
    return {
      ja: '依頼元が取り下げ（依頼元の署名を検証済み）',
      en: 'Withdrawn by the requester (their signature verified)',
    };
  }
  if (reason === 'office') {
    return { ja: '依頼元が取り下げ（ハブの記録による）', en: 'Withdrawn by the requester (per the hub)' };
  }
  if (reason === 'order_set_aside') {
    return {
      ja: '開示命令の取消しにより取下げ（ハブの記録による）',
      en: 'Withdrawn: the court order it rested on was set aside (per the hub)',
    };
  }
  return { ja: 'ハブで取下げ（ハブの記録による）', en: 'Withdrawn at the hub (per the hub)' };
}

/** What the hub said of the request's end, or null when it said nothing. */
export function hubEndedOf(row: AgentRequestRow): HubEndedView | null {
  const { hub_state: state, hub_reason: why, hub_check: checked } = row;
  if (!isOneOf(HUB_ENDED_STATES, state) || !row.hub_state_at || !row.hub_noted_at) return null;
  const reason = isOneOf(HUB_ENDED_REASONS, why) ? why : null;
  const check = isOneOf(HUB_ENDED_CHECKS, checked) ? checked : 'not_signed';
  return {
    state,
    reason,
    at: row.hub_state_at,
    note: row.hub_note ?? null,
    check,
    notedAt: row.hub_noted_at,
    words: hubEndedWords(state, reason, check),
    checkText: hubEndedCheckText(reason, check),
  };
}

/** Refuses answering, declining or editing a request the hub says was withdrawn or closed. */
export function requireNotEndedAtHub(row: AgentRequestRow): void {
  const ended = hubEndedOf(row);
  if (!ended) return;
  const at = when(ended.at);
  throw new DomainError(
    'ILLEGAL_TRANSITION',
    {
      ja: `要請 ${row.reference}は${ended.words.ja}です（${at}）。この設置では回答・見送り・回答案の編集はできません（要請は削除されず、開いて読むことはできます）`,
      en:
        `request ${row.reference}: ${ended.words.en}, ${at}. This installation no longer answers, ` +
        'declines or edits it (it is kept and can still be opened)',
    },
    { field: 'state', value: row.state, hubState: ended.state, hubReason: ended.reason },
  );
}

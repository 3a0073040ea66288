import type { PublicKeyRecord } from './key-trust.ts';
import { type PinnedGrant, type PinnedRoleRefusal, pinnedRoleGrants, pinnedRoleRefusal } from './pinned-roles.ts';
import type { Bilingual } from './vocabulary.ts';

// Whether a judge's signature (a warrant's attestation, a court order) was made by a judge, checked
// offline against a pinned directory log. The hub publishes, beside every key, each grant of the judge
// role with when it took effect and when it ended (its holder disabled), so a provider can tell that the
// owner of the key held the role at the court when they signed: a key alone, which any user of a court
// could have registered (or a hub that lies could have minted), does not make its owner a judge.

/** The role whose grants make a court's user a judge. */
export const JUDGE_ROLE = 'judge';

/**
 * The grants of the judge role in a pinned log, in log order. Their first batch is the hub's one
 * declaration of the judges who held the role before its log carried judges (migration 068), each
 * counted from when it took effect; a grant recorded later counts from when it was recorded
 * (pinnedGrants). The grants of approving roles have their own first batch and are not read here.
 */
export function pinnedJudgeGrants(entries: readonly { type: string; role?: unknown }[]): PinnedGrant[] {
  return pinnedRoleGrants(entries, [JUDGE_ROLE]);
}

/** Why the pin does not show a judge's signer as a judge of the court at the signed instant. */
export const JUDGE_REFUSALS = {
  judges_unpinned: {
    ja:
      '固定済みのディレクトリには裁判官の役割の記録がなく、署名者が裁判官であったか確認できません（以前の形式）。' +
      'ハブのディレクトリを取り込み直してください',
    en:
      "the pinned directory predates the records of judges' roles, so it does not show that the signer " +
      'was a judge: import the hub directory again',
  },
  judge_newer: {
    ja:
      '裁判官の署名は固定済みのディレクトリより後のもので、署名者がその時点で裁判官であったか確認できません。' +
      'ハブのディレクトリを取り込み直してください',
    en:
      "the judge's signature is newer than the pinned directory, which does not show that the signer " +
      'was a judge then: import the hub directory again',
  },
  not_judge: {
    ja: '署名した時点で、署名者はその裁判所の裁判官ではありませんでした（固定済みディレクトリの記録）',
    en: 'the signer was not a judge of the court at the time of signing (as the pinned directory records)',
  },
} satisfies Record<string, Bilingual>;
export type JudgeRefusal = keyof typeof JUDGE_REFUSALS;

/**
 * Null when the owner of `key` (a user's key, its signature already checked) held the judge role at
 * `courtOrganisationId` at `signedAt`, as the pinned grants say; otherwise why not. A pin with no judge
 * at all predates them (`judges_unpinned`); a signature later than the pinned head may rest on a grant
 * the pin does not have yet (`judge_newer`): both are cured by pinning the hub's newer log.
 */
export function pinnedJudgeRefusal(
  judges: readonly PinnedGrant[],
  key: Pick<PublicKeyRecord, 'ownerType' | 'ownerId'>,
  courtOrganisationId: string,
  signedAt: string,
  headAt: string,
): JudgeRefusal | null {
  const refusal = pinnedRoleRefusal(judges, key, courtOrganisationId, signedAt, headAt);
  return refusal && JUDGE_REFUSAL_OF[refusal];
}

const JUDGE_REFUSAL_OF: Record<PinnedRoleRefusal, JudgeRefusal> = {
  unpinned: 'judges_unpinned',
  newer: 'judge_newer',
  not_held: 'not_judge',
};

import type { PublicKeyRecord } from '../domain/key-trust.ts';
import { type JudgeRefusal, pinnedJudgeGrants, pinnedJudgeRefusal } from '../domain/pinned-judges.ts';
import type { Tx } from '../store/database.ts';
import { judgeRoleEntries } from './transparency.ts';

// The hub's own check that whoever signed a warrant, a disclosure order or a judge's record of an order
// held the judge's role at that court when he signed: the rule a provider's installation applies to its
// pinned log (../domain/pinned-judges.ts), fed from the hub's log of the role as it stands now. A key alone
// does not make its owner a judge: a court's other users, or a key row an operator wrote, are no judges.

/**
 * Null when the owner of `key` held the judge's role at `courtOrganisationId` at `signedAt`, by the hub's
 * log of the role up to `now`; else why not (`not_judge`; `judges_unpinned` when the hub logs no judge at
 * all; `judge_newer` for an instant after `now`). A key of the court itself (an attestation from before
 * judges signed themselves) names no person: no role is checked for it.
 */
export async function hubJudgeRefusal(
  tx: Tx,
  now: Date,
  key: Pick<PublicKeyRecord, 'ownerType' | 'ownerId'>,
  courtOrganisationId: string,
  signedAt: string,
): Promise<JudgeRefusal | null> {
  if (key.ownerType === 'organisation') return null;
  const judges = pinnedJudgeGrants(await judgeRoleEntries(tx, now));
  return pinnedJudgeRefusal(judges, key, courtOrganisationId, signedAt, now.toISOString());
}

// The judges of a pinned directory log: whether the owner of a judge's key held the role at the court when
// they signed. The judges have their own first batch (the hub's declaration when its log began to carry
// them), apart from the approvers'; a later backdated grant counts from when it was logged; a grant ends
// with its holder's disabling; a signature newer than the pin, or a pin with no judge, is cured by pinning anew.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { rolesHolding } from '../../src/domain/access.ts';
import { JUDGE_ROLE, pinnedJudgeGrants, pinnedJudgeRefusal } from '../../src/domain/pinned-judges.ts';
import type { RoleEntry } from '../../src/domain/pinned-roles.ts';

const COURT = 'org_court';
const role = (id: string, at: string, from: string, r = JUDGE_ROLE, organisationId = COURT): RoleEntry => ({
  type: 'role',
  at,
  id,
  organisationId,
  unitId: null,
  userId: `u_${id}`,
  role: r,
  from,
});
const key = (id: string) => ({ ownerType: 'user', ownerId: `u_${id}` });
const HEAD = '2026-06-01T00:00:00.000Z';

describe('the judges of a pinned log', () => {
  test('the judge role is the one that attests warrants', () => {
    assert.deepEqual(rolesHolding('warrant.attest'), [JUDGE_ROLE]);
  });

  const entries: RoleEntry[] = [
    // An approver's grant first: the approvers' first batch is not the judges'.
    role('head', '2026-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', 'unit_head', 'org_police'),
    // The judges' first batch, declared at the upgrade with their real starts.
    role('old', '2026-03-01T00:00:00.000Z', '2025-02-01T00:00:00.000Z'),
    // A later grant backdated by the hub: it counts from when it was logged.
    role('late', '2026-04-01T00:00:00.000Z', '2025-02-01T00:00:00.000Z'),
    role('ended', '2026-03-01T00:00:00.000Z', '2025-02-01T00:00:00.000Z'),
    { type: 'role.ended', at: '2026-05-01T00:00:00.000Z', grantId: 'ended', reason: 'user_disabled' },
  ];
  const judges = pinnedJudgeGrants(entries);
  const refusal = (id: string, at: string, court = COURT) => pinnedJudgeRefusal(judges, key(id), court, at, HEAD);

  test('a judge held the role from the start the first batch declares, at the court it names', () => {
    assert.deepEqual(judges.map((g) => g.id).sort(), ['ended', 'late', 'old']);
    assert.equal(refusal('old', '2025-06-01T00:00:00.000Z'), null);
    assert.equal(refusal('old', '2025-06-01T00:00:00.000Z', 'org_other_court'), 'not_judge');
    assert.equal(refusal('head', '2025-06-01T00:00:00.000Z'), 'not_judge', 'a unit head is no judge');
  });

  test('a backdated grant counts from when it was logged; a disabling ends it', () => {
    assert.equal(refusal('late', '2025-06-01T00:00:00.000Z'), 'not_judge');
    assert.equal(refusal('late', '2026-04-02T00:00:00.000Z'), null);
    assert.equal(refusal('ended', '2026-04-30T00:00:00.000Z'), null);
    assert.equal(refusal('ended', '2026-05-02T00:00:00.000Z'), 'not_judge');
  });

  test('newer than the pin, or no judge pinned at all: pin the newer log', () => {
    assert.equal(refusal('nobody', '2026-06-02T00:00:00.000Z'), 'judge_newer');
    assert.equal(pinnedJudgeRefusal([], key('old'), COURT, '2025-06-01T00:00:00.000Z', HEAD), 'judges_unpinned');
    assert.equal(
      pinnedJudgeRefusal(judges, { ownerType: 'organisation', ownerId: COURT }, COURT, HEAD, HEAD),
      'not_judge',
    );
  });
});

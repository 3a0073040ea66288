// The grants of a pinned directory log: when each counts. A hub cannot make someone an approver after the
// fact by appending a grant with an earlier start; only the log's first batch (the roles held when the log
// began to carry them) keeps the starts it declares.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { rolesHolding } from '../../src/domain/access.ts';
import { type DutyRevokedEntry, pinnedRevocations } from '../../src/domain/pinned-authority.ts';
import { pinnedGrants, type RoleEntry } from '../../src/domain/pinned-roles.ts';

const grant = (id: string, at: string, from: string, userId = `u_${id}`): RoleEntry => ({
  type: 'role',
  at,
  id,
  organisationId: 'org_police',
  unitId: 'unit_cyber',
  userId,
  role: 'unit_head',
  from,
});

describe('the grants of a pinned log', () => {
  test('the roles that approve requests are the ones the log carries', () => {
    assert.deepEqual(rolesHolding('request.approve').sort(), ['lawyer', 'unit_head']);
  });

  test('the first batch keeps its declared starts; a later backdated grant counts from when it was logged', () => {
    const grants = pinnedGrants([
      grant('a', '2026-12-01T00:00:00.000Z', '2025-04-01T00:00:00.000Z'),
      grant('b', '2026-12-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
      grant('c', '2026-12-02T00:00:00.000Z', '2026-12-02T00:00:00.000Z'),
      grant('d', '2026-12-03T00:00:00.000Z', '2025-01-01T00:00:00.000Z'),
      { type: 'role.ended', at: '2026-12-04T00:00:00.000Z', grantId: 'b', reason: 'user_disabled' },
    ]);
    const byId = Object.fromEntries(grants.map((g) => [g.id, g]));
    assert.equal(byId.a?.from, '2025-04-01T00:00:00.000Z');
    assert.equal(byId.b?.until, '2026-12-04T00:00:00.000Z');
    assert.equal(byId.c?.from, '2026-12-02T00:00:00.000Z');
    assert.equal(byId.d?.from, '2026-12-03T00:00:00.000Z', 'not from the earlier start it claims');
    assert.equal(byId.a?.until, null);
  });
});

describe('the revocations of duty designations in a pinned log', () => {
  const revoked = (digest: string, at: string, revokedAt: string): DutyRevokedEntry => ({
    type: 'duty.revoked',
    at,
    designationId: `duty_${digest.slice(0, 24)}`,
    digest,
    unitId: 'unit_cyber',
    revokedBy: 'u_head',
    revokedAt,
  });

  test('a revocation counts from when the head made it, even when the log recorded it later', () => {
    const a = 'a'.repeat(64);
    const b = 'b'.repeat(64);
    const r = pinnedRevocations([
      revoked(a, '2026-12-01T09:00:00.000Z', '2026-11-20T10:00:00.000Z'),
      revoked(b, '2026-12-01T09:00:00.000Z', '2026-12-01T09:00:00.000Z'),
      // A second entry for the same designation cannot move its revocation later.
      revoked(a, '2026-12-02T09:00:00.000Z', '2026-12-02T09:00:00.000Z'),
    ]);
    assert.equal(r.get(a), '2026-11-20T10:00:00.000Z');
    assert.equal(r.get(b), '2026-12-01T09:00:00.000Z');
    assert.equal(r.size, 2);
  });
});

import { type Caller, requirePermission } from '../domain/access.ts';
import type { PeriodPerson, RolePeriod } from '../domain/role-periods.ts';
import { isOneOf, PRIVILEGED_ROLES, ROLES, type Role } from '../domain/vocabulary.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { Db, Tx } from '../store/database.ts';
import { getOwnUser } from './lookups.ts';
import { type PeriodEndRow, type PeriodGrantRow, rolePeriodRows } from './role-periods.repository.ts';
import { ownerOf, storedRoles } from './stored-roles.ts';

// A person's roles over time, from what the store records: a role they were registered with is held from
// their registration (until migration 074 nothing else gave a role: a grant row, `role_grants`, records every
// later one, with its granter and countersigner), to its end (`role_ends`, with who ended it) or their
// disabling (`users.disabled_at`, null for one disabled before it was dated). A grant's start is its
// `decided_at`; where that is not recorded the period says so (null) rather than guess from something else.

/**
 * The role periods of person `userId` of the caller's organisation (another organisation's person is not
 * found): for who lists the organisation's people, the permission `user.list`.
 */
export async function listRolePeriods(uow: UnitOfWork, caller: Caller, userId: string): Promise<RolePeriod[]> {
  requirePermission(caller, 'user.list');
  const user = await getOwnUser(uow.tx, caller, userId);
  return (await rolePeriodsOf(uow.tx, [user.id])).get(user.id) ?? [];
}

const person = (name: string | null, login: string | null): PeriodPerson | null =>
  name !== null && login !== null ? { name, login } : null;

/** The role periods of each of `userIds` (an unknown id has none), oldest first. */
export async function rolePeriodsOf(db: Db | Tx, userIds: readonly string[]): Promise<Map<string, RolePeriod[]>> {
  const { users, grants, ends } = await rolePeriodRows(db, userIds);
  const endOf = new Map<string, PeriodEndRow>(ends.map((e) => [e.grant_id, e]));
  const out = new Map<string, RolePeriod[]>();
  for (const u of users) {
    const finish = (id: string): Pick<RolePeriod, 'to' | 'end' | 'endedBy'> => {
      const e = endOf.get(id);
      if (e) return { to: e.ended_at, end: 'ended', endedBy: person(e.ended_by_name, e.ended_by_login) };
      return u.disabled
        ? { to: u.disabled_at, end: 'disabled', endedBy: null }
        : { to: null, end: 'held', endedBy: null };
    };
    const own = grants.flatMap((g) => (g.user_id === u.id && isOneOf(ROLES, g.role) ? [{ ...g, role: g.role }] : []));
    const inGrant = new Set(own.filter((g) => g.state === 'active').map((g) => g.role));
    const held = storedRoles(u.roles, ownerOf(u));
    // Registered with: held now with no grant of it in effect, or ended (the end names `<user id>:<role>`).
    const made = ROLES.filter((r) => (held.includes(r) && !inGrant.has(r)) || endOf.has(`${u.id}:${r}`));
    const periods: RolePeriod[] = [
      ...made.map(
        (role): RolePeriod => ({
          role,
          from: u.created_at,
          start: 'made',
          grantedBy: null,
          countersignedBy: null,
          ...finish(`${u.id}:${role}`),
        }),
      ),
      ...own.map((g) => grantPeriod(g, finish(g.id))),
    ];
    out.set(u.id, periods.sort(byStart));
  }
  return out;
}

function grantPeriod(g: PeriodGrantRow & { role: Role }, end: Pick<RolePeriod, 'to' | 'end' | 'endedBy'>): RolePeriod {
  const { role } = g;
  let start: RolePeriod['start'] = 'granted';
  if (g.countersigned_by !== null) start = 'countersigned';
  else if (PRIVILEGED_ROLES.includes(role)) start = 'uncountersigned';
  return {
    role,
    from: g.decided_at,
    start,
    grantedBy: person(g.granted_by_name, g.granted_by_login),
    countersignedBy: person(g.countersigned_by_name, g.countersigned_by_login),
    ...end,
  };
}

/** Unrecorded starts first, then by start, then by the vocabulary's order of roles. */
function byStart(a: RolePeriod, b: RolePeriod): number {
  if (a.from !== b.from) {
    if (a.from === null) return -1;
    if (b.from === null) return 1;
    return Date.parse(a.from) - Date.parse(b.from);
  }
  return ROLES.indexOf(a.role) - ROLES.indexOf(b.role);
}

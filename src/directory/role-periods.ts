import { z } from 'zod';
import { type Caller, requirePermission } from '../domain/access.ts';
import {
  type PendingRole,
  type PeriodPerson,
  type RolePeriod,
  type RolePeriods,
  type UncountersignedReason,
  uncountersignedStart,
} from '../domain/role-periods.ts';
import { PRIVILEGED_ROLES, ROLES, type Role } from '../domain/vocabulary.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { Db, Tx } from '../store/database.ts';
import { getOwnUser } from './lookups.ts';
import {
  type PeriodEndRow,
  type PeriodGrantRow,
  roleGrantedDetails,
  rolePeriodRows,
} from './role-periods.repository.ts';
import { grantedRole, grantedRoleOrUnknown, ownerOf, shownRoles, storedRoles } from './stored-roles.ts';

// A person's roles over time, from what the store records: a role they were registered with is held from
// their registration (until migration 074 nothing else gave a role: a grant row, `role_grants`, records every
// later one, with its granter and countersigner), to its end (`role_ends`, with who ended it) or their
// disabling (`users.disabled_at`, null for one disabled before it was dated). A grant's start is its
// `decided_at`; where that is not recorded the period says so (null) rather than guess from something else.
// A privileged role that took effect with no countersignature says why, as the audit log tells it: its grant
// entry marks an organisation's first administrator (\`bootstrap\`); migration 006, which recorded the roles
// held before the two-person rule as grants, wrote none. A grant awaiting its countersignature is no period
// (not held): it is listed apart, as pending.
// Reading them is not audited, as reading the list of people is not: a person's roles over time are the
// organisation's own directory of its staff, read by those who administer or audit it and published to providers
// in the signed directory log, not the personal data of the people a request is about whose every read the audit
// log records. Every change to them (a grant, a countersignature, an end, a disabling) is audited.

/**
 * The role periods of person `userId` of the caller's organisation (another organisation's person is not
 * found), and the privileged roles granted to them that await a countersignature: for who lists the
 * organisation's people, the permission `user.list`.
 */
export async function listRolePeriods(uow: UnitOfWork, caller: Caller, userId: string): Promise<RolePeriods> {
  requirePermission(caller, 'user.list');
  const user = await getOwnUser(uow.tx, caller, userId);
  return (await periodsAndPending(uow.tx, [user.id], true)).get(user.id) ?? { items: [], pending: [] };
}

const person = (name: string | null, login: string | null): PeriodPerson | null =>
  name !== null && login !== null ? { name, login } : null;

/** The role periods of each of `userIds` (an unknown id has none), oldest first. */
export async function rolePeriodsOf(db: Db | Tx, userIds: readonly string[]): Promise<Map<string, RolePeriod[]>> {
  return new Map([...(await periodsAndPending(db, userIds, false))].map(([id, p]) => [id, p.items]));
}

const GrantedDetails = z.object({ grantId: z.string(), bootstrap: z.boolean().optional() });

/**
 * Why each grant of the people `userIds` that took effect had no countersignature, from the audit log's
 * entries that granted them: one marked `bootstrap` was an organisation's first administrator; a grant no
 * entry names was recorded by migration 006 from the roles held before the two-person rule.
 */
export async function uncountersignedWhy(
  db: Db | Tx,
  userIds: readonly string[],
): Promise<(grantId: string) => UncountersignedReason> {
  const audited = new Map<string, boolean>();
  for (const text of await roleGrantedDetails(db, userIds)) {
    const d = GrantedDetails.parse(JSON.parse(text));
    audited.set(d.grantId, d.bootstrap === true);
  }
  return (grantId) => {
    const bootstrap = audited.get(grantId);
    if (bootstrap === undefined) return 'before_two_person_rule';
    return bootstrap ? 'first_admin' : 'unexplained';
  };
}

async function periodsAndPending(
  db: Db | Tx,
  userIds: readonly string[],
  oneAsked: boolean,
): Promise<Map<string, RolePeriods>> {
  const { users, grants, ends } = await rolePeriodRows(db, userIds);
  const why = await uncountersignedWhy(db, userIds);
  const endOf = new Map<string, PeriodEndRow>(ends.map((e) => [e.grant_id, e]));
  const out = new Map<string, RolePeriods>();
  for (const u of users) {
    const finish = (id: string): Pick<RolePeriod, 'to' | 'end' | 'endedBy'> => {
      const e = endOf.get(id);
      if (e) return { to: e.ended_at, end: 'ended', endedBy: person(e.ended_by_name, e.ended_by_login) };
      return u.disabled
        ? { to: u.disabled_at, end: 'disabled', endedBy: null }
        : { to: null, end: 'held', endedBy: null };
    };
    // Asked for one person, a grant of a role this version does not know is refused; for a timeline's people,
    // left out (its role cannot be said; the person's other periods are still shown).
    const roleOf = (g: PeriodGrantRow): Role[] => {
      const grant = { grantId: g.id, holder: ownerOf(u) };
      const role = oneAsked ? grantedRole(g.role, grant) : grantedRoleOrUnknown(g.role, grant);
      return role === null ? [] : [role];
    };
    const mine = grants.filter((g) => g.user_id === u.id);
    const own = mine.flatMap((g) => (g.state !== 'pending' ? roleOf(g).map((role) => ({ ...g, role })) : []));
    const pending = mine.flatMap((g): PendingRole[] =>
      g.state === 'pending'
        ? roleOf(g).map((role) => ({ role, grantedAt: g.granted_at, grantedBy: granterOf(g) }))
        : [],
    );
    const inGrant = new Set(own.filter((g) => g.state === 'active').map((g) => g.role));
    // Asked for one person, their unreadable roles are refused; read for a timeline's people, shown.
    const held = (oneAsked ? storedRoles : shownRoles)(u.roles, ownerOf(u));
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
      ...own.map((g) => grantPeriod(g, finish(g.id), why)),
    ];
    out.set(u.id, { items: periods.sort(byStart), pending });
  }
  return out;
}

const granterOf = (g: PeriodGrantRow) => person(g.granted_by_name, g.granted_by_login);

function grantPeriod(
  g: PeriodGrantRow & { role: Role },
  end: Pick<RolePeriod, 'to' | 'end' | 'endedBy'>,
  why: (grantId: string) => UncountersignedReason,
): RolePeriod {
  const { role } = g;
  let start: RolePeriod['start'] = 'granted';
  if (g.countersigned_by !== null) start = 'countersigned';
  else if (PRIVILEGED_ROLES.includes(role)) start = uncountersignedStart(why(g.id));
  return {
    role,
    from: g.decided_at,
    start,
    grantedBy: granterOf(g),
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

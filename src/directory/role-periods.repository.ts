import type { Db, Tx } from '../store/database.ts';

// All SQL of people's role periods: their accounts (the roles held now, when they were registered and
// disabled), their grants (in effect, ended, or awaiting a countersignature) and the roles' ends, each with
// who acted by name; and the audit log's entries that granted roles (whether one was an organisation's first
// administrator's: src/directory/role-periods.ts).

type Q = Db | Tx;

export interface PeriodUserRow {
  id: string;
  login: string;
  roles: string;
  created_at: string;
  disabled: number;
  disabled_at: string | null;
}

export interface PeriodGrantRow {
  id: string;
  user_id: string;
  role: string;
  state: string;
  granted_at: string;
  decided_at: string | null;
  countersigned_by: string | null;
  granted_by_name: string | null;
  granted_by_login: string | null;
  countersigned_by_name: string | null;
  countersigned_by_login: string | null;
}

export interface PeriodEndRow {
  grant_id: string;
  user_id: string;
  role: string;
  ended_at: string;
  ended_by_name: string | null;
  ended_by_login: string | null;
}

/** The accounts, the grants (but those refused) and the ends of roles of the people `userIds`. */
export async function rolePeriodRows(
  db: Q,
  userIds: readonly string[],
): Promise<{ users: PeriodUserRow[]; grants: PeriodGrantRow[]; ends: PeriodEndRow[] }> {
  if (userIds.length === 0) return { users: [], grants: [], ends: [] };
  const ids = [...userIds];
  const [users, grants, ends] = await Promise.all([
    db
      .selectFrom('users')
      .select(['id', 'login', 'roles', 'created_at', 'disabled', 'disabled_at'])
      .where('id', 'in', ids)
      .execute(),
    db
      .selectFrom('role_grants as g')
      .leftJoin('users as gb', 'gb.id', 'g.granted_by')
      .leftJoin('users as cs', 'cs.id', 'g.countersigned_by')
      .select(['g.id', 'g.user_id', 'g.role', 'g.state', 'g.granted_at', 'g.decided_at', 'g.countersigned_by'])
      .select(['gb.display_name as granted_by_name', 'gb.login as granted_by_login'])
      .select(['cs.display_name as countersigned_by_name', 'cs.login as countersigned_by_login'])
      .where('g.user_id', 'in', ids)
      .where('g.state', 'in', ['active', 'ended', 'pending'])
      .execute(),
    db
      .selectFrom('role_ends as e')
      .leftJoin('users as eb', 'eb.id', 'e.ended_by')
      .select(['e.grant_id', 'e.user_id', 'e.role', 'e.ended_at'])
      .select(['eb.display_name as ended_by_name', 'eb.login as ended_by_login'])
      .where('e.user_id', 'in', ids)
      .execute(),
  ]);
  return {
    users: users.map((u) => ({ ...u, disabled_at: u.disabled_at ?? null })),
    grants,
    ends,
  };
}

/** The details (JSON) of the audit log's entries that granted a role to one of the people `userIds`. */
export async function roleGrantedDetails(db: Q, userIds: readonly string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('audit_entries')
    .select('details')
    .where('subject_type', '=', 'user')
    .where('subject_id', 'in', [...userIds])
    .where('action', '=', 'role.granted')
    .execute();
  return rows.map((r) => r.details);
}

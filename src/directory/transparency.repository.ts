import type { Db, Tx } from '../store/database.ts';
import type {
  KeyRow,
  OrganisationRow,
  ProviderNetworkDeclarationRow,
  RoleEndRow,
  UnitRow,
  UserRow,
} from '../store/schema.ts';
import { ownerOf, shownRoles } from './stored-roles.ts';

// All SQL of the published directory (key transparency): every organisation, unit and key, the grants
// of the roles that approve requests and the revoked duty designations, as the rows the log is built from.

/** A grant (active, or ended: migration 074) of a logged role, its holder's unit, its end or their disabling. */
export interface LoggedGrantRow {
  id: string;
  organisation_id: string;
  user_id: string;
  role: string;
  decided_at: string | null;
  logged_at: string | null;
  unit_id: string | null;
  disabled_at: string | null;
  /** When the role ended without its holder's account (migration 074); null while it lasts. */
  ended_at: string | null;
}

/** The ends of roles (without their holders' accounts) by the role's id in the log. */
async function roleEndsById(db: Db | Tx, roles: readonly string[]): Promise<Map<string, RoleEndRow>> {
  if (roles.length === 0) return new Map();
  const rows = await db
    .selectFrom('role_ends')
    .selectAll()
    .where('role', 'in', [...roles])
    .execute();
  return new Map(rows.map((r) => [r.grant_id, r]));
}

/**
 * The active and ended grants of `roles`, except those of a user disabled before disabling was dated (their end
 * is unknown, so the log leaves them out rather than show a role that never ended).
 */
export async function loggedGrantRows(db: Db | Tx, roles: readonly string[]): Promise<LoggedGrantRow[]> {
  if (roles.length === 0) return [];
  const rows = await db
    .selectFrom('role_grants as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .select(['g.id', 'g.organisation_id', 'g.user_id', 'g.role', 'g.decided_at', 'g.logged_at'])
    .select(['u.unit_id', 'u.disabled', 'u.disabled_at'])
    .where('g.state', 'in', ['active', 'ended'])
    .where('g.role', 'in', [...roles])
    .execute();
  const ends = await roleEndsById(db, roles);
  return rows
    .filter((r) => r.disabled === 0 || r.disabled_at)
    .map(({ disabled: _d, ...r }) => ({
      ...r,
      logged_at: r.logged_at ?? null,
      disabled_at: r.disabled_at ?? null,
      ended_at: ends.get(r.id)?.ended_at ?? null,
    }));
}

/**
 * The roles of `roles` people were made with (held from `created_at`; not countersigned, so never a grant
 * row), one row each, named `<user id>:<role>`; `logged_at` when the log recorded them (migration 072).
 * Such a role is one the person holds with no grant row of it in effect (a role granted to them later is
 * such a row: loggedGrantRows), or one that ended since (migration 074), held no more.
 * A user disabled before disabling was dated is left out, as for grants.
 */
export async function loggedHeldRoleRows(db: Db | Tx, roles: readonly string[]): Promise<LoggedGrantRow[]> {
  if (roles.length === 0) return [];
  const ends = [...(await roleEndsById(db, roles)).values()].filter((e) => e.grant_id === `${e.user_id}:${e.role}`);
  const ended = new Set(ends.map((e) => e.grant_id));
  const users = await db
    .selectFrom('users')
    .select(['id', 'login', 'organisation_id', 'unit_id', 'roles', 'created_at', 'roles_logged_at'])
    .select(['disabled', 'disabled_at'])
    .where((eb) =>
      eb.or([
        ...roles.map((r) => eb('roles', 'like', `%"${r}"%`)),
        ...(ends.length > 0 ? [eb('id', 'in', [...new Set(ends.map((e) => e.user_id))])] : []),
      ]),
    )
    .execute();
  const granted = await db
    .selectFrom('role_grants')
    .select(['user_id', 'role'])
    .where('state', '=', 'active')
    .where('role', 'in', [...roles])
    .execute();
  const inGrant = new Set(granted.map((g) => `${g.user_id}:${g.role}`));
  return users
    .filter((u) => u.disabled === 0 || u.disabled_at)
    .flatMap((u) => {
      const held: string[] = shownRoles(u.roles, ownerOf(u));
      const logged = held.filter((r) => roles.includes(r) && !inGrant.has(`${u.id}:${r}`));
      const made = roles.filter((r) => logged.includes(r) || ended.has(`${u.id}:${r}`));
      return made.map((role) => ({
        id: `${u.id}:${role}`,
        organisation_id: u.organisation_id,
        user_id: u.id,
        role,
        decided_at: u.created_at,
        logged_at: u.roles_logged_at ?? null,
        unit_id: u.unit_id,
        disabled_at: u.disabled_at ?? null,
        ended_at: ends.find((e) => e.grant_id === `${u.id}:${role}`)?.ended_at ?? null,
      }));
    });
}

export async function directoryRows(db: Db | Tx): Promise<{
  organisations: OrganisationRow[];
  units: UnitRow[];
  keys: KeyRow[];
  /** Lawyers (a registration number recorded): public as the bar's own register is. */
  lawyers: Pick<
    UserRow,
    'id' | 'organisation_id' | 'display_name' | 'created_at' | 'bar_registration_number' | 'bar_association'
  >[];
}> {
  const [organisations, units, keys, lawyers] = await Promise.all([
    db.selectFrom('organisations').selectAll().execute(),
    db.selectFrom('units').selectAll().execute(),
    db.selectFrom('keys').selectAll().where('owner_type', '!=', 'client').execute(),
    db
      .selectFrom('users')
      .select(['id', 'organisation_id', 'display_name', 'created_at', 'bar_registration_number', 'bar_association'])
      .where('bar_registration_number', 'is not', null)
      .execute(),
  ]);
  return { organisations, units, keys, lawyers };
}

/** A revoked duty designation: what the log's revocation entry is built from. */
export interface RevokedDesignationRow {
  id: string;
  unit_id: string;
  signed: string;
  revoked_by: string;
  revoked_at: string;
  logged_at: string | null;
}

/** Every revoked duty designation. */
export async function revokedDesignationRows(db: Db | Tx): Promise<RevokedDesignationRow[]> {
  const rows = await db
    .selectFrom('duty_designations')
    .select(['id', 'unit_id', 'signed', 'revoked_by', 'revoked_at', 'logged_at'])
    .where('revoked_at', 'is not', null)
    .execute();
  return rows.flatMap((r) =>
    r.revoked_at && r.revoked_by
      ? [{ ...r, revoked_at: r.revoked_at, revoked_by: r.revoked_by, logged_at: r.logged_at ?? null }]
      : [],
  );
}

/** A provider's declaration of its networks, whole (JSON arrays), as the log's entry is built from. */
export type NetworkDeclarationLogRow = ProviderNetworkDeclarationRow;

/** Every declaration of a provider's networks ever made (each whole; the log supersedes by order). */
export async function networkDeclarationRows(db: Db | Tx): Promise<NetworkDeclarationLogRow[]> {
  return db.selectFrom('provider_network_declarations').selectAll().execute();
}

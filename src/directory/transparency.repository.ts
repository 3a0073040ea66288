import type { Db, Tx } from '../store/database.ts';
import type { KeyRow, OrganisationRow, ProviderNetworkDeclarationRow, UnitRow, UserRow } from '../store/schema.ts';

// All SQL of the published directory (key transparency): every organisation, unit and key, the grants
// of the roles that approve requests and the revoked duty designations, as the rows the log is built from.

/** An active grant of an approving role, with its holder's unit and when the holder was disabled. */
export interface LoggedGrantRow {
  id: string;
  organisation_id: string;
  user_id: string;
  role: string;
  decided_at: string | null;
  logged_at: string | null;
  unit_id: string | null;
  disabled_at: string | null;
}

/**
 * The active grants of `roles`, except those of a user disabled before disabling was dated (their end
 * is unknown, so the log leaves them out rather than show a role that never ended).
 */
export async function loggedGrantRows(db: Db | Tx, roles: readonly string[]): Promise<LoggedGrantRow[]> {
  if (roles.length === 0) return [];
  const rows = await db
    .selectFrom('role_grants as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .select(['g.id', 'g.organisation_id', 'g.user_id', 'g.role', 'g.decided_at', 'g.logged_at'])
    .select(['u.unit_id', 'u.disabled', 'u.disabled_at'])
    .where('g.state', '=', 'active')
    .where('g.role', 'in', [...roles])
    .execute();
  return rows
    .filter((r) => r.disabled === 0 || r.disabled_at)
    .map(({ disabled: _d, ...r }) => ({ ...r, logged_at: r.logged_at ?? null, disabled_at: r.disabled_at ?? null }));
}

/**
 * The roles of `roles` people were made with (held from `created_at`; not countersigned, so never a grant
 * row), one row each, named `<user id>:<role>`; `logged_at` when the log recorded them (migration 072).
 * A user disabled before disabling was dated is left out, as for grants.
 */
export async function loggedHeldRoleRows(db: Db | Tx, roles: readonly string[]): Promise<LoggedGrantRow[]> {
  if (roles.length === 0) return [];
  const users = await db
    .selectFrom('users')
    .select(['id', 'organisation_id', 'unit_id', 'roles', 'created_at', 'roles_logged_at', 'disabled', 'disabled_at'])
    .where((eb) => eb.or(roles.map((r) => eb('roles', 'like', `%"${r}"%`))))
    .execute();
  return users
    .filter((u) => u.disabled === 0 || u.disabled_at)
    .flatMap((u) =>
      (JSON.parse(u.roles) as string[])
        .filter((role) => roles.includes(role))
        .map((role) => ({
          id: `${u.id}:${role}`,
          organisation_id: u.organisation_id,
          user_id: u.id,
          role,
          decided_at: u.created_at,
          logged_at: u.roles_logged_at ?? null,
          unit_id: u.unit_id,
          disabled_at: u.disabled_at ?? null,
        })),
    );
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

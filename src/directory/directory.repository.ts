import type { OrganisationKind, Role } from '../domain/vocabulary.ts';
import type { Db, StoreDialect, Tx } from '../store/database.ts';
import type {
  ClientRow,
  Database,
  OrganisationRow,
  ProviderNetworkDeclarationRow,
  ProviderPolicyRow,
  RoleEndRow,
  RoleGrantRow,
  UnitRow,
  UserRow,
} from '../store/schema.ts';
import { NO_PASSWORD_YET } from './enrolment-code.ts';
import { countedRoles, ownerOf, storedRoles } from './stored-roles.ts';

// All SQL of the directory: organisations, units, users, machine clients, policies and networks.

type Q = Db | Tx;

/** The rows of a directory table with these ids (each once, in no particular order; none for none). */
async function rowsWithIds<T extends 'organisations' | 'units' | 'users'>(
  db: Q,
  table: T,
  ids: readonly string[],
): Promise<Database[T][]>;
async function rowsWithIds(
  db: Q,
  table: 'organisations' | 'units' | 'users',
  ids: readonly string[],
): Promise<(OrganisationRow | UnitRow | UserRow)[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom(table)
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

export async function insertOrganisation(tx: Q, row: OrganisationRow): Promise<void> {
  await tx.insertInto('organisations').values(row).execute();
}

export async function findOrganisation(db: Q, id: string): Promise<OrganisationRow | undefined> {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findOrganisations(db: Q, ids: readonly string[]): Promise<OrganisationRow[]> {
  return rowsWithIds(db, 'organisations', ids);
}

export async function listOrganisationRows(db: Q, kind?: OrganisationKind): Promise<OrganisationRow[]> {
  let q = db.selectFrom('organisations').selectAll().orderBy('name_en');
  if (kind) q = q.where('kind', '=', kind);
  return q.execute();
}

export async function insertUnit(tx: Q, row: UnitRow): Promise<void> {
  await tx.insertInto('units').values(row).execute();
}

export async function findUnit(db: Q, id: string): Promise<UnitRow | undefined> {
  return db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUnits(db: Q, ids: readonly string[]): Promise<UnitRow[]> {
  return rowsWithIds(db, 'units', ids);
}

export async function listUnitRows(db: Q, organisationId: string): Promise<UnitRow[]> {
  return db
    .selectFrom('units')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('created_at')
    .execute();
}

export async function insertUser(tx: Q, row: UserRow): Promise<void> {
  await tx.insertInto('users').values(row).execute();
}

export async function findUser(db: Q, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUserByLogin(db: Q, login: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('login', '=', login).executeTakeFirst();
}

export async function findUsers(db: Q, ids: readonly string[]): Promise<UserRow[]> {
  return rowsWithIds(db, 'users', ids);
}

/** Users of one organisation, or of every organisation when none is given; by login. */
export async function listUserRows(db: Q, organisationId?: string): Promise<UserRow[]> {
  let q = db.selectFrom('users').selectAll().orderBy('organisation_id').orderBy('login');
  if (organisationId !== undefined) q = q.where('organisation_id', '=', organisationId);
  return q.execute();
}

/**
 * Disables a user at `at`: the end of every role they held, as the directory log records it. Once: a
 * second disabling does not move that instant (the log only appends).
 */
export async function setUserDisabled(tx: Q, id: string, at: string): Promise<void> {
  await tx
    .updateTable('users')
    .set({ disabled: 1, disabled_at: at })
    .where('id', '=', id)
    .where('disabled', '=', 0)
    .execute();
}

/**
 * Issues an enrolment to a user: the code's hash and expiry; the password and TOTP secret they held, if
 * any, are gone (a reissue to an enrolled person is a reset: nothing they knew signs in any more).
 */
export async function setEnrolment(
  tx: Q,
  userId: string,
  enrolment: { codeHash: string; expiresAt: string; issuedBy: string | null },
): Promise<void> {
  await tx
    .updateTable('users')
    .set({
      enrolment_code_hash: enrolment.codeHash,
      enrolment_expires_at: enrolment.expiresAt,
      enrolment_issued_by: enrolment.issuedBy,
      password_hash: NO_PASSWORD_YET,
      totp_secret_wrapped: null,
      totp_last_step: 0,
      reset_requested_by: null,
      reset_requested_at: null,
    })
    .where('id', '=', userId)
    .execute();
}

/** Keeps the first person's request for a reset that waits for a second person (replacing an older one). */
export async function setResetRequest(tx: Q, userId: string, by: string, at: string): Promise<void> {
  await tx
    .updateTable('users')
    .set({ reset_requested_by: by, reset_requested_at: at })
    .where('id', '=', userId)
    .execute();
}

/**
 * Completes an enrolment: the person's password and TOTP secret, the code spent. Only while the code
 * with `codeHash` is the one outstanding: false when it was spent or replaced meanwhile.
 */
export async function completeEnrolment(
  tx: Q,
  userId: string,
  codeHash: string,
  credentials: { passwordHash: string; totpSecretWrapped: string },
): Promise<boolean> {
  const r = await tx
    .updateTable('users')
    .set({
      password_hash: credentials.passwordHash,
      totp_secret_wrapped: credentials.totpSecretWrapped,
      totp_last_step: 0,
      enrolment_code_hash: null,
      enrolment_expires_at: null,
    })
    .where('id', '=', userId)
    .where('enrolment_code_hash', '=', codeHash)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Records a TOTP time step as used; false when this step (or a later one) was already used, or when the
 * password is no longer `passwordHash` (a reset came between the check of the password and this step).
 */
export async function useTotpStep(tx: Q, userId: string, step: number, passwordHash: string): Promise<boolean> {
  const r = await tx
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where('totp_last_step', '<', step)
    .where('password_hash', '=', passwordHash)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A user with the kind of its organisation (what a principal is made of). */
export type UserWithKind = UserRow & { organisation_kind: string };

export async function findUserWithKindByLogin(db: Q, login: string): Promise<UserWithKind | undefined> {
  return db
    .selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .selectAll('u')
    .select('o.kind as organisation_kind')
    .where('u.login', '=', login)
    .executeTakeFirst();
}

export async function insertClient(tx: Q, row: ClientRow): Promise<void> {
  await tx.insertInto('clients').values(row).execute();
}

export async function latestPolicyRow(db: Q, organisationId: string): Promise<ProviderPolicyRow | undefined> {
  return db
    .selectFrom('provider_policies')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('version', 'desc')
    .executeTakeFirst();
}

export async function insertPolicyRow(tx: Q, row: ProviderPolicyRow): Promise<void> {
  await tx.insertInto('provider_policies').values(row).execute();
}

export async function replaceNetworkRows(
  tx: Q,
  organisationId: string,
  rows: Array<{ id: string; kind: string; value: string }>,
): Promise<void> {
  await tx.deleteFrom('provider_networks').where('organisation_id', '=', organisationId).execute();
  if (rows.length > 0) {
    await tx
      .insertInto('provider_networks')
      .values(rows.map((r) => ({ ...r, organisation_id: organisationId })))
      .execute();
  }
}

/** The instants (as signed) of the provider's declarations signed on its installation: the replay check. */
export async function signedNetworkDeclarationInstants(db: Q, organisationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('provider_network_declarations')
    .select('signed_at')
    .where('organisation_id', '=', organisationId)
    .where('signed_at', 'is not', null)
    .execute();
  return rows.flatMap((r) => (r.signed_at ? [r.signed_at] : []));
}

/** Keeps a whole declaration for the directory log (never updated nor deleted: a later one supersedes it). */
export async function insertNetworkDeclaration(tx: Q, row: ProviderNetworkDeclarationRow): Promise<void> {
  await tx.insertInto('provider_network_declarations').values(row).execute();
}

export interface NetworkDeclarationRow {
  organisationId: string;
  nameJa: string;
  nameEn: string;
  kind: string;
  value: string;
}

/** Declared networks of every provider (or one), with the provider's names, by organisation. */
export async function listNetworkRows(db: Q, organisationId?: string): Promise<NetworkDeclarationRow[]> {
  return db
    .selectFrom('provider_networks as n')
    .innerJoin('organisations as o', 'o.id', 'n.organisation_id')
    .select(['o.id as organisationId', 'o.name_ja as nameJa', 'o.name_en as nameEn', 'n.kind', 'n.value'])
    .where('o.kind', '=', 'provider')
    .$if(organisationId !== undefined, (q) => q.where('o.id', '=', organisationId ?? ''))
    .orderBy('o.id')
    .execute();
}

/** Whether the directory holds any organisation at all (an empty store). */
export async function hasOrganisations(db: Q): Promise<boolean> {
  const r = await db.selectFrom('organisations').select('id').limit(1).executeTakeFirst();
  return r !== undefined;
}

// ---- grants of privileged roles ----

export async function insertRoleGrant(tx: Q, row: RoleGrantRow): Promise<void> {
  await tx.insertInto('role_grants').values(row).execute();
}

export async function findRoleGrant(db: Q, id: string): Promise<RoleGrantRow | undefined> {
  return db.selectFrom('role_grants').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Ends an active grant (its role ended without its holder's account); false when it was no longer active. */
export async function endRoleGrant(tx: Q, id: string): Promise<boolean> {
  const r = await tx
    .updateTable('role_grants')
    .set({ state: 'ended' })
    .where('id', '=', id)
    .where('state', '=', 'active')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Records the end of a role (migration 074). */
export async function insertRoleEnd(tx: Q, row: RoleEndRow): Promise<void> {
  await tx.insertInto('role_ends').values(row).execute();
}

export type RoleGrantWithNames = RoleGrantRow & { user_login: string; user_name: string };

/** An organisation's grants (optionally of one state), newest first, with the grantee's login and name. */
export async function listRoleGrantRows(db: Q, organisationId: string, state?: string): Promise<RoleGrantWithNames[]> {
  let q = db
    .selectFrom('role_grants as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .selectAll('g')
    .select(['u.login as user_login', 'u.display_name as user_name'])
    .where('g.organisation_id', '=', organisationId)
    .orderBy('g.granted_at', 'desc');
  if (state !== undefined) q = q.where('g.state', '=', state);
  return q.execute();
}

/** The active grant of a role to a user, with the countersigner's name (the newest, if several). */
export async function activeRoleGrant(
  db: Q,
  userId: string,
  role: string,
): Promise<(RoleGrantRow & { countersigner_name: string | null }) | undefined> {
  return db
    .selectFrom('role_grants as g')
    .leftJoin('users as c', 'c.id', 'g.countersigned_by')
    .selectAll('g')
    .select('c.display_name as countersigner_name')
    .where('g.user_id', '=', userId)
    .where('g.role', '=', role)
    .where('g.state', '=', 'active')
    .orderBy('g.decided_at', 'desc')
    .executeTakeFirst();
}

/** Whether an organisation has an active administrator (a grant, or an administrator from before grants). */
export async function hasActiveAdmin(db: Q, organisationId: string): Promise<boolean> {
  const users = await db
    .selectFrom('users')
    .select(['id', 'login', 'roles'])
    .where('organisation_id', '=', organisationId)
    .where('disabled', '=', 0)
    .execute();
  return users.some((u) => countedRoles(u.roles, ownerOf(u)).includes('admin'));
}

/**
 * Changes a person's roles from what is stored now (`change` gets them and returns the new list), the row
 * held until the transaction ends (PostgreSQL FOR UPDATE; SQLite has one writer): two changes to one person
 * at once — two grants countersigned, a grant and an end — each see the other's, and neither is lost.
 */
export async function changeUserRoles(
  tx: Tx,
  dialect: StoreDialect,
  userId: string,
  change: (roles: Role[]) => Role[],
): Promise<Role[]> {
  const read = tx.selectFrom('users').select(['id', 'login', 'roles']).where('id', '=', userId);
  const row = await (dialect === 'postgres' ? read.forUpdate() : read).executeTakeFirstOrThrow();
  const roles = change(storedRoles(row.roles, ownerOf(row)));
  await tx
    .updateTable('users')
    .set({ roles: JSON.stringify(roles) })
    .where('id', '=', userId)
    .execute();
  return roles;
}

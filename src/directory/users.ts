import type { z } from 'zod';
import { secondFactorLocks } from '../auth/second-factor-lock.ts';
import { deleteSessionsOfUser } from '../auth/session.repository.ts';
import { type Caller, can, requirePermission, requireSameOrganisation } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { parseOrThrow } from '../domain/validation.ts';
import { ROLE_LABELS, ROLES_BY_ORGANISATION_KIND, ROLES_NOT_WITH_AUDITOR } from '../domain/vocabulary.ts';
import { newId } from '../kernel/ids.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { UserRow } from '../store/schema.ts';
import {
  findUser,
  findUserByLogin,
  insertUser,
  listRoleGrantRows,
  listUnitRows,
  listUserRows,
  setEnrolment,
  setResetRequest,
  setUserDisabled,
} from './directory.repository.ts';
import { enrolmentCodeHash, enrolmentExpiry, NO_PASSWORD_YET, newEnrolmentCode } from './enrolment-code.ts';
import { endCurrentKeys } from './key.repository.ts';
import { getOrganisation, getOwnUnit, getOwnUser } from './lookups.ts';
import { CreateUserInput, type RoleGrant, toUser, type User } from './model.ts';
import { keepAnotherAdmin } from './role-ends.ts';
import { activateIfActive, grantRole, isPrivileged } from './role-grants.ts';
import { countedRoles, grantedRoleOrUnknown, ownerOf, shownRoles } from './stored-roles.ts';

/** The additional data that binds a wrapped TOTP secret to its user. */
export function totpAad(userId: string): string {
  return `shokai/totp/${userId}`;
}

/** How long a first person's request to reset a privileged person waits for the second. */
export const RESET_REQUEST_HOURS = 24;

/** Users of the caller's organisation (the system operator may list every organisation's). */
export async function listUsers(uow: UnitOfWork, caller: Caller, organisationId?: string): Promise<User[]> {
  requirePermission(caller, 'user.list');
  const org = caller.kind === 'system' ? organisationId : caller.organisationId;
  if (organisationId !== undefined) {
    requireSameOrganisation(caller, organisationId);
    await getOrganisation(uow.tx, organisationId); // an unknown one is refused naming it, not listed as empty
  }
  // A person whose second factor failed codes locked is shown so to their organisation's administrators.
  const locks = await secondFactorLocks(uow.tx, uow.now);
  // One person's unreadable roles do not stop the list: they are shown by the roles known (and logged).
  return (await listUserRows(uow.tx, org)).map((row) => ({
    ...withLiveResetRequest(toUser(row, shownRoles(row.roles, ownerOf(row))), uow.now),
    secondFactorLock: locks.get(row.id) ?? null,
  }));
}

/** The user, without a reset request that has lapsed, or of a person since disabled: neither can be completed. */
export function withLiveResetRequest(user: User, now: Date): User {
  const since = new Date(now.getTime() - RESET_REQUEST_HOURS * 3600_000).toISOString();
  const lapsed = user.resetRequest !== null && (user.disabled || user.resetRequest.at <= since);
  return lapsed ? { ...user, resetRequest: null } : user;
}

/** A one-time enrolment code as its holder reads it (returned once; only its hash is stored). */
export interface Enrolment {
  code: string;
  expiresAt: string;
}

/**
 * Creates a user awaiting their enrolment: the person chooses their own password and receives their own
 * TOTP secret with the one-time code returned here (src/auth/enrolment.ts), so the administrator who
 * makes the account never holds what signs in to it. Roles must be ones a member of the organisation's
 * kind may hold; privileged ones wait for a second person's countersignature.
 */
export async function createUser(
  uow: UnitOfWork,
  caller: Caller,
  raw: unknown,
): Promise<{ user: User; enrolment: Enrolment; grants: Array<Pick<RoleGrant, 'id' | 'role' | 'state'>> }> {
  requirePermission(caller, 'user.create');
  const input = parseOrThrow(CreateUserInput, raw);
  requireSameOrganisation(caller, input.organisationId);
  const org = await getOrganisation(uow.tx, input.organisationId);
  const allowed = ROLES_BY_ORGANISATION_KIND[org.kind];
  const foreign = input.roles.filter((r) => !allowed.includes(r));
  if (foreign.length > 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: `${org.nameJa}の利用者には付与できない役割です: ${foreign.join(', ')}`,
        en: `a member of ${org.nameEn} cannot hold: ${foreign.join(', ')}`,
      },
      { field: 'roles', value: foreign, allowed },
    );
  }
  // Whoever decides who holds which role and key is among those the audit log watches: not its reader too.
  const administering = input.roles.filter((r) => ROLES_NOT_WITH_AUDITOR.includes(r));
  if (input.roles.includes('auditor') && administering.length > 0) {
    const held = administering.map((r) => ROLE_LABELS[r]);
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: `監査担当は${held.map((l) => l.ja).join('・')}と同じ人には付与できません（自分の管理を自分で監査することになります）`,
        en:
          `one person cannot be an auditor and ${held.map((l) => l.en.toLowerCase()).join(' or ')} ` +
          `(they would audit their own administration)`,
      },
      { field: 'roles', value: ['auditor', ...administering] },
    );
  }
  if (input.unitId) {
    // Another organisation's unit is not found, as a missing one is (the operator, who sees all, is told why).
    const unit = await getOwnUnit(uow.tx, caller, input.unitId);
    if (unit.organisationId !== org.id) {
      throw new DomainError(
        'VALIDATION_FAILED',
        { ja: '所属が組織に属していません', en: 'the unit does not belong to the organisation' },
        { field: 'unitId', value: input.unitId },
      );
    }
  }
  const unitId = await lawOfficeUnit(uow, org, input);
  if (input.roles.includes('unit_head') && !input.unitId) {
    throw new DomainError(
      'VALIDATION_FAILED',
      { ja: '所属長には所属が必要です', en: 'a unit head needs a unit' },
      {
        field: 'unitId',
        value: null,
      },
    );
  }
  if (await findUserByLogin(uow.tx, input.login)) {
    throw new DomainError(
      'CONFLICT',
      { ja: `ログイン名 ${input.login} は使用済みです`, en: `login ${input.login} is taken` },
      { field: 'login', value: input.login },
    );
  }
  const id = newId('usr');
  const code = newEnrolmentCode();
  const expiresAt = enrolmentExpiry(uow.now).toISOString();
  // Privileged roles take two people: they are granted here and held once countersigned.
  const immediate = input.roles.filter((r) => !isPrivileged(r));
  const row: UserRow = {
    id,
    organisation_id: org.id,
    unit_id: unitId,
    login: input.login,
    display_name: input.displayName,
    roles: JSON.stringify(immediate),
    password_hash: NO_PASSWORD_YET,
    totp_secret_wrapped: null,
    totp_last_step: 0,
    disabled: 0,
    created_at: uow.now.toISOString(),
    bar_registration_number: input.barRegistrationNumber ?? null,
    bar_association: input.barAssociation ?? null,
    enrolment_code_hash: enrolmentCodeHash(id, code),
    enrolment_expires_at: expiresAt,
    enrolment_issued_by: caller.kind === 'system' ? null : caller.id,
  };
  await insertUser(uow.tx, row);
  await uow.auditBy(caller, 'user.created', ['user', id], {
    login: input.login,
    roles: immediate,
    organisationId: org.id,
    unitId,
    ...(input.barRegistrationNumber ? { barRegistrationNumber: input.barRegistrationNumber } : {}),
  });
  const grants = [];
  for (const role of input.roles.filter(isPrivileged)) {
    const grant = await grantRole(uow, caller, { id, organisationId: org.id }, role);
    await activateIfActive(uow, caller, grant);
    grants.push({ id: grant.id, role, state: grant.state });
  }
  const held = grants.filter((g) => g.state === 'active').map((g) => g.role);
  const user = toUser(row, [...immediate, ...held]);
  return { user, enrolment: { code, expiresAt }, grants };
}

/** What a reissue gives: the new code, or none yet while a reset waits for a second person (`user.resetRequest`). */
export interface Reissued {
  user: User;
  enrolment: Enrolment | null;
}

/**
 * A new enrolment code for a person of the caller's organisation: one whose code lapsed or was lost, or
 * one who lost their password or authenticator. Whatever they held no longer signs in (their sessions
 * end); the earlier code no longer works. Audited with whether it reset an enrolled person.
 *
 * A new code for a person who holds a privileged role, or awaits one's countersignature, takes two people
 * (enrolled or not: the code is the account), as granting that role did: otherwise one administrator could
 * reset the key officer (or an auditor, a unit head), enrol in their place and countersign their own
 * grants. The first request is kept (audited), and a second person
 * who may countersign grants — never the one who asked, nor the person reset — completes it within
 * RESET_REQUEST_HOURS; the code is given to that second person. The installation's operator (the command
 * line without --as), who holds the store and its key, resets alone.
 */
export async function reissueEnrolment(uow: UnitOfWork, caller: Caller, userId: string): Promise<Reissued> {
  // Who makes people issues codes; who countersigns grants may complete a privileged reset (below).
  if (!can(caller, 'role.countersign')) requirePermission(caller, 'user.create');
  const user = await getOwnUser(uow.tx, caller, userId);
  if (user.disabled) {
    throw new DomainError(
      'CONFLICT',
      {
        ja: `${user.login}（${user.displayName}）は無効にされた利用者です。登録コードは発行できません`,
        en: `${user.login} (${user.displayName}) is disabled: no enrolment code can be issued`,
      },
      { field: 'userId', value: userId },
    );
  }
  const reset = user.enrolmentExpiresAt === null;
  let requestedBy: string | null = null;
  if (caller.kind !== 'system' && (await holdsOrAwaitsPrivilege(uow, user))) {
    const pending = await pendingResetRequest(uow, user);
    if (!pending || pending.by === caller.id) {
      requirePermission(caller, 'user.create');
      await setResetRequest(uow.tx, userId, caller.id, uow.now.toISOString());
      await uow.auditBy(caller, 'user.enrolment_reset_requested', ['user', userId], { login: user.login });
      const resetRequest = { by: caller.id, at: uow.now.toISOString() };
      return { user: { ...user, resetRequest }, enrolment: null };
    }
    requireSecondPerson(caller, user);
    requestedBy = pending.by;
  } else {
    requirePermission(caller, 'user.create');
  }
  const code = newEnrolmentCode();
  const expiresAt = enrolmentExpiry(uow.now).toISOString();
  const issuedBy = caller.kind === 'system' ? null : caller.id;
  await setEnrolment(uow.tx, userId, { codeHash: enrolmentCodeHash(userId, code), expiresAt, issuedBy });
  await deleteSessionsOfUser(uow.tx, userId);
  await uow.auditBy(caller, 'user.enrolment_issued', ['user', userId], {
    login: user.login,
    reset,
    ...(requestedBy ? { requestedBy } : {}),
  });
  return { user: { ...user, enrolmentExpiresAt: expiresAt, resetRequest: null }, enrolment: { code, expiresAt } };
}

/**
 * Whether a new code for this person takes two people: they hold a privileged role, or one was granted to
 * them and waits for its countersignature. Enrolled or not: a code is the account, and with it its roles.
 * A pending grant of a role this version does not know counts as privileged: two people is the safe side.
 */
async function holdsOrAwaitsPrivilege(uow: UnitOfWork, user: User): Promise<boolean> {
  if (user.roles.some(isPrivileged)) return true;
  const pending = await listRoleGrantRows(uow.tx, user.organisationId, 'pending');
  const holder = { kind: 'user', id: user.id, name: user.login } as const;
  return pending.some((g) => {
    if (g.user_id !== user.id) return false;
    const role = grantedRoleOrUnknown(g.role, { grantId: g.id, holder });
    return role === null || isPrivileged(role);
  });
}

/**
 * The first person's request to reset `user`, while it may still be completed: not lapsed, and asked by
 * someone who still may (not disabled since, still holding the right to make people).
 */
async function pendingResetRequest(uow: UnitOfWork, user: User): Promise<{ by: string } | null> {
  const asked = withLiveResetRequest(user, uow.now).resetRequest;
  if (!asked) return null;
  const by = await findUser(uow.tx, asked.by);
  if (!by || by.disabled) return null;
  const org = await getOrganisation(uow.tx, by.organisation_id);
  const roles = countedRoles(by.roles, ownerOf(by));
  return can({ organisationKind: org.kind, roles }, 'user.create') ? asked : null;
}

/** The second person of a privileged reset: one who may countersign grants, and not the person reset. */
function requireSecondPerson(caller: Caller, user: User): void {
  requirePermission(caller, 'role.countersign');
  if (caller.kind !== 'system' && caller.id === user.id) {
    throw new DomainError(
      'SELF_APPROVAL',
      {
        ja: '自分自身のやり直しには副署できません（二人目の管理者か鍵管理責任者が副署します）',
        en: 'nobody can countersign the reset of their own account (a second administrator or the key officer does)',
      },
      { field: 'userId', value: user.id },
    );
  }
}

/**
 * A law office is one unit (its office, created with it): its lawyers and assistants belong to it. A
 * lawyer is registered with their registration number and bar association; nobody else has them.
 */
async function lawOfficeUnit(
  uow: UnitOfWork,
  org: { id: string; kind: string },
  input: z.infer<typeof CreateUserInput>,
): Promise<string | null> {
  const isLawyer = input.roles.includes('lawyer');
  if (isLawyer) {
    const missing = [
      ...(input.barRegistrationNumber ? [] : ['barRegistrationNumber']),
      ...(input.barAssociation ? [] : ['barAssociation']),
    ];
    if (missing.length > 0) {
      throw new DomainError(
        'VALIDATION_FAILED',
        {
          ja: `弁護士の登録には弁護士登録番号と所属弁護士会が必要です（不足: ${missing.join(', ')}）`,
          en:
            `a lawyer is registered with their registration number ` +
            `and bar association (missing: ${missing.join(', ')})`,
        },
        { field: missing[0], missing },
      );
    }
  } else if (input.barRegistrationNumber || input.barAssociation) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: '弁護士登録番号・所属弁護士会は弁護士の役割を持つ利用者にのみ記録します',
        en: 'a registration number and bar association belong only to a user with the lawyer role',
      },
      { field: input.barRegistrationNumber ? 'barRegistrationNumber' : 'barAssociation' },
    );
  }
  if (org.kind !== 'law_office' || input.unitId) return input.unitId;
  if (input.roles.every((r) => r === 'admin' || r === 'key_officer')) return null;
  const [office] = await listUnitRows(uow.tx, org.id);
  return office?.id ?? null;
}

export async function disableUser(uow: UnitOfWork, caller: Caller, userId: string): Promise<User> {
  requirePermission(caller, 'user.disable');
  const user = await getOwnUser(uow.tx, caller, userId);
  // An administrator does not shut their organisation out by disabling themselves as its only one; the
  // operator may (a compromised account is disabled at once, and the operator can make another).
  const keepAdmin = caller.kind !== 'system' && user.roles.includes('admin') && !user.disabled;
  if (keepAdmin) await keepAnotherAdmin(uow, user);
  await setUserDisabled(uow.tx, userId, uow.now.toISOString());
  // Their signing key ends with them: a passkey on their own device signs without the hub (a judge's
  // attestation is carried in by the police), so one left valid would go on making acts that verify.
  await endCurrentKeys(uow.tx, 'user', userId, 'signing', uow.now.toISOString());
  await deleteSessionsOfUser(uow.tx, userId);
  await uow.auditBy(caller, 'user.disabled', ['user', userId]);
  if (keepAdmin) await keepAnotherAdmin(uow, user);
  return { ...user, disabled: true };
}

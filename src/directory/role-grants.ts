import { z } from 'zod';
import { type Caller, type Principal, requirePermission, requireSameOrganisation } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { RefusalReasonInput } from '../domain/refusal.ts';
import type { UncountersignedReason } from '../domain/role-periods.ts';
import { shownInput } from '../domain/shown-text.ts';
import { parseOrThrow } from '../domain/validation.ts';
import {
  isOneOf,
  PRIVILEGED_ROLES,
  ROLE_GRANT_STATES,
  ROLES_NOT_WITH_AUDITOR,
  type Role,
  type RoleGrantState,
} from '../domain/vocabulary.ts';
import { newId } from '../kernel/ids.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { RoleGrantRow } from '../store/schema.ts';
import {
  changeUserRoles,
  findRoleGrant,
  findUser,
  hasActiveAdmin,
  insertRoleGrant,
  listRoleGrantRows,
  type RoleGrantWithNames,
} from './directory.repository.ts';
import { createKey } from './keys.ts';
import { getOrganisation } from './lookups.ts';
import type { RoleGrant } from './model.ts';
import { uncountersignedWhy } from './role-periods.ts';
import { decideOrConflict, refuseDisabledSince, requireCountersignerOrOperator } from './second-person.ts';
import {
  type GrantOwner,
  grantedRole,
  grantedRoleOrUnknown,
  grantStateOrUnknown,
  ownerOf,
  storedRoles,
} from './stored-roles.ts';

// Two people grant a privileged role (DESIGN: one compromised account must never be enough to issue a
// verified request). A grant of a privileged role (PRIVILEGED_ROLES: unit_head, judge, admin, key_officer,
// lawyer, auditor, statistician) waits until a second person — another administrator or the organisation's
// key officer, neither the granter nor the grantee — countersigns it; only then does the role take effect
// and an approver get a signing credential.

export function isPrivileged(role: Role): boolean {
  return PRIVILEGED_ROLES.includes(role);
}

/** Whether one person holding `roles` would audit their own administration (auditor with admin or key officer). */
export function auditsOwnAdministration(roles: readonly string[]): boolean {
  return roles.includes('auditor') && roles.some((r) => isOneOf(ROLES_NOT_WITH_AUDITOR, r));
}

const AUDITS_OWN = {
  ja: '監査担当は管理者・鍵管理責任者と同じ人には付与できません（自分の管理を自分で監査することになります）',
  en: 'one person cannot be an auditor and an administrator or key officer (they would audit their own administration)',
};

/** The refusal of a grant that would make one person audit their own administration. */
export function auditsOwnRefusal(role: string, confirming: boolean): DomainError {
  return confirming
    ? new DomainError(
        'ILLEGAL_TRANSITION',
        { ja: `${AUDITS_OWN.ja}。この付与は確認できません（拒否してください）`, en: `${AUDITS_OWN.en}: refuse it` },
        { field: 'role', value: role },
      )
    : new DomainError('VALIDATION_FAILED', AUDITS_OWN, { field: 'role', value: role });
}

/**
 * A grant as handed out; `why` says, of one in effect with no countersignature, why (role-periods.ts
 * `uncountersignedWhy`): left out, as for a grant just countersigned or refused, it is none.
 */
const toGrant = (
  r: RoleGrantWithNames & { role: Role; state: RoleGrantState },
  why?: (grantId: string) => UncountersignedReason,
): RoleGrant => ({
  id: r.id,
  organisationId: r.organisation_id,
  userId: r.user_id,
  userLogin: r.user_login,
  userName: r.user_name,
  role: r.role,
  state: r.state,
  grantedBy: r.granted_by,
  grantedAt: r.granted_at,
  countersignedBy: r.countersigned_by,
  decidedAt: r.decided_at,
  refusalReason: r.refusal_reason,
  uncountersigned:
    why && (r.state === 'active' || r.state === 'ended') && r.countersigned_by === null ? why(r.id) : null,
});

/**
 * Records a grant of a privileged role. It is pending — the role not yet held — except for the very
 * first administrator of an organisation, registered by the installation's operator (someone has to
 * be able to countersign).
 */
export async function grantRole(
  uow: UnitOfWork,
  caller: Caller,
  user: { id: string; organisationId: string },
  role: Role,
): Promise<RoleGrantRow & { state: RoleGrantState }> {
  const bootstrap =
    caller.kind === 'system' && role === 'admin' && !(await hasActiveAdmin(uow.tx, user.organisationId));
  const at = uow.now.toISOString();
  const row: RoleGrantRow & { state: RoleGrantState } = {
    id: newId('grant'),
    organisation_id: user.organisationId,
    user_id: user.id,
    role,
    state: bootstrap ? 'active' : 'pending',
    granted_by: caller.kind === 'system' ? null : caller.id,
    granted_at: at,
    countersigned_by: null,
    decided_at: bootstrap ? at : null,
    refusal_reason: null,
  };
  await insertRoleGrant(uow.tx, row);
  await uow.auditBy(caller, 'role.granted', ['user', user.id], {
    grantId: row.id,
    role,
    state: row.state,
    ...(bootstrap ? { bootstrap: true } : {}),
  });
  return row;
}

/** Makes an active grant's role effective: the role is held, and an approver gets a signing credential. */
async function activate(uow: UnitOfWork, caller: Caller, grant: RoleGrantRow): Promise<void> {
  const user = await findUser(uow.tx, grant.user_id);
  if (!user) throw new DomainError('NOT_FOUND', { ja: '利用者が存在しません', en: 'the user does not exist' });
  const role = grantedRole(grant.role, { grantId: grant.id, holder: ownerOf(user) });
  await changeUserRoles(uow.tx, uow.dialect, user.id, (held) => (held.includes(role) ? held : [...held, role]));
  // The approver's personal signing credential exists from the countersignature on: its age is what a
  // provider sees, and what an emergency's second check looks at.
  if (grant.role === 'unit_head') {
    await createKey(uow, caller, {
      organisationId: user.organisation_id,
      ownerType: 'user',
      ownerId: user.id,
      purpose: 'signing',
    });
  }
}

/** Used by user creation: the bootstrap administrator is active at once. */
export async function activateIfActive(uow: UnitOfWork, caller: Caller, grant: RoleGrantRow): Promise<void> {
  if (grant.state === 'active') await activate(uow, caller, grant);
}

/** A pending grant `p` may decide, with its role read: one of a role this version does not know is refused. */
async function pendingGrantOf(uow: UnitOfWork, p: Principal, id: string): Promise<RoleGrantRow & { role: Role }> {
  requirePermission(p, 'role.countersign');
  const grant = await findRoleGrant(uow.tx, id);
  if (!grant || grant.organisation_id !== p.organisationId) {
    throw new DomainError(
      'NOT_FOUND',
      { ja: `権限付与 ${shownInput(id)} は存在しません`, en: `role grant ${shownInput(id)} does not exist` },
      {
        field: 'id',
        value: id,
      },
    );
  }
  if (grant.state !== 'pending') {
    throw new DomainError(
      'CONFLICT',
      { ja: 'この権限付与は既に決着しています', en: 'this role grant has already been decided' },
      { id, state: grant.state },
    );
  }
  if (grant.granted_by === p.id || grant.user_id === p.id) {
    throw new DomainError(
      'SELF_APPROVAL',
      {
        ja: '権限を付与した本人・付与される本人は副署できません（二人目の管理者か鍵管理責任者が副署します）',
        en: 'neither the granter nor the grantee can countersign (a second administrator or the key officer does)',
      },
      { id },
    );
  }
  return { ...grant, role: grantedRole(grant.role, await grantOwner(uow, grant)) };
}

/** A grant as the owner of its stored role: its holder named by login (by id when the row is gone). */
async function grantOwner(uow: UnitOfWork, grant: Pick<RoleGrantRow, 'id' | 'user_id'>): Promise<GrantOwner> {
  const holder = await findUser(uow.tx, grant.user_id);
  return { grantId: grant.id, holder: holder ? ownerOf(holder) : { kind: 'user', id: grant.user_id, name: null } };
}

/** A second person countersigns a pending grant: the role takes effect now. */
export async function countersignGrant(uow: UnitOfWork, p: Principal, id: string): Promise<RoleGrant> {
  const grant = await pendingGrantOf(uow, p, id);
  await refuseDisabledSince(uow.tx, 'role_grants', grant.user_id, id);
  // Grants of both were once each checked only against the roles held: the later one is refused here.
  const holder = await findUser(uow.tx, grant.user_id);
  if (holder && auditsOwnAdministration([...storedRoles(holder.roles, ownerOf(holder)), grant.role])) {
    throw auditsOwnRefusal(grant.role, true);
  }
  const decided = {
    state: 'active' as const,
    countersigned_by: p.id,
    decided_at: uow.now.toISOString(),
    refusal_reason: null,
  };
  await decideOrConflict(uow.tx, 'role_grants', id, decided);
  const active = { ...grant, ...decided };
  await activate(uow, p, active);
  await uow.auditBy(p, 'role.countersigned', ['user', grant.user_id], {
    grantId: id,
    role: grant.role,
    grantedBy: grant.granted_by,
  });
  return toGrant(await withNames(uow, active));
}

/** A second person refuses a pending grant, with a reason: the role never takes effect. */
export async function refuseGrant(uow: UnitOfWork, p: Principal, id: string, raw: unknown): Promise<RoleGrant> {
  const { reason } = parseOrThrow(RefusalReasonInput, raw);
  const grant = await pendingGrantOf(uow, p, id);
  const decided = {
    state: 'refused' as const,
    countersigned_by: p.id,
    decided_at: uow.now.toISOString(),
    refusal_reason: reason,
  };
  await decideOrConflict(uow.tx, 'role_grants', id, decided);
  await uow.auditBy(p, 'role.refused', ['user', grant.user_id], { grantId: id, role: grant.role, reason });
  return toGrant(await withNames(uow, { ...grant, ...decided }));
}

async function withNames<G extends RoleGrantRow>(uow: UnitOfWork, g: G): Promise<G & RoleGrantWithNames> {
  const u = await findUser(uow.tx, g.user_id);
  return { ...g, user_login: u?.login ?? g.user_id, user_name: u?.display_name ?? g.user_id };
}

export const ListGrantsInput = z.strictObject({ state: z.enum(ROLE_GRANT_STATES).optional() });

/** The organisation's grants of privileged roles, for its administrators and key officer. */
export async function listGrants(
  uow: UnitOfWork,
  caller: Caller,
  organisationId: string,
  raw: unknown,
): Promise<RoleGrant[]> {
  // The installation's operator may list them too (it cannot countersign: that takes a person).
  requireCountersignerOrOperator(caller);
  requireSameOrganisation(caller, organisationId);
  const { state } = parseOrThrow(ListGrantsInput, raw);
  // An organisation that does not exist is said so (the operator may name any), not answered with no grants.
  await getOrganisation(uow.tx, organisationId);
  // A role that needs no second person, granted to a person after they were made, is no such grant. A grant of
  // a role or in a state this version does not know is left out (logged): it cannot be said, nor decided.
  const rows = (await listRoleGrantRows(uow.tx, organisationId, state)).flatMap((g) => {
    const owner = { grantId: g.id, holder: { kind: 'user', id: g.user_id, name: g.user_login } } as const;
    const role = grantedRoleOrUnknown(g.role, owner);
    if (role === null || !isPrivileged(role)) return [];
    const grantState = grantStateOrUnknown(g.state, owner);
    return grantState === null ? [] : [{ ...g, role, state: grantState }];
  });
  const why = await uncountersignedWhy(uow.tx, [...new Set(rows.map((g) => g.user_id))]);
  return rows.map((g) => toGrant(g, why));
}

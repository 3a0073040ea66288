import { z } from 'zod';
import { type Caller, requirePermission } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { parseOrThrow } from '../domain/validation.ts';
import { ROLE_LABELS, ROLES, ROLES_BY_ORGANISATION_KIND } from '../domain/vocabulary.ts';
import { newId } from '../kernel/ids.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import { changeUserRoles, insertRoleGrant, listRoleGrantRows } from './directory.repository.ts';
import { getOrganisation, getOwnUser } from './lookups.ts';
import type { RoleGrant } from './model.ts';
import { auditsOwnAdministration, auditsOwnRefusal, grantRole, isPrivileged } from './role-grants.ts';
import { grantedRoleOrUnknown } from './stored-roles.ts';

// A role granted to a person who already exists: a judge back at this court, a legal officer back in the
// department (./role-ends.ts ended it). Each grant is a new row, so a new period in the directory log: what
// the person signed between the end and the new grant stays refused. Who makes people grants it, by the
// rules of making one (./users.ts); a privileged role waits for a second person's countersignature.

export const GrantRoleInput = z.strictObject({ role: z.enum(ROLES) });

/** Grants `role` to person `userId` of the caller's organisation: pending if privileged, else held now. */
export async function grantRoleToUser(
  uow: UnitOfWork,
  caller: Caller,
  userId: string,
  raw: unknown,
): Promise<Pick<RoleGrant, 'id' | 'role' | 'state'>> {
  requirePermission(caller, 'user.create');
  const { role } = parseOrThrow(GrantRoleInput, raw);
  const user = await getOwnUser(uow.tx, caller, userId);
  const org = await getOrganisation(uow.tx, user.organisationId);
  const label = ROLE_LABELS[role];
  const who = { ja: `${user.login}（${user.displayName}）`, en: `${user.login} (${user.displayName})` };
  const refuse = (code: 'CONFLICT' | 'VALIDATION_FAILED', ja: string, en: string): never => {
    throw new DomainError(code, { ja, en }, { field: 'role', value: role });
  };
  if (user.disabled) refuse('CONFLICT', `${who.ja}は無効にされた利用者です`, `${who.en} is disabled`);
  if (!ROLES_BY_ORGANISATION_KIND[org.kind].includes(role)) {
    refuse(
      'VALIDATION_FAILED',
      `${org.nameJa}の利用者には付与できない役割です: ${label.ja}`,
      `a member of ${org.nameEn} cannot hold: ${label.en}`,
    );
  }
  // A pending grant of a role this version does not know is left out (logged): it can never be countersigned
  // (role-grants.ts refuses it), so it never makes this person hold anything.
  const holder = { kind: 'user', id: user.id, name: user.login } as const;
  const awaited = (await listRoleGrantRows(uow.tx, user.organisationId, 'pending')).flatMap((g) => {
    const role = g.user_id === user.id ? grantedRoleOrUnknown(g.role, { grantId: g.id, holder }) : null;
    return role === null ? [] : [role];
  });
  if (user.roles.includes(role) || awaited.includes(role)) {
    refuse(
      'CONFLICT',
      `${who.ja}は「${label.ja}」を既に持っているか副署待ちです`,
      `${who.en} already holds or awaits ${label.en}`,
    );
  }
  // A grant awaiting its countersignature counts: granted both, one person would hold both once confirmed.
  if (auditsOwnAdministration([...user.roles, ...awaited, role])) throw auditsOwnRefusal(role, false);
  if (role === 'unit_head' && !user.unitId)
    refuse('VALIDATION_FAILED', '所属長には所属が必要です', 'a unit head needs a unit');
  if (role === 'lawyer' && !user.barRegistrationNumber) {
    refuse(
      'VALIDATION_FAILED',
      '弁護士の役割には弁護士登録番号が必要です',
      'the lawyer role needs a bar registration number',
    );
  }
  if (isPrivileged(role)) {
    const grant = await grantRole(uow, caller, { id: user.id, organisationId: user.organisationId }, role);
    return { id: grant.id, role, state: 'pending' };
  }
  // Not privileged: held from now, as a person made with it holds it from when they were made.
  const at = uow.now.toISOString();
  const id = newId('grant');
  const by = caller.kind === 'system' ? null : caller.id;
  await insertRoleGrant(uow.tx, {
    id,
    organisation_id: user.organisationId,
    user_id: user.id,
    role,
    state: 'active',
    granted_by: by,
    granted_at: at,
    countersigned_by: null,
    decided_at: at,
    refusal_reason: null,
  });
  await changeUserRoles(uow.tx, uow.dialect, user.id, (held) => (held.includes(role) ? held : [...held, role]));
  await uow.auditBy(caller, 'role.granted', ['user', user.id], { grantId: id, role, state: 'active' });
  return { id, role, state: 'active' };
}

import { z } from 'zod';
import { type Caller, requirePermission } from '../domain/access.ts';
import { DomainError, type ErrorDetails } from '../domain/errors.ts';
import { parseOrThrow } from '../domain/validation.ts';
import { ROLE_LABELS, ROLES } from '../domain/vocabulary.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import { activeRoleGrant, changeUserRoles, endRoleGrant, insertRoleEnd, listUserRows } from './directory.repository.ts';
import { getOwnUser } from './lookups.ts';
import type { User } from './model.ts';
import { countedRoles, ownerOf } from './stored-roles.ts';

// A person's role ends while their account stays: a judge moves to another court, a provider's legal
// officer to another department. The end is an entry of the directory log at its instant (`role.ended`,
// src/directory/transparency.ts), so every check of "did the signer hold the role when they signed" —
// the hub's, a provider's installation's against its pin, the browser's — takes what they signed before
// and refuses what they sign after. Their keys stay: they may still sign in the roles they keep. A role
// granted again later is a new grant, a new period in the log.

export const EndRoleInput = z.strictObject({ role: z.enum(ROLES) });

/**
 * Ends `role` of person `userId` of the caller's organisation (another organisation's person is not
 * found): an administrator of the organisation, as who makes its people and disables them. Audited.
 */
export async function endRole(uow: UnitOfWork, caller: Caller, userId: string, raw: unknown): Promise<User> {
  requirePermission(caller, 'role.end');
  const { role } = parseOrThrow(EndRoleInput, raw);
  const user = await getOwnUser(uow.tx, caller, userId);
  const label = ROLE_LABELS[role];
  const who = { ja: `${user.login}（${user.displayName}）`, en: `${user.login} (${user.displayName})` };
  if (user.disabled || !user.roles.includes(role)) {
    throw new DomainError(
      'CONFLICT',
      user.disabled
        ? { ja: `${who.ja}は無効にされた利用者です`, en: `${who.en} is disabled` }
        : {
            ja: `${who.ja}は「${label.ja}」の役割を持っていません`,
            en: `${who.en} does not hold the role ${label.en}`,
          },
      { field: 'role', value: role },
    );
  }
  if (role === 'admin') await keepAnotherAdmin(uow, user, { field: 'role', value: role });
  const grant = await activeRoleGrant(uow.tx, user.id, role);
  const grantId = grant ? grant.id : `${user.id}:${role}`;
  if (grant) await endRoleGrant(uow.tx, grant.id);
  const at = uow.now.toISOString();
  const endedBy = caller.kind === 'system' ? null : caller.id;
  await insertRoleEnd(uow.tx, {
    grant_id: grantId,
    organisation_id: user.organisationId,
    user_id: user.id,
    role,
    ended_at: at,
    ended_by: endedBy,
  });
  const roles = await changeUserRoles(uow.tx, uow.dialect, user.id, (held) => held.filter((r) => r !== role));
  await uow.auditBy(caller, 'role.ended', ['user', user.id], { role, grantId, at });
  // Again once the audit head is held (every writing transaction takes it): on PostgreSQL two administrators
  // ending each other's role at once both passed the check above; the second now sees the first's end.
  if (role === 'admin') await keepAnotherAdmin(uow, user, { field: 'role', value: role });
  return { ...user, roles };
}

/**
 * Refuses a change that would leave the organisation of `user` without an administrator who is not
 * disabled (ending `user`'s admin role, or `user` disabling themselves as its only one): only the
 * installation's operator could then make one. Called before the change and again after its audit entry:
 * every writing transaction holds the audit head from there, so on PostgreSQL of two administrators
 * removing each other at once the second sees the first's change and is refused.
 */
export async function keepAnotherAdmin(uow: UnitOfWork, user: User, details?: ErrorDetails): Promise<void> {
  const people = await listUserRows(uow.tx, user.organisationId);
  const another = people.some(
    (u) => u.id !== user.id && u.disabled === 0 && countedRoles(u.roles, ownerOf(u)).includes('admin'),
  );
  if (another) return;
  throw new DomainError(
    'CONFLICT',
    {
      ja: `${user.login}（${user.displayName}）は組織のただ一人の管理者です。先に別の管理者を登録してください`,
      en: `${user.login} (${user.displayName}) is the organisation's only administrator: register another one first`,
    },
    details,
  );
}

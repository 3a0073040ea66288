import { z } from 'zod';
import { findUser, listUserRows } from '../directory/directory.repository.ts';
import { countedRoles, ownerOf, storedRoles } from '../directory/stored-roles.ts';
import { type Principal, permissionsOf, requirePermission } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { parseOrThrow } from '../domain/validation.ts';
import type { OrganisationKind } from '../domain/vocabulary.ts';
import { newId } from '../kernel/ids.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { RequestRow, UserRow } from '../store/schema.ts';
import { insertRequestAccess, listShares, type RequestShareView, revokeShare } from './request.repository.ts';
import { loadVisible } from './requests.ts';

// Need-to-know: a request is its issuing unit's. The unit shares it, read only, with a colleague who
// needs it; the oversight body reads its content only on a recorded reason, for a limited time.

/** How long a break-glass opening lasts. */
export const BREAK_GLASS_MINUTES = 60;

export const ShareInput = z.strictObject({ userId: z.string().min(1).max(200) });
export const BreakGlassInput = z.strictObject({
  reason: z
    .string()
    .trim()
    .refine((r) => r.length >= 10, {
      message: 'the reason must be at least 10 characters, saying why the content is needed',
      params: { code: 'VALIDATION_FAILED', ja: '理由は、内容を閲覧する必要性を 10 文字以上で記載してください' },
    })
    .meta({ minLength: 10 })
    .max(2000),
});

async function issuingUnitRequest(uow: UnitOfWork, p: Principal, id: string) {
  requirePermission(p, 'request.share');
  const { row, side } = await loadVisible(uow.tx, p, id, uow.now);
  if (side !== 'agency' || p.unitId !== row.unit_id) {
    throw new DomainError('FORBIDDEN', {
      ja: '照会を共有できるのは発出した所属の捜査員・所属長です',
      en: 'only investigators and heads of the issuing unit can share a request',
    });
  }
  return row;
}

const notInAgency = (userId: string) =>
  new DomainError(
    'NOT_FOUND',
    { ja: '共有先の利用者が同じ機関にいません', en: 'no such user in this agency' },
    { field: 'userId', value: userId },
  );

/**
 * Why a person cannot be given a share of a request, or null: one rule for the share itself and for the people
 * the page offers, so that it never offers one the share refuses. The share reads the person's roles strictly;
 * the list of those offered counts an unreadable one as holding none (stored-roles.ts).
 */
function shareRefusal(user: UserRow, row: RequestRow, kind: OrganisationKind, counted = false): DomainError | null {
  if (user.disabled || user.organisation_id !== row.agency_organisation_id) return notInAgency(user.id);
  // An administrator or key officer reads no request (access.ts): a share would give them nothing.
  const roles = (counted ? countedRoles : storedRoles)(user.roles, ownerOf(user));
  if (!permissionsOf({ organisationKind: kind, roles }).has('case.read')) {
    return new DomainError(
      'CONFLICT',
      {
        ja: '共有先の利用者は事件を扱う役割（捜査員・所属長など）ではないため、照会を閲覧できません',
        en: 'this user does not work cases (not an investigator or unit head) and cannot read requests',
      },
      { field: 'userId', value: user.id },
    );
  }
  if (user.unit_id === row.unit_id) {
    return new DomainError(
      'CONFLICT',
      { ja: '同じ所属の利用者は既に閲覧できます', en: 'members of the issuing unit can read it already' },
      { field: 'userId', value: user.id },
    );
  }
  return null;
}

/** The issuing unit shares a request, read only, with a colleague of the same agency. */
export async function shareRequest(
  uow: UnitOfWork,
  p: Principal,
  id: string,
  raw: unknown,
): Promise<RequestShareView[]> {
  const row = await issuingUnitRequest(uow, p, id);
  const { userId } = parseOrThrow(ShareInput, raw);
  const user = await findUser(uow.tx, userId);
  if (!user) throw notInAgency(userId);
  const refused = shareRefusal(user, row, p.organisationKind);
  if (refused) throw refused;
  if ((await listShares(uow.tx, row.id)).some((s) => s.userId === userId)) return listShares(uow.tx, row.id);
  await insertRequestAccess(uow.tx, {
    id: newId('acc'),
    request_id: row.id,
    user_id: userId,
    kind: 'grant',
    reason: null,
    granted_by: p.id,
    granted_at: uow.now.toISOString(),
    expires_at: null,
    revoked_at: null,
  });
  await uow.auditBy(p, 'request.shared', ['request', row.id], { userId, login: user.login });
  return listShares(uow.tx, row.id);
}

/** The issuing unit ends a share. */
export async function unshareRequest(
  uow: UnitOfWork,
  p: Principal,
  id: string,
  userId: string,
): Promise<RequestShareView[]> {
  const row = await issuingUnitRequest(uow, p, id);
  if (!(await revokeShare(uow.tx, row.id, userId, uow.now.toISOString()))) {
    throw new DomainError(
      'NOT_FOUND',
      { ja: 'その共有はありません', en: 'no such share' },
      { field: 'userId', value: userId },
    );
  }
  await uow.auditBy(p, 'request.unshared', ['request', row.id], { userId });
  return listShares(uow.tx, row.id);
}

/** A colleague the issuing unit may share a request with. */
export interface ShareCandidate {
  userId: string;
  displayName: string;
  login: string;
  unitId: string | null;
}

/**
 * Who the issuing unit may share a request with: the agency's active people of another unit who work cases and
 * hold no share of it yet — by the rule the share applies, so the page offers no one it would refuse, and says so
 * when there is no one.
 */
export async function shareCandidates(uow: UnitOfWork, p: Principal, id: string): Promise<ShareCandidate[]> {
  // A list of people, as the people list is: for those who may list them (the unit head), not every sharer.
  requirePermission(p, 'user.list');
  const row = await issuingUnitRequest(uow, p, id);
  const shared = new Set((await listShares(uow.tx, row.id)).map((s) => s.userId));
  return (await listUserRows(uow.tx, row.agency_organisation_id))
    .filter((u) => !shared.has(u.id) && shareRefusal(u, row, p.organisationKind, true) === null)
    .map((u) => ({ userId: u.id, displayName: u.display_name, login: u.login, unitId: u.unit_id }));
}

/** Who the issuing unit shared a request with. */
export async function requestShares(uow: UnitOfWork, p: Principal, id: string): Promise<RequestShareView[]> {
  const { row, side } = await loadVisible(uow.tx, p, id, uow.now);
  if (side !== 'agency')
    throw new DomainError('FORBIDDEN', { ja: '発出元のみが参照できます', en: 'only the issuing side can see this' });
  return listShares(uow.tx, row.id);
}

/**
 * An auditor opens a request's content for BREAK_GLASS_MINUTES on a recorded reason: the reason is
 * an audit entry of its own, which the issuing unit sees on the request's timeline.
 */
export async function breakGlass(uow: UnitOfWork, p: Principal, id: string, raw: unknown): Promise<{ until: string }> {
  requirePermission(p, 'request.break_glass');
  const { reason } = parseOrThrow(BreakGlassInput, raw);
  const { row, side } = await loadVisible(uow.tx, p, id, uow.now);
  if (side !== 'oversight') {
    throw new DomainError('FORBIDDEN', {
      ja: 'この操作は監督機関の監査担当のものです',
      en: "this is the oversight body's auditors' act",
    });
  }
  const until = new Date(uow.now.getTime() + BREAK_GLASS_MINUTES * 60_000).toISOString();
  await insertRequestAccess(uow.tx, {
    id: newId('acc'),
    request_id: row.id,
    user_id: p.id,
    kind: 'break_glass',
    reason,
    granted_by: p.id,
    granted_at: uow.now.toISOString(),
    expires_at: until,
    revoked_at: null,
  });
  await uow.auditBy(p, 'request.break_glass', ['request', row.id], { reason, until });
  return { until };
}

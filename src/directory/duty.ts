import { z } from 'zod';
import { SIGNATURE_PURPOSES, signCanonical } from '../crypto/signatures.ts';
import { type Principal, requirePermission } from '../domain/access.ts';
import {
  type DutyDesignation,
  DutyDesignationSchema,
  designationDigest,
  designationPeriodProblem,
  type SignedDutyDesignation,
  SignedDutyDesignationSchema,
} from '../domain/duty.ts';
import { DomainError } from '../domain/errors.ts';
import { InstantSchema, toUtcIso } from '../domain/instant.ts';
import { parseOrThrow } from '../domain/validation.ts';
import { DUTY_KINDS, type DutyKind } from '../domain/vocabulary.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { Db, Tx } from '../store/database.ts';
import type { DutyDesignationRow } from '../store/schema.ts';
import { AssertionInput, checkAssertion, ownPasskey } from './credentials.ts';
import { findUser, findUsers } from './directory.repository.ts';
import {
  findDutyDesignation,
  insertDutyDesignation,
  listUnitDesignations,
  liveDesignationsOf,
  revokeDutyDesignation,
} from './duty.repository.ts';
import { requireCurrentKey, unwrapPrivateKey } from './keys.ts';
import { ownerOf, storedRoles } from './stored-roles.ts';

// The duty approver (当直責任者, issue 15): a unit head designates, for a period, a member of the unit
// who may approve emergencies (and preservation, if named) while the head is away. The head signs the
// designation — with their own credential, as they sign approvals — and the designation rides inside
// every envelope the duty approver signs (src/domain/duty.ts checks it, at the hub and offline).

/** A designation as people see it. */
export interface DutyDesignationView {
  id: string;
  unitId: string;
  designee: { id: string; name: string };
  designatedBy: { id: string; name: string };
  validFrom: string;
  validUntil: string;
  kinds: DutyKind[];
  reason: string;
  createdAt: string;
  revokedAt: string | null;
  revokeReason: string | null;
  /** active (now within the period), upcoming, ended, revoked — computed at read time. */
  status: 'active' | 'upcoming' | 'ended' | 'revoked';
}

export const DutyDesignationDraftInput = z.strictObject({
  designeeUserId: z.string().min(1).max(200),
  validFrom: InstantSchema,
  validUntil: InstantSchema,
  kinds: z.array(z.enum(DUTY_KINDS)).min(1).max(DUTY_KINDS.length),
  reason: z.string().trim().min(1).max(2000),
});

export const DesignateDutyInput = z.strictObject({
  /** The designation exactly as the preview gave it, and as the head's credential signed it. */
  designation: DutyDesignationSchema,
  assertion: AssertionInput.optional(),
});

export const RevokeDutyInput = z.strictObject({ reason: z.string().trim().min(1).max(2000) });

/** How long a preview may wait before it is signed. */
const PREVIEW_TTL_MS = 15 * 60 * 1000;
const SKEW_MS = 60 * 1000;

function requireUnitHead(p: Principal): string {
  requirePermission(p, 'request.approve');
  if (p.organisationKind !== 'agency' || !p.unitId) {
    throw new DomainError('FORBIDDEN', {
      ja: '当直責任者を指定できるのは所属の所属長のみです',
      en: 'only the head of a unit can designate a duty approver',
    });
  }
  return p.unitId;
}

const periodMessages = {
  until_before_from: { ja: '終了日時が開始日時より前です', en: 'the end is not after the start' },
  too_long: { ja: '指定期間は14日以内にしてください', en: 'a designation covers at most 14 days' },
  ended: { ja: '指定期間が既に終了しています', en: 'the period has already ended' },
} as const;

/** The designation the head is about to sign (validated), with its digest and the head's credential. */
async function buildDesignation(uow: UnitOfWork, p: Principal, d: DutyDesignation): Promise<DutyDesignation> {
  const unitId = requireUnitHead(p);
  if (d.designatedBy !== p.id || d.unitId !== unitId || d.agencyOrganisationId !== p.organisationId) {
    throw new DomainError(
      'FORBIDDEN',
      { ja: '自分の所属の指定のみ署名できます', en: 'you can sign designations of your own unit only' },
      { field: 'designation.unitId', value: d.unitId },
    );
  }
  if (d.designeeUserId === p.id) {
    throw new DomainError(
      'VALIDATION_FAILED',
      { ja: '自分自身を当直責任者に指定することはできません', en: 'you cannot designate yourself' },
      { field: 'designeeUserId', value: d.designeeUserId },
    );
  }
  const designee = await findUser(uow.tx, d.designeeUserId);
  const roles = designee ? storedRoles(designee.roles, ownerOf(designee)) : [];
  if (!designee || designee.disabled === 1 || designee.unit_id !== unitId || !roles.includes('investigator')) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: '当直責任者には同じ所属の捜査員（有効な利用者）を指定してください',
        en: 'the duty approver must be an active investigator of the same unit',
      },
      { field: 'designeeUserId', value: d.designeeUserId },
    );
  }
  const from = new Date(toUtcIso(d.validFrom, 'validFrom'));
  const until = new Date(toUtcIso(d.validUntil, 'validUntil'));
  const problem = designationPeriodProblem(from, until, uow.now);
  if (problem) {
    throw new DomainError('VALIDATION_FAILED', periodMessages[problem], { field: 'validUntil', value: d.validUntil });
  }
  const at = Date.parse(d.designatedAt);
  if (Number.isNaN(at) || at > uow.now.getTime() + SKEW_MS || at < uow.now.getTime() - PREVIEW_TTL_MS) {
    throw new DomainError(
      'CONFLICT',
      {
        ja: '署名内容の確認から時間が経ちすぎています。もう一度確認してください',
        en: 'the preview is too old (or from the future): open it again',
      },
      { field: 'designation.designatedAt', value: d.designatedAt },
    );
  }
  return { ...d, validFrom: from.toISOString(), validUntil: until.toISOString() };
}

/** Step 1: what the head will sign (instants normalised to UTC), its digest and the head's credential. */
export async function previewDutyDesignation(
  uow: UnitOfWork,
  p: Principal,
  raw: unknown,
): Promise<{ designation: DutyDesignation; digest: string; passkey: { credentialId: string; rpId: string } | null }> {
  const unitId = requireUnitHead(p);
  const input = parseOrThrow(DutyDesignationDraftInput, raw);
  const designation = await buildDesignation(uow, p, {
    agencyOrganisationId: p.organisationId,
    unitId,
    designeeUserId: input.designeeUserId,
    designatedBy: p.id,
    designatedAt: uow.now.toISOString(),
    validFrom: input.validFrom,
    validUntil: input.validUntil,
    kinds: [...new Set(input.kinds)],
    reason: input.reason,
  });
  return { designation, digest: designationDigest(designation), passkey: await ownPasskey(uow, p) };
}

/** Step 2: the head signs the designation (own credential, or the hub-held key of a head without one). */
export async function designateDuty(uow: UnitOfWork, p: Principal, raw: unknown): Promise<DutyDesignationView> {
  requireUnitHead(p);
  const input = parseOrThrow(DesignateDutyInput, raw);
  const d = input.designation;
  const checked = await buildDesignation(uow, p, d);
  if (checked.validFrom !== d.validFrom || checked.validUntil !== d.validUntil) {
    throw new DomainError(
      'VALIDATION_FAILED',
      { ja: '確認画面の内容をそのまま署名してください', en: 'sign the designation exactly as the preview gave it' },
      { field: 'designation.validFrom', value: d.validFrom },
    );
  }
  const digest = designationDigest(d);
  const key = await requireCurrentKey(uow.tx, 'user', p.id, 'signing', uow.now);
  const signed: SignedDutyDesignation = key.credential_id
    ? {
        v: 2,
        designation: d,
        signature: { keyId: key.id, ...(await checkAssertion(uow, key, digest, input.assertion)) },
      }
    : {
        v: 1,
        designation: d,
        signature: {
          keyId: key.id,
          signature: signCanonical(unwrapPrivateKey(uow.ctx, key), SIGNATURE_PURPOSES.dutyDesignation, d),
        },
      };
  const row: DutyDesignationRow = {
    id: `duty_${digest.slice(0, 24)}`,
    agency_organisation_id: d.agencyOrganisationId,
    unit_id: d.unitId,
    designee_user_id: d.designeeUserId,
    designated_by: d.designatedBy,
    valid_from: d.validFrom,
    valid_until: d.validUntil,
    kinds: JSON.stringify(d.kinds),
    reason: d.reason,
    signed: JSON.stringify(signed),
    created_at: uow.now.toISOString(),
    revoked_at: null,
    revoked_by: null,
    revoke_reason: null,
  };
  if (await findDutyDesignation(uow.tx, row.id)) {
    throw new DomainError('CONFLICT', { ja: 'この指定は登録済みです', en: 'this designation is already recorded' });
  }
  await insertDutyDesignation(uow.tx, row);
  await uow.auditBy(p, 'duty.designated', ['user', d.designeeUserId], {
    designationId: row.id,
    unitId: d.unitId,
    validFrom: d.validFrom,
    validUntil: d.validUntil,
    kinds: d.kinds,
    digest,
    custody: signed.v === 2 ? 'owner' : 'server',
  });
  return (await views(uow.tx, [row], uow.now))[0] as DutyDesignationView;
}

async function views(db: Db | Tx, rows: DutyDesignationRow[], now: Date): Promise<DutyDesignationView[]> {
  const people = new Map(
    (await findUsers(db, [...new Set(rows.flatMap((r) => [r.designee_user_id, r.designated_by]))])).map((u) => [
      u.id,
      u.display_name,
    ]),
  );
  const t = now.toISOString();
  return rows.map((r) => ({
    id: r.id,
    unitId: r.unit_id,
    designee: { id: r.designee_user_id, name: people.get(r.designee_user_id) ?? r.designee_user_id },
    designatedBy: { id: r.designated_by, name: people.get(r.designated_by) ?? r.designated_by },
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    kinds: JSON.parse(r.kinds) as DutyKind[],
    reason: r.reason,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
    revokeReason: r.revoke_reason,
    status: r.revoked_at ? 'revoked' : t < r.valid_from ? 'upcoming' : t > r.valid_until ? 'ended' : 'active',
  }));
}

/** The designations of the caller's unit (its members see who is on duty). */
export async function listDutyDesignations(uow: UnitOfWork, p: Principal): Promise<DutyDesignationView[]> {
  if (p.organisationKind !== 'agency' || !p.unitId) {
    throw new DomainError('FORBIDDEN', {
      ja: '当直責任者の指定は所属の構成員のみが参照できます',
      en: 'only members of a unit see its duty designations',
    });
  }
  return views(uow.tx, await listUnitDesignations(uow.tx, p.unitId), uow.now);
}

/** A head of the unit ends a designation early (audited); acts signed before stay valid. */
export async function revokeDutyDesignationById(
  uow: UnitOfWork,
  p: Principal,
  id: string,
  raw: unknown,
): Promise<DutyDesignationView> {
  const unitId = requireUnitHead(p);
  const input = parseOrThrow(RevokeDutyInput, raw);
  const row = await findDutyDesignation(uow.tx, id);
  if (!row || row.unit_id !== unitId) {
    throw new DomainError('NOT_FOUND', { ja: '指定が見つかりません', en: 'designation not found' }, { id });
  }
  if (row.revoked_at) {
    throw new DomainError('CONFLICT', { ja: 'この指定は取消し済みです', en: 'this designation is already revoked' });
  }
  await revokeDutyDesignation(uow.tx, id, uow.now.toISOString(), p.id, input.reason);
  await uow.auditBy(p, 'duty.revoked', ['user', row.designee_user_id], { designationId: id, reason: input.reason });
  const next = await findDutyDesignation(uow.tx, id);
  return (await views(uow.tx, next ? [next] : [], uow.now))[0] as DutyDesignationView;
}

/** The signed designation under which `userId` may approve `kind` for `unitId` at `at`, if any. */
export async function dutyDesignationFor(
  db: Db | Tx,
  userId: string,
  unitId: string,
  kind: string,
  at: Date,
): Promise<SignedDutyDesignation | undefined> {
  const iso = at.toISOString();
  for (const r of await liveDesignationsOf(db, userId, at)) {
    if (r.unit_id !== unitId || r.valid_from > iso) continue;
    if (!(JSON.parse(r.kinds) as string[]).includes(kind)) continue;
    return SignedDutyDesignationSchema.parse(JSON.parse(r.signed));
  }
  return undefined;
}

/** When the designation was revoked, as this hub knows (null: it was not). */
export async function designationRevokedAt(db: Db | Tx, d: DutyDesignation): Promise<string | null> {
  const row = await findDutyDesignation(db, `duty_${designationDigest(d).slice(0, 24)}`);
  return row?.revoked_at ?? null;
}

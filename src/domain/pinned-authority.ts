import { z } from 'zod';
import { type DesignatorFacts, type DutyDesignation, designationDigest } from './duty.ts';
import type { SignedEnvelope } from './envelope.ts';
import type { PublicKeyRecord } from './key-trust.ts';
import { At, heldAt, Id, type PinnedGrant } from './pinned-roles.ts';
import type { AuthorityFacts } from './signer-authority.ts';
import { envelopeAuthority } from './verification.ts';
import type { Bilingual } from './vocabulary.ts';

// The approver's authority, checked offline against a pinned directory log. The hub publishes, beside
// every key, each grant of a role that approves requests (a police unit's head, a law office's lawyer:
// `rolesHolding('request.approve')`) with when it took effect and when it ended, so a provider can tell
// who held the authority in which unit at the approval instant, and a hub that rewrites that history
// breaks the pin. The check itself is the hub's (`envelopeAuthority`), fed from the pin instead. The
// grants, and when each counts, are read as every family of logged roles is (./pinned-roles.ts).

/**
 * The revocation of a duty designation, the head's act as the hub records it: `revokedAt` when it took
 * effect (approvals under the designation from then on are refused), `at` when the log recorded it (for
 * revocations made before the log carried them, later), the designation by its digest (what the head
 * signed, which rides in every envelope approved under it), and the head who revoked it.
 */
export const DutyRevokedEntrySchema = z.strictObject({
  type: z.literal('duty.revoked'),
  at: At,
  designationId: Id,
  digest: z.string().regex(/^[0-9a-f]{64}$/),
  unitId: Id,
  revokedBy: Id,
  revokedAt: At,
});
export type DutyRevokedEntry = z.infer<typeof DutyRevokedEntrySchema>;

/**
 * When each designation of a pinned log was revoked, by its digest. A revocation counts from when the
 * head made it, even when the log recorded it later: a revocation only takes authority away.
 */
export function pinnedRevocations(entries: readonly DutyRevokedEntry[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of entries) {
    const seen = out.get(e.digest);
    if (seen === undefined || Date.parse(e.revokedAt) < Date.parse(seen)) out.set(e.digest, e.revokedAt);
  }
  return out;
}

/** What the pin says of a person at `t`: the roles held then, in the unit their grants name. */
function personAt(grants: readonly PinnedGrant[], userId: string, t: number, home?: { org: string; unit: string }) {
  const own = grants.filter((g) => g.userId === userId);
  const first = own[0];
  const where = first ? { org: first.organisationId, unit: first.unitId } : home;
  if (!where) return undefined;
  const held = own.filter((g) => heldAt(g, t)).map((g) => g.role);
  return { id: userId, organisationId: where.org, unitId: where.unit, roles: held, disabled: false };
}

/** What a pinned directory knows of an envelope's signers. */
export interface PinnedSigners {
  grants: readonly PinnedGrant[];
  /** When each duty designation was revoked, by the designation's digest (pinnedRevocations). */
  revocations: ReadonlyMap<string, string>;
  keys: ReadonlyMap<string, PublicKeyRecord>;
  organisationKind(id: string): string | undefined;
}

/**
 * The authority facts of an envelope as the pin tells them: the approver's roles at the approval
 * instant; for a duty approver, the designating head's roles and key at the designation instant, and
 * when the designation was revoked, if the log records it. The designee's unit is the one the head's
 * signed designation names (the pin lists no investigators).
 */
export function pinnedAuthorityFacts(env: SignedEnvelope, pin: PinnedSigners): AuthorityFacts {
  const p = env.payload;
  const requesterKind = pin.organisationKind(p.agencyOrganisationId);
  const issued = Date.parse(p.issuedAt);
  const approver = personAt(pin.grants, p.approverUserId, issued, { org: p.agencyOrganisationId, unit: p.unitId });
  const signingRole = requesterKind === 'law_office' ? 'lawyer' : 'unit_head';
  const duty = p.dutyDesignation;
  return {
    approver,
    requesterKind,
    approverGrant: approver?.roles.includes(signingRole) ? { countersignedBy: null, countersignedAt: null } : undefined,
    ...(duty ? { designator: designatorFacts(duty.designation, duty.signature.keyId, pin) } : {}),
  };
}

function designatorFacts(d: DutyDesignation, keyId: string, pin: PinnedSigners): DesignatorFacts {
  const user = personAt(pin.grants, d.designatedBy, Date.parse(d.designatedAt));
  const revokedAt = pin.revocations.get(designationDigest(d)) ?? null;
  return { key: pin.keys.get(keyId), user, headGrant: !!user?.roles.includes('unit_head'), revokedAt };
}

/** Why the pin does not show the approver's authority; `field` is where in the envelope, for programs. */
export type PinnedAuthorityRefusal = {
  reason: 'roles_unpinned' | 'authority_newer' | 'self_approval' | 'duty_designation' | 'approver_authority';
  detail: Bilingual;
  field: string;
};

const DUTY_FIELDS: Record<string, string> = {
  designator: 'payload.dutyDesignation.designation.designatedBy',
  signature: 'payload.dutyDesignation.signature',
  other_unit: 'payload.dutyDesignation.designation.unitId',
  other_person: 'payload.dutyDesignation.designation.designeeUserId',
  self: 'payload.approverUserId',
  revoked: 'payload.dutyDesignation',
  kind: 'payload.dutyDesignation.designation.kinds',
  period: 'payload.issuedAt',
};

/**
 * The hub's authority check over an envelope, against the pin: null when the approver held the
 * authority then. A pin with no grants at all predates them (`roles_unpinned`); an approval later than
 * the pinned head may rest on a grant the pin does not have yet (`authority_newer`): both are cured by
 * pinning the hub's newer log, which must extend this one.
 */
export function pinnedAuthorityRefusal(
  env: SignedEnvelope,
  pin: PinnedSigners & { headAt: string },
  now: Date,
): PinnedAuthorityRefusal | null {
  const a = envelopeAuthority(env, pinnedAuthorityFacts(env, pin), now);
  if (a.ok) return null;
  const p = env.payload;
  if (a.problem === 'self') return { reason: 'self_approval', detail: a.fail, field: 'payload.approverUserId' };
  // A revocation the pin records stands whatever a newer log adds (the log only appends).
  if (a.problem === 'duty' && a.dutyProblem === 'revoked') {
    return { reason: 'duty_designation', detail: a.fail, field: DUTY_FIELDS.revoked ?? 'payload.dutyDesignation' };
  }
  if (pin.grants.length === 0) return { reason: 'roles_unpinned', detail: a.fail, field: 'payload.approverUserId' };
  if (Date.parse(p.issuedAt) > Date.parse(pin.headAt)) {
    return { reason: 'authority_newer', detail: a.fail, field: 'payload.issuedAt' };
  }
  if (a.problem === 'duty' && a.dutyProblem) {
    return {
      reason: 'duty_designation',
      detail: a.fail,
      field: DUTY_FIELDS[a.dutyProblem] ?? 'payload.dutyDesignation',
    };
  }
  return {
    reason: 'approver_authority',
    detail: a.fail,
    field: a.problem === 'issuer' ? 'payload.kind' : 'payload.approverUserId',
  };
}

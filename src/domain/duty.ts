import { z } from 'zod';
import { canonicalJson, sha256Hex } from '../crypto/canonical.ts';
import { SIGNATURE_PURPOSES, verifyCanonical } from '../crypto/signatures.ts';
import { keyTrustedFor, type PublicKeyRecord, signingKeyOf } from './key-trust.ts';
import { WebAuthnSignatureSchema } from './owner-signature.ts';
import { DAY_MS } from './time.ts';
import { type Bilingual, DUTY_KINDS } from './vocabulary.ts';

/**
 * The duty approver (当直責任者): when the unit head is away, a unit head designates a member of the
 * unit who may approve, for a period, the kinds the designation names (emergencies; preservation).
 * The designation is signed by the designating head (their own credential, or the key the hub holds
 * for a head who has none yet) and rides inside every envelope the duty approver signs, so a
 * provider verifies it offline with the rest. Pure: no clock, no store.
 */

/** The longest duty a designation may cover (a long weekend, a holiday week). */
export const DUTY_MAX_DAYS = 14;

const Id = z.string().min(1).max(200);
/** What the designating unit head signs (instants as UTC ISO with milliseconds). */
export const DutyDesignationSchema = z.strictObject({
  agencyOrganisationId: Id,
  unitId: Id,
  designeeUserId: Id,
  designatedBy: Id,
  /** When the head signed it: their key must have been valid then. */
  designatedAt: z.string().min(1).max(40),
  validFrom: z.string().min(1).max(40),
  validUntil: z.string().min(1).max(40),
  kinds: z.array(z.enum(DUTY_KINDS)).min(1).max(DUTY_KINDS.length),
  reason: z.string().min(1).max(2000),
});
export type DutyDesignation = z.infer<typeof DutyDesignationSchema>;

/** The designation with the head's signature: v1 an Ed25519 key the hub held, v2 the head's own credential. */
export const SignedDutyDesignationSchema = z.discriminatedUnion('v', [
  z.strictObject({
    v: z.literal(1),
    designation: DutyDesignationSchema,
    signature: z.strictObject({ keyId: Id, signature: z.string().min(1).max(200) }),
  }),
  z.strictObject({ v: z.literal(2), designation: DutyDesignationSchema, signature: WebAuthnSignatureSchema }),
]);
export type SignedDutyDesignation = z.infer<typeof SignedDutyDesignationSchema>;

/** The digest the head's credential signs (its WebAuthn challenge); also the designation's identity. */
export function designationDigest(d: DutyDesignation): string {
  return sha256Hex(canonicalJson(d));
}

/** Why a designation's period is not acceptable when it is made, or null. */
export function designationPeriodProblem(
  from: Date,
  until: Date,
  now: Date,
): 'until_before_from' | 'too_long' | 'ended' | null {
  if (until.getTime() <= from.getTime()) return 'until_before_from';
  if (until.getTime() - from.getTime() > DUTY_MAX_DAYS * DAY_MS) return 'too_long';
  if (until.getTime() <= now.getTime()) return 'ended';
  return null;
}

/** The act a duty approver signs: who, which unit, which kind, when. */
export interface DutyAct {
  agencyOrganisationId: string;
  unitId: string;
  approverUserId: string;
  draftedBy: string;
  kind: string;
  issuedAt: Date;
}

/** Why the designation does not cover the act, or null when it does (the designator's signature aside). */
export function designationCoverProblem(
  d: DutyDesignation,
  act: DutyAct,
): 'other_unit' | 'other_person' | 'kind' | 'period' | 'self' | null {
  if (d.unitId !== act.unitId || d.agencyOrganisationId !== act.agencyOrganisationId) return 'other_unit';
  if (d.designeeUserId !== act.approverUserId) return 'other_person';
  if (d.designatedBy === d.designeeUserId || act.draftedBy === act.approverUserId) return 'self';
  if (!(d.kinds as readonly string[]).includes(act.kind)) return 'kind';
  const t = act.issuedAt.getTime();
  if (!(Date.parse(d.validFrom) <= t && t <= Date.parse(d.validUntil))) return 'period';
  return null;
}

/** What the directory says about the designating head, for the offline check. */
export interface DesignatorFacts {
  key: PublicKeyRecord | undefined;
  user: { id: string; organisationId: string; unitId: string | null; roles: string[]; disabled: boolean } | undefined;
  /** The head's unit-head grant is active (countersigned); its countersigner's name. */
  headGrant: boolean;
  /** The designation was revoked, and when (UTC ISO), as far as the verifier's directory knows. */
  revokedAt: string | null;
}

/**
 * Whether a signed designation covers an act: the designator is a head of the unit (not disabled, an
 * active grant), their key is theirs, valid and not revoked at the act, the signature verifies over
 * the designation, it was not revoked before the act, and it covers the act. `ownerSignatureOk`
 * checks a v2 (WebAuthn) signature; passed in so this module stays free of the WebAuthn verifier.
 */
export function dutyDesignationProblem(
  s: SignedDutyDesignation,
  act: DutyAct,
  f: DesignatorFacts,
  ownerSignatureOk: (key: PublicKeyRecord, digestHex: string) => boolean,
): 'designator' | 'signature' | 'revoked' | NonNullable<ReturnType<typeof designationCoverProblem>> | null {
  const d = s.designation;
  const u = f.user;
  if (
    !u ||
    u.id !== d.designatedBy ||
    u.disabled ||
    !f.headGrant ||
    !u.roles.includes('unit_head') ||
    u.unitId !== d.unitId ||
    u.organisationId !== d.agencyOrganisationId
  ) {
    return 'designator';
  }
  const k = f.key;
  if (
    !k ||
    !signingKeyOf(k, { ownerType: 'user', userId: d.designatedBy, organisationId: d.agencyOrganisationId }) ||
    k.id !== s.signature.keyId ||
    Number.isNaN(Date.parse(d.designatedAt)) ||
    !keyTrustedFor(k, d.designatedAt, act.issuedAt)
  ) {
    return 'signature';
  }
  const sigOk =
    s.v === 2
      ? ownerSignatureOk(k, designationDigest(d))
      : !k.credential && verifyCanonical(k.publicKey, SIGNATURE_PURPOSES.dutyDesignation, d, s.signature.signature);
  if (!sigOk) return 'signature';
  if (f.revokedAt !== null && Date.parse(f.revokedAt) <= act.issuedAt.getTime()) return 'revoked';
  return designationCoverProblem(d, act);
}

/** Why a duty approver's designation does not give them authority, in words for people. */
export const DUTY_PROBLEM_MESSAGES: Record<NonNullable<ReturnType<typeof dutyDesignationProblem>>, Bilingual> = {
  designator: {
    ja: '当直責任者を指定した者は当該所属の所属長ではありません',
    en: 'whoever designated the duty approver is not a head of the issuing unit',
  },
  signature: {
    ja: '当直責任者の指定に所属長の有効な署名がありません（改ざんまたは偽造）',
    en: "the duty designation does not carry the unit head's valid signature (altered or forged)",
  },
  revoked: {
    ja: '当直責任者の指定は署名前に取り消されています',
    en: 'the duty designation was revoked before signing',
  },
  other_unit: { ja: '当直責任者の指定は別の所属のものです', en: 'the duty designation is for another unit' },
  other_person: { ja: '当直責任者の指定は別の者に対するものです', en: 'the duty designation names someone else' },
  self: {
    ja: '当直責任者の指定または決裁が本人によるものです',
    en: 'the duty designation or the approval is the person’s own',
  },
  kind: {
    ja: '当直責任者の指定はこの種類の要請を対象としていません',
    en: 'the duty designation does not cover this kind of request',
  },
  period: {
    ja: '当直責任者の指定期間外に署名されています',
    en: 'it was signed outside the period of the duty designation',
  },
};

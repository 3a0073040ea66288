import { findPresentedOrder } from '../court/order-standing.repository.ts';
import { activeRoleGrant, findOrganisation, findUser } from '../directory/directory.repository.ts';
import { designationRevokedAt } from '../directory/duty.ts';
import { hubJudgeRefusal } from '../directory/judge-role.ts';
import { keyById, toPublicKey } from '../directory/key.repository.ts';
import { ownerOf, storedRoles } from '../directory/stored-roles.ts';
import type { SignedEnvelope } from '../domain/envelope.ts';
import { DomainError } from '../domain/errors.ts';
import { groundOf } from '../domain/order-set-aside.ts';
import { providerOf, type RequestContent, RequestContentSchema } from '../domain/request-content.ts';
import type { VerificationFacts } from '../domain/verification.ts';
import type { Tx } from '../store/database.ts';
import type { UserRow } from '../store/schema.ts';
import { findReceivedEnvelope, warrantHolder } from './request.repository.ts';
import { checkContent } from './requests.ts';

// What the directory and the store say of an envelope, gathered for the pure verifier
// (domain/verification.ts): its signers, their keys and grants, the court of a warrant or order, whether
// it was seen before, and whether its content meets the rules a local draft meets.

/**
 * Whether the content of an envelope meets exactly the rules a local draft meets — content validation,
 * the legal matrix, the receiving provider's policy — as of the moment it was signed; also that the
 * signed payload and its content agree on kind and addressee.
 */
async function contentProblem(
  tx: Tx,
  env: SignedEnvelope,
  content: RequestContent | undefined,
): Promise<VerificationFacts['contentProblem']> {
  const p = env.payload;
  if (!content) {
    return {
      code: 'VALIDATION_FAILED',
      message: { ja: '要請の内容を読み取れません', en: 'the content of the request does not parse' },
    };
  }
  if (content.kind !== p.kind || (providerOf(content) ?? null) !== p.providerOrganisationId) {
    return {
      code: 'VALIDATION_FAILED',
      message: {
        ja: '署名された種別・宛先と内容の種別・宛先が一致しません',
        en: 'the signed kind or addressee differs from the content’s',
      },
    };
  }
  const signedAt = new Date(p.issuedAt);
  try {
    const at = Number.isNaN(signedAt.getTime()) ? new Date() : signedAt;
    await checkContent(tx, content, at, undefined, at);
    return null;
  } catch (err) {
    if (err instanceof DomainError) return { code: err.code, message: err.messages };
    throw err;
  }
}

/** What the verifier needs to know of a signer from the directory (a lawyer's registration too). */
const signerFacts = (u: UserRow) => ({
  id: u.id,
  organisationId: u.organisation_id,
  unitId: u.unit_id,
  roles: storedRoles(u.roles, ownerOf(u)),
  disabled: u.disabled === 1,
  barRegistrationNumber: u.bar_registration_number ?? null,
  barAssociation: u.bar_association ?? null,
});

/** What the directory says about the signers of an envelope, for the pure verifier. */
export async function verificationFacts(tx: Tx, env: SignedEnvelope, receivingProviderId: string, now: Date) {
  const p = env.payload;
  const parsed = RequestContentSchema.safeParse(p.content);
  const content = parsed.success ? parsed.data : undefined;
  const approverRow = await findUser(tx, p.approverUserId);
  const courtKeyId = content?.kind === 'warrant' ? content.warrant.attestation.keyId : undefined;
  const courtKey = courtKeyId ? await keyById(tx, courtKeyId) : undefined;
  const courtOrg =
    content?.kind === 'warrant' ? await findOrganisation(tx, content.warrant.courtOrganisationId) : undefined;
  const order = content?.kind === 'civil_disclosure' ? content.civil.courtOrder : undefined;
  const orderKey = order?.attestation ? await keyById(tx, order.attestation.keyId) : undefined;
  const orderCourt = order?.attestation ? await findOrganisation(tx, order.courtOrganisationId) : undefined;
  const presented = order && (await findPresentedOrder(tx, order, p.agencyOrganisationId, receivingProviderId));
  const seen = await findReceivedEnvelope(tx, p.envelopeId);
  const warrantUse =
    content?.kind === 'warrant'
      ? await warrantHolder(tx, {
          courtOrganisationId: content.warrant.courtOrganisationId,
          warrantNumber: content.warrant.warrantNumber,
          providerOrganisationId: content.providerOrganisationId,
        })
      : undefined;
  const approverKey = await keyById(tx, env.signatures.approver.keyId);
  const unitKey = await keyById(tx, env.signatures.unit.keyId);
  const requester = await findOrganisation(tx, p.agencyOrganisationId);
  const signingRole = requester?.kind === 'law_office' ? 'lawyer' : 'unit_head';
  const grant = approverRow ? await activeRoleGrant(tx, approverRow.id, signingRole) : undefined;
  const duty = p.dutyDesignation;
  const designatorRow = duty ? await findUser(tx, duty.designation.designatedBy) : undefined;
  const designatorKey = duty ? await keyById(tx, duty.signature.keyId) : undefined;
  // Whoever signed the warrant or the order must have been a judge of the court then, by the hub's log of
  // the role (the rule a provider's installation applies to its pin), not only the owner of a court's key.
  const notJudge = async (key: typeof courtKey, court: string, at: string) =>
    key !== undefined && (await hubJudgeRefusal(tx, now, toPublicKey(key), court, at)) !== null;
  return {
    courtSignerNotJudge:
      content?.kind === 'warrant'
        ? await notJudge(courtKey, content.warrant.courtOrganisationId, content.warrant.issuedAt)
        : false,
    orderSignerNotJudge: order ? await notJudge(orderKey, order.courtOrganisationId, order.orderedAt) : false,
    requesterKind: requester?.kind,
    ...(duty
      ? {
          designator: {
            key: designatorKey ? toPublicKey(designatorKey) : undefined,
            user: designatorRow ? signerFacts(designatorRow) : undefined,
            headGrant: designatorRow ? (await activeRoleGrant(tx, designatorRow.id, 'unit_head')) !== undefined : false,
            revokedAt: await designationRevokedAt(tx, duty.designation),
          },
        }
      : {}),
    approverGrant: grant
      ? { countersignedBy: grant.countersigner_name, countersignedAt: grant.countersigned_by ? grant.decided_at : null }
      : undefined,
    warrantUsedElsewhere: warrantUse !== undefined && warrantUse !== p.requestId,
    approverKey: approverKey ? toPublicKey(approverKey) : undefined,
    unitKey: unitKey ? toPublicKey(unitKey) : undefined,
    approver: approverRow ? signerFacts(approverRow) : undefined,
    courtKey: courtKey ? toPublicKey(courtKey) : undefined,
    courtIsCourt: courtOrg?.kind === 'court',
    ...(courtOrg
      ? {
          court: {
            name: { ja: courtOrg.name_ja, en: courtOrg.name_en },
            // A judge's own credential names the judge; a key of the court's names only the court.
            judge:
              courtKey?.owner_type === 'user' ? ((await findUser(tx, courtKey.owner_id))?.display_name ?? null) : null,
          },
        }
      : {}),
    orderJudgeKey: orderKey ? toPublicKey(orderKey) : undefined,
    orderCourtIsCourt: orderCourt?.kind === 'court',
    orderSetAside:
      presented?.standing?.outcome === 'set_aside'
        ? { at: presented.standing.outcome_at ?? '', ground: groundOf(presented.standing.set_aside_ground) }
        : undefined,
    alreadySeen: seen !== undefined,
    seenAs: seen?.requestId ?? null,
    receivingProviderId,
    content,
    contentProblem: await contentProblem(tx, env, content),
  };
}

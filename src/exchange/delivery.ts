import { z } from 'zod';
import type { ActorRef } from '../audit/events.ts';
import { findPresentedOrder } from '../court/order-standing.repository.ts';
import { activeRoleGrant, findOrganisation, findUnit, findUser } from '../directory/directory.repository.ts';
import { designationRevokedAt } from '../directory/duty.ts';
import { keyById, toPublicKey } from '../directory/key.repository.ts';
import { currentPolicy, getOrganisation } from '../directory/lookups.ts';
import { type Principal, requirePermission } from '../domain/access.ts';
import { responseDeadline } from '../domain/deadlines.ts';
import { youngCredentialReason } from '../domain/emergency.ts';
import { payloadDigest, type SignedEnvelope, SignedEnvelopeSchema } from '../domain/envelope.ts';
import { DomainError, type ErrorCode } from '../domain/errors.ts';
import { nextState } from '../domain/lifecycle.ts';
import { groundOf } from '../domain/order-set-aside.ts';
import { EMERGENCY_CREDENTIAL_MIN_AGE_HOURS, type ProviderPolicy } from '../domain/policy.ts';
import { providerOf, type RequestContent, RequestContentSchema } from '../domain/request-content.ts';
import { parseIsoInstant } from '../domain/time.ts';
import { parseOrThrow } from '../domain/validation.ts';
import {
  type SecondCheck,
  type VerificationFacts,
  type VerificationReport,
  verifyEnvelope,
} from '../domain/verification.ts';
import type { RequestState } from '../domain/vocabulary.ts';
import { actorOf } from '../kernel/principal.ts';
import { KeepChanges, type UnitOfWork } from '../kernel/unit-of-work.ts';
import { indexIssuedRequest } from '../overlap/deconfliction.ts';
import type { Tx } from '../store/database.ts';
import type { RequestRow, UserRow } from '../store/schema.ts';
import {
  findReceivedEnvelope,
  insertReceivedEnvelope,
  insertRequest,
  reserveWarrant,
  warrantHolder,
} from './request.repository.ts';
import { checkContent, contentOf, loadVisible, newRequestRow, saveRequest } from './requests.ts';

// Receipt on the provider side: an envelope is verified before anyone reads it, recorded against
// replay, and the response clock starts. Envelopes come from this hub's own approval (delivery) or
// from outside (intake).

const SYSTEM: ActorRef = { type: 'system', id: null, organisationId: null };

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
    await checkContent(tx, content, Number.isNaN(signedAt.getTime()) ? new Date() : signedAt);
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
  roles: JSON.parse(u.roles) as string[],
  disabled: u.disabled === 1,
  barRegistrationNumber: u.bar_registration_number ?? null,
  barAssociation: u.bar_association ?? null,
});

/** What the directory says about the signers of an envelope, for the pure verifier. */
async function verificationFacts(tx: Tx, env: SignedEnvelope, receivingProviderId: string) {
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
  return {
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

/**
 * An emergency signed with a new approver credential (younger than the provider's threshold), or with
 * a role no second person countersigned, needs a second check before it is answered: a call-back to
 * the number the directory registers for the issuing unit. Null when none is needed.
 */
async function secondCheckFor(
  uow: UnitOfWork,
  row: RequestRow,
  report: VerificationReport,
  policy: ProviderPolicy,
): Promise<SecondCheck | null> {
  if (row.kind !== 'emergency' || !report.ok || !report.approverCredential) return null;
  const c = report.approverCredential;
  const threshold = policy.emergencyCredentialMinAgeHours ?? EMERGENCY_CREDENTIAL_MIN_AGE_HOURS;
  const young = c.ageHoursAtSigning < threshold;
  if (!young && c.countersignedBy !== null) return null;
  const unit = await findUnit(uow.tx, row.unit_id);
  const reason = young
    ? youngCredentialReason(c.ageHoursAtSigning, threshold)
    : {
        ja: '決裁者の権限は二人目の副署を経ていません（二人制以前の付与）',
        en: "The approver's role was never countersigned by a second person (granted before the two-person rule)",
      };
  return {
    required: true,
    reason,
    callbackPhone: unit?.callback_phone ?? null,
    confirmedBy: null,
    confirmedAt: null,
    note: null,
  };
}

/** Records the verification and starts the clock; a failing envelope is declined as invalid at once. */
async function receive(
  uow: UnitOfWork,
  row: RequestRow,
  report: VerificationReport,
  actor: ActorRef,
  knownPolicy?: ProviderPolicy,
): Promise<RequestRow> {
  const content = contentOf(row);
  const policy =
    knownPolicy ??
    (await currentPolicy(uow.tx, await getOrganisation(uow.tx, row.provider_organisation_id ?? ''))).policy;
  const requestedBy = 'requestedBy' in content && content.requestedBy ? new Date(content.requestedBy) : undefined;
  const changes: Partial<RequestRow> = {
    received_at: uow.now.toISOString(),
    verification: JSON.stringify(report),
    deadline_at: responseDeadline(content.kind, uow.now, policy, requestedBy)?.toISOString() ?? null,
  };
  if (report.ok) {
    changes.state = nextState(content.kind, row.state as RequestState, 'deliver');
  } else {
    // A request that fails verification is never read: it is declined as invalid at once.
    const failed = report.checks.filter((c) => c.status === 'fail');
    const note = `${failed.map((c) => c.message.ja).join('／')}\n${failed.map((c) => c.message.en).join('; ')}`;
    Object.assign(changes, { state: 'declined', decline_reason: 'invalid_request', decline_note: note });
  }
  const secondCheck = await secondCheckFor(uow, row, report, policy);
  if (secondCheck) changes.second_check = JSON.stringify(secondCheck);
  const next = await saveRequest(uow, row, changes);
  await uow.audit({
    actor,
    action: 'request.received',
    subjectType: 'request',
    subjectId: row.id,
    details: {
      verified: report.ok,
      failed: report.checks.filter((c) => c.status === 'fail').map((c) => c.name),
      ...(secondCheck ? { secondCheckRequired: true } : {}),
    },
  });
  return next;
}

/** On this hub the addressee is served here: the approved request is verified and received at once. */
export async function deliver(uow: UnitOfWork, row: RequestRow, policy?: ProviderPolicy): Promise<RequestRow> {
  const env = SignedEnvelopeSchema.parse(JSON.parse(row.envelope ?? 'null'));
  const providerId = row.provider_organisation_id ?? '';
  const report = verifyEnvelope(env, await verificationFacts(uow.tx, env, providerId), uow.now);
  await insertReceivedEnvelope(uow.tx, {
    envelope_id: env.payload.envelopeId,
    provider_organisation_id: providerId,
    digest: payloadDigest(env.payload),
    request_id: row.id,
    received_at: uow.now.toISOString(),
  });
  return receive(uow, row, report, SYSTEM, policy);
}

export const IntakeInput = z.strictObject({ envelope: SignedEnvelopeSchema });

/** The error code that best names why an envelope failed. */
function failureCode(report: VerificationReport, facts: VerificationFacts): ErrorCode {
  const problem = facts.contentProblem;
  const failed = report.checks.filter((c) => c.status === 'fail').map((c) => c.name);
  if (failed.length === 1 && failed[0] === 'content_rules' && problem) return problem.code;
  if (failed.some((n) => n.startsWith('signature'))) return 'SIGNATURE_INVALID';
  if (failed.includes('revocation')) return 'KEY_REVOKED';
  if (failed.includes('key_validity')) return 'KEY_NOT_VALID';
  if (failed.length === 1 && failed[0] === 'court_order' && facts.orderSetAside) return 'ORDER_SET_ASIDE';
  if (failed.includes('warrant_attestation') || failed.includes('court_order')) return 'WARRANT_ATTESTATION_INVALID';
  if (failed.includes('approver_authority')) return 'APPROVER_NOT_AUTHORISED';
  return 'SIGNATURE_INVALID';
}

/**
 * Intake of a signed envelope presented from outside (another shokai server, or a provider's own
 * system): verified before anything is read. A replay is refused and logged; a forged or otherwise
 * failing envelope is kept as declined/invalid_request with its failed checks (so staff see it), and
 * the call answers with the failing code.
 */
export async function intakeEnvelope(
  uow: UnitOfWork,
  p: Principal,
  raw: unknown,
): Promise<{ row: RequestRow; report: VerificationReport }> {
  requirePermission(p, 'request.intake');
  const env = parseOrThrow(IntakeInput, raw).envelope;
  const facts = await verificationFacts(uow.tx, env, p.organisationId);
  const report = verifyEnvelope(env, facts, uow.now);
  const failed = report.checks.filter((c) => c.status === 'fail').map((c) => c.name);
  if (facts.alreadySeen) {
    await uow.auditBy(p, 'request.intake_rejected', ['envelope', env.payload.envelopeId], { reason: 'replay', failed });
    throw new KeepChanges(
      new DomainError(
        'REPLAY',
        {
          ja: 'この署名済み要請は既に受け付けています（リプレイ）',
          en: 'this signed request was already received (replay)',
        },
        { envelopeId: env.payload.envelopeId },
      ),
    );
  }
  const pl = env.payload;
  const agency = await findOrganisation(uow.tx, pl.agencyOrganisationId);
  const unit = await findUnit(uow.tx, pl.unitId);
  const drafter = await findUser(uow.tx, pl.draftedBy);
  if (
    (agency?.kind !== 'agency' && agency?.kind !== 'law_office') ||
    unit?.organisation_id !== pl.agencyOrganisationId ||
    !drafter ||
    !facts.content ||
    pl.providerOrganisationId !== p.organisationId
  ) {
    await uow.auditBy(p, 'request.intake_rejected', ['envelope', pl.envelopeId], {
      reason: 'unknown_sender_or_addressee',
      failed,
    });
    throw new KeepChanges(
      new DomainError(
        'SIGNATURE_INVALID',
        {
          ja: '差出人または宛先を確認できない要請です',
          en: 'the sender or addressee of this request cannot be verified',
        },
        { envelopeId: pl.envelopeId, checks: report.checks },
      ),
    );
  }
  const at = uow.now.toISOString();
  const row = newRequestRow(at, {
    reference: pl.reference,
    kind: pl.kind,
    state: 'issued',
    agency_organisation_id: pl.agencyOrganisationId,
    unit_id: pl.unitId,
    provider_organisation_id: p.organisationId,
    case_id: null,
    drafted_by: pl.draftedBy,
    approved_by: facts.approver ? pl.approverUserId : null,
    content: JSON.stringify(facts.content),
    envelope: JSON.stringify(env),
    issued_at: parseIsoInstant(pl.issuedAt).utc,
    origin: 'intake',
  });
  await insertRequest(uow.tx, row);
  // Only a genuinely signed envelope reserves its id: a forgery cannot block the real one.
  const signed = report.checks.every((c) => !c.name.startsWith('signature') || c.status === 'pass');
  if (signed) {
    await insertReceivedEnvelope(uow.tx, {
      envelope_id: pl.envelopeId,
      provider_organisation_id: p.organisationId,
      digest: payloadDigest(pl),
      request_id: row.id,
      received_at: at,
    });
  }
  if (report.ok && facts.content.kind === 'warrant') {
    const w = facts.content.warrant;
    await reserveWarrant(
      uow.tx,
      {
        courtOrganisationId: w.courtOrganisationId,
        warrantNumber: w.warrantNumber,
        providerOrganisationId: p.organisationId,
      },
      pl.requestId,
      at,
    );
  }
  const next = await receive(uow, row, report, actorOf(p));
  // Deconfliction: a force's request taken in is indexed like one issued here (a law office is no force).
  if (report.ok && agency.kind === 'agency') await indexIssuedRequest(uow, next, facts.content.targets);
  if (!report.ok) {
    const failedChecks = report.checks.filter((c) => c.status === 'fail');
    throw new KeepChanges(
      new DomainError(
        failureCode(report, facts),
        {
          ja: `検証に失敗しました: ${failedChecks.map((c) => c.message.ja).join('／')}`,
          en: `verification failed: ${failedChecks.map((c) => c.message.en).join('; ')}`,
        },
        { requestId: next.id, checks: failedChecks },
      ),
    );
  }
  return { row: next, report };
}

/** Re-runs verification of a received request's envelope now (for the provider's page). */
export async function reverify(uow: UnitOfWork, p: Principal, id: string): Promise<VerificationReport> {
  const { row, side } = await loadVisible(uow.tx, p, id, uow.now);
  if (side !== 'provider' || !row.envelope) {
    throw new DomainError('FORBIDDEN', {
      ja: '受領側のみが検証できます',
      en: 'only the receiving provider can verify',
    });
  }
  const env = SignedEnvelopeSchema.parse(JSON.parse(row.envelope));
  const facts = await verificationFacts(uow.tx, env, p.organisationId);
  // The envelope was recorded at receipt; that record is this request, not a replay.
  return verifyEnvelope(env, { ...facts, alreadySeen: facts.alreadySeen && facts.seenAs !== row.id }, uow.now);
}

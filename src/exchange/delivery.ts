import { z } from 'zod';
import type { ActorRef } from '../audit/events.ts';
import { findOrganisation, findUnit, findUser } from '../directory/directory.repository.ts';
import { currentPolicy, getOrganisation } from '../directory/lookups.ts';
import { type Principal, requirePermission } from '../domain/access.ts';
import { responseDeadline } from '../domain/deadlines.ts';
import { youngCredentialReason } from '../domain/emergency.ts';
import { payloadDigest, SignedEnvelopeSchema } from '../domain/envelope.ts';
import { DomainError, type ErrorCode } from '../domain/errors.ts';
import { nextState } from '../domain/lifecycle.ts';
import { EMERGENCY_CREDENTIAL_MIN_AGE_HOURS, type ProviderPolicy } from '../domain/policy.ts';
import { parseIsoInstant } from '../domain/time.ts';
import { parseOrThrow } from '../domain/validation.ts';
import {
  type SecondCheck,
  type VerificationFacts,
  type VerificationReport,
  verifyEnvelope,
} from '../domain/verification.ts';
import { actorOf } from '../kernel/principal.ts';
import { KeepChanges, type UnitOfWork } from '../kernel/unit-of-work.ts';
import { indexIssuedRequest } from '../overlap/deconfliction.ts';
import type { RequestRow } from '../store/schema.ts';
import { requestStateOf } from '../store/stored-values.ts';
import { insertReceivedEnvelope, insertRequest, reserveWarrant } from './request.repository.ts';
import { contentOf, loadVisible, newRequestRow, saveRequest } from './requests.ts';
import { verificationFacts } from './verification-facts.ts';

// Receipt on the provider side: an envelope is verified before anyone reads it, recorded against
// replay, and the response clock starts. Envelopes come from this hub's own approval (delivery) or
// from outside (intake).

const SYSTEM: ActorRef = { type: 'system', id: null, organisationId: null };

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
  const warrantEnd = content.kind === 'warrant' ? new Date(content.warrant.validUntil) : undefined;
  const changes: Partial<RequestRow> = {
    received_at: uow.now.toISOString(),
    verification: JSON.stringify(report),
    deadline_at: responseDeadline(content.kind, uow.now, policy, requestedBy, warrantEnd)?.toISOString() ?? null,
  };
  if (report.ok) {
    changes.state = nextState(content.kind, requestStateOf(row), 'deliver');
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
  const report = verifyEnvelope(env, await verificationFacts(uow.tx, env, providerId, uow.now), uow.now);
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
  const facts = await verificationFacts(uow.tx, env, p.organisationId, uow.now);
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
  const facts = await verificationFacts(uow.tx, env, p.organisationId, uow.now);
  // The envelope was recorded at receipt; that record is this request, not a replay.
  return verifyEnvelope(env, { ...facts, alreadySeen: facts.alreadySeen && facts.seenAs !== row.id }, uow.now);
}

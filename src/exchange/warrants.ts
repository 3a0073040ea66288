import { z } from 'zod';
import { signCanonical } from '../crypto/signatures.ts';
import { findOrganisation } from '../directory/directory.repository.ts';
import { keyById, toPublicKey } from '../directory/key.repository.ts';
import { requireCurrentKey, unwrapPrivateKey } from '../directory/keys.ts';
import { getOrganisation } from '../directory/lookups.ts';
import { type Principal, requirePermission } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { InstantSchema, parseInstant } from '../domain/instant.ts';
import {
  type RequestContent,
  WARRANT_ATTESTATION_PURPOSE,
  WARRANT_TYPES,
  warrantAttestationPayload,
} from '../domain/request-content.ts';
import { TargetSchema } from '../domain/targets.ts';
import { parseOrThrow } from '../domain/validation.ts';
import { warrantAttestationVerifies } from '../domain/verification.ts';
import { DATA_CATEGORIES } from '../domain/vocabulary.ts';
import { actorOf } from '../kernel/principal.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import { reserveWarrant } from './request.repository.ts';

/** What a judge attests electronically (2025 CCP amendment: electronic warrants). */
export const AttestWarrantInput = z.strictObject({
  agencyOrganisationId: z.string().min(1),
  providerOrganisationId: z.string().min(1),
  warrantNumber: z.string().trim().min(1).max(100),
  type: z.enum(WARRANT_TYPES),
  issuedAt: InstantSchema,
  validUntil: InstantSchema,
  targets: z.array(TargetSchema).min(1).max(200),
  categories: z.array(z.enum(DATA_CATEGORIES)).min(1).max(4),
});

export interface WarrantAttestation {
  courtOrganisationId: string;
  keyId: string;
  signature: string;
}

/** A judge of a court signs the warrant's attestation with the court's key; the provider verifies it. */
export async function attestWarrant(uow: UnitOfWork, p: Principal, raw: unknown): Promise<WarrantAttestation> {
  requirePermission(p, 'warrant.attest');
  const input = parseOrThrow(AttestWarrantInput, raw);
  if (Date.parse(input.validUntil) <= Date.parse(input.issuedAt)) {
    throw new DomainError(
      'VALIDATION_FAILED',
      { ja: '有効期間の終期が発付時刻より前です', en: 'validUntil must be after issuedAt' },
      { field: 'validUntil', value: input.validUntil },
    );
  }
  // The police form refuses a warrant issued in the future; the judge's screen refuses it first.
  if (parseInstant(input.issuedAt, 'issuedAt').epochMs > uow.now.getTime()) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: `発付日時（${input.issuedAt}）が未来です。発付した日時を入力してください`,
        en: `issuedAt (${input.issuedAt}) is in the future; give the time the warrant was issued`,
      },
      { field: 'issuedAt', value: input.issuedAt, now: uow.now.toISOString() },
    );
  }
  await getOrganisation(uow.tx, input.agencyOrganisationId);
  await getOrganisation(uow.tx, input.providerOrganisationId);
  const key = await requireCurrentKey(uow.tx, 'organisation', p.organisationId, 'signing', uow.now);
  const payload = warrantAttestationPayload(
    {
      kind: 'warrant',
      providerOrganisationId: input.providerOrganisationId,
      caseReference: '-',
      offence: '-',
      facts: '-',
      necessity: '-',
      targets: input.targets,
      categories: input.categories,
      warrant: {
        type: input.type,
        courtOrganisationId: p.organisationId,
        warrantNumber: input.warrantNumber,
        issuedAt: input.issuedAt,
        validUntil: input.validUntil,
        attestation: { keyId: key.id, signature: '' },
      },
    },
    input.agencyOrganisationId,
  );
  const signature = signCanonical(unwrapPrivateKey(uow.ctx, key), WARRANT_ATTESTATION_PURPOSE, payload);
  await uow.audit({
    actor: actorOf(p),
    action: 'request.signed',
    subjectType: 'warrant',
    subjectId: input.warrantNumber,
    details: {
      attestation: true,
      agencyOrganisationId: input.agencyOrganisationId,
      providerOrganisationId: input.providerOrganisationId,
    },
  });
  return { courtOrganisationId: p.organisationId, keyId: key.id, signature };
}

/**
 * A court's attestation covers one request of the agency it names: it must verify for this agency
 * before the warrant is reserved (a forged or borrowed attestation reserves nothing, so it cannot use
 * up a genuine warrant), and a second use of the same warrant is refused.
 */
export async function consumeWarrant(
  uow: UnitOfWork,
  content: Extract<RequestContent, { kind: 'warrant' }>,
  agencyOrganisationId: string,
  requestId: string,
): Promise<void> {
  const keyRow = await keyById(uow.tx, content.warrant.attestation.keyId);
  const court = await findOrganisation(uow.tx, content.warrant.courtOrganisationId);
  if (
    !warrantAttestationVerifies(
      content,
      agencyOrganisationId,
      keyRow ? toPublicKey(keyRow) : undefined,
      court?.kind === 'court',
    )
  ) {
    throw new DomainError(
      'WARRANT_ATTESTATION_INVALID',
      {
        ja: `令状 ${content.warrant.warrantNumber} の裁判所の電子署名を、この捜査機関について確認できません`,
        en: `the court's attestation of warrant ${content.warrant.warrantNumber} does not verify for this agency`,
      },
      { field: 'content.warrant.attestation', value: content.warrant.attestation.keyId },
    );
  }
  const holder = await reserveWarrant(
    uow.tx,
    {
      courtOrganisationId: content.warrant.courtOrganisationId,
      warrantNumber: content.warrant.warrantNumber,
      providerOrganisationId: content.providerOrganisationId,
    },
    requestId,
    uow.now.toISOString(),
  );
  if (holder !== requestId) {
    throw new DomainError(
      'WARRANT_ATTESTATION_INVALID',
      {
        ja: `令状 ${content.warrant.warrantNumber} は既に別の要請で使用されています`,
        en: `warrant ${content.warrant.warrantNumber} was already used by another request`,
      },
      { field: 'content.warrant.warrantNumber', value: content.warrant.warrantNumber },
    );
  }
}

import { z } from 'zod';
import { canonicalJson } from '../crypto/canonical.ts';
import { signCanonical } from '../crypto/signatures.ts';
import { AssertionInput, checkAssertion } from '../directory/credentials.ts';
import { findOrganisation } from '../directory/directory.repository.ts';
import { currentKey, keyById, toPublicKey } from '../directory/key.repository.ts';
import { requireCurrentKey, unwrapPrivateKey } from '../directory/keys.ts';
import { getOrganisation } from '../directory/lookups.ts';
import { type Principal, requirePermission } from '../domain/access.ts';
import { attestationDigest, packOwnerSignature } from '../domain/attestation.ts';
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
  /** The judge's own credential's assertion over the attestation digest (once they registered one). */
  assertion: AssertionInput.optional(),
});

export interface WarrantAttestation {
  courtOrganisationId: string;
  keyId: string;
  signature: string;
}

type AttestInput = z.infer<typeof AttestWarrantInput>;

/** The attestation payload of an input, as the court identified by `courtOrganisationId` signs it. */
function attestedContent(input: AttestInput, courtOrganisationId: string, keyId: string) {
  return {
    kind: 'warrant' as const,
    providerOrganisationId: input.providerOrganisationId,
    caseReference: '-',
    offence: '-',
    facts: '-',
    necessity: '-',
    targets: input.targets,
    categories: input.categories,
    warrant: {
      type: input.type,
      courtOrganisationId,
      warrantNumber: input.warrantNumber,
      issuedAt: input.issuedAt,
      validUntil: input.validUntil,
      attestation: { keyId, signature: '' },
    },
  };
}

async function checkedInput(uow: UnitOfWork, p: Principal, raw: unknown): Promise<AttestInput> {
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
  return input;
}

/**
 * What the judge is about to attest: the canonical payload and the digest their own credential signs
 * (the WebAuthn challenge), with the credential that must sign it (null: none registered yet).
 */
export async function attestationPreview(
  uow: UnitOfWork,
  p: Principal,
  raw: unknown,
): Promise<{ canonical: string; digest: string; passkey: { credentialId: string; rpId: string } | null }> {
  const input = await checkedInput(uow, p, raw);
  const content = attestedContent(input, p.organisationId, '');
  const own = await currentKey(uow.tx, 'user', p.id, 'signing', uow.now);
  return {
    canonical: canonicalJson(warrantAttestationPayload(content, input.agencyOrganisationId)),
    digest: attestationDigest(content, input.agencyOrganisationId),
    passkey: own?.credential_id && own.rp_id ? { credentialId: own.credential_id, rpId: own.rp_id } : null,
  };
}

/**
 * A judge attests a warrant: with their own credential (WebAuthn over the attestation digest) once
 * they registered one — the hub then holds nothing to sign with; before that, with the court's key.
 */
export async function attestWarrant(uow: UnitOfWork, p: Principal, raw: unknown): Promise<WarrantAttestation> {
  const input = await checkedInput(uow, p, raw);
  const own = await currentKey(uow.tx, 'user', p.id, 'signing', uow.now);
  let keyId: string;
  let signature: string;
  if (own?.credential_id) {
    const digest = attestationDigest(attestedContent(input, p.organisationId, ''), input.agencyOrganisationId);
    signature = packOwnerSignature(await checkAssertion(uow, own, digest, input.assertion));
    keyId = own.id;
  } else {
    const key = await requireCurrentKey(uow.tx, 'organisation', p.organisationId, 'signing', uow.now);
    const payload = warrantAttestationPayload(
      attestedContent(input, p.organisationId, key.id),
      input.agencyOrganisationId,
    );
    signature = signCanonical(unwrapPrivateKey(uow.ctx, key), WARRANT_ATTESTATION_PURPOSE, payload);
    keyId = key.id;
  }
  await uow.audit({
    actor: actorOf(p),
    action: 'request.signed',
    subjectType: 'warrant',
    subjectId: input.warrantNumber,
    details: {
      attestation: true,
      agencyOrganisationId: input.agencyOrganisationId,
      providerOrganisationId: input.providerOrganisationId,
      custody: own?.credential_id ? 'owner' : 'server',
    },
  });
  return { courtOrganisationId: p.organisationId, keyId, signature };
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

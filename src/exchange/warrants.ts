import { z } from 'zod';
import { canonicalJson } from '../crypto/canonical.ts';
import { AssertionInput, checkAssertion, ownPasskey } from '../directory/credentials.ts';
import { findOrganisation } from '../directory/directory.repository.ts';
import { hubJudgeRefusal } from '../directory/judge-role.ts';
import { currentKey, keyById, toPublicKey } from '../directory/key.repository.ts';
import { getOrganisation, requireProvider } from '../directory/lookups.ts';
import { type Principal, requirePermission } from '../domain/access.ts';
import { attestationDigest, hubNotJudgeMessage, packOwnerSignature } from '../domain/attestation.ts';
import { DomainError } from '../domain/errors.ts';
import { InstantSchema, parseInstant } from '../domain/instant.ts';
import type { SigningPreview } from '../domain/owner-signature.ts';
import {
  type RequestContent,
  WARRANT_TYPES,
  WarrantContentSchema,
  warrantAttestationPayload,
} from '../domain/request-content.ts';
import { TargetSchema } from '../domain/targets.ts';
import { parseOrThrow } from '../domain/validation.ts';
import { warrantAttestationVerifies } from '../domain/verification.ts';
import { DATA_CATEGORIES } from '../domain/vocabulary.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { KeyRow } from '../store/schema.ts';
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
  /** The period of the records the warrant reaches, when the application named one: attested with the rest. */
  recordsPeriod: WarrantContentSchema.shape.warrant.shape.recordsPeriod,
  /** The judge's own credential's assertion over the attestation digest (once they registered one). */
  assertion: AssertionInput.optional(),
});

export interface WarrantAttestation {
  courtOrganisationId: string;
  keyId: string;
  signature: string;
}

export type AttestInput = z.infer<typeof AttestWarrantInput>;

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
      ...(input.recordsPeriod ? { recordsPeriod: input.recordsPeriod } : {}),
      attestation: { keyId, signature: '' },
    },
  };
}

/**
 * The rules of an attestation the judge's screen and the application path share: the validity ends
 * after the issue, the issue is not in the future (the police form refuses it too), and the agency and
 * the provider exist.
 */
export async function checkAttestation(uow: UnitOfWork, p: Principal, input: AttestInput): Promise<AttestInput> {
  requirePermission(p, 'warrant.attest');
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
  // A warrant is the police's (a law office asks a court for a disclosure order, not a warrant) and
  // reaches a provider: any other organisation would make an attestation no one could use as such.
  const agency = await getOrganisation(uow.tx, input.agencyOrganisationId);
  if (agency.kind !== 'agency') {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: `${agency.nameJa}は捜査機関ではありません。令状は捜査機関に発付します`,
        en: `${agency.nameEn} is not an investigating agency: a warrant is issued to one`,
      },
      { field: 'agencyOrganisationId', value: input.agencyOrganisationId },
    );
  }
  await requireProvider(uow.tx, input.providerOrganisationId);
  return input;
}

async function checkedInput(uow: UnitOfWork, p: Principal, raw: unknown): Promise<AttestInput> {
  requirePermission(p, 'warrant.attest');
  return checkAttestation(uow, p, parseOrThrow(AttestWarrantInput, raw));
}

/** The judge's own registered credential; a judge without one cannot attest (the hub signs for no court). */
export async function judgeCredential(uow: UnitOfWork, p: Principal): Promise<KeyRow> {
  const own = await currentKey(uow.tx, 'user', p.id, 'signing', uow.now);
  if (!own?.credential_id || !own.rp_id) {
    throw new DomainError(
      'KEY_UNKNOWN',
      {
        ja: '令状や開示命令に電子署名するには、ご本人の認証器（パスキー）を先に登録してください（「端末と鍵」の画面）。サーバーは裁判所に代わって署名しません',
        en:
          'register your own credential (passkey) before attesting a warrant ' +
          'or an order (the devices page): the server signs for no court',
      },
      { field: 'assertion', reason: 'no_credential' },
    );
  }
  return own;
}

/** The digest the judge's credential signs for an input: the canonical attestation payload's. */
export function attestationOf(input: AttestInput, courtOrganisationId: string): { canonical: string; digest: string } {
  const content = attestedContent(input, courtOrganisationId, '');
  return {
    canonical: canonicalJson(warrantAttestationPayload(content, input.agencyOrganisationId)),
    digest: attestationDigest(content, input.agencyOrganisationId),
  };
}

/** What the judge is about to attest: a preview of what their own passkey signs. */
export type AttestationPreview = SigningPreview;

/** The preview of a warrant the judge is about to attest, from the input they sent. */
export async function attestationPreview(uow: UnitOfWork, p: Principal, raw: unknown): Promise<AttestationPreview> {
  return previewAttestation(uow, p, await checkedInput(uow, p, raw));
}

/** The preview of an input already checked (a warrant application's, by the court's inbox). */
export async function previewAttestation(
  uow: UnitOfWork,
  p: Principal,
  input: AttestInput,
): Promise<AttestationPreview> {
  return { ...attestationOf(input, p.organisationId), passkey: await ownPasskey(uow, p) };
}

/**
 * Signs a checked attestation input with the judge's own credential (WebAuthn over the attestation
 * digest). The hub holds no key to sign with: a judge without a registered credential is refused, and
 * no court key is ever used (issue 11: the court's seal stays with the court).
 */
export async function signAttestation(
  uow: UnitOfWork,
  p: Principal,
  input: AttestInput,
  via: 'screen' | 'application',
): Promise<WarrantAttestation> {
  const own = await judgeCredential(uow, p);
  const { digest } = attestationOf(input, p.organisationId);
  const signature = packOwnerSignature(await checkAssertion(uow, own, digest, input.assertion));
  await uow.auditBy(p, 'warrant.signed', ['warrant', input.warrantNumber], {
    warrantNumber: input.warrantNumber,
    agencyOrganisationId: input.agencyOrganisationId,
    providerOrganisationId: input.providerOrganisationId,
    custody: 'owner',
    via,
  });
  return { courtOrganisationId: p.organisationId, keyId: own.id, signature };
}

/** A judge attests a warrant from the attestation screen, with their own credential. */
export async function attestWarrant(uow: UnitOfWork, p: Principal, raw: unknown): Promise<WarrantAttestation> {
  return signAttestation(uow, p, await checkedInput(uow, p, raw), 'screen');
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
  // The signature verifies under the key: its owner must also have been a judge of the court when the
  // warrant was issued, by the hub's log of the role (the rule a provider's installation applies).
  const w = content.warrant;
  if (keyRow && (await hubJudgeRefusal(uow.tx, uow.now, toPublicKey(keyRow), w.courtOrganisationId, w.issuedAt))) {
    throw new DomainError(
      'WARRANT_ATTESTATION_INVALID',
      hubNotJudgeMessage({ ja: `令状 ${w.warrantNumber} `, en: `warrant ${w.warrantNumber}` }),
      { field: 'content.warrant.attestation', value: w.attestation.keyId },
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

import { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import { actorOf, type Principal, requireRole } from '../app/principal.ts';
import { inTransaction } from '../app/unit-of-work.ts';
import { signCanonical } from '../crypto/signatures.ts';
import { getOrganisation } from '../directory/directory-service.ts';
import { requireCurrentKey, unwrapPrivateKey } from '../directory/keys.ts';
import { DomainError } from '../domain/errors.ts';
import { InstantSchema } from '../domain/instant.ts';
import { WARRANT_ATTESTATION_PURPOSE, WARRANT_TYPES, warrantAttestationPayload } from '../domain/request-content.ts';
import { TargetSchema } from '../domain/targets.ts';
import { parseOrThrow } from '../domain/validation.ts';
import { DATA_CATEGORIES } from '../domain/vocabulary.ts';

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

/** A judge of a court signs the warrant's attestation with the court's key; the provider verifies it. */
export async function attestWarrant(
  ctx: AppContext,
  p: Principal,
  raw: unknown,
): Promise<{ courtOrganisationId: string; keyId: string; signature: string }> {
  requireRole(p, ['judge'], ['court']);
  const input = parseOrThrow(AttestWarrantInput, raw);
  if (Date.parse(input.validUntil) <= Date.parse(input.issuedAt)) {
    throw new DomainError(
      'VALIDATION_FAILED',
      { ja: '有効期間の終期が発付時刻より前です', en: 'validUntil must be after issuedAt' },
      { field: 'validUntil', value: input.validUntil },
    );
  }
  return inTransaction(ctx, async (tx, audit, now) => {
    await getOrganisation(tx, input.agencyOrganisationId);
    await getOrganisation(tx, input.providerOrganisationId);
    const key = await requireCurrentKey(tx, 'organisation', p.organisationId, 'signing', now);
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
    const signature = signCanonical(unwrapPrivateKey(ctx, key), WARRANT_ATTESTATION_PURPOSE, payload);
    await audit({
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
  });
}

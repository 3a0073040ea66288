import { canonicalJson } from '../crypto/canonical.ts';
import { SIGNATURE_PURPOSES, signCanonical } from '../crypto/signatures.ts';
import { type AssertionInput, checkAssertion, ownPasskey } from '../directory/credentials.ts';
import { dutyDesignationFor } from '../directory/duty.ts';
import { requireCurrentKey, unwrapPrivateKey } from '../directory/keys.ts';
import { can, type Principal } from '../domain/access.ts';
import type { SignedDutyDesignation } from '../domain/duty.ts';
import { approvalDigest, type EnvelopePayload, payloadDigest, type SignedEnvelope } from '../domain/envelope.ts';
import { DomainError } from '../domain/errors.ts';
import type { ProviderPolicy } from '../domain/policy.ts';
import type { RequestContent } from '../domain/request-content.ts';
import type { Bilingual } from '../domain/vocabulary.ts';
import { type AddresseeCheck, requestAddressees } from '../evidence/whom/addressee.ts';
import { newId } from '../kernel/ids.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { RequestRow } from '../store/schema.ts';
import { requestKindOf } from '../store/stored-values.ts';
import { checkContent, contentOf, loadVisible } from './requests.ts';
import { consumeWarrant } from './warrants.ts';

// The unit head's approval (所属長決裁): what is signed, the preview the approver reviews, and the
// signing itself by the approver and the unit.

export function buildPayload(
  row: RequestRow,
  content: RequestContent,
  approverId: string,
  envelopeId: string,
  issuedAt: Date,
  dutyDesignation?: SignedDutyDesignation,
): EnvelopePayload {
  return {
    envelopeId,
    requestId: row.id,
    reference: row.reference,
    kind: requestKindOf(row),
    agencyOrganisationId: row.agency_organisation_id,
    unitId: row.unit_id,
    providerOrganisationId: row.provider_organisation_id,
    draftedBy: row.drafted_by,
    approverUserId: approverId,
    issuedAt: issuedAt.toISOString(),
    content,
    ...(dutyDesignation ? { dutyDesignation } : {}),
  };
}

/**
 * The designation under which a principal who is not a unit head approves this request now (当直責任者),
 * or undefined: a unit head approves on their own authority.
 */
export async function dutyCoverOf(
  uow: UnitOfWork,
  p: Principal,
  row: RequestRow,
): Promise<SignedDutyDesignation | undefined> {
  if (p.kind !== 'user' || can(p, 'request.approve') || p.unitId !== row.unit_id) return undefined;
  return dutyDesignationFor(uow.tx, p.id, row.unit_id, row.kind, uow.now);
}

/**
 * Why approval would be refused now, in words (the content rules and policy at the hub's clock), or
 * null: a request drafted before a rule, or a warrant that expired while it waited, is told to the
 * approver before they sign rather than only when they press the button.
 */
async function approvalRefusal(uow: UnitOfWork, content: RequestContent): Promise<Bilingual | null> {
  try {
    await checkContent(uow.tx, content, uow.now);
    return null;
  } catch (err) {
    if (err instanceof DomainError) return err.messages;
    throw err;
  }
}

/**
 * What the approver is about to sign: the canonical payload (envelopeId and issuedAt are fixed at the
 * moment of signing) and the digest that approval must name; beside it, what the drafter was warned of
 * about the address targets (not an Internet source, another provider's network) and why approval
 * would be refused now, if it would. Reading it is audited.
 */
export async function signingPreview(
  uow: UnitOfWork,
  p: Principal,
  id: string,
): Promise<{
  payload: EnvelopePayload;
  canonical: string;
  digest: string;
  /** The approver's own credential that must sign the digest (null: none registered yet). */
  passkey: { credentialId: string; rpId: string } | null;
  /** The address targets checked against the addressee, as the editor showed them. */
  addressees: AddresseeCheck[];
  /** Why approving now would be refused, or null. */
  refusal: Bilingual | null;
}> {
  const { row, side } = await loadVisible(uow.tx, p, id, uow.now);
  if (side !== 'agency') {
    throw new DomainError('FORBIDDEN', { ja: '発出元のみが参照できます', en: 'only the issuing side can see this' });
  }
  const duty = await dutyCoverOf(uow, p, row);
  const content = contentOf(row);
  const payload = buildPayload(row, content, p.id, '(assigned at signing)', uow.now, duty);
  await uow.auditBy(p, 'request.viewed', ['request', id], { signingPreview: true });
  const passkey = await ownPasskey(uow, p);
  const addressees = await requestAddressees(uow, content);
  const refusal = await approvalRefusal(uow, content);
  return { payload, canonical: canonicalJson(payload), digest: approvalDigest(payload), passkey, addressees, refusal };
}

/**
 * Approval: the rules run once more, the approver must name the digest of what they reviewed, a
 * warrant is reserved for this request, and the payload is signed by the approver and the unit.
 * Returns the row changes and the addressee's policy (read once, used again at delivery).
 */
export async function approve(
  uow: UnitOfWork,
  p: Principal,
  row: RequestRow,
  digest: string,
  assertion?: AssertionInput,
  duty?: SignedDutyDesignation,
): Promise<{ changes: Partial<RequestRow>; policy: ProviderPolicy | undefined }> {
  const content = contentOf(row);
  const policy = (await checkContent(uow.tx, content, uow.now))?.policy;
  const payload = buildPayload(row, content, p.id, newId('env'), uow.now, duty);
  if (approvalDigest(payload) !== digest) {
    throw new DomainError(
      'CONFLICT',
      {
        ja: '確認した内容と現在の内容が異なります。署名内容を確認し直してください',
        en: 'the request is not what you reviewed: open the signing preview again',
      },
      // Never the expected digest: it would let an approver sign without opening the preview.
      { field: 'digest', value: digest },
    );
  }
  if (content.kind === 'warrant') await consumeWarrant(uow, content, row.agency_organisation_id, row.id);
  const approverKey = await requireCurrentKey(uow.tx, 'user', p.id, 'signing', uow.now);
  if (duty && !approverKey.credential_id) {
    throw new DomainError(
      'KEY_UNKNOWN',
      {
        ja: '当直責任者はご本人の認証器（パスキー）で署名します。先に認証器を登録してください',
        en: 'a duty approver signs with their own credential (passkey): register one first',
      },
      { field: 'assertion' },
    );
  }
  const unitKey = await requireCurrentKey(uow.tx, 'unit', row.unit_id, 'signing', uow.now);
  const unitSig = {
    keyId: unitKey.id,
    signature: signCanonical(unwrapPrivateKey(uow.ctx, unitKey), SIGNATURE_PURPOSES.requestUnit, payload),
  };
  // An approver with their own credential signs the approval digest on their device (v2); the hub
  // holds nothing to sign with. Only an approver who has not registered one yet is signed for (v1).
  const envelope: SignedEnvelope = approverKey.credential_id
    ? {
        v: 2,
        payload,
        signatures: {
          approver: { keyId: approverKey.id, ...(await checkAssertion(uow, approverKey, digest, assertion)) },
          unit: unitSig,
        },
      }
    : {
        v: 1,
        payload,
        signatures: {
          approver: {
            keyId: approverKey.id,
            signature: signCanonical(
              unwrapPrivateKey(uow.ctx, approverKey),
              SIGNATURE_PURPOSES.requestApproval,
              payload,
            ),
          },
          unit: unitSig,
        },
      };
  await uow.auditBy(p, 'request.signed', ['request', row.id], {
    envelopeId: payload.envelopeId,
    digest: payloadDigest(payload),
    approverKey: approverKey.fingerprint,
    unitKey: unitKey.fingerprint,
    approverCustody: envelope.v === 2 ? 'owner' : 'server',
    ...(duty ? { dutyDesignation: duty.designation.designatedBy, dutyUntil: duty.designation.validUntil } : {}),
  });
  return {
    changes: {
      approved_by: p.id,
      envelope: JSON.stringify(envelope),
      envelope_id: payload.envelopeId,
      issued_at: uow.now.toISOString(),
    },
    policy,
  };
}

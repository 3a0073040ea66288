import { z } from 'zod';
import { canonicalJson, sha256Hex } from '../crypto/canonical.ts';
import { SignedDutyDesignationSchema } from './duty.ts';
import { InstantSchema } from './instant.ts';
import { WebAuthnSignatureSchema } from './owner-signature.ts';
import { REQUEST_KINDS } from './vocabulary.ts';

const Sig = z.strictObject({ keyId: z.string().min(1).max(200), signature: z.string().min(1).max(200) });

/**
 * An id the envelope gives a record (`req_<uuid>`, `env_<uuid>`): letters, digits, `_` and `-` only. A
 * provider's installation names files after the request id (its answer files in file mode), so an id that
 * could climb out of a directory (`../`) or name another is refused before anything is stored.
 */
export const RECORD_ID_PATTERN = /^[A-Za-z0-9_-]+$/;
const RecordId = z.string().min(1).max(200).regex(RECORD_ID_PATTERN, 'letters, digits, _ and - only');

/** What the approver and the unit sign: the request as issued, canonicalised (RFC 8785). */
export const EnvelopePayloadSchema = z.strictObject({
  envelopeId: RecordId,
  requestId: RecordId,
  reference: z.string().min(1).max(100),
  kind: z.enum(REQUEST_KINDS),
  agencyOrganisationId: z.string().min(1).max(200),
  unitId: z.string().min(1).max(200),
  providerOrganisationId: z.string().min(1).max(200).nullable(),
  draftedBy: z.string().min(1).max(200),
  approverUserId: z.string().min(1).max(200),
  /** When it was signed, with its offset (an instant without one is bad input). */
  issuedAt: InstantSchema,
  content: z.unknown(),
  /**
   * When the approver is a duty approver (当直責任者) rather than a unit head: the designation the head
   * signed, signed again here by the approver and the unit (absent otherwise, so older envelopes are
   * unchanged).
   */
  dutyDesignation: SignedDutyDesignationSchema.optional(),
});
export type EnvelopePayload = z.infer<typeof EnvelopePayloadSchema>;

export { type WebAuthnSignature, WebAuthnSignatureSchema } from './owner-signature.ts';

/**
 * v1: the approver's Ed25519 key was held by the hub (old envelopes still verify as they did).
 * v2: the approver signs the approval digest with their own credential (WebAuthn); the unit signs
 * the whole payload as before.
 */
export const SignedEnvelopeSchema = z.discriminatedUnion('v', [
  z.strictObject({
    v: z.literal(1),
    payload: EnvelopePayloadSchema,
    signatures: z.strictObject({ approver: Sig, unit: Sig }),
  }),
  z.strictObject({
    v: z.literal(2),
    payload: EnvelopePayloadSchema,
    signatures: z.strictObject({ approver: WebAuthnSignatureSchema, unit: Sig }),
  }),
]);
export type SignedEnvelope = z.infer<typeof SignedEnvelopeSchema>;

/**
 * Whether a value read from a file is meant as a signed request envelope at all — an object with `v`, `payload`
 * and `signatures` — so that another file given by mistake (a directory export, an answer) is named as such,
 * rather than refused by the first field of an envelope it lacks.
 */
export function looksLikeEnvelope(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return 'v' in value && 'payload' in value && 'signatures' in value;
}

/** The digest shown to the approver and kept for replay detection. */
export function payloadDigest(payload: EnvelopePayload): string {
  return sha256Hex(canonicalJson(payload));
}

/**
 * What the approver reviews and must confirm: the payload without the two values fixed only at the
 * moment of signing (envelopeId, issuedAt). Approval names this digest, so a request changed after
 * the approver looked at it cannot be signed by the same click.
 */
export function approvalDigest(payload: EnvelopePayload): string {
  const { envelopeId: _e, issuedAt: _i, ...reviewed } = payload;
  return sha256Hex(canonicalJson(reviewed));
}

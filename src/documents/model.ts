import { z } from 'zod';
import { canonicalJson, sha256Hex } from '../crypto/canonical.ts';
import { AnswerContentSchema } from '../domain/answer-content.ts';
import { SignedEnvelopeSchema } from '../domain/envelope.ts';
import { DOCUMENT_TYPES, type DocumentType } from '../domain/vocabulary.ts';

/**
 * What a document is rendered from, embedded in the PDF as the attachment `shokai-document.json`:
 * the signed envelope exactly as the provider received it, the public keys that verify its two
 * signatures, and the names printed beside the identifiers. Rendering is a pure function of this
 * data, so a verifier re-renders it and compares the pages (src/documents/verify.ts).
 */
export const DOCUMENT_FORMAT = 'shokai-document/v1';
export const DOCUMENT_ATTACHMENT = 'shokai-document.json';
/** Documents are dated in Japan's zone, with the offset printed. */
export const DOCUMENT_ZONE = 'Asia/Tokyo';

const name = z.string().min(1).max(300);
const Names = z.strictObject({ ja: name, en: name });

export const DocumentSignerSchema = z.strictObject({
  role: z.enum(['approver', 'unit', 'court']),
  keyId: z.string().min(1).max(200),
  /** Ed25519 (base64url), or for an approver's own credential its COSE_Key (base64url). */
  publicKey: z.string().min(1).max(2000),
  fingerprint: z.string().min(1).max(200),
  /** An approver's own credential (envelope v2, WebAuthn): the relying-party id its assertion is scoped to. */
  rpId: z.string().min(1).max(300).optional(),
});
export type DocumentSigner = z.infer<typeof DocumentSignerSchema>;

export const DocumentDataSchema = z.strictObject({
  format: z.literal(DOCUMENT_FORMAT),
  type: z.enum(DOCUMENT_TYPES),
  /** The document number: the request's reference and the document's code (SHK-2026-000001-INQ). */
  serial: z.string().min(1).max(120),
  zone: z.literal(DOCUMENT_ZONE),
  envelope: SignedEnvelopeSchema,
  names: z.strictObject({
    agency: Names,
    unit: Names,
    provider: Names.nullable(),
    approver: name,
    /** The court that attested a warrant. */
    court: Names.nullable(),
  }),
  /** For the 回答書: the provider's signed answer, its signature (purpose `answer`) and key. */
  answer: z
    .strictObject({
      signed: z.strictObject({
        requestId: z.string().min(1).max(200),
        reference: z.string().min(1).max(100),
        providerOrganisationId: z.string().min(1).max(200),
        answeredAt: z.string().min(1).max(40),
        answer: AnswerContentSchema,
      }),
      signature: z.string().min(1).max(200),
      signer: z.strictObject({
        keyId: z.string().min(1).max(200),
        publicKey: z.string().min(1).max(200),
        fingerprint: z.string().min(1).max(200),
      }),
    })
    .optional(),
  /** The approver and the unit; for a warrant also the court that attested it. */
  signers: z.array(DocumentSignerSchema).min(2).max(3),
});
export type DocumentData = z.infer<typeof DocumentDataSchema>;

/** Short codes of the document numbers. */
export const SERIAL_CODES: Record<DocumentType, string> = {
  inquiry: 'INQ',
  preservation: 'PRS',
  warrant_summary: 'WRT',
  opinion: 'OPN',
  mlat_letter: 'MLA',
  answer: 'ANS',
};

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** SHA-256 of the canonical data: what the verification code and the QR name. */
export function documentDigest(data: DocumentData): string {
  return sha256Hex(canonicalJson(data));
}

/** The printed verification code: the digest's first 80 bits in Crockford base32, 4 groups of 4. */
export function verificationCode(data: DocumentData): string {
  const hex = documentDigest(data);
  let bits = '';
  for (const h of hex.slice(0, 20)) bits += Number.parseInt(h, 16).toString(2).padStart(4, '0');
  let out = '';
  for (let i = 0; i < 80; i += 5) out += CROCKFORD[Number.parseInt(bits.slice(i, i + 5), 2)];
  return out.match(/.{4}/g)?.join('-') ?? out;
}

/** The QR's text: the format, the document number, the verification code and the signed payload's digest. */
export function qrText(data: DocumentData, envelopeDigest: string): string {
  return `${DOCUMENT_FORMAT};serial=${data.serial};code=${verificationCode(data)};envelope-sha256=${envelopeDigest}`;
}

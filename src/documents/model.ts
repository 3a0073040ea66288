import { z } from 'zod';
import { canonicalJson, sha256Hex } from '../crypto/canonical.ts';
import { AnswerContentSchema } from '../domain/answer-content.ts';
import { ANSWER_HOLDERS } from '../domain/answer-holder.ts';
import { WebAuthnPartsSchema } from '../domain/answer-signing.ts';
import { SignedEnvelopeSchema } from '../domain/envelope.ts';
import { InstantSchema } from '../domain/instant.ts';
import { DOCUMENT_TYPES } from '../domain/vocabulary.ts';
import { codeOfDigest, DOCUMENT_FORMAT, DOCUMENT_ZONE, qrTextOf } from './constants.ts';
import { layoutRules } from './layouts.ts';

export { DOCUMENT_ATTACHMENT, DOCUMENT_FORMAT, DOCUMENT_LAYOUT, DOCUMENT_ZONE, SERIAL_CODES } from './constants.ts';

/**
 * What a document is rendered from, embedded in the PDF as the attachment `shokai-document.json`:
 * the signed envelope exactly as the provider received it, the public keys that verify its two
 * signatures, and the names printed beside the identifiers. Rendering is a pure function of this
 * data, so a verifier re-renders it and compares the pages (src/documents/verify.ts).
 */

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

/**
 * What only an opinion letter prints, from a layout on (`from`): the day it was sent (layout 7) and its reply
 * deadline (layout 3), with what the check says where one is missing (`required`) or is not its (`barred`).
 */
const OPINION_LETTER_FIELDS = [
  {
    field: 'hearingSentAt',
    from: 7,
    required: 'an opinion letter states the day it was sent',
    barred: 'only an opinion letter of layout 7 or later states the day it was sent',
  },
  {
    field: 'hearingDueAt',
    from: 3,
    required: 'an opinion letter states its reply deadline',
    barred: 'only an opinion letter of layout 3 or later has a reply deadline',
  },
] as const;

export const DocumentDataSchema = z
  .strictObject({
    format: z.literal(DOCUMENT_FORMAT),
    /** The layout that printed it (DOCUMENT_LAYOUT then); absent in documents of layout 1. */
    layout: z.number().int().min(1).max(10_000).optional(),
    type: z.enum(DOCUMENT_TYPES),
    /** The document number: the request's reference and the document's code (SHK-2026-000001-INQ). */
    serial: z.string().min(1).max(120),
    zone: z.literal(DOCUMENT_ZONE),
    envelope: SignedEnvelopeSchema,
    names: z.strictObject({
      /**
       * The issuing agency and unit as the directory held them; null (layout 7 on) where it held no entry, printed
       * （名称不明）/ (name unknown) — before, the raw id stood in their place.
       */
      agency: Names.nullable(),
      unit: Names.nullable(),
      provider: Names.nullable(),
      /** The approver's name as the directory held it; null where the user record is gone (printed 不明 / unknown). */
      approver: name.nullable(),
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
        /**
         * Ed25519 over "shokai/v1\nanswer\n" + the canonical signed answer, or a passkey's assertion over its
         * SHA-256.
         */
        signature: z.string().min(1).max(20000),
        /** A legal officer's passkey signed it (WebAuthn): what an offline verifier needs besides the key. */
        webauthn: WebAuthnPartsSchema.optional(),
        /** The key that signed it, as a document signer's (Ed25519, or the passkey's COSE_Key and RP id). */
        signer: DocumentSignerSchema.omit({ role: true }),
      })
      .optional(),
    /**
     * For a 回答書 (layout 9 on, `holderWords`: required there, refused on any other document and layout): whose
     * record the answer gives — a line's subscriber, a board's registered user, a café's member — by the provider's
     * category as the directory held it at printing (like the names, not signed: verify lists it, the hub compares
     * it): the words its fields are printed in (登録された氏名, not 氏名・名称).
     */
    answerHolder: z.enum(ANSWER_HOLDERS).optional(),
    /** The approver and the unit; for a warrant also the court that attested it. */
    signers: z.array(DocumentSignerSchema).min(2).max(3),
    /**
     * The 意見照会書's reply deadline: the hearing's due instant as the system enforces it (ISO-8601 UTC),
     * printed as a date and time (layout 3 on; earlier opinion letters said "within 14 days").
     */
    hearingDueAt: InstantSchema.optional(),
    /**
     * Layout 7 on, the 意見照会書's date: the instant the provider sent the hearing letter (ISO-8601 UTC), as the
     * hearing's record holds it. Not signed, as the deadline is not: verify lists both, the hub compares them.
     */
    hearingSentAt: InstantSchema.optional(),
    /**
     * Layout 5 on: whom a provider asks for when it calls the issuing unit back to check a paper request — the
     * officer who drafted it and the unit's call-back number (E.164) as the directory held it at printing, or
     * null where the directory has none; the officer null where the user record is gone (printed 不明 /
     * unknown, never a raw id). Not signed: the page says so beside the number, verify reports it as unsigned.
     */
    contact: z
      .strictObject({
        officer: name.nullable(),
        phone: z
          .string()
          .regex(/^\+\d{6,15}$/, 'E.164')
          .nullable(),
      })
      .optional(),
  })
  .superRefine((d, ctx) => {
    // A name the directory did not hold is null from layout 7; an earlier layout printed the id in its place.
    for (const key of ['agency', 'unit'] as const) {
      if (d.names[key] === null && (d.layout ?? 1) < 7) {
        ctx.addIssue({ code: 'custom', path: ['names', key], message: 'a name is null only from layout 7' });
      }
    }
    // An opinion letter carries these from a layout on; no other document, nor one of before, carries them.
    for (const f of OPINION_LETTER_FIELDS) {
      const carries = d.type === 'opinion' && (d.layout ?? 1) >= f.from;
      if (carries === (d[f.field] === undefined)) {
        ctx.addIssue({ code: 'custom', path: [f.field], message: carries ? f.required : f.barred });
      }
    }
    // Whose record an answer gives changes its printed words: only an answer of a layout that prints them carries
    // it, and every one of those does (so it is neither added to an answer of before nor taken from one of now).
    const holds = d.type === 'answer' && layoutRules(d.layout ?? 1)?.holderWords === true;
    if (holds === (d.answerHolder === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['answerHolder'],
        message: holds
          ? 'an answer of layout 9 or later states whose record it gives'
          : 'only an answer of layout 9 or later states whose record it gives',
      });
    }
  });
export type DocumentData = z.infer<typeof DocumentDataSchema>;

/**
 * A person's name on paper (the approver, the officer in charge): as the directory held it, or 不明 / unknown
 * where the user record is gone — never the raw user id.
 */
export const personName = (name: string | null, locale: 'ja' | 'en'): string =>
  name ?? (locale === 'en' ? 'unknown' : '不明');

/** SHA-256 of the canonical data: what the verification code and the QR name. */
export function documentDigest(data: DocumentData): string {
  return sha256Hex(canonicalJson(data));
}

/** The printed verification code: the digest's first 80 bits in Crockford base32, 4 groups of 4. */
export function verificationCode(data: DocumentData): string {
  return codeOfDigest(documentDigest(data));
}

/** The QR's text: the format, the document number, the verification code and the signed payload's digest. */
export function qrText(data: DocumentData, envelopeDigest: string): string {
  return qrTextOf(data.serial, verificationCode(data), envelopeDigest);
}

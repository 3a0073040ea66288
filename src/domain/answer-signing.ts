import { z } from 'zod';
import { canonicalJson } from '../crypto/canonical-json.ts';
import { DeviceBoxSchema } from '../crypto/device-seal.ts';
import type { AnswerContent } from './answer-content.ts';
import { passkeyProblemMessages } from './passkey-problems.ts';
import { base64urlField } from './validation.ts';

// What a provider signs when it answers, and the form of an answer sealed on the provider's side
// (issue 11): the provider signs with a credential of its own — its installation key (Ed25519, on its
// own machine) or its legal officer's passkey — and seals in its browser or on its installation; the
// hub receives only ciphertext and checks what it can check blind. Pure: the browser, the typed client
// and the hub all use it.

/** The purpose of the inner signature (over the signed answer, inside the box). */
export const ANSWER_PURPOSE = 'answer';
/** The purpose of the outer signature (over the request id and the box the unit receives). */
export const SEALED_ANSWER_PURPOSE = 'answer.sealed';
/** The purpose of a content provider's signature over a provision notice's body (inside the box). */
export const PROVISION_NOTICE_PURPOSE = 'provision-notice';

/** What the provider signs: the answer and the request it answers (answeredAt is fixed when it signs). */
export interface SignedAnswer {
  requestId: string;
  reference: string;
  providerOrganisationId: string;
  answeredAt: string;
  answer: AnswerContent;
}

/** The facts of the request an answer answers (what the provider's browser or installation knows). */
export interface AnswerRequestFacts {
  id: string;
  reference: string;
  providerOrganisationId: string;
}

export function signedAnswerOf(r: AnswerRequestFacts, answer: AnswerContent, answeredAt: string): SignedAnswer {
  return {
    requestId: r.id,
    reference: r.reference,
    providerOrganisationId: r.providerOrganisationId,
    answeredAt,
    answer,
  };
}

/**
 * The exact text signed for a purpose — the same bytes as src/crypto/signatures.ts signs with Ed25519
 * ("shokai/v1\n" + purpose + "\n" + RFC 8785 JSON). A passkey signs its SHA-256 as the challenge.
 */
export function answerSigningInput(
  purpose: typeof ANSWER_PURPOSE | typeof SEALED_ANSWER_PURPOSE | typeof PROVISION_NOTICE_PURPOSE,
  value: unknown,
) {
  return `shokai/v1\n${purpose}\n${canonicalJson(value)}`;
}

/** What a passkey assertion adds to a signature so that anyone can verify it offline. */
export const WebAuthnPartsSchema = z.strictObject({
  credentialId: base64urlField,
  authenticatorData: base64urlField,
  clientDataJSON: base64urlField,
});
export type WebAuthnParts = z.infer<typeof WebAuthnPartsSchema>;

/**
 * What the sealed box holds: the signed answer, the signature and the signing key's id; for a passkey
 * also the assertion's authenticator data and client data (the signature is then the assertion's).
 */
export interface InnerAnswer {
  signed: { answeredAt: string; answer: unknown; requestId: string; reference: string; providerOrganisationId: string };
  signature: string;
  keyId: string;
  webauthn?: WebAuthnParts;
}

/** A box as the hub stores it: sealed to a key held on devices, or (legacy owners) to a hub-held X25519 key. */
const LegacyBoxSchema = z.strictObject({
  v: z.literal(1),
  alg: z.literal('X25519-HKDF-SHA256-A256GCM'),
  recipientKeyId: z.string().min(1).max(256),
  epk: z.string().min(1).max(100),
  iv: z.string().min(1).max(100),
  ct: z.string().min(1).max(2_000_000),
  tag: z.string().min(1).max(100),
});
export const AnswerBoxSchema = z.union([DeviceBoxSchema.strict(), LegacyBoxSchema]);
export type AnswerBox = z.infer<typeof AnswerBoxSchema>;

/**
 * An answer sealed on the provider's side: the box for the requesting unit (its current answer key),
 * the provider's own copy (its current record key), and the outer signature over
 * {requestId, sealed} by a key the directory lists for the provider (an assertion when a passkey).
 */
export const SealedAnswerSubmissionSchema = z.strictObject({
  sealed: AnswerBoxSchema,
  sealedForProvider: AnswerBoxSchema,
  keyId: z.string().min(1).max(200),
  signature: base64urlField,
  webauthn: WebAuthnPartsSchema.optional(),
});
export type SealedAnswerSubmission = z.infer<typeof SealedAnswerSubmissionSchema>;

/** What an installation key signs at registration, to prove that its holder has the private part. */
export const INSTALLATION_KEY_PURPOSE = 'installation-key';
export function installationKeyProofInput(organisationId: string, publicKey: string): string {
  return `shokai/v1\n${INSTALLATION_KEY_PURPOSE}\n${canonicalJson({ organisationId, publicKey })}`;
}

/** The value the outer signature covers. */
export function outerSigned(requestId: string, sealed: AnswerBox): { requestId: string; sealed: AnswerBox } {
  return { requestId, sealed };
}

/** Why a provider's signature inside an answer does not count: a closed list, each shown in both languages. */
export const ANSWER_SIGNATURE_PROBLEMS = {
  unreadable: {
    ja: '回答の中身を読み取れません（形式が不正です）',
    en: 'the answer inside the box cannot be read (malformed)',
  },
  key_unknown: {
    ja: '回答の署名鍵がディレクトリにありません',
    en: "the answer's signing key is not in the directory",
  },
  not_provider: {
    ja: '回答の署名鍵は回答した事業者のもの（事業者の設置鍵または法務担当者の認証器）ではありません',
    en: "the answer's signing key is not the answering provider's (its installation key or a legal officer's passkey)",
  },
  not_trusted: {
    ja: '回答の署名鍵は署名の時点で有効でないか、失効しています',
    en: "the answer's signing key was not valid at signing, or has been revoked",
  },
  other_request: {
    ja: '署名された回答は別の要請に対するものです',
    en: 'the signed answer is for another request',
  },
  ...passkeyProblemMessages({ ja: '回答', en: 'this answer' }),
  // Either kind of signature (an installation key's or a passkey's) that does not verify.
  signature: {
    ja: '回答の署名が内容と一致しません（改ざんまたは偽造）',
    en: "the answer's signature does not match its content (altered or forged)",
  },
} as const satisfies Record<string, { ja: string; en: string }>;
export type AnswerSignatureProblem = keyof typeof ANSWER_SIGNATURE_PROBLEMS;

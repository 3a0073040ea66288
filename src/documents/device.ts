import { AnswerContentSchema } from '../domain/answer-content.ts';
import type { InnerAnswer } from '../domain/answer-signing.ts';
import type { PublicKeyRecord } from '../domain/key-trust.ts';
import type { DocumentData } from './model.ts';
import { renderDocument } from './render.ts';

// The 回答書 of an answer in device custody, rendered where the answer is opened (issue 14): the hub
// hands out the document's frame (the signed envelope, names, keys: GET …/answer-document-frame) and the
// font; the member's device adds the answer it unsealed and the provider's key that signed it, and
// renders the same PDF the hub renders for other documents — same number, verification code and QR,
// verified by `shokai document verify`. Browser-safe: pdf-lib, fontkit and WebCrypto only.

export type { DocumentData } from './model.ts';

/** The signer of an answer as a document names it: the key, and the RP id when a passkey signed. */
export interface AnswerSigner {
  keyId: string;
  publicKey: string;
  fingerprint: string;
  rpId?: string;
}

/**
 * The provider's signed answer as a 回答書 carries it, from the opened inner answer and its signer: the
 * hub builds it for answers it may open, the device for those only it can open.
 */
export function signedAnswerBlock(inner: InnerAnswer, signer: AnswerSigner): NonNullable<DocumentData['answer']> {
  return {
    signed: {
      requestId: inner.signed.requestId,
      reference: inner.signed.reference,
      providerOrganisationId: inner.signed.providerOrganisationId,
      answeredAt: inner.signed.answeredAt,
      answer: AnswerContentSchema.parse(inner.signed.answer),
    },
    signature: inner.signature,
    // A legal officer's passkey signed it (issue 11): the credential's RP id and the assertion's parts.
    ...(inner.webauthn ? { webauthn: inner.webauthn } : {}),
    signer: {
      keyId: signer.keyId,
      publicKey: signer.publicKey,
      fingerprint: signer.fingerprint,
      ...(signer.rpId ? { rpId: signer.rpId } : {}),
    },
  };
}

/** The frame with the answer the device opened and the key of the provider's signature inside it. */
export function answerDocumentData(frame: DocumentData, inner: InnerAnswer, key: PublicKeyRecord): DocumentData {
  if (frame.type !== 'answer') throw new Error('not the frame of a 回答書');
  return {
    ...frame,
    answer: signedAnswerBlock(inner, {
      keyId: key.id,
      publicKey: key.publicKey,
      fingerprint: key.fingerprint,
      ...(key.credential ? { rpId: key.credential.rpId } : {}),
    }),
  };
}

/** Renders the 回答書 on the device: the frame from the hub, the opened answer, the document font. */
export async function renderAnswerDocument(
  frame: DocumentData,
  inner: InnerAnswer,
  key: PublicKeyRecord,
  font: Uint8Array,
): Promise<Uint8Array> {
  return renderDocument(answerDocumentData(frame, inner, key), font);
}

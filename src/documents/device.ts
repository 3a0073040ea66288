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

/** The frame with the answer the device opened and the key of the provider's signature inside it. */
export function answerDocumentData(frame: DocumentData, inner: InnerAnswer, key: PublicKeyRecord): DocumentData {
  if (frame.type !== 'answer') throw new Error('not the frame of a 回答書');
  return {
    ...frame,
    answer: {
      signed: {
        requestId: inner.signed.requestId,
        reference: inner.signed.reference,
        providerOrganisationId: inner.signed.providerOrganisationId,
        answeredAt: inner.signed.answeredAt,
        answer: AnswerContentSchema.parse(inner.signed.answer),
      },
      signature: inner.signature,
      ...(inner.webauthn ? { webauthn: inner.webauthn } : {}),
      signer: {
        keyId: key.id,
        publicKey: key.publicKey,
        fingerprint: key.fingerprint,
        ...(key.credential ? { rpId: key.credential.rpId } : {}),
      },
    },
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

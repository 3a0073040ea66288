import { mayTakeDocument, type Side } from './access.ts';
import { DOCUMENTS_OF_KIND, type DocumentType, type RequestKind } from './vocabulary.ts';

/** What a request has come to, as far as its printable documents go. */
export interface DocumentFacts {
  kind: RequestKind;
  signed: boolean;
  answered: boolean;
  hearingLetterSent: boolean;
}

/**
 * The printable documents of a request this side may take now: none before it is signed, nor for the
 * oversight body (mayTakeDocument); the 回答書 once answered; the 意見照会書 once the hearing letter is sent,
 * since it states the reply deadline that letter set — and it stays, as the letter does, when the
 * hearing then proves impossible (returned undelivered) and the deadline no longer runs.
 */
export function documentsOffered(side: Side, facts: DocumentFacts): DocumentType[] {
  if (!mayTakeDocument(side) || !facts.signed) return [];
  return DOCUMENTS_OF_KIND[facts.kind].filter(
    (type) => (type !== 'answer' || facts.answered) && (type !== 'opinion' || facts.hearingLetterSent),
  );
}

import { mayTakeDocument, type Side } from './access.ts';
import { DomainError } from './errors.ts';
import {
  DOCUMENT_TYPE_LABELS,
  DOCUMENT_TYPES,
  DOCUMENTS_OF_KIND,
  type DocumentType,
  labelOf,
  REQUEST_KIND_LABELS,
  type RequestKind,
} from './vocabulary.ts';

/** What a request has come to, as far as its printable documents go. */
export interface DocumentFacts {
  kind: RequestKind;
  signed: boolean;
  answered: boolean;
  hearingLetterSent: boolean;
  /** Retention removed its signed envelope and text after its period (absent: it did not). */
  removed?: boolean;
  /** Whether this person may open the answer, or read back their own (mayTakeAnswerDocument). */
  opensAnswer: boolean;
}

/** Why a side may not take a document of a request now. */
export type DocumentRefusal =
  | 'not_a_party'
  | 'no_such_type'
  | 'not_of_kind'
  | 'removed'
  | 'unsigned'
  | 'not_answered'
  | 'answer_closed'
  | 'no_hearing_letter';

/** A document this side may take now, or the first reason it may not. */
export type DocumentStanding = { offered: DocumentType } | { refused: DocumentRefusal };

/**
 * The one rule of a request's printable documents: whether this side may take a document of this type
 * now, or the first reason it may not. None for the oversight body (mayTakeDocument), whatever it asks
 * for; each kind has its own (DOCUMENTS_OF_KIND); none before the request is signed, nor once retention
 * removed it; the 回答書 once answered, to those who may open the answer (or read back their own); the
 * 意見照会書 once the hearing letter is sent, since it states the reply deadline that letter set — and it
 * stays, as the letter does, when the hearing then proves impossible (returned undelivered) and the
 * deadline no longer runs. The request page offers what this offers (documentsOffered) and issuing
 * refuses what it refuses (documentRefused), so the two cannot disagree.
 */
export function documentStanding(side: Side, facts: DocumentFacts, type: string): DocumentStanding {
  if (!mayTakeDocument(side)) return { refused: 'not_a_party' };
  const known = DOCUMENT_TYPES.find((t) => t === type);
  if (!known) return { refused: 'no_such_type' };
  if (!(DOCUMENTS_OF_KIND[facts.kind] ?? []).includes(known)) return { refused: 'not_of_kind' };
  if (facts.removed) return { refused: 'removed' };
  if (!facts.signed) return { refused: 'unsigned' };
  if (known === 'answer' && !facts.answered) return { refused: 'not_answered' };
  if (known === 'answer' && !facts.opensAnswer) return { refused: 'answer_closed' };
  if (known === 'opinion' && !facts.hearingLetterSent) return { refused: 'no_hearing_letter' };
  return { offered: known };
}

/** The printable documents of a request this side may take now (documentStanding). */
export function documentsOffered(side: Side, facts: DocumentFacts): DocumentType[] {
  return (DOCUMENTS_OF_KIND[facts.kind] ?? []).filter((type) => 'offered' in documentStanding(side, facts, type));
}

/** The refusal a person reads when asking for a document documentStanding does not offer. */
export function documentRefused(
  refusal: DocumentRefusal,
  request: { id: string; kind: string },
  type: string,
): DomainError {
  const doc = labelOf(DOCUMENT_TYPE_LABELS, type);
  const kind = labelOf(REQUEST_KIND_LABELS, request.kind);
  const where = { id: request.id, field: 'type', value: type };
  switch (refusal) {
    case 'not_a_party':
      return new DomainError(
        'FORBIDDEN',
        {
          ja: '文書を出力できるのは要請の当事者（発出した所属と宛先の事業者）だけです',
          en: 'only the parties to a request (the issuing unit and the addressed provider) can take its documents',
        },
        { id: request.id },
      );
    case 'no_such_type':
      return new DomainError(
        'VALIDATION_FAILED',
        { ja: `文書の種類 ${type} はありません`, en: `there is no document type ${type}` },
        { field: 'type', value: type, allowed: DOCUMENT_TYPES },
      );
    case 'not_of_kind':
      return new DomainError(
        'NOT_FOUND',
        {
          ja: `この要請（${kind.ja}）には${doc.ja}がありません`,
          en: `this request (${kind.en}) has no ${doc.en}`,
        },
        where,
      );
    case 'removed':
      return new DomainError(
        'PURGED',
        {
          ja: `この要請（${kind.ja}）は完結後の保存期間を過ぎて署名済みの内容が消去されたため、${doc.ja}は作成できません`,
          en:
            `this request (${kind.en}) had its signed content removed after its retention period: ` +
            `its ${doc.en} cannot be made`,
        },
        where,
      );
    case 'unsigned':
      return new DomainError(
        'NOT_FOUND',
        {
          ja: `この要請（${kind.ja}）はまだ署名されていないため${doc.ja}がありません（署名済みの要請のみ）`,
          en: `this request (${kind.en}) is not signed yet, so it has no ${doc.en} (signed requests only)`,
        },
        where,
      );
    case 'not_answered':
      return new DomainError(
        'NOT_FOUND',
        { ja: 'この要請にはまだ回答がありません', en: 'this request has no answer yet' },
        where,
      );
    case 'answer_closed':
      return new DomainError(
        'FORBIDDEN',
        {
          ja: '回答書を作成できるのは回答を開封できる人だけです',
          en: 'only those who may open the answer can make its document',
        },
        { id: request.id },
      );
    case 'no_hearing_letter':
      return new DomainError(
        'CONFLICT',
        {
          ja: '意見照会書は回答期限を記載するため、事業者が発信者に意見照会を送付した後に作成できます',
          en:
            'the opinion letter states the reply deadline, which is set when ' +
            'the provider sends the hearing letter: it can be made after that',
        },
        where,
      );
  }
}

import { canonicalJson, sha256Hex } from '../crypto/canonical.ts';
import { open, SealedBoxSchema, seal } from '../crypto/seal.ts';
import { SIGNATURE_PURPOSES, signCanonical, verifyCanonical } from '../crypto/signatures.ts';
import { keyById, toPublicKey } from '../directory/key.repository.ts';
import { requireCurrentKey, unwrapPrivateKey } from '../directory/keys.ts';
import { currentPolicy, getOrganisation } from '../directory/lookups.ts';
import { mayOpenAnswer, type Principal } from '../domain/access.ts';
import { type AnswerContent, AnswerContentSchema, validateAnswerContent } from '../domain/answer-content.ts';
import { preservationExpiry } from '../domain/deadlines.ts';
import { DomainError } from '../domain/errors.ts';
import { keyTrustedFor } from '../domain/key-trust.ts';
import { requiresOpinionHearing } from '../domain/policy.ts';
import { newId } from '../kernel/ids.ts';
import { actorOf } from '../kernel/principal.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { RequestRow } from '../store/schema.ts';
import { findAnswer, hasMessage, insertAnswer } from './request.repository.ts';
import { accessFacts, contentOf, loadVisible } from './requests.ts';

// Answers: signed by the provider, sealed to the requesting unit, opened only there.

/**
 * The provider answers: the answer must fit the request, the subscriber must have been heard where
 * the law or the policy requires it, and the signed answer is sealed to the requesting unit's key.
 */
export async function answerRequest(
  uow: UnitOfWork,
  p: Principal,
  row: RequestRow,
  answer: AnswerContent,
): Promise<Partial<RequestRow>> {
  const content = contentOf(row);
  validateAnswerContent(answer, content);
  const provider = await getOrganisation(uow.tx, row.provider_organisation_id ?? '');
  const { policy } = await currentPolicy(uow.tx, provider);
  if (
    requiresOpinionHearing(content.kind, content.categories, policy) &&
    !(await hasMessage(uow.tx, row.id, 'opinion'))
  ) {
    throw new DomainError(
      'ILLEGAL_TRANSITION',
      {
        ja: '発信者への意見照会を終えてから回答してください',
        en: "the subscriber's opinion must be heard before answering",
      },
      { action: 'answer' },
    );
  }
  await sealAnswer(uow, p, row, answer);
  const changes: Partial<RequestRow> = { answered_at: uow.now.toISOString() };
  if (content.kind === 'preservation') {
    changes.preservation_until = preservationExpiry(uow.now, content.preservation.days, false).toISOString();
  }
  return changes;
}

async function sealAnswer(uow: UnitOfWork, p: Principal, row: RequestRow, answer: AnswerContent): Promise<void> {
  const providerKey = await requireCurrentKey(uow.tx, 'organisation', p.organisationId, 'signing', uow.now);
  const unitKey = await requireCurrentKey(uow.tx, 'unit', row.unit_id, 'encryption', uow.now);
  const providerPrivate = unwrapPrivateKey(uow.ctx, providerKey);
  const signed = {
    requestId: row.id,
    reference: row.reference,
    providerOrganisationId: p.organisationId,
    answeredAt: uow.now.toISOString(),
    answer,
  };
  // The provider's signature over the plaintext travels INSIDE the sealed box: a signature kept in
  // clear would let anyone with a dump and the provider's public key confirm a guessed answer.
  const inner = {
    signed,
    signature: signCanonical(providerPrivate, SIGNATURE_PURPOSES.answer, signed),
    keyId: providerKey.id,
  };
  const box = seal(unitKey.public_key, unitKey.id, canonicalJson(inner), row.id);
  // Outside, the provider signs the ciphertext, so the routing server can check integrity blind.
  const outer = signCanonical(providerPrivate, SIGNATURE_PURPOSES.answer, { requestId: row.id, sealed: box });
  await insertAnswer(uow.tx, {
    id: newId('ans'),
    request_id: row.id,
    // Nothing derived from the plaintext sits beside the box: not even full/partial.
    outcome: 'sealed',
    sealed: JSON.stringify(box),
    signature: outer,
    signing_key_id: providerKey.id,
    answered_by: p.id,
    created_at: uow.now.toISOString(),
  });
  await uow.audit({
    actor: actorOf(p),
    action: 'answer.sealed',
    subjectType: 'request',
    subjectId: row.id,
    details: { sealedTo: unitKey.fingerprint, sealedDigest: sha256Hex(canonicalJson(box)) },
  });
}

export interface OpenedAnswer {
  answer: AnswerContent;
  answeredAt: string;
  signatureValid: boolean;
  signedBy: { organisationId: string; keyFingerprint: string };
  readAt: string;
}

interface InnerAnswer {
  signed: { answeredAt: string; answer: unknown; requestId: string };
  signature: string;
  keyId: string;
}

/** Unseals an answer for a member of the requesting unit; the read is audited in the same transaction. */
export async function readAnswer(uow: UnitOfWork, p: Principal, id: string): Promise<OpenedAnswer> {
  const { row } = await loadVisible(uow.tx, p, id);
  if (!mayOpenAnswer(p, accessFacts(row))) {
    throw new DomainError(
      'FORBIDDEN',
      {
        ja: '回答を開封できるのは要請元所属の捜査員・所属長のみです',
        en: 'only investigators and heads of the requesting unit can open the answer',
      },
      { id },
    );
  }
  const stored = await findAnswer(uow.tx, id);
  if (!stored) {
    throw new DomainError(
      'NOT_FOUND',
      { ja: 'この要請にはまだ回答がありません', en: 'this request has no answer yet' },
      {
        id,
      },
    );
  }
  const box = SealedBoxSchema.parse(JSON.parse(stored.sealed));
  const unitKey = await keyById(uow.tx, box.recipientKeyId);
  if (!unitKey) {
    throw new DomainError(
      'KEY_UNKNOWN',
      { ja: '封印に使われた鍵が見つかりません', en: 'the key the answer was sealed to is missing' },
      { keyId: box.recipientKeyId },
    );
  }
  const plain = open(unwrapPrivateKey(uow.ctx, unitKey), box, row.id);
  const inner = JSON.parse(plain.toString('utf8')) as InnerAnswer;
  const signed = inner.signed;
  const providerKeyRow = await keyById(uow.tx, inner.keyId);
  const providerKey = providerKeyRow ? toPublicKey(providerKeyRow) : undefined;
  const signatureValid =
    !!providerKey &&
    providerKey.ownerType === 'organisation' &&
    providerKey.ownerId === row.provider_organisation_id &&
    keyTrustedFor(providerKey, signed.answeredAt, uow.now) &&
    signed.requestId === row.id &&
    verifyCanonical(providerKey.publicKey, SIGNATURE_PURPOSES.answer, signed, inner.signature);
  await uow.audit({
    actor: actorOf(p),
    action: 'answer.read',
    subjectType: 'request',
    subjectId: id,
    details: { signatureValid },
  });
  return {
    answer: AnswerContentSchema.parse(signed.answer),
    answeredAt: signed.answeredAt,
    signatureValid,
    signedBy: { organisationId: row.provider_organisation_id ?? '', keyFingerprint: providerKey?.fingerprint ?? '' },
    readAt: uow.now.toISOString(),
  };
}

import { z } from 'zod';
import { requireOrderAnswerable } from '../court/order-standing.ts';
import { canonicalJson, sha256Hex } from '../crypto/canonical.ts';
import { SIGNATURE_PURPOSES, signCanonical } from '../crypto/signatures.ts';
import { keyById } from '../directory/key.repository.ts';
import { keyToSealTo, requireCurrentKey, unwrapPrivateKey } from '../directory/keys.ts';
import { currentPolicy, getOrganisation } from '../directory/lookups.ts';
import { mayOpenAnswer, mayReadOwnAnswer, type Principal } from '../domain/access.ts';
import { type AnswerContent, AnswerContentSchema, validateAnswerContent } from '../domain/answer-content.ts';
import { ANSWER_SIGNATURE_PROBLEMS, type InnerAnswer } from '../domain/answer-signing.ts';
import { doNotNotifyOf } from '../domain/confidentiality.ts';
import { preservationExpiry } from '../domain/deadlines.ts';
import { DomainError } from '../domain/errors.ts';
import { requiresOpinionHearing } from '../domain/policy.ts';
import { parseOrThrow } from '../domain/validation.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { RequestRow } from '../store/schema.ts';
import { withAnswerAttachments } from './attachments.ts';
import { findAnswer, hasMessage } from './request.repository.ts';
import { accessFacts, contentOf, loadVisible, secondCheckOf } from './requests.ts';
import { refuseIfPurged } from './retention.ts';
import {
  acceptSealedAnswer,
  innerAnswerVerdict,
  providerHasOwnCredential,
  storeSealedAnswer,
} from './sealed-answers.ts';
import { openOnHub, providerRecordKey, sealTo } from './sealing.ts';

// Answers: signed by the provider, sealed to the requesting unit, opened only there.

/** What the provider signs: the answer and the request it answers (answeredAt is fixed when it signs). */
function signedAnswer(row: RequestRow, providerOrganisationId: string, answer: AnswerContent, answeredAt: string) {
  return { requestId: row.id, reference: row.reference, providerOrganisationId, answeredAt, answer };
}

/** The digest of exactly what will leave: the signed answer without the instant of signing. */
function answerDigest(row: RequestRow, providerOrganisationId: string, answer: AnswerContent): string {
  const { answeredAt: _at, ...reviewed } = signedAnswer(row, providerOrganisationId, answer, '');
  return sha256Hex(canonicalJson(reviewed));
}

/**
 * Exactly what will leave the provider if it answers with this content: the answer as it will be
 * signed (normalised by the schema) and the digest the answer must name. Nothing is stored.
 */
export const AnswerPreviewInput = z.strictObject({ answer: AnswerContentSchema });

export async function answerPreview(
  uow: UnitOfWork,
  p: Principal,
  id: string,
  raw: unknown,
): Promise<{ answer: AnswerContent; canonical: string; digest: string }> {
  const { row } = await loadVisible(uow.tx, p, id, uow.now);
  if (!mayReadOwnAnswer(p, accessFacts(row))) {
    throw new DomainError('FORBIDDEN', {
      ja: '回答内容の確認は回答する事業者の法務・データ担当のみが行えます',
      en: "only the answering provider's legal and data staff can preview an answer",
    });
  }
  // The files uploaded for the answer are named in it, so their hashes are part of what is reviewed.
  const answer = await withAnswerAttachments(uow.tx, row.id, parseOrThrow(AnswerPreviewInput, raw).answer);
  validateAnswerContent(answer, contentOf(row));
  const { answeredAt: _at, ...reviewed } = signedAnswer(row, p.organisationId, answer, '');
  return { answer, canonical: canonicalJson(reviewed), digest: answerDigest(row, p.organisationId, answer) };
}

/**
 * The provider answers: the subscriber must have been heard where the law or the policy requires it,
 * and the call-back made where it is required. The answer comes sealed from the provider's side
 * (`sealed`: signed with the provider's own credential, the hub checks it blind), or — only for a
 * provider that holds no credential of its own yet (a store not yet migrated) — in clear (`answer`),
 * then it must fit the request and, when the provider reviewed a preview, be what it reviewed, and the
 * hub signs it with the provider's hub-held key and seals it to the requesting unit and to the provider.
 */
export async function answerRequest(
  uow: UnitOfWork,
  p: Principal,
  row: RequestRow,
  input: { answer?: AnswerContent; digest?: string; sealed?: unknown },
): Promise<Partial<RequestRow>> {
  if ((input.answer === undefined) === (input.sealed === undefined)) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: '事業者側で署名・封緘した回答を送ってください',
        en: "send the answer signed and sealed on the provider's side",
      },
      { field: input.answer === undefined ? 'sealed' : 'answer' },
    );
  }
  const content = contentOf(row);
  const check = secondCheckOf(row);
  if (check?.required && !check.confirmedAt) {
    throw new DomainError(
      'SECOND_CHECK_REQUIRED',
      {
        ja:
          `回答の前に、照会元所属の登録番号${check.callbackPhone ? `（${check.callbackPhone}）` : ''}` +
          `へ折り返し確認をして記録してください: ${check.reason.ja}`,
        en:
          `before answering, call the issuing unit back on its registered ` +
          `number${check.callbackPhone ? ` (${check.callbackPhone})` : ''} and record it: ${check.reason.en}`,
      },
      { field: 'secondCheck', callbackPhone: check.callbackPhone },
    );
  }
  const provider = await getOrganisation(uow.tx, row.provider_organisation_id ?? '');
  const { policy } = await currentPolicy(uow.tx, provider);
  // A court's order was made after the court heard the provider, who heard the sender in that
  // procedure: the order binds the provider, and it does not hear the subscriber a second time.
  const byCourtOrder = content.kind === 'civil_disclosure' && content.civil.route === 'court_order';
  // An order set aside on objection is gone, and one contested in a pending suit may yet be: no answer.
  if (byCourtOrder) await requireOrderAnswerable(uow, content, row);
  if (
    !byCourtOrder &&
    requiresOpinionHearing(content.kind, content.categories, policy, doNotNotifyOf(content) !== undefined) &&
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
  if (input.sealed !== undefined) {
    await acceptSealedAnswer(uow, p, row, input.sealed);
  } else {
    await legacyAnswer(uow, p, row, input.answer as AnswerContent, input.digest);
  }
  const changes: Partial<RequestRow> = { answered_at: uow.now.toISOString() };
  if (content.kind === 'preservation') {
    changes.preservation_until = preservationExpiry(uow.now, content.preservation.days, false).toISOString();
  }
  return changes;
}

/**
 * The legacy path (stores not yet migrated): the hub signs with the provider's key it holds and seals.
 * Refused for a provider that holds its own credential: then only the provider can sign its answers.
 */
async function legacyAnswer(
  uow: UnitOfWork,
  p: Principal,
  row: RequestRow,
  given: AnswerContent,
  reviewedDigest: string | undefined,
): Promise<void> {
  if (await providerHasOwnCredential(uow, p, row.provider_organisation_id ?? '')) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: 'この事業者は自身の鍵（設置鍵・認証器）で署名します。回答は事業者側で署名・封緘して送ってください（ハブは回答に署名しません）',
        en:
          'this provider signs with its own credential (installation key or passkey): sign ' +
          "and seal the answer on the provider's side (the hub does not sign answers for it)",
      },
      { field: 'answer' },
    );
  }
  const answer = await withAnswerAttachments(uow.tx, row.id, given);
  validateAnswerContent(answer, contentOf(row));
  if (reviewedDigest !== undefined && reviewedDigest !== answerDigest(row, p.organisationId, answer)) {
    throw new DomainError(
      'CONFLICT',
      {
        ja: '確認した回答と送信しようとする回答が異なります。もう一度確認してください',
        en: 'the answer is not the one you reviewed: preview it again',
      },
      { field: 'digest', value: reviewedDigest },
    );
  }
  await sealAnswer(uow, p, row, answer);
}

async function sealAnswer(uow: UnitOfWork, p: Principal, row: RequestRow, answer: AnswerContent): Promise<void> {
  const providerKey = await requireCurrentKey(uow.tx, 'organisation', p.organisationId, 'signing', uow.now);
  const unitKey = await keyToSealTo(uow, 'unit', row.unit_id);
  const ownKey = await providerRecordKey(uow, p, p.organisationId);
  const providerPrivate = unwrapPrivateKey(uow.ctx, providerKey);
  const signed = signedAnswer(row, p.organisationId, answer, uow.now.toISOString());
  // The provider's signature over the plaintext travels INSIDE the sealed box: a signature kept in
  // clear would let anyone with a dump and the provider's public key confirm a guessed answer.
  const inner = canonicalJson({
    signed,
    signature: signCanonical(providerPrivate, SIGNATURE_PURPOSES.answer, signed),
    keyId: providerKey.id,
  });
  const box = await sealTo(unitKey, inner, row.id);
  // The same signed answer, sealed to the provider itself: its legal officer can account for every
  // disclosure without the hub being able to read it.
  const own = await sealTo(ownKey, inner, row.id);
  // Outside, the provider signs the ciphertext, so the routing server can check integrity blind.
  const outer = signCanonical(providerPrivate, SIGNATURE_PURPOSES.answer, { requestId: row.id, sealed: box });
  await storeSealedAnswer(uow, p, row, {
    sealed: box,
    sealedForProvider: own,
    signature: outer,
    signingKey: providerKey,
    unitKey,
    ownKey,
  });
}

export interface OpenedAnswer {
  answer: AnswerContent;
  answeredAt: string;
  signatureValid: boolean;
  /** Why the provider's signature does not count (both languages), or null when it does. */
  signatureProblem: { ja: string; en: string } | null;
  signedBy: { organisationId: string; keyFingerprint: string; credential: 'organisation' | 'passkey' | null };
  readAt: string;
}

export type { InnerAnswer } from '../domain/answer-signing.ts';

/**
 * The stored answer a caller may open, still sealed: for a member of the requesting unit the copy
 * sealed to the unit; for the provider's legal and data staff the copy it kept of what it disclosed.
 * Refused when the caller may not open it, when retention purged it, or when there is none.
 */
export async function sealedAnswerOf(
  uow: UnitOfWork,
  p: Principal,
  id: string,
): Promise<{ row: RequestRow; own: boolean; sealedText: string }> {
  const { row, side } = await loadVisible(uow.tx, p, id, uow.now);
  const facts = accessFacts(row);
  const own = side === 'provider' && mayReadOwnAnswer(p, facts);
  if (!own && !mayOpenAnswer(p, facts)) {
    throw new DomainError(
      'FORBIDDEN',
      {
        ja: '回答を開封できるのは要請元所属の捜査員・所属長と、回答した事業者の法務・データ担当のみです',
        en:
          'only investigators and heads of the requesting unit, and the ' +
          "answering provider's legal and data staff, can open the answer",
      },
      { id },
    );
  }
  // Retention may have purged it: say so clearly rather than hand out or open an empty box.
  await refuseIfPurged(uow.tx, id, 'answer');
  const stored = await findAnswer(uow.tx, id);
  const sealedText = own ? stored?.sealed_for_provider : stored?.sealed;
  if (!stored || !sealedText) {
    throw new DomainError(
      'NOT_FOUND',
      own
        ? {
            ja: 'この回答の控えはありません（控えを残す前の回答です）',
            en: 'there is no kept copy of this answer (it was given before copies were kept)',
          }
        : { ja: 'この要請にはまだ回答がありません', en: 'this request has no answer yet' },
      { id },
    );
  }
  return { row, own, sealedText };
}

/**
 * The legacy path for owners not yet migrated to device custody (the hub holds their key): unseals an
 * answer on the hub. For an answer sealed to keys held on devices it refuses (OPEN_ON_DEVICE): the
 * sealed answer is fetched for a device (custody-reads.ts) and opened there. Every read is audited.
 */
export async function unsealAnswerFor(
  uow: UnitOfWork,
  p: Principal,
  id: string,
): Promise<{ row: RequestRow; own: boolean; inner: InnerAnswer }> {
  const { row, own, sealedText } = await sealedAnswerOf(uow, p, id);
  const plain = await openOnHub(uow, sealedText, row.id, id, { ja: '回答', en: 'answer' });
  return { row, own, inner: JSON.parse(plain.toString('utf8')) as InnerAnswer };
}

/** As unsealAnswerFor, then the answer checked against the provider's key and the read audited. */
export async function readAnswer(uow: UnitOfWork, p: Principal, id: string): Promise<OpenedAnswer> {
  const { row, own, inner } = await unsealAnswerFor(uow, p, id);
  const keyRow = await keyById(uow.tx, inner.keyId);
  const verdict = innerAnswerVerdict(inner, row, keyRow, uow.now);
  const signatureValid = verdict.problem === null;
  await uow.auditBy(p, 'answer.read', ['request', id], { signatureValid, copy: own ? 'provider' : 'unit' });
  return {
    answer: AnswerContentSchema.parse(inner.signed.answer),
    answeredAt: inner.signed.answeredAt,
    signatureValid,
    signatureProblem: verdict.problem ? ANSWER_SIGNATURE_PROBLEMS[verdict.problem] : null,
    signedBy: {
      organisationId: row.provider_organisation_id ?? '',
      keyFingerprint: keyRow?.fingerprint ?? '',
      credential: verdict.credential,
    },
    readAt: uow.now.toISOString(),
  };
}

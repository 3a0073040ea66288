import { z } from 'zod';
import { findOrganisation, findOrganisations, findUnit, findUser } from '../directory/directory.repository.ts';
import { keyById } from '../directory/key.repository.ts';
import { requireSigningKey } from '../directory/keys.ts';
import { providerCategoryOf } from '../directory/lookups.ts';
import type { Principal, Side } from '../domain/access.ts';
import { answerHolderOf } from '../domain/answer-holder.ts';
import { documentRefused, documentStanding } from '../domain/documents.ts';
import { SignedEnvelopeSchema } from '../domain/envelope.ts';
import { DomainError } from '../domain/errors.ts';
import { RequestContentSchema } from '../domain/request-content.ts';
import { parseOrThrow } from '../domain/validation.ts';
import type { DocumentType } from '../domain/vocabulary.ts';
import { unsealAnswerFor } from '../exchange/answers.ts';
import { loadVisible } from '../exchange/requests.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { RequestRow } from '../store/schema.ts';
import { signedAnswerBlock } from './device.ts';
import { directoryCheck } from './directory-check.ts';
import { documentFactsOf } from './facts.ts';
import { documentFont } from './font.ts';
import {
  DOCUMENT_FORMAT,
  DOCUMENT_LAYOUT,
  DOCUMENT_ZONE,
  type DocumentData,
  type DocumentSigner,
  documentDigest,
  SERIAL_CODES,
} from './model.ts';
import { renderDocument } from './render.ts';
import { type DocumentVerification, verifyDocument } from './verify.ts';

export interface IssuedDocument {
  type: DocumentType;
  serial: string;
  filename: string;
  digest: string;
  pdf: Uint8Array;
}

/**
 * What a document of a request is rendered from — the signed envelope, the names and the keys — for
 * the request's parties only (the issuing unit and those it shared the request with, the addressed
 * provider).
 */
async function documentFrame(
  uow: UnitOfWork,
  p: Principal,
  input: { requestId: string; type: string },
): Promise<{ row: RequestRow; side: Side; type: DocumentType; data: DocumentData }> {
  const { row, side, facts: access } = await loadVisible(uow.tx, p, input.requestId, uow.now);
  const { facts, hearingDueAt, hearingSentAt } = await documentFactsOf(uow.tx, p, row, access);
  const standing = documentStanding(side, facts, input.type);
  if ('refused' in standing) throw documentRefused(standing.refused, row, input.type);
  const type = standing.offered;
  // Signed, as the standing says (facts.signed is row.envelope present).
  if (!row.envelope) throw documentRefused('unsigned', row, type);
  const envelope = SignedEnvelopeSchema.parse(JSON.parse(row.envelope));
  const payload = envelope.payload;
  const orgs = new Map(
    (
      await findOrganisations(uow.tx, [
        payload.agencyOrganisationId,
        ...(payload.providerOrganisationId ? [payload.providerOrganisationId] : []),
      ])
    ).map((o) => [o.id, { ja: o.name_ja, en: o.name_en }]),
  );
  const unit = await findUnit(uow.tx, payload.unitId);
  const approver = await findUser(uow.tx, payload.approverUserId);
  const drafter = await findUser(uow.tx, payload.draftedBy);
  const content = RequestContentSchema.parse(payload.content);
  const signed: Array<[DocumentSigner['role'], string]> = [
    ['approver', envelope.signatures.approver.keyId],
    ['unit', envelope.signatures.unit.keyId],
  ];
  if (content.kind === 'warrant') signed.push(['court', content.warrant.attestation.keyId]);
  const signers: DocumentSigner[] = [];
  for (const [role, keyId] of signed) {
    const k = await requireSigningKey(uow.tx, keyId);
    signers.push({
      role,
      keyId: k.id,
      publicKey: k.public_key,
      fingerprint: k.fingerprint,
      ...(k.rp_id ? { rpId: k.rp_id } : {}),
    });
  }
  const court =
    content.kind === 'warrant' ? await findOrganisation(uow.tx, content.warrant.courtOrganisationId) : undefined;
  const agency = orgs.get(payload.agencyOrganisationId);
  const provider = payload.providerOrganisationId ? orgs.get(payload.providerOrganisationId) : undefined;
  const serial = `${payload.reference}-${SERIAL_CODES[type]}`;
  const data: DocumentData = {
    format: DOCUMENT_FORMAT,
    layout: DOCUMENT_LAYOUT,
    type,
    serial,
    zone: DOCUMENT_ZONE,
    envelope,
    names: {
      // Null (printed （名称不明）/ (name unknown)) where the directory holds no entry: no raw id on paper.
      agency: agency ?? null,
      unit: unit ? { ja: unit.name_ja, en: unit.name_en } : null,
      provider: provider ?? null,
      // The approver's name, or null (printed 不明 / unknown) where the user record is gone: no raw id on paper.
      approver: approver?.display_name ?? null,
      court: court ? { ja: court.name_ja, en: court.name_en } : null,
    },
    signers,
    // The reply deadline the 意見照会書 states: the one the hearing enforces, set with the hearing letter.
    ...(type === 'opinion' && hearingDueAt ? { hearingDueAt } : {}),
    // And its date: the day the provider sent the hearing letter (layout 7 on).
    ...(type === 'opinion' && hearingSentAt ? { hearingSentAt } : {}),
    // Whom a provider asks for when it calls the unit back: the drafting officer (null, printed 不明, where the
    // user record is gone — never the raw user id), the unit's number.
    contact: { officer: drafter?.display_name ?? null, phone: unit?.callback_phone ?? null },
    // A 回答書 says the answer's fields in the words of whose record it gives (a board's user as registered).
    ...(type === 'answer'
      ? { answerHolder: answerHolderOf(await providerCategoryOf(uow.tx, payload.providerOrganisationId), content) }
      : {}),
  };
  return { row, side, type, data };
}

/** A printable document of a request, rendered here; audited as a read of the request's content. */
export async function issueDocument(
  uow: UnitOfWork,
  p: Principal,
  input: { requestId: string; type: string },
): Promise<IssuedDocument> {
  const { row, side, type, data } = await documentFrame(uow, p, input);
  const serial = data.serial;
  if (type === 'answer') data.answer = await signedAnswerOf(uow, p, row.id);
  const pdf = await renderDocument(data, documentFont());
  const digest = documentDigest(data);
  await uow.auditBy(p, 'document.issued', ['request', row.id], { type, serial, side, digest });
  return { type, serial, filename: `${serial}.pdf`, digest, pdf };
}

/**
 * The 回答書 of an answer that opens only on devices (OPEN_ON_DEVICE): the hub cannot read the answer, so
 * it hands the reader's device everything else the document is rendered from — the signed envelope, the
 * names, the keys — and the device adds the answer it opened and renders the PDF (src/documents/device.ts).
 * Only those who may open the answer get it (documentStanding); handing it out is audited as an issue of
 * the document.
 */
export async function answerDocumentFrame(uow: UnitOfWork, p: Principal, requestId: string): Promise<DocumentData> {
  const { row, side, data } = await documentFrame(uow, p, { requestId, type: 'answer' });
  await uow.auditBy(p, 'document.issued', ['request', row.id], {
    type: 'answer',
    serial: data.serial,
    side,
    renderedOn: 'device',
  });
  return data;
}

/**
 * The provider's signed answer as the reader may open it (the requesting unit's copy, or the provider's
 * own kept copy): refused when the principal may not open it or when it opens only on devices.
 */
async function signedAnswerOf(uow: UnitOfWork, p: Principal, id: string): Promise<DocumentData['answer']> {
  const { inner } = await unsealAnswerFor(uow, p, id);
  const key = await keyById(uow.tx, inner.keyId);
  if (!key)
    throw new DomainError(
      'KEY_UNKNOWN',
      { ja: `回答の署名鍵 ${inner.keyId} が見つかりません`, en: `the answer's signing key ${inner.keyId} is missing` },
      { keyId: inner.keyId },
    );
  return signedAnswerBlock(inner, {
    keyId: key.id,
    publicKey: key.public_key,
    fingerprint: key.fingerprint,
    ...(key.rp_id ? { rpId: key.rp_id } : {}),
  });
}

/** What the verification page and the API take: the PDF as base64 (bodies are JSON, see src/server/app.ts). */
export const VerifyDocumentInputSchema = z.strictObject({
  pdf: z
    .string()
    .min(1)
    .max(1_000_000)
    .regex(/^[A-Za-z0-9+/_-]+={0,2}$/, 'base64'),
});

/**
 * Verifies a document someone holds (dropped on the verification page): the same checks as
 * `shokai document verify`, and then what only the hub can say (src/documents/directory-check.ts): whether the
 * keys are the directory's keys of the signers and the printed names, contact and deadline the directory's
 * and the hearing's. Anyone signed in may verify paper they hold; the result is audited.
 */
export async function verifyUploadedDocument(
  uow: UnitOfWork,
  p: Principal,
  input: unknown,
): Promise<DocumentVerification> {
  const { pdf } = parseOrThrow(VerifyDocumentInputSchema, input);
  const report = await verifyDocument(Buffer.from(pdf, 'base64'), documentFont(), (data) =>
    directoryCheck(uow.tx, data, uow.now),
  );
  await uow.auditBy(p, 'document.verified', ['document', report.serial ?? 'unknown'], {
    ok: report.ok,
    serial: report.serial,
    failed: report.checks.filter((c) => c.result === 'fail').map((c) => c.check),
  });
  return report;
}

import { createHash } from 'node:crypto';
import { z } from 'zod';
import { keyToSealTo } from '../directory/keys.ts';
import {
  actionRefusal,
  mayOpenAnswer,
  mayReadContent,
  mayReadOwnAnswer,
  type Principal,
  type RequestAccessFacts,
  type Side,
} from '../domain/access.ts';
import { type AnswerContent, answerWithUploadedFiles } from '../domain/answer-content.ts';
import {
  ATTACHMENT_PURPOSES,
  type AttachmentPurpose,
  type AttachmentRef,
  type AttachmentType,
  checkAttachment,
  hubAttachmentAad,
  MAX_ATTACHMENTS_PER_REQUEST,
  savedFileName,
  storedFileAad,
} from '../domain/attachments.ts';
import { DomainError } from '../domain/errors.ts';
import { allowedActions } from '../domain/lifecycle.ts';
import { shownInput } from '../domain/shown-text.ts';
import { parseOrThrow } from '../domain/validation.ts';
import type { LifecycleAction } from '../domain/vocabulary.ts';
import { newId } from '../kernel/ids.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { Db, Tx } from '../store/database.ts';
import type { AttachmentRow, RequestRow } from '../store/schema.ts';
import { requestKindOf, requestStateOf, STORED, storedValue } from '../store/stored-values.ts';
import { attachmentsOf, findAttachment, holdRequestForFiles, insertAttachment } from './attachments.repository.ts';
import { accessFacts, loadVisible, saveRequest } from './requests.ts';
import { refuseIfPurged } from './retention.ts';
import { openOnHub, providerRecordKey, refuseClearFileIfSenderSeals, sealTo } from './sealing.ts';

// Attachments (issue 14, item 2): files attached to a draft request (their SHA-256 then signed in the
// envelope), to the clarification thread, or to an answer (their SHA-256 signed with the answer). The
// bytes are sealed like answers — to the issuing unit's key and to the provider's own — through the
// same sealing module, so they follow answers when keys move to the members' devices. A side that holds
// its own keys seals its files itself (src/exchange/sealed-attachments.ts): the hub refuses them in clear.

export const AddAttachmentInput = z.strictObject({
  purpose: z.enum(ATTACHMENT_PURPOSES),
  fileName: z.string().max(1000),
  mediaType: z.string().max(200),
});

export interface AttachmentView {
  id: string;
  purpose: AttachmentPurpose;
  side: 'agency' | 'provider';
  fileName: string;
  mediaType: AttachmentType;
  byteSize: number;
  sha256: string;
  uploadedAt: string;
  purged: boolean;
  /** Retention removed the file's name: `fileName` is then the one it is saved under (savedFileName). */
  nameRemoved: boolean;
}

const PURPOSE_OF: Record<string, AttachmentPurpose> = {
  request: 'request',
  message: 'clarification',
  answer: 'answer',
};
export const OWNER_OF: Record<AttachmentPurpose, string> = {
  request: 'request',
  clarification: 'message',
  answer: 'answer',
};

/** A stored file's name to save and show it under (its own, or one made once retention removed it). */
export const storedFileName = (r: AttachmentRow): string =>
  savedFileName({ id: r.id, fileName: r.file_name, mediaType: r.media_type });

export const toView = (r: AttachmentRow): AttachmentView => ({
  id: r.id,
  purpose: PURPOSE_OF[r.owner_type] ?? 'request',
  side: r.side === 'provider' ? 'provider' : 'agency',
  fileName: storedFileName(r),
  mediaType: storedValue(STORED.attachmentType, r.media_type, r.id),
  byteSize: r.byte_size,
  sha256: r.sha256,
  uploadedAt: r.created_at,
  purged: r.purged_at !== null,
  nameRemoved: r.file_name === '',
});

export const refOf = (r: AttachmentRow): AttachmentRef => ({
  id: r.id,
  fileName: r.file_name,
  mediaType: storedValue(STORED.attachmentType, r.media_type, r.id),
  byteSize: r.byte_size,
  sha256: r.sha256,
});

const refused = (ja: string, en: string, details: Record<string, unknown>) =>
  new DomainError('FORBIDDEN', { ja, en }, details);

/**
 * Who may attach what, when: the drafter to a draft; to the clarification, whoever may take that side's
 * step of it now (ask, or answer it), and to an answer whoever may answer now — by the same rule as the
 * lifecycle's moves (actionRefusal): a colleague a request was only shared with reads, and adds nothing.
 */
export function checkMayAttach(p: Principal, row: RequestRow, side: string, purpose: AttachmentPurpose): void {
  const actions = allowedActions(requestKindOf(row), requestStateOf(row));
  const may = (action: LifecycleAction) =>
    actions.includes(action) && actionRefusal(p, accessFacts(row), action) === null;
  const ok =
    purpose === 'request'
      ? side === 'agency' && row.drafted_by === p.id && row.state === 'draft'
      : purpose === 'clarification'
        ? may('clarify') || may('request_clarification')
        : may('answer');
  if (!ok) {
    throw refused(
      {
        request: '要請への添付は、起案者が下書きの間にのみ行えます',
        clarification: '確認のやり取りへの添付は、確認を求める・答える段階の当事者のみが行えます',
        answer: '回答への添付は、回答できる段階の事業者の回答担当のみが行えます',
      }[purpose],
      {
        request: 'files are attached to a request by its drafter, while it is a draft',
        clarification: 'files are attached to the clarification by the side whose turn it is to ask or answer',
        answer: "files are attached to an answer by the provider's answering staff, while it can answer",
      }[purpose],
      { field: 'purpose', value: purpose, state: row.state },
    );
  }
}

/**
 * The request's files; refused clearly when it holds as many as it may (plain or sealed alike). The
 * request is held first, so parallel uploads count one after another.
 */
export async function filesWithRoom(uow: UnitOfWork, requestId: string): Promise<AttachmentRow[]> {
  await holdRequestForFiles(uow.tx, uow.dialect, requestId);
  const existing = await attachmentsOf(uow.tx, requestId);
  if (existing.length >= MAX_ATTACHMENTS_PER_REQUEST) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: `1件の要請に添付できるファイルは ${MAX_ATTACHMENTS_PER_REQUEST} 個までです（既に ${existing.length} 個）`,
        en: `a request takes at most ${MAX_ATTACHMENTS_PER_REQUEST} files (it has ${existing.length})`,
      },
      { field: 'file', value: existing.length, limit: MAX_ATTACHMENTS_PER_REQUEST },
    );
  }
  return existing;
}

/** Attaches a file: checked (type, content, size), hashed, sealed to both parties, audited. */
export async function addAttachment(
  uow: UnitOfWork,
  p: Principal,
  requestId: string,
  raw: unknown,
  bytes: Uint8Array,
): Promise<AttachmentView> {
  const { row, side } = await loadVisible(uow.tx, p, requestId, uow.now);
  const input = parseOrThrow(AddAttachmentInput, raw);
  checkMayAttach(p, row, side, input.purpose);
  // A side that seals its files itself uploads them sealed (src/exchange/sealed-attachments.ts).
  await refuseClearFileIfSenderSeals(uow, p, row, side, input.purpose);
  const mediaType = checkAttachment(input.fileName, input.mediaType, bytes);
  const existing = await filesWithRoom(uow, requestId);
  const id = newId('att');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const unitKey = await keyToSealTo(uow, 'unit', row.unit_id);
  const forAgency = await sealTo(unitKey, bytes, attachmentAad(id));
  const providerId = row.provider_organisation_id;
  const forProvider = providerId
    ? await sealTo(await providerRecordKey(uow, p, providerId), bytes, attachmentAad(id))
    : null;
  return storeNewAttachment(uow, p, row, side, input.purpose, existing, {
    id,
    file_name: input.fileName.trim(),
    media_type: mediaType,
    byte_size: bytes.length,
    sha256,
    sealed_for_agency: JSON.stringify(forAgency),
    sealed_for_provider: forProvider ? JSON.stringify(forProvider) : null,
    sealed_by: null,
  });
}

/**
 * Stores a new file of `row` uploaded by `p` on `side`, names a request file in the draft (so the
 * approver signs its SHA-256, with its id, name, type and size, with the rest of the content; the
 * provider's side checks the file against it) and audits the upload, with `details` after the file's.
 */
export async function storeNewAttachment(
  uow: UnitOfWork,
  p: Principal,
  row: RequestRow,
  side: string,
  purpose: AttachmentPurpose,
  existing: AttachmentRow[],
  file: Omit<
    AttachmentRow,
    'request_id' | 'owner_type' | 'owner_id' | 'side' | 'uploaded_by' | 'created_at' | 'purged_at'
  >,
  details: Record<string, unknown> = {},
): Promise<AttachmentView> {
  const attachment: AttachmentRow = {
    ...file,
    request_id: row.id,
    owner_type: OWNER_OF[purpose],
    owner_id: null,
    side: side === 'provider' ? 'provider' : 'agency',
    uploaded_by: p.id,
    created_at: uow.now.toISOString(),
    purged_at: null,
  };
  await insertAttachment(uow.tx, attachment);
  if (attachment.owner_type === 'request') await nameFilesInDraft(uow, row, [...existing, attachment]);
  await uow.auditBy(p, 'attachment.added', ['request', row.id], {
    attachmentId: file.id,
    purpose,
    mediaType: file.media_type,
    byteSize: file.byte_size,
    sha256: file.sha256,
    ...details,
  });
  return toView(attachment);
}

/** The draft names exactly the request files among these (none left: it names no files). */
export async function nameFilesInDraft(uow: UnitOfWork, row: RequestRow, files: AttachmentRow[]): Promise<RequestRow> {
  const { attachments: _named, ...content } = JSON.parse(row.content) as Record<string, unknown>;
  const refs = files.filter((a) => a.owner_type === 'request').map(refOf);
  return saveRequest(uow, row, { content: JSON.stringify(refs.length ? { ...content, attachments: refs } : content) });
}

const attachmentAad = hubAttachmentAad;

/** The context a stored file's boxes were sealed with (the domain's rule over the row). */
export const storedAttachmentAad = (a: AttachmentRow): string =>
  storedFileAad(a.request_id, {
    id: a.id,
    sha256: a.sha256,
    mediaType: a.media_type,
    byteSize: a.byte_size,
    sealedBy: a.sealed_by,
  });

/** May this caller see (and open) this attachment: the answer's like the answer, the others like the content. */
function mayRead(p: Principal, side: Side, facts: RequestAccessFacts, a: AttachmentRow): boolean {
  if (a.owner_type === 'answer') return mayOpenAnswer(p, facts) || (side === 'provider' && mayReadOwnAnswer(p, facts));
  return mayReadContent(side, facts);
}

/** The files of a request the caller may read (metadata; file names can name people, so not for oversight). */
export async function listAttachments(uow: UnitOfWork, p: Principal, requestId: string): Promise<AttachmentView[]> {
  // A provider sees a draft's files only once the request reaches it, as it sees the request.
  const { side, facts } = await loadVisible(uow.tx, p, requestId, uow.now);
  return (await attachmentsOf(uow.tx, requestId)).filter((a) => mayRead(p, side, facts, a)).map(toView);
}

/** The attachment if the caller may read it (else NOT_FOUND, as for one that does not exist), and not purged. */
export async function readableAttachment(
  uow: UnitOfWork,
  p: Principal,
  requestId: string,
  attachmentId: string,
): Promise<{ side: Side; a: AttachmentRow }> {
  const { side, facts } = await loadVisible(uow.tx, p, requestId, uow.now);
  const a = await findAttachment(uow.tx, requestId, attachmentId);
  if (!a || !mayRead(p, side, facts, a)) {
    throw new DomainError(
      'NOT_FOUND',
      {
        ja: `添付ファイル ${shownInput(attachmentId)} はありません`,
        en: `there is no attachment ${shownInput(attachmentId)}`,
      },
      { field: 'attachmentId', value: attachmentId },
    );
  }
  await refuseIfPurged(uow.tx, requestId, 'attachment');
  return { side, a };
}

/** Opens one file (on the hub, for keys the hub holds), checks its hash, audits the read. */
export async function readAttachment(
  uow: UnitOfWork,
  p: Principal,
  requestId: string,
  attachmentId: string,
): Promise<{ fileName: string; mediaType: AttachmentType; sha256: string; bytes: Buffer }> {
  const { side, a } = await readableAttachment(uow, p, requestId, attachmentId);
  const sealed = side === 'provider' ? a.sealed_for_provider : a.sealed_for_agency;
  if (!sealed) {
    throw new DomainError(
      'NOT_FOUND',
      { ja: 'この添付ファイルの写しはありません', en: 'there is no copy of this attachment for your side' },
      { field: 'attachmentId', value: attachmentId },
    );
  }
  const bytes = await openOnHub(uow, sealed, storedAttachmentAad(a), requestId, {
    ja: '添付ファイル',
    en: 'attachment',
  });
  if (createHash('sha256').update(bytes).digest('hex') !== a.sha256) {
    throw new DomainError('INTERNAL', {
      ja: '添付ファイルがハッシュ値と一致しません',
      en: 'the attachment does not match its hash',
    });
  }
  await uow.auditBy(p, 'attachment.read', ['request', requestId], { attachmentId: a.id, sha256: a.sha256 });
  return {
    fileName: storedFileName(a),
    mediaType: storedValue(STORED.attachmentType, a.media_type, a.id),
    sha256: a.sha256,
    bytes,
  };
}

/** The files uploaded for a request's answer, as the answer names them (a provider sealing on its side needs them). */
export async function answerAttachmentRefs(db: Db | Tx, requestId: string): Promise<AttachmentRef[]> {
  return (await attachmentsOf(db, requestId)).filter((a) => a.owner_type === 'answer' && !a.purged_at).map(refOf);
}

/**
 * The answer with its files: named explicitly (each must be an answer file uploaded for this request,
 * exactly as stored), or — when the answer names none — every answer file uploaded for it. Preview and
 * answer both go through here, so the digest the provider reviewed covers the same files.
 */
export async function withAnswerAttachments(
  db: Db | Tx,
  requestId: string,
  answer: AnswerContent,
): Promise<AnswerContent> {
  return answerWithUploadedFiles(answer, await answerAttachmentRefs(db, requestId));
}

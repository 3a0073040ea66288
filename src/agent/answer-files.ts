import { createHash } from 'node:crypto';
import { type AnswerFile, newAttachmentId } from '../client/attachment-seal.ts';
import { type Principal, requirePermission } from '../domain/access.ts';
import type { AnswerContent } from '../domain/answer-content.ts';
import {
  ATTACHMENT_TYPES,
  type AttachmentRef,
  attachmentTypeOfName,
  checkAttachment,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_REQUEST,
} from '../domain/attachments.ts';
import { DomainError } from '../domain/errors.ts';
import { shownInput } from '../domain/shown-text.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import { STORED, storedValue } from '../store/stored-values.ts';
import {
  type AnswerFileMeta,
  answerFilesOf,
  deleteAnswerFile,
  findAnswerFile,
  insertAnswerFile,
  storeSealedFile,
} from './answer-files.repository.ts';
import { contentOfRow, requireOpenDraft } from './request-row.ts';

// Files a person of the provider attaches to a draft answer (a log excerpt, a contract scan): checked
// when added (type by content, 10 MiB, the request's room for files), kept in the installation's own
// store, listed in the review, and named in the answer the person approves (id, name, type, size and
// SHA-256: what the digest of the approval covers). On approval each file is sealed here, with the
// browser's library (src/client/attachment-seal.ts), to the same two keys as the answer; the sealed
// upload is stored with it, so sending after a restart uploads the same ciphertext under the same id.

/** A file of a draft answer as the review shows it (no bytes). */
export interface AgentFileView {
  id: string;
  fileName: string;
  mediaType: string;
  byteSize: number;
  sha256: string;
  addedBy: string;
  addedAt: string;
  uploadedAt: string | null;
}

export const fileViewOf = (f: AnswerFileMeta): AgentFileView => ({
  id: f.id,
  fileName: f.file_name,
  mediaType: f.media_type,
  byteSize: f.byte_size,
  sha256: f.sha256,
  addedBy: f.added_by,
  addedAt: f.added_at,
  uploadedAt: f.uploaded_at,
});

/** The answer as it will be signed: the draft naming every file attached to it (none: the draft as is). */
export function answerWithFiles(draft: AnswerContent, files: readonly AnswerFileMeta[]): AnswerContent {
  if (files.length === 0) return draft;
  // (An edit never names files itself: editDraft refuses `attachments`.)
  const refs: AttachmentRef[] = files.map((f) => ({
    id: f.id,
    fileName: f.file_name,
    mediaType: storedValue(STORED.attachmentType, f.media_type, f.id),
    byteSize: f.byte_size,
    sha256: f.sha256,
  }));
  return { ...draft, attachments: refs };
}

/** A file as a person hands it over: the type the browser or the command line said, if any. */
export interface NewAnswerFile {
  fileName: string;
  mediaType?: string;
  bytes: Uint8Array;
}

const mib = (n: number) => (n / (1024 * 1024)).toFixed(1);

/**
 * A file over 10 MiB. `name` and `byteSize` when known: the pages refuse a form too large to read, of
 * which they know at most the length the browser declared.
 */
export function tooLarge(byteSize: number | null, name = ''): DomainError {
  const which = name
    ? { ja: `ファイル ${name} は`, en: `file ${name} is` }
    : { ja: '送られたファイルは', en: 'the file sent is' };
  const is =
    byteSize === null
      ? { ja: `${which.ja} 10 MiB を超えています`, en: `${which.en} over 10 MiB` }
      : {
          ja: `${which.ja} ${mib(byteSize)} MiB（${byteSize} バイト）です`,
          en: `${which.en} ${mib(byteSize)} MiB (${byteSize} bytes)`,
        };
  return new DomainError(
    'PAYLOAD_TOO_LARGE',
    {
      ja: `${is.ja}。添付できるのは 10 MiB（${MAX_ATTACHMENT_BYTES} バイト）までです`,
      en: `${is.en}; files of up to 10 MiB (${MAX_ATTACHMENT_BYTES} bytes) can be attached`,
    },
    { field: 'file', value: byteSize, limit: MAX_ATTACHMENT_BYTES },
  );
}

/** The form was sent without a file. */
export const noFileChosen = (): DomainError =>
  new DomainError(
    'VALIDATION_FAILED',
    { ja: '添付するファイルを選んでください', en: 'choose a file to attach' },
    { field: 'file', value: null },
  );

/** The type to check the bytes against: the one declared when it is one we take, else the name's. */
function declaredType(file: NewAnswerFile): string {
  const said = file.mediaType?.split(';')[0]?.trim().toLowerCase() ?? '';
  if ((ATTACHMENT_TYPES as readonly string[]).includes(said)) return said;
  return attachmentTypeOfName(file.fileName) ?? (said || 'application/octet-stream');
}

/**
 * A person attaches a file to the draft answer of a prepared request. Refused, naming the field and the
 * value, when it is over 10 MiB, of a type not taken (or not what its content is), or one too many.
 */
export async function addAnswerFile(
  uow: UnitOfWork,
  p: Principal,
  requestId: string,
  file: NewAnswerFile,
): Promise<AgentFileView> {
  requirePermission(p, 'request.answer');
  const row = await requireOpenDraft(uow.tx, requestId);
  const name = file.fileName.trim();
  if (file.bytes.length > MAX_ATTACHMENT_BYTES) throw tooLarge(file.bytes.length, name);
  const mediaType = checkAttachment(file.fileName, declaredType(file), file.bytes);
  // The hub counts every file of the request: the requesting unit's (named in its envelope) and the answer's.
  const theirs = contentOfRow(row).attachments?.length ?? 0;
  const ours = (await answerFilesOf(uow.tx, requestId)).length;
  if (theirs + ours >= MAX_ATTACHMENTS_PER_REQUEST) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: `1件の要請に添付できるファイルは要請側と合わせて ${MAX_ATTACHMENTS_PER_REQUEST} 個までです（要請 ${theirs} 個、回答 ${ours} 個）`,
        en:
          `a request takes at most ${MAX_ATTACHMENTS_PER_REQUEST} files, ` +
          `the request's and the answer's together (it has ${theirs} and ${ours})`,
      },
      { field: 'file', value: theirs + ours, limit: MAX_ATTACHMENTS_PER_REQUEST },
    );
  }
  const meta: AnswerFileMeta = {
    id: newAttachmentId(),
    request_id: requestId,
    file_name: name,
    media_type: mediaType,
    byte_size: file.bytes.length,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
    added_by: p.displayName,
    added_at: uow.now.toISOString(),
    uploaded_at: null,
  };
  await insertAnswerFile(uow.tx, { ...meta, content: file.bytes, sealed: null });
  // The audit names the file by id and digest: its name may say whom it is about.
  await uow.auditBy(p, 'agent.file_added', ['request', requestId], {
    fileId: meta.id,
    mediaType,
    byteSize: meta.byte_size,
    sha256: meta.sha256,
  });
  return fileViewOf(meta);
}

/** A person takes a file off the draft answer of a prepared request. */
export async function removeAnswerFile(uow: UnitOfWork, p: Principal, requestId: string, fileId: string) {
  requirePermission(p, 'request.answer');
  await requireOpenDraft(uow.tx, requestId);
  if (!(await deleteAnswerFile(uow.tx, requestId, fileId))) {
    throw new DomainError(
      'NOT_FOUND',
      {
        ja: `ファイル ${shownInput(fileId)} はこの要請の回答案にありません`,
        en: `file ${shownInput(fileId)} is not attached to this request's draft answer`,
      },
      { field: 'fileId', value: fileId },
    );
  }
  await uow.auditBy(p, 'agent.file_removed', ['request', requestId], { fileId });
}

/** Seals a file to the keys its answer is sealed to (seal.ts): the body of the hub's sealed upload. */
export type FileSealer = (requestId: string, file: AnswerFile, attachmentId: string) => Promise<Uint8Array>;

/** On approval: every file of the answer sealed, and the sealed upload kept with it until the hub takes it. */
export async function sealAnswerFiles(uow: UnitOfWork, requestId: string, seal: FileSealer): Promise<void> {
  for (const meta of await answerFilesOf(uow.tx, requestId)) {
    const f = await findAnswerFile(uow.tx, requestId, meta.id);
    if (!f) continue;
    const bytes = new Uint8Array(f.content);
    await storeSealedFile(
      uow.tx,
      f.id,
      await seal(requestId, { fileName: f.file_name, mediaType: f.media_type, bytes }, f.id),
    );
  }
}

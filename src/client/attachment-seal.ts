// Files sealed on the SENDER's side (issue 11 item 3; browser-safe: WebCrypto only): answer files by
// the provider, request files by the drafter, clarification files by either side. The sender's browser
// or installation checks the file (type by content, size), hashes it, and seals it twice — to the
// requesting unit's current key and to the provider's current record key — bound to an attachment id
// chosen here, the request, and the declared SHA-256, type and size. The hub receives ciphertext only,
// in a binary body (a header line, then the two ciphertexts raw), and checks blind. The signed answer
// (a request file: the signed envelope) then names the file by that id and SHA-256; the reader checks both.
import { b64uToBytes, bytesToB64u } from '../crypto/device-seal.ts';
import type { AnswerBox } from '../domain/answer-signing.ts';
import {
  type AttachmentPurpose,
  type AttachmentRef,
  CLIENT_ATTACHMENT_ID,
  checkAttachment,
  SEALED_UPLOAD_TYPE,
  sealedAttachmentAad,
} from '../domain/attachments.ts';
import type { AnswerKeys, AnswerRecipientKey } from './answer-seal.ts';
import { sealToRecipient, sha256Hex } from './answer-seal.ts';
import { type ApiClient, type Schemas, unwrap } from './client.ts';

/** A file as the sender's side has it before sealing. */
export interface AnswerFile {
  fileName: string;
  mediaType: string;
  bytes: Uint8Array;
}

/** A box's header as the upload carries it: the box without its ciphertext, and the ciphertext's length. */
export type SealedPartHeader = (AnswerBox extends infer B ? (B extends unknown ? Omit<B, 'ct'> : never) : never) & {
  ctBytes: number;
};

/** The header line of a sealed upload. */
export interface SealedUploadHeader {
  v: 1;
  attachmentId: string;
  fileName: string;
  mediaType: string;
  byteSize: number;
  sha256: string;
  sealed: SealedPartHeader;
  sealedForProvider: SealedPartHeader;
}

/** A new attachment id, chosen on the sender's side (the boxes are bound to it). */
export function newAttachmentId(): string {
  return `att_${bytesToB64u(globalThis.crypto.getRandomValues(new Uint8Array(18)))}`;
}

function split(box: AnswerBox): { header: SealedPartHeader; ct: Uint8Array } {
  const { ct, ...rest } = box;
  const bytes = b64uToBytes(ct);
  if (!bytes) throw new Error('the sealed box has an unreadable ciphertext');
  return { header: { ...rest, ctBytes: bytes.length }, ct: bytes };
}

/**
 * Seals one file for the request: checked here (the hub cannot see it), hashed, sealed to the unit's
 * key and to the provider's record key. Returns the reference the signed answer or envelope names and
 * the body to upload. Throws the domain's error naming the field (fileName, mediaType, file) for a bad file.
 */
export async function sealFile(
  requestId: string,
  file: AnswerFile,
  keys: { unitKey: AnswerRecipientKey; providerKey: AnswerRecipientKey },
  attachmentId: string = newAttachmentId(),
): Promise<{ ref: AttachmentRef; body: Uint8Array; header: SealedUploadHeader }> {
  if (!CLIENT_ATTACHMENT_ID.test(attachmentId))
    throw new Error(`attachmentId: ${attachmentId} is not att_ + 22–64 URL-safe characters`);
  const mediaType = checkAttachment(file.fileName, file.mediaType, file.bytes);
  const ref: AttachmentRef = {
    id: attachmentId,
    fileName: file.fileName.trim(),
    mediaType,
    byteSize: file.bytes.length,
    sha256: await sha256Hex(file.bytes),
  };
  const aad = sealedAttachmentAad(requestId, ref);
  const forUnit = split(await sealToRecipient(keys.unitKey, file.bytes, aad));
  const forProvider = split(await sealToRecipient(keys.providerKey, file.bytes, aad));
  const header: SealedUploadHeader = {
    v: 1,
    attachmentId,
    fileName: ref.fileName,
    mediaType,
    byteSize: ref.byteSize,
    sha256: ref.sha256,
    sealed: forUnit.header,
    sealedForProvider: forProvider.header,
  };
  const line = new TextEncoder().encode(`${JSON.stringify(header)}\n`);
  const body = new Uint8Array(line.length + forUnit.ct.length + forProvider.ct.length);
  body.set(line, 0);
  body.set(forUnit.ct, line.length);
  body.set(forProvider.ct, line.length + forUnit.ct.length);
  return { ref, body, header };
}

/** Seals one answer file on the provider's side: to the unit's key and to the provider's own (`ownKey`). */
export const sealAnswerFile = (
  requestId: string,
  file: AnswerFile,
  keys: { unitKey: AnswerRecipientKey; ownKey: AnswerRecipientKey },
  attachmentId?: string,
) => sealFile(requestId, file, { unitKey: keys.unitKey, providerKey: keys.ownKey }, attachmentId);

/** Uploads a sealed body as sealFile made it, for this purpose (the hub stores the ciphertext). */
export async function postSealedUpload(
  api: ApiClient,
  requestId: string,
  body: Uint8Array,
  purpose: AttachmentPurpose = 'answer',
): Promise<Schemas['Attachment']> {
  return unwrap(
    api.POST('/v1/requests/{id}/attachments/sealed', {
      // An answer file goes without a purpose, as it always has (the hub's default).
      params: { path: { id: requestId }, ...(purpose === 'answer' ? {} : { query: { purpose } }) },
      // The body is binary: the header line and the two ciphertexts, sent as they are.
      body,
      bodySerializer: (b) => b,
      headers: { 'content-type': SEALED_UPLOAD_TYPE },
    }),
  );
}

/**
 * Seals an answer file on this side and uploads it (the hub stores the ciphertext): fetches the keys
 * to seal to unless given. The signed answer then names the file (prepareAnswer names every uploaded one).
 */
export async function uploadSealedAnswerFile(
  api: ApiClient,
  requestId: string,
  file: AnswerFile,
  keys?: Pick<AnswerKeys, 'unitKey' | 'ownKey'>,
): Promise<Schemas['Attachment']> {
  const k = keys ?? (await unwrap(api.GET('/v1/requests/{id}/answer-keys', { params: { path: { id: requestId } } })));
  const { body } = await sealAnswerFile(requestId, file, k);
  return postSealedUpload(api, requestId, body);
}

/**
 * Seals a file of any purpose on this side — a request file (the drafter's; the draft then names its
 * SHA-256, which the approver signs), a clarification file (either side's), an answer file — to the
 * keys the hub names for it now, and uploads it.
 */
export async function uploadSealedFile(
  api: ApiClient,
  requestId: string,
  purpose: AttachmentPurpose,
  file: AnswerFile,
): Promise<Schemas['Attachment']> {
  if (purpose === 'answer') return uploadSealedAnswerFile(api, requestId, file);
  const keys = await unwrap(
    api.GET('/v1/requests/{id}/attachment-keys', { params: { path: { id: requestId }, query: { purpose } } }),
  );
  const { body } = await sealFile(requestId, file, keys);
  return postSealedUpload(api, requestId, body, purpose);
}

// Answer files sealed on the PROVIDER's side (issue 11 item 3; browser-safe: WebCrypto only). The
// provider's browser or installation checks the file (type by content, size), hashes it, and seals it
// twice — to the requesting unit's current answer key and to the provider's own record key — bound to
// an attachment id chosen here, the request, and the declared SHA-256, type and size. The hub receives
// ciphertext only, in a binary body (a header line, then the two ciphertexts raw), and checks blind.
// The signed answer then names the file by that id and SHA-256; the unit's device checks both.
import { b64uToBytes, bytesToB64u } from '../crypto/device-seal.ts';
import type { AnswerBox } from '../domain/answer-signing.ts';
import {
  type AttachmentRef,
  CLIENT_ATTACHMENT_ID,
  checkAttachment,
  SEALED_UPLOAD_TYPE,
  sealedAttachmentAad,
} from '../domain/attachments.ts';
import type { AnswerKeys, AnswerRecipientKey } from './answer-seal.ts';
import { sealToRecipient, sha256Hex } from './answer-seal.ts';
import { type ApiClient, type Schemas, unwrap } from './client.ts';

/** A file as the provider's side has it before sealing. */
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

/** A new attachment id, chosen on the provider's side (the boxes are bound to it). */
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
 * Seals one answer file for the request: checked here (the hub cannot see it), hashed, sealed to the
 * unit's key and to the provider's own key. Returns the reference the signed answer names and the body
 * to upload. Throws the domain's error naming the field (fileName, mediaType, file) for a bad file.
 */
export async function sealAnswerFile(
  requestId: string,
  file: AnswerFile,
  keys: { unitKey: AnswerRecipientKey; ownKey: AnswerRecipientKey },
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
  const forProvider = split(await sealToRecipient(keys.ownKey, file.bytes, aad));
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

/** Uploads a sealed body as sealAnswerFile made it (the hub stores the ciphertext). */
export async function postSealedUpload(
  api: ApiClient,
  requestId: string,
  body: Uint8Array,
): Promise<Schemas['Attachment']> {
  return unwrap(
    api.POST('/v1/requests/{id}/attachments/sealed', {
      params: { path: { id: requestId } },
      // The body is binary: the header line and the two ciphertexts, sent as they are.
      body: body as unknown as string,
      bodySerializer: (b: unknown) => b as Uint8Array<ArrayBuffer>,
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

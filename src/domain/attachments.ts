import { z } from 'zod';
import { DomainError, invalidField } from './errors.ts';
import { hiddenCharacter } from './shown-text.ts';

/**
 * Files attached to a request, a clarification or an answer (issue 14, item 2): a screenshot of the
 * post, a warrant scan, a log extract. Their bytes are only ever stored sealed; their SHA-256 goes
 * inside what is signed (the request content, the answer). Pure: the limits, the allowed types and
 * their recognition by content (a declared type must match the bytes).
 */

/** At most this many bytes per file. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** At most this many files per request (all purposes together). */
export const MAX_ATTACHMENTS_PER_REQUEST = 20;
export const MAX_FILE_NAME = 200;

/** The types accepted, and how their bytes begin (text: UTF-8 without NUL bytes). */
export const ATTACHMENT_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
  'text/csv',
] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** What a file is attached to: the request itself (agency, while a draft), a clarification, or the answer. */
export const ATTACHMENT_PURPOSES = ['request', 'clarification', 'answer'] as const;
export type AttachmentPurpose = (typeof ATTACHMENT_PURPOSES)[number];

/** A file as named inside signed content: what identifies it, not its bytes. */
export const AttachmentRefSchema = z.strictObject({
  id: z.string().min(1).max(100),
  fileName: z.string().min(1).max(MAX_FILE_NAME),
  mediaType: z.enum(ATTACHMENT_TYPES),
  byteSize: z.number().int().min(1).max(MAX_ATTACHMENT_BYTES),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type AttachmentRef = z.infer<typeof AttachmentRefSchema>;

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);

/** Whether the bytes are what the type says (by their first bytes; text: valid UTF-8, no NUL). */
export function bytesMatchType(bytes: Uint8Array, type: AttachmentType): boolean {
  switch (type) {
    case 'image/png':
      return startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case 'image/jpeg':
      return startsWith(bytes, [0xff, 0xd8, 0xff]);
    case 'image/gif':
      return startsWith(bytes, [0x47, 0x49, 0x46, 0x38]);
    case 'image/webp':
      return startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8);
    case 'application/pdf':
      return startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d]);
    case 'text/plain':
    case 'text/csv':
      if (bytes.includes(0)) return false;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        return true;
      } catch {
        return false;
      }
  }
}

/**
 * Checks a file before anything is stored: its name, its declared type against the list and against
 * its bytes, and its size. Each refusal names the field, the limit and the value.
 */
export function checkAttachment(fileName: string, mediaType: string, bytes: Uint8Array): AttachmentType {
  const t = checkDeclaredAttachment(fileName, mediaType, bytes.length);
  if (!bytesMatchType(bytes, t)) {
    throw invalidField(
      'mediaType',
      mediaType,
      `ファイル ${fileName.trim()} の中身は ${t} ではありません（種類を確かめてください）`,
      `the content of ${fileName.trim()} is not ${t}: check the file's type`,
    );
  }
  return t;
}

/**
 * The checks that need no bytes: the name, the declared type against the list, the declared size
 * against the limit. The hub makes them blind on a file sealed on the provider's side; `fields` names
 * the fields as the caller's body calls them.
 */
export function checkDeclaredAttachment(
  fileName: string,
  mediaType: string,
  byteSize: number,
  fields: { fileName: string; mediaType: string; size: string } = {
    fileName: 'fileName',
    mediaType: 'mediaType',
    size: 'file',
  },
): AttachmentType {
  const name = fileName.trim();
  const control = hiddenCharacter(name) !== undefined || name.includes('/') || name.includes('\\');
  if (name === '' || name.length > MAX_FILE_NAME || control) {
    throw invalidField(
      fields.fileName,
      fileName,
      `ファイル名 ${JSON.stringify(fileName)} は使えません（1〜${MAX_FILE_NAME}文字、制御文字・見えない文字・文字の向きを変える文字・/・\\ を含まない）`,
      `file name ${JSON.stringify(fileName)} is not accepted (1 to ${MAX_FILE_NAME} ` +
        `characters, no control, zero-width or text-direction characters, / or \\)`,
      { limit: MAX_FILE_NAME },
    );
  }
  const type = mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!(ATTACHMENT_TYPES as readonly string[]).includes(type)) {
    throw invalidField(
      fields.mediaType,
      mediaType,
      `ファイルの種類 ${JSON.stringify(mediaType)} は添付できません（画像 PNG・JPEG・GIF・WebP、PDF、テキスト・CSV のみ）`,
      `files of type ${JSON.stringify(mediaType)} cannot be attached ` +
        `(PNG, JPEG, GIF or WebP images, PDF, plain text or CSV only)`,
      { allowed: ATTACHMENT_TYPES },
    );
  }
  if (attachmentTypeOfName(name) !== type) {
    const endings = extensionsOf(type).join(' ');
    throw invalidField(
      fields.fileName,
      fileName,
      `ファイル名 ${name} の拡張子は ${type} のものではありません（${endings} のいずれかで終わる名前にしてください）`,
      `file name ${name} does not end as files of type ${type} do (it must end with one of ${endings})`,
      { allowed: extensionsOf(type) },
    );
  }
  if (!Number.isInteger(byteSize) || byteSize <= 0) {
    throw invalidField(fields.size, byteSize, 'ファイルが空です', 'the file is empty', { limit: MAX_ATTACHMENT_BYTES });
  }
  if (byteSize > MAX_ATTACHMENT_BYTES) {
    throw new DomainError(
      'PAYLOAD_TOO_LARGE',
      {
        ja: `${fields.size}: ファイル ${name} は ${byteSize} バイトです。上限は ${MAX_ATTACHMENT_BYTES} バイト（10 MiB）です`,
        en: `${fields.size}: file ${name} is ${byteSize} bytes; the limit is ${MAX_ATTACHMENT_BYTES} bytes (10 MiB)`,
      },
      { field: fields.size, value: byteSize, limit: MAX_ATTACHMENT_BYTES },
    );
  }
  return type as AttachmentType;
}

// ---- answer files sealed on the provider's side (issue 11 item 3) ----

/**
 * The id a provider's side chooses for a file it seals (the box is bound to it): att_ and 22–64 URL-safe
 * characters.
 */
export const CLIENT_ATTACHMENT_ID = /^att_[A-Za-z0-9_-]{22,64}$/;

/**
 * The context a file sealed on the provider's side is bound to: the request, the id the provider chose,
 * and the SHA-256, type and size it declared. The device opens the box with the context it rebuilds
 * from what it was told, so a box moved to another file, request or declaration does not open.
 */
export function sealedAttachmentAad(
  requestId: string,
  a: { id: string; sha256: string; mediaType: string; byteSize: number },
): string {
  return JSON.stringify(['shokai/attachment/v2', requestId, a.id, a.sha256, a.mediaType, a.byteSize]);
}

/** The context of a file the hub sealed itself (uploads in clear: request files, clarifications, legacy answers). */
export const hubAttachmentAad = (id: string): string => `shokai/attachment/${id}`;

/**
 * The context a stored file's boxes were sealed with: the sender's (bound to its declaration) when a side
 * sealed it itself (`sealedBy` agency or provider), else the hub's (by id). A box sealed again to another
 * key keeps the context it was sealed with.
 */
export function storedFileAad(
  requestId: string,
  f: { id: string; sha256: string; mediaType: string; byteSize: number; sealedBy: string | null },
): string {
  return f.sealedBy === 'provider' || f.sealedBy === 'agency'
    ? sealedAttachmentAad(requestId, f)
    : hubAttachmentAad(f.id);
}

/** The authentication tag AES-GCM appends: a device box's ciphertext is the file's size plus this. */
export const GCM_TAG_BYTES = 16;

/** At most this many bytes of header line in a sealed upload (the JSON before the two ciphertexts). */
export const MAX_SEALED_HEADER_BYTES = 16 * 1024;

/**
 * The body of a sealed upload: a header line, then the two ciphertexts, raw. Binary rather than base64
 * JSON, so a file of MAX_ATTACHMENT_BYTES fits: two boxes of (size + tag) and a header.
 */
export const MAX_SEALED_UPLOAD_BYTES = 2 * (MAX_ATTACHMENT_BYTES + GCM_TAG_BYTES) + MAX_SEALED_HEADER_BYTES;

/** The media type of that body. */
export const SEALED_UPLOAD_TYPE = 'application/vnd.shokai.sealed-attachment';

const TYPE_BY_EXTENSION: Record<string, AttachmentType> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  txt: 'text/plain',
  log: 'text/plain',
  csv: 'text/csv',
};

/**
 * A file is saved under its name on the other side, and its name's ending decides what opens it there: a
 * text file named `run.bat` or `x.hta` would run. So a name ends as its type's files do.
 */
const extensionsOf = (type: string): string[] =>
  Object.entries(TYPE_BY_EXTENSION)
    .filter(([, t]) => t === type)
    .map(([ext]) => `.${ext}`);

/**
 * The name a file is saved and shown under: its own, or — once retention removed the name (it may name a
 * person) — its id with its type's ending, so that nothing that needs a name is left without one.
 */
export const savedFileName = (f: { id: string; fileName: string; mediaType: string }): string =>
  f.fileName || `${f.id}${extensionsOf(f.mediaType)[0] ?? ''}`;

/** The type a file's name suggests (its bytes are checked against it anyway); undefined when unknown. */
export function attachmentTypeOfName(fileName: string): AttachmentType | undefined {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return ext ? TYPE_BY_EXTENSION[ext] : undefined;
}

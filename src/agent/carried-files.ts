import { z } from 'zod';
import type { Schemas } from '../client/client.ts';
import { DeviceBoxSchema } from '../crypto/device-seal.ts';
import {
  ATTACHMENT_TYPES,
  type AttachmentRef,
  AttachmentRefSchema,
  MAX_ATTACHMENT_BYTES,
} from '../domain/attachments.ts';
import { DomainError } from '../domain/errors.ts';
import { logger } from '../kernel/logger.ts';
import { readMediumFile } from './medium-file.ts';
import type { RequestFileSource } from './request-files.ts';

// Request files carried to an installation with no line to the hub (file mode): a person of the provider
// takes the request's envelope and its files, each sealed for the installation's enrolled device as the
// hub hands it out (`shokai request-file export`), onto a medium; the files lie beside the envelope as
// `REQUEST.FILE_ID.sealed` (anywhere on the medium: matched by that name, see medium.ts). Nothing on
// the medium is in clear. The installation opens and checks them
// exactly as it does the files it fetches online (checkRequestFiles).

const SUFFIX = '.sealed';
const CARRIED_ID = /^[A-Za-z0-9_-]{1,100}$/;
const WHAT = { requestId: { ja: '要請', en: 'request' }, attachmentId: { ja: '添付ファイル', en: 'request file' } };
/** An id that becomes part of a file name: a plain id, never a `/` or `..` that would lead out of the folder. */
function plainId(field: keyof typeof WHAT, id: string): string {
  if (CARRIED_ID.test(id)) return id;
  throw new DomainError(
    'INVALID_IDENTIFIER',
    {
      ja: `ハブの答えにある${WHAT[field].ja}の ID ${JSON.stringify(id)} は ID の形ではありません。何も書き出しません`,
      en: `the hub's answer names a ${WHAT[field].en} id ${JSON.stringify(id)} that is not an id; nothing is written`,
    },
    { field, value: id },
  );
}
/** The name of a request file carried beside its request's envelope (the ids come from the hub's answer). */
export const carriedFileName = (requestId: string, fileId: string): string =>
  `${plainId('requestId', requestId)}.${plainId('attachmentId', fileId)}${SUFFIX}`;
/** The request and file a sealed file's name claims (`REQUEST.FILE_ID.sealed`); undefined for another name. */
export function carriedFileOf(name: string): { requestId: string; fileId: string } | undefined {
  if (!name.endsWith(SUFFIX)) return undefined;
  const stem = name.slice(0, -SUFFIX.length);
  const dot = stem.lastIndexOf('.');
  const requestId = stem.slice(0, dot);
  const fileId = stem.slice(dot + 1);
  return dot > 0 && CARRIED_ID.test(fileId) ? { requestId, fileId } : undefined;
}
/** The name of a request's envelope written to carry. */
export const carriedEnvelopeName = (requestId: string): string => `${plainId('requestId', requestId)}.envelope.json`;

/** A carried file is the hub's answer to GET /v1/requests/{id}/attachments/{fileId}/sealed?device=. */
const CarriedFileSchema = z.object({
  requestId: z.string().min(1).max(200),
  attachmentId: z.string().min(1).max(100),
  fileName: z.string().min(1).max(1000),
  mediaType: z.enum(ATTACHMENT_TYPES),
  byteSize: z.number().int().min(1),
  sha256: z.string(),
  sealedBy: z.enum(['hub', 'provider', 'agency']),
  sealed: DeviceBoxSchema,
  custodyKey: z.object({ id: z.string(), publicKey: z.string(), wrapped: DeviceBoxSchema }),
  // A copy sealed again after its key was found compromised: what its re-sealer declared (checked on
  // opening). Files carried before the hub said so are originals.
  resealed: z.object({ contentSha256: z.string(), declarationTag: z.string().nullable() }).nullable().default(null),
});

/** A sealed file holds the box (base64url, about 4/3 of the file) and its key: anything larger is no such file. */
export const MAX_CARRIED_BYTES = 2 * MAX_ATTACHMENT_BYTES + 64 * 1024;

function readCarried(path: string): Schemas['SealedAttachment'] | undefined {
  // a regular file, not through a link, within the limit (./medium-file.ts)
  const bytes = readMediumFile(path, MAX_CARRIED_BYTES);
  if (!bytes) return undefined;
  try {
    const parsed = CarriedFileSchema.safeParse(JSON.parse(bytes.toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The files of `requestId` carried on a medium, by file id (where each lies on it). A file the envelope
 * names that was not carried stays pending (it may come on the next medium); one the envelope does not
 * name is recorded unsigned from what its sealed file says of it, never opened.
 */
export function carriedRequestFiles(
  requestId: string,
  paths: ReadonlyMap<string, string>,
): RequestFileSource & { count: number } {
  const held: AttachmentRef[] = [];
  for (const [id, path] of paths) {
    const s = readCarried(path);
    const ref = s && AttachmentRefSchema.safeParse({ ...pick(s), id });
    if (ref?.success) held.push(ref.data);
    else logger.warn('agent.request_file_unreadable', { requestId, fileId: id });
  }
  return {
    count: paths.size,
    held,
    // A medium may bring a good copy after a bad one: a file recorded as a mismatch is checked again.
    recheckMismatch: true,
    async sealed(ref) {
      const path = paths.get(ref.id);
      if (!path) return undefined;
      return readCarried(path) ?? 'mismatch';
    },
  };
}

const pick = (s: Schemas['SealedAttachment']) => ({
  fileName: s.fileName,
  mediaType: s.mediaType,
  byteSize: s.byteSize,
  sha256: s.sha256,
});

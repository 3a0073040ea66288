import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import {
  ATTACHMENT_PURPOSES,
  ATTACHMENT_TYPES,
  MAX_ATTACHMENT_BYTES,
  MAX_SEALED_UPLOAD_BYTES,
  SEALED_UPLOAD_TYPE,
} from '../../domain/attachments.ts';
import { DomainError } from '../../domain/errors.ts';
import { addAttachment, listAttachments, readAttachment } from '../../exchange/attachments.ts';
import { sealedAttachmentForDevice } from '../../exchange/custody-reads.ts';
import { removeRequestFile } from '../../exchange/draft-files.ts';
import { addSealedAttachment, attachmentKeys } from '../../exchange/sealed-attachments.ts';
import {
  type AppEnv,
  call,
  DeviceQuery,
  download,
  errorResponses,
  IdParam,
  json,
  param,
  purgedResponse,
} from '../env.ts';
import { routes } from '../route.ts';
import { Box, ResealedCopy, WrappedCustodyKey } from './custody.ts';
import { RecipientKey } from './provider-answers.ts';

// Attachments: a file is uploaded as the raw body (its type in Content-Type, its name and purpose in
// the query); it is read back as the raw bytes. Listing gives metadata and each file's SHA-256.

const Attachment = z
  .object({
    id: z.string(),
    purpose: z.enum(ATTACHMENT_PURPOSES),
    side: z.enum(['agency', 'provider']),
    fileName: z.string(),
    mediaType: z.enum(ATTACHMENT_TYPES),
    byteSize: z.number().int(),
    sha256: z.string(),
    uploadedAt: z.string(),
    purged: z.boolean(),
    /** Retention removed the file's name: `fileName` is then its id with its type's ending. */
    nameRemoved: z.boolean(),
  })
  .meta({ id: 'Attachment' });

const FileParams = IdParam.extend({ attachmentId: param('attachmentId') });
const binary = z.string().meta({ format: 'binary' });

/** Where uploads go: the one route whose body may be larger than the API's general limit. */
export const ATTACHMENT_UPLOAD_PATH = /^\/v1\/requests\/[^/]+\/attachments$/;
/** Where files sealed on the sender's side go: two boxes, so up to about twice a file's limit. */
export const SEALED_ATTACHMENT_UPLOAD_PATH = /^\/v1\/requests\/[^/]+\/attachments\/sealed$/;

export function registerAttachmentRoutes(app: OpenAPIHono<AppEnv>): void {
  const route = routes(app, 'attachments');
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/requests/{id}/attachments',
      tags: ['attachments'],
      summary:
        `Attach a file (PNG, JPEG, GIF, WebP, PDF, text, CSV; at most ${MAX_ATTACHMENT_BYTES} bytes): the raw ` +
        'body, its type in Content-Type',
      request: {
        params: IdParam,
        query: z.object({
          purpose: z.string().openapi({ description: ATTACHMENT_PURPOSES.join(' | ') }),
          fileName: z.string(),
        }),
        body: {
          content: Object.fromEntries(ATTACHMENT_TYPES.map((t) => [t, { schema: binary }])),
          required: true,
        },
      },
      responses: { 201: json(Attachment), ...errorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { purpose, fileName } = c.req.valid('query');
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      const mediaType = c.req.header('content-type') ?? '';
      return c.json(await call(c, addAttachment, id, { purpose, fileName, mediaType }, bytes), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/requests/{id}/attachments/sealed',
      tags: ['attachments'],
      summary:
        `Attach a file sealed on the sender's side (issue 11; purpose answer by default, or request or ` +
        'clarification): a one-line JSON header, then the two ciphertexts raw (files up to ' +
        `${MAX_ATTACHMENT_BYTES} bytes; body up to ${MAX_SEALED_UPLOAD_BYTES})`,
      request: {
        params: IdParam,
        query: z.object({ purpose: z.enum(ATTACHMENT_PURPOSES).optional() }),
        body: { content: { [SEALED_UPLOAD_TYPE]: { schema: binary } }, required: true },
      },
      responses: { 201: json(Attachment), ...errorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { purpose } = c.req.valid('query');
      const type = c.req.header('content-type') ?? '';
      if (!type.startsWith(SEALED_UPLOAD_TYPE)) {
        throw new DomainError(
          'VALIDATION_FAILED',
          {
            ja: `Content-Type は ${SEALED_UPLOAD_TYPE} にしてください`,
            en: `Content-Type must be ${SEALED_UPLOAD_TYPE}`,
          },
          { field: 'content-type', value: type },
        );
      }
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      return c.json(await call(c, addSealedAttachment, id, bytes, purpose), 201);
    },
  );

  route(
    {
      method: 'get',
      path: '/v1/requests/{id}/attachment-keys',
      summary:
        "The keys a sender seals a file of this purpose to: the requesting unit's current key and the provider's " +
        'current record key',
      params: IdParam,
      query: z.object({ purpose: z.enum(ATTACHMENT_PURPOSES) }),
      ok: z
        .object({
          requestId: z.string(),
          purpose: z.enum(ATTACHMENT_PURPOSES),
          unitKey: RecipientKey,
          providerKey: RecipientKey,
        })
        .meta({ id: 'AttachmentKeys' }),
    },
    (c, { param, query }) => call(c, attachmentKeys, param.id, query.purpose),
  );

  route.list(
    {
      method: 'get',
      path: '/v1/requests/{id}/attachments',
      summary: 'The files of a request the caller may read, with their SHA-256',
      params: IdParam,
      item: Attachment,
    },
    (c, { param }) => call(c, listAttachments, param.id),
  );

  route.list(
    {
      method: 'delete',
      path: '/v1/requests/{id}/attachments/{attachmentId}',
      summary:
        'The drafter removes a file from a draft (its ciphertext deleted; audited by id, type, size and ' +
        "SHA-256): the request's files left",
      params: FileParams,
      item: Attachment,
    },
    (c, { param }) => call(c, removeRequestFile, param.id, param.attachmentId),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/requests/{id}/attachments/{attachmentId}',
      tags: ['attachments'],
      summary: 'Open one file (every opening is audited)',
      request: { params: FileParams },
      responses: {
        200: {
          content: Object.fromEntries(ATTACHMENT_TYPES.map((t) => [t, { schema: binary }])),
          description: 'The file; its SHA-256 in Repr-Digest',
        },
        ...errorResponses,
        ...purgedResponse,
      },
    }),
    async (c) => {
      const { id, attachmentId } = c.req.valid('param');
      const f = await call(c, readAttachment, id, attachmentId);
      return download(c, new Uint8Array(f.bytes), f.mediaType, f.fileName, {
        'x-content-type-options': 'nosniff',
        'repr-digest': `sha-256=:${Buffer.from(f.sha256, 'hex').toString('base64')}:`,
      });
    },
  );

  route(
    {
      method: 'get',
      path: '/v1/requests/{id}/attachments/{attachmentId}/sealed',
      summary:
        "A file in device custody, sealed, with its key wrapped to the given device (one of the reader's, or for " +
        "a provider's person its installation's enrolled machine device, to carry in file mode): it opens there " +
        'only (audited)',
      params: FileParams,
      query: DeviceQuery,
      ok: z
        .object({
          requestId: z.string(),
          attachmentId: z.string(),
          fileName: z.string(),
          mediaType: z.enum(ATTACHMENT_TYPES),
          byteSize: z.number().int(),
          sha256: z.string(),
          sealedBy: z.enum(['hub', 'provider', 'agency']),
          sealed: Box,
          custodyKey: WrappedCustodyKey,
          resealed: ResealedCopy,
        })
        .meta({ id: 'SealedAttachment' }),
      also: purgedResponse,
    },
    (c, { param, query }) => call(c, sealedAttachmentForDevice, param.id, param.attachmentId, query.device),
  );
}

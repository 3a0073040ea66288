import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { answerDocumentFrame, issueDocument, verifyUploadedDocument } from '../../documents/document-service.ts';
import { documentFont } from '../../documents/font.ts';
import { DocumentDataSchema } from '../../documents/model.ts';
import { DOCUMENT_CHECKS, DOCUMENT_TYPES } from '../../domain/vocabulary.ts';
import { BilingualSchema } from '../../exchange/read-models.ts';
import { type AppEnv, call, download, errorResponses, IdParam } from '../env.ts';
import { routes } from '../route.ts';

const DocumentVerification = z
  .object({
    ok: z.boolean(),
    type: z.enum(DOCUMENT_TYPES).nullable(),
    serial: z.string().nullable(),
    reference: z.string().nullable(),
    verificationCode: z.string().nullable(),
    envelopeDigest: z.string().nullable(),
    signers: z.array(
      z.object({
        role: z.enum(['approver', 'unit', 'court']),
        keyId: z.string(),
        publicKey: z.string(),
        fingerprint: z.string(),
      }),
    ),
    checks: z.array(
      z.object({
        check: z.enum(DOCUMENT_CHECKS),
        result: z.enum(['pass', 'fail', 'skipped']),
        message: BilingualSchema,
      }),
    ),
    /**
     * What the document prints from its embedded data without a signature over it, in words with the value: the
     * names beside the signed identifiers, an opinion letter's deadline, the contact.
     */
    unsigned: z.array(BilingualSchema),
  })
  .meta({ id: 'DocumentVerification' });

const DocumentParams = IdParam.extend({
  type: z.enum(DOCUMENT_TYPES).openapi({ param: { name: 'type', in: 'path' } }),
});

export function registerDocumentRoutes(app: OpenAPIHono<AppEnv>): void {
  const route = routes(app, 'documents');
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/requests/{id}/documents/{type}',
      tags: ['documents'],
      summary:
        'A printable document of a request as PDF (embedded Japanese font, verification code and QR), for the ' +
        'parties to the request only',
      request: { params: DocumentParams },
      responses: {
        200: {
          content: { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } },
          description: 'The PDF; it carries the signed data it was rendered from',
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { id, type } = c.req.valid('param');
      const doc = await call(c, issueDocument, { requestId: id, type });
      return download(c, new Uint8Array(doc.pdf), 'application/pdf', doc.filename);
    },
  );

  route(
    {
      method: 'get',
      path: '/v1/requests/{id}/answer-document-frame',
      summary:
        'For an answer that opens only on devices: what its 回答書 is rendered from, but the answer (the device ' +
        'adds the answer it opened and renders the PDF); audited',
      params: IdParam,
      ok: DocumentDataSchema.meta({ id: 'DocumentFrame' }),
    },
    (c, { param }) => call(c, answerDocumentFrame, param.id),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/documents/font',
      tags: ['documents'],
      summary:
        "The documents' Japanese font (IPAex明朝, IPA Font License), for a device that renders a 回答書 itself; public",
      responses: {
        200: {
          content: { 'font/ttf': { schema: z.string().meta({ format: 'binary' }) } },
          description: 'The TrueType font the server renders documents with',
        },
        ...errorResponses,
      },
    }),
    (c) => {
      c.header('Content-Type', 'font/ttf');
      c.header('Cache-Control', 'public, max-age=86400');
      return c.body(Buffer.from(documentFont()), 200);
    },
  );

  route(
    {
      method: 'post',
      path: '/v1/documents/verify',
      summary:
        'Verify a document PDF (base64) against the signed data it carries, as `shokai document verify` does, ' +
        "and its keys, printed names and deadline against this hub's directory and records",
      body: 'VerifyDocument',
      ok: DocumentVerification,
    },
    (c, { body }) => call(c, verifyUploadedDocument, body),
  );
}

import { createHash } from 'node:crypto';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { AuditReceiptSchema, auditReceipt } from '../../audit/receipts.ts';
import { EnvelopePayloadSchema } from '../../domain/envelope.ts';
import { DomainError } from '../../domain/errors.ts';
import { REQUEST_KINDS, REQUEST_STATES } from '../../domain/vocabulary.ts';
import { answerPreview, readAnswer } from '../../exchange/answers.ts';
import { signingPreview } from '../../exchange/approval.ts';
import { intakeEnvelope, reverify } from '../../exchange/delivery.ts';
import { createDraft, updateDraft } from '../../exchange/drafting.ts';
import { mlatPackage } from '../../exchange/mlat-package.ts';
import { detailAfterChange, listRequests, readEnvelope, requestTimeline, viewRequest } from '../../exchange/reads.ts';
import { transition } from '../../exchange/transitions.ts';
import { type AppEnv, call, errorResponses, IdParam, json, purgedResponse } from '../env.ts';
import {
  AnswerContent,
  AuditItem,
  jsonBody,
  orNull,
  RequestDetail,
  RequestSummary,
  SignedEnvelope,
  Verification,
} from '../schemas.ts';

const Cursor = z.tuple([z.string(), z.string()]);

function cursorOf(s: string | undefined): { updatedAt: string; id: string } | undefined {
  if (!s) return undefined;
  try {
    const parsed = Cursor.safeParse(JSON.parse(Buffer.from(s, 'base64url').toString('utf8')));
    if (parsed.success) return { updatedAt: parsed.data[0], id: parsed.data[1] };
  } catch {
    // not base64url JSON: refused below
  }
  throw new DomainError(
    'VALIDATION_FAILED',
    { ja: 'cursor が不正です', en: 'the cursor is invalid' },
    {
      field: 'cursor',
      value: s,
    },
  );
}

/** A comma-separated query list of a closed vocabulary; an unknown value is named. */
function listOf<T extends string>(v: string | undefined, allowed: readonly T[], field: string): T[] | undefined {
  if (!v) return undefined;
  const items = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const i of items) {
    if (!(allowed as readonly string[]).includes(i)) {
      throw new DomainError(
        'VALIDATION_FAILED',
        { ja: `${field} の値 ${i} は不正です`, en: `${field}: unknown value ${i}` },
        { field, value: i },
      );
    }
  }
  return items as T[];
}

const OpenedAnswer = z
  .object({
    answer: AnswerContent,
    answeredAt: z.string(),
    signatureValid: z.boolean(),
    signedBy: z.object({ organisationId: z.string(), keyFingerprint: z.string() }),
    readAt: z.string(),
  })
  .meta({ id: 'OpenedAnswer' });

const SigningPreview = z
  .object({
    payload: EnvelopePayloadSchema,
    canonical: z.string(),
    digest: z.string(),
    passkey: z.object({ credentialId: z.string(), rpId: z.string() }).nullable(),
  })
  .meta({ id: 'SigningPreview' });

const MlatPackage = z
  .object({
    format: z.string(),
    createdAt: z.string(),
    envelope: SignedEnvelope,
    digest: z.string(),
    signers: z.array(
      z.object({
        role: z.enum(['approver', 'unit']),
        keyId: z.string(),
        algorithm: z.string(),
        rpId: z.string().optional(),
        publicKeyJwk: z.record(z.string(), z.unknown()).optional(),
        publicKey: z.string(),
        fingerprint: z.string(),
        validFrom: z.string(),
        validTo: z.string().nullable(),
        holder: z.string(),
      }),
    ),
    verification: z.string(),
    summary: z.object({ en: z.string(), ja: z.string() }),
  })
  .meta({ id: 'MlatPackage' });

/** Moves whose answer carries a receipt: the signed audit head right after the delivery or the answer. */
const RECEIPT_ACTIONS = new Set(['approve', 'answer']);
const actionOf = (input: unknown): unknown =>
  typeof input === 'object' && input !== null && 'action' in input ? input.action : undefined;

const TransitionResult = RequestDetail.extend({ receipt: AuditReceiptSchema.optional() }).meta({
  id: 'TransitionResult',
});

export function registerRequestRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/requests',
      tags: ['requests'],
      summary: "Requests of the caller's organisation (sent by an agency, or addressed to a provider), newest first",
      request: {
        query: z.object({
          state: z.string().optional().openapi({ description: 'comma-separated states' }),
          kind: z.string().optional().openapi({ description: 'comma-separated kinds' }),
          caseId: z.string().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().optional(),
        }),
      },
      responses: {
        200: json(z.object({ items: z.array(RequestSummary), nextCursor: z.string().nullable() })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const states = listOf(q.state, REQUEST_STATES, 'state');
      const kinds = listOf(q.kind, REQUEST_KINDS, 'kind');
      const cursor = cursorOf(q.cursor);
      const r = await call(c, listRequests, {
        limit: q.limit,
        ...(states ? { states } : {}),
        ...(kinds ? { kinds } : {}),
        ...(q.caseId ? { caseId: q.caseId } : {}),
        ...(cursor ? { cursor } : {}),
      });
      const nextCursor = r.next
        ? Buffer.from(JSON.stringify([r.next.updatedAt, r.next.id])).toString('base64url')
        : null;
      return c.json({ items: r.items, nextCursor }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/requests',
      tags: ['requests'],
      summary: 'Draft a request (checked against the legal matrix and the provider policy before anyone signs)',
      request: {
        body: jsonBody('CreateRequest'),
        headers: z.object({ 'idempotency-key': z.string().max(200).optional() }),
      },
      responses: { 201: json(RequestDetail, 'Created'), ...errorResponses },
    }),
    async (c) => {
      const input = await c.req.json<unknown>();
      const key = c.req.valid('header')['idempotency-key'];
      const bodyHash = createHash('sha256')
        .update(JSON.stringify(await c.req.json<unknown>()))
        .digest('hex');
      const detail = await call(c, async (uow, p) =>
        detailAfterChange(uow, p, await createDraft(uow, p, input, key ? { key, bodyHash } : undefined)),
      );
      return c.json(detail, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/requests/{id}',
      tags: ['requests'],
      summary: 'One request as the caller may see it (every read is audited)',
      request: { params: IdParam },
      responses: { 200: json(RequestDetail), ...errorResponses },
    }),
    async (c) => c.json(await call(c, viewRequest, c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/v1/requests/{id}',
      tags: ['requests'],
      summary: 'Edit a draft',
      request: { params: IdParam, body: jsonBody('UpdateRequest') },
      responses: { 200: json(RequestDetail), ...errorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const input = await c.req.json<unknown>();
      return c.json(
        await call(c, async (uow, p) => detailAfterChange(uow, p, await updateDraft(uow, p, id, input))),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/requests/{id}/signing-preview',
      tags: ['requests'],
      summary: 'Exactly what the approver will sign (canonical JSON and its SHA-256)',
      request: { params: IdParam },
      responses: { 200: json(SigningPreview), ...errorResponses },
    }),
    async (c) => c.json(await call(c, signingPreview, c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/requests/{id}/transitions',
      tags: ['requests'],
      summary:
        'Move a request through its lifecycle (submit, approve, review, clarify, hear the subscriber, answer, decline, withdraw, extend, close)',
      request: { params: IdParam, body: jsonBody('Transition') },
      responses: { 200: json(TransitionResult), ...errorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const input = await c.req.json<unknown>();
      return c.json(
        await call(c, async (uow, p) => {
          const detail = await detailAfterChange(uow, p, await transition(uow, p, id, input));
          if (!RECEIPT_ACTIONS.has(String(actionOf(input)))) return detail;
          const subject = { type: 'request', id, action: 'request.transition' };
          return { ...detail, receipt: await auditReceipt(uow, p, subject) };
        }),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/requests/{id}/answer',
      tags: ['requests'],
      summary:
        "Unseal the answer: the requesting unit's copy, or the answering provider's kept copy (every read is audited)",
      request: { params: IdParam },
      responses: { 200: json(OpenedAnswer), ...errorResponses, ...purgedResponse },
    }),
    async (c) => c.json(await call(c, readAnswer, c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/requests/{id}/answer-preview',
      tags: ['requests'],
      summary:
        'Exactly what will leave the provider if it answers with this content (nothing is stored); the answer names its digest',
      request: { params: IdParam, body: jsonBody('AnswerPreviewRequest') },
      responses: {
        200: json(
          z.object({ answer: AnswerContent, canonical: z.string(), digest: z.string() }).meta({ id: 'AnswerPreview' }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const input = await c.req.json<unknown>();
      return c.json(await call(c, answerPreview, id, input), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/requests/{id}/audit',
      tags: ['requests'],
      summary: 'Every audit event of a request (the provider sees it from the signing on)',
      request: { params: IdParam },
      responses: { 200: json(z.object({ items: z.array(AuditItem) })), ...errorResponses },
    }),
    async (c) => c.json({ items: await call(c, requestTimeline, c.req.valid('param').id) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/requests/{id}/envelope',
      tags: ['requests'],
      summary: 'The signed envelope',
      request: { params: IdParam },
      responses: { 200: json(z.object({ envelope: orNull(SignedEnvelope) })), ...errorResponses },
    }),
    async (c) => c.json({ envelope: await call(c, readEnvelope, c.req.valid('param').id) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/requests/{id}/verification',
      tags: ['requests'],
      summary: 'Verify the received envelope again, now',
      request: { params: IdParam },
      responses: { 200: json(Verification), ...errorResponses },
    }),
    async (c) => c.json(await call(c, reverify, c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/intake',
      tags: ['requests'],
      summary: 'A provider receives a signed envelope from outside; it is verified before anything is read',
      request: { body: jsonBody('Intake') },
      responses: { 201: json(RequestDetail, 'Received and verified'), ...errorResponses },
    }),
    async (c) => {
      const input = await c.req.json<unknown>();
      return c.json(
        await call(c, async (uow, p) => detailAfterChange(uow, p, (await intakeEnvelope(uow, p, input)).row)),
        201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/requests/{id}/mlat-package',
      tags: ['requests'],
      summary:
        'The outgoing MLAT package: the signed request, the public keys that verify it offline, and a summary in English and Japanese',
      request: { params: IdParam },
      responses: { 200: json(MlatPackage), ...errorResponses },
    }),
    async (c) => {
      const pkg = await call(c, mlatPackage, c.req.valid('param').id);
      c.header('Content-Disposition', `attachment; filename="${pkg.envelope.payload.reference}-mlat-package.json"`);
      return c.json(pkg, 200);
    },
  );
}

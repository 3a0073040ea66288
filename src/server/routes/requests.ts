import { createHash } from 'node:crypto';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { DomainError } from '../../domain/errors.ts';
import { REQUEST_KINDS, REQUEST_STATES } from '../../domain/vocabulary.ts';
import { CreateCaseInput, createCase, getCase, listCases } from '../../exchange/case-service.ts';
import { listRequestRows } from '../../exchange/request-repository.ts';
import {
  createDraft,
  intakeEnvelope,
  loadVisible,
  readAnswer,
  readEnvelope,
  reverify,
  sideOf,
  signingPreview,
  transition,
  updateDraft,
  viewRequest,
} from '../../exchange/request-service.ts';
import {
  AuditItemSchema,
  RequestDetailSchema,
  RequestSummarySchema,
  requestTimeline,
  toDetail,
  toSummaries,
  VerificationSchema,
} from '../../exchange/views.ts';
import { type AppEnv, body, errorResponses, json, principal } from '../env.ts';

const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'id', in: 'path' } }),
});
const Detail = RequestDetailSchema.openapi('RequestDetail');
const Summary = RequestSummarySchema.openapi('RequestSummary');
const CaseSchema = z
  .object({
    id: z.string(),
    organisationId: z.string(),
    reference: z.string(),
    title: z.string(),
    createdAt: z.string(),
  })
  .openapi('Case');

// Bodies are validated strictly by the services (one place for the rules); the schemas here describe them.
const AnyBody = z.record(z.string(), z.unknown());
const TransitionBody = z
  .object({
    action: z.enum([
      'submit',
      'approve',
      'reject_approval',
      'start_review',
      'request_clarification',
      'clarify',
      'start_opinion_hearing',
      'record_opinion',
      'answer',
      'decline',
      'withdraw',
      'extend_preservation',
      'close',
    ]),
  })
  .catchall(z.unknown())
  .openapi('Transition', {
    description:
      'action plus its fields: reason (reject_approval, withdraw, decline: a reason code), message (request_clarification, clarify, start_opinion_hearing), opinion + objection (record_opinion), answer (answer), note (decline)',
  });

const cursorOf = (s: string | undefined): { updatedAt: string; id: string } | undefined => {
  if (!s) return undefined;
  try {
    const [updatedAt, id] = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as [string, string];
    if (typeof updatedAt === 'string' && typeof id === 'string') return { updatedAt, id };
  } catch {
    // fall through
  }
  throw new DomainError(
    'VALIDATION_FAILED',
    { ja: 'cursor が不正です', en: 'the cursor is invalid' },
    { field: 'cursor', value: s },
  );
};

const list = (v: string | undefined, allowed: readonly string[], field: string): string[] | undefined => {
  if (!v) return undefined;
  const items = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const i of items)
    if (!allowed.includes(i))
      throw new DomainError(
        'VALIDATION_FAILED',
        { ja: `${field} の値 ${i} は不正です`, en: `${field}: unknown value ${i}` },
        { field, value: i },
      );
  return items;
};

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
          kind: z.string().optional(),
          caseId: z.string().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().optional(),
        }),
      },
      responses: {
        200: json(z.object({ items: z.array(Summary), nextCursor: z.string().nullable() })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const p = principal(c);
      const ctx = c.get('ctx');
      const q = c.req.valid('query');
      const side =
        p.organisationKind === 'agency'
          ? 'agency'
          : p.organisationKind === 'provider'
            ? 'provider'
            : p.organisationKind === 'oversight' && p.roles.includes('auditor')
              ? 'all'
              : null;
      if (!side) return c.json({ items: [], nextCursor: null }, 200);
      const cursor = cursorOf(q.cursor);
      const states = list(q.state, REQUEST_STATES, 'state');
      const kinds = list(q.kind, REQUEST_KINDS, 'kind');
      const rows = await listRequestRows(ctx.store.db, {
        side,
        organisationId: p.organisationId,
        limit: q.limit + 1,
        ...(states ? { states } : {}),
        ...(kinds ? { kinds } : {}),
        ...(q.caseId ? { caseId: q.caseId } : {}),
        ...(cursor ? { cursor } : {}),
      });
      const page = rows.slice(0, q.limit);
      const last = page[page.length - 1];
      const nextCursor =
        rows.length > q.limit && last
          ? Buffer.from(JSON.stringify([last.updated_at, last.id])).toString('base64url')
          : null;
      return c.json({ items: await toSummaries(ctx.store.db, page, ctx.clock()), nextCursor }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/requests',
      tags: ['requests'],
      summary: 'Draft a request (checked against the legal matrix and the provider policy before anyone signs)',
      request: {
        body: body(z.object({ content: AnyBody, caseId: z.string().optional() }).openapi('CreateRequest')),
        headers: z.object({ 'idempotency-key': z.string().max(200).optional() }),
      },
      responses: { 201: json(Detail, 'Created'), ...errorResponses },
    }),
    async (c) => {
      const p = principal(c);
      const ctx = c.get('ctx');
      const raw = await c.req.json<unknown>();
      const key = c.req.header('idempotency-key');
      const idem = key ? { key, bodyHash: createHash('sha256').update(JSON.stringify(raw)).digest('hex') } : undefined;
      const row = await createDraft(ctx, p, raw, idem);
      return c.json(await toDetail(ctx, p, row, 'agency'), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/requests/{id}',
      tags: ['requests'],
      summary: 'One request as the caller may see it',
      request: { params: IdParam },
      responses: { 200: json(Detail), ...errorResponses },
    }),
    async (c) => {
      const p = principal(c);
      const ctx = c.get('ctx');
      const { row, side } = await viewRequest(ctx, p, c.req.valid('param').id);
      return c.json(await toDetail(ctx, p, row, side), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/v1/requests/{id}',
      tags: ['requests'],
      summary: 'Edit a draft',
      request: { params: IdParam, body: body(z.object({ content: AnyBody })) },
      responses: { 200: json(Detail), ...errorResponses },
    }),
    async (c) => {
      const p = principal(c);
      const ctx = c.get('ctx');
      const row = await updateDraft(ctx, p, c.req.valid('param').id, await c.req.json<unknown>());
      return c.json(await toDetail(ctx, p, row, 'agency'), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/requests/{id}/signing-preview',
      tags: ['requests'],
      summary: 'Exactly what the approver will sign (canonical JSON and its SHA-256)',
      request: { params: IdParam },
      responses: {
        200: json(z.object({ payload: z.record(z.string(), z.unknown()), canonical: z.string(), digest: z.string() })),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await signingPreview(c.get('ctx'), principal(c), c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/requests/{id}/transitions',
      tags: ['requests'],
      summary:
        'Move a request through its lifecycle (submit, approve, review, clarify, hear the subscriber, answer, decline, withdraw, extend, close)',
      request: { params: IdParam, body: body(TransitionBody) },
      responses: { 200: json(Detail), ...errorResponses },
    }),
    async (c) => {
      const p = principal(c);
      const ctx = c.get('ctx');
      const id = c.req.valid('param').id;
      const row = await transition(ctx, p, id, await c.req.json<unknown>());
      // The caller's side of the row the transition returned; reading it again is needed only when
      // that row is no longer theirs to see (then loadVisible answers NOT_FOUND, as before).
      const side = sideOf(p, row) ?? (await loadVisible(ctx.store.db, p, row.id)).side;
      return c.json(await toDetail(ctx, p, row, side), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/requests/{id}/answer',
      tags: ['requests'],
      summary: 'Unseal the answer (members of the requesting unit only; every read is audited)',
      request: { params: IdParam },
      responses: {
        200: json(
          z.object({
            answer: z.record(z.string(), z.unknown()),
            answeredAt: z.string(),
            signatureValid: z.boolean(),
            signedBy: z.object({ organisationId: z.string(), keyFingerprint: z.string() }),
            readAt: z.string(),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await readAnswer(c.get('ctx'), principal(c), c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/requests/{id}/audit',
      tags: ['requests'],
      summary: 'Every audit event of a request',
      request: { params: IdParam },
      responses: { 200: json(z.object({ items: z.array(AuditItemSchema) })), ...errorResponses },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const { row, side } = await loadVisible(ctx.store.db, principal(c), c.req.valid('param').id);
      return c.json({ items: await requestTimeline(ctx.store.db, row.id, side) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/requests/{id}/envelope',
      tags: ['requests'],
      summary: 'The signed envelope',
      request: { params: IdParam },
      responses: { 200: json(z.object({ envelope: z.record(z.string(), z.unknown()).nullable() })), ...errorResponses },
    }),
    async (c) => {
      const envelope = await readEnvelope(c.get('ctx'), principal(c), c.req.valid('param').id);
      return c.json({ envelope: envelope as unknown as Record<string, unknown> | null }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/requests/{id}/verification',
      tags: ['requests'],
      summary: 'Verify the received envelope again, now',
      request: { params: IdParam },
      responses: { 200: json(VerificationSchema), ...errorResponses },
    }),
    async (c) => c.json(await reverify(c.get('ctx'), principal(c), c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/intake',
      tags: ['requests'],
      summary: 'A provider receives a signed envelope from outside; it is verified before anything is read',
      request: { body: body(z.object({ envelope: AnyBody })) },
      responses: { 201: json(Detail, 'Received and verified'), ...errorResponses },
    }),
    async (c) => {
      const p = principal(c);
      const ctx = c.get('ctx');
      const { row } = await intakeEnvelope(ctx, p, await c.req.json<unknown>());
      return c.json(await toDetail(ctx, p, row, 'provider'), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/cases',
      tags: ['cases'],
      summary: "The caller's organisation's cases",
      responses: { 200: json(z.object({ items: z.array(CaseSchema) })), ...errorResponses },
    }),
    async (c) => c.json({ items: await listCases(c.get('ctx'), principal(c)) }, 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/cases',
      tags: ['cases'],
      summary: 'Open a case',
      request: { body: body(CreateCaseInput) },
      responses: { 201: json(CaseSchema), ...errorResponses },
    }),
    async (c) => c.json(await createCase(c.get('ctx'), principal(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/cases/{id}',
      tags: ['cases'],
      summary: 'A case and its requests',
      request: { params: IdParam },
      responses: { 200: json(CaseSchema.extend({ requests: z.array(Summary) })), ...errorResponses },
    }),
    async (c) => {
      const p = principal(c);
      const ctx = c.get('ctx');
      const cs = await getCase(ctx, p, c.req.valid('param').id);
      const rows = await listRequestRows(ctx.store.db, {
        side: 'agency',
        organisationId: p.organisationId,
        caseId: cs.id,
        limit: 500,
      });
      return c.json({ ...cs, requests: await toSummaries(ctx.store.db, rows, ctx.clock()) }, 200);
    },
  );
}

import { createHash } from 'node:crypto';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { AuditReceiptSchema, auditReceipt } from '../../audit/receipts.ts';
import { DomainError } from '../../domain/errors.ts';
import { type Bilingual, REQUEST_KINDS, REQUEST_STATES } from '../../domain/vocabulary.ts';
import { answerPreview, readAnswer } from '../../exchange/answers.ts';
import { signingPreview } from '../../exchange/approval.ts';
import { intakeEnvelope, reverify } from '../../exchange/delivery.ts';
import { createDraft, updateDraft } from '../../exchange/drafting.ts';
import { mlatPackage } from '../../exchange/mlat-package.ts';
import { mlatWithdrawalLetter } from '../../exchange/mlat-withdrawal.ts';
import { detailAfterChange, listRequests, readEnvelope, viewRequest } from '../../exchange/reads.ts';
import { requestTimeline } from '../../exchange/timeline.ts';
import { transition } from '../../exchange/transitions.ts';
import { withdrawalPreview } from '../../exchange/withdrawal.ts';
import { type AppEnv, call, contentDisposition, errorResponses, IdParam, json, purgedResponse } from '../env.ts';
import { routes } from '../route.ts';
import {
  AnswerContent,
  AuditItem,
  jsonBody,
  orNull,
  RequestDetail,
  RequestSummary,
  SignedEnvelope,
  SigningPasskey,
  SigningPreview,
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
    {
      ja: '一覧の続きを示す値が不正です（前の一覧が返した値を使ってください）',
      en: 'the mark of where the list goes on is invalid (use the one the previous page returned)',
    },
    {
      field: 'cursor',
      value: s,
    },
  );
}

/** A comma-separated query list of a closed vocabulary; an unknown value is named in words of the list. */
function listOf<T extends string>(
  v: string | undefined,
  allowed: readonly T[],
  field: string,
  what: Bilingual,
): T[] | undefined {
  if (!v) return undefined;
  const items = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const i of items) {
    if (!(allowed as readonly string[]).includes(i)) {
      throw new DomainError(
        'VALIDATION_FAILED',
        {
          ja: `絞り込みの${what.ja}「${i}」はありません（指定できるもの: ${allowed.join('、')}）`,
          en: `there is no ${what.en} "${i}" to filter by (one of: ${allowed.join(', ')})`,
        },
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
    signatureProblem: z.object({ ja: z.string(), en: z.string() }).nullable(),
    signedBy: z.object({
      organisationId: z.string(),
      keyFingerprint: z.string(),
      credential: z.enum(['organisation', 'passkey']).nullable(),
    }),
    readAt: z.string(),
  })
  .meta({ id: 'OpenedAnswer' });

const WithdrawalPreview = z
  .object({ canonical: z.string(), digest: z.string(), passkey: SigningPasskey, withdrawnAt: z.string() })
  .meta({ id: 'WithdrawalPreview' });

const MlatSigner = z.object({
  keyId: z.string(),
  algorithm: z.string(),
  rpId: z.string().optional(),
  publicKeyJwk: z.record(z.string(), z.unknown()).optional(),
  publicKey: z.string(),
  fingerprint: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  holder: z.string(),
});

const MlatPackage = z
  .object({
    format: z.string(),
    createdAt: z.string(),
    envelope: SignedEnvelope,
    digest: z.string(),
    signers: z.array(MlatSigner.extend({ role: z.enum(['approver', 'unit']) })),
    verification: z.string(),
    summary: z.object({ en: z.string(), ja: z.string() }),
  })
  .meta({ id: 'MlatPackage' });

const MlatWithdrawalLetter = z
  .object({
    format: z.string(),
    createdAt: z.string(),
    reference: z.string(),
    requestId: z.string(),
    requestDigest: z.string(),
    withdrawal: z.object({
      reason: z.string(),
      withdrawnAt: z.string(),
      payload: z.object({
        purpose: z.literal('request.withdrawal'),
        requestId: z.string(),
        reasonDigest: z.string(),
        withdrawnAt: z.string(),
      }),
      digest: z.string(),
      signature: z
        .object({ keyId: z.string(), authenticatorData: z.string(), clientDataJSON: z.string(), signature: z.string() })
        .nullable(),
    }),
    signer: MlatSigner.nullable(),
    verification: z.string(),
    summary: z.object({ en: z.string(), ja: z.string() }),
  })
  .meta({ id: 'MlatWithdrawalLetter' });

/** Moves whose answer carries a receipt: the signed audit head right after the delivery or the answer. */
const RECEIPT_ACTIONS = new Set(['approve', 'answer']);
const actionOf = (input: unknown): unknown =>
  typeof input === 'object' && input !== null && 'action' in input ? input.action : undefined;

const TransitionResult = RequestDetail.extend({ receipt: AuditReceiptSchema.optional() }).meta({
  id: 'TransitionResult',
});

export function registerRequestRoutes(app: OpenAPIHono<AppEnv>): void {
  const route = routes(app, 'requests');
  route(
    {
      method: 'get',
      path: '/v1/requests',
      summary: "Requests of the caller's organisation (sent by an agency, or addressed to a provider), newest first",
      query: z.object({
        state: z.string().optional().openapi({ description: 'comma-separated states' }),
        kind: z.string().optional().openapi({ description: 'comma-separated kinds' }),
        caseId: z.string().optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
        cursor: z.string().optional(),
      }),
      ok: z.object({ items: z.array(RequestSummary), nextCursor: z.string().nullable() }),
    },
    async (c, { query: q }) => {
      const states = listOf(q.state, REQUEST_STATES, 'state', { ja: '状態', en: 'state of a request' });
      const kinds = listOf(q.kind, REQUEST_KINDS, 'kind', { ja: '照会の種類', en: 'kind of request' });
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
      return { items: r.items, nextCursor };
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
      const bodyHash = createHash('sha256').update(JSON.stringify(input)).digest('hex');
      const detail = await call(c, async (uow, p) =>
        detailAfterChange(uow, p, await createDraft(uow, p, input, key ? { key, bodyHash } : undefined)),
      );
      return c.json(detail, 201);
    },
  );

  route(
    {
      method: 'get',
      path: '/v1/requests/{id}',
      summary: 'One request as the caller may see it (every read is audited)',
      params: IdParam,
      ok: RequestDetail,
    },
    (c, { param }) => call(c, viewRequest, param.id),
  );

  route(
    {
      method: 'patch',
      path: '/v1/requests/{id}',
      summary: 'Edit a draft',
      params: IdParam,
      body: 'UpdateRequest',
      ok: RequestDetail,
    },
    (c, { param, body }) =>
      call(c, async (uow, p) => detailAfterChange(uow, p, await updateDraft(uow, p, param.id, body))),
  );

  route(
    {
      method: 'get',
      path: '/v1/requests/{id}/signing-preview',
      summary: 'Exactly what the approver will sign (canonical JSON and its SHA-256)',
      params: IdParam,
      ok: SigningPreview,
    },
    (c, { param }) => call(c, signingPreview, param.id),
  );

  route.act(
    {
      path: '/v1/requests/{id}/withdrawal-preview',
      summary:
        "Exactly what the withdrawing person's passkey signs (request, digest of the reason, instant) and its digest",
      body: 'WithdrawalPreviewRequest',
      ok: WithdrawalPreview,
    },
    withdrawalPreview,
  );

  route(
    {
      method: 'post',
      path: '/v1/requests/{id}/transitions',
      summary:
        'Move a request through its lifecycle (submit, approve, review, clarify, hear the subscriber, answer, ' +
        'decline, withdraw, extend, close)',
      params: IdParam,
      body: 'Transition',
      ok: TransitionResult,
    },
    (c, { param, body }) =>
      call(c, async (uow, p) => {
        const detail = await detailAfterChange(uow, p, await transition(uow, p, param.id, body));
        if (!RECEIPT_ACTIONS.has(String(actionOf(body)))) return detail;
        const subject = { type: 'request', id: param.id, action: 'request.transition' };
        return { ...detail, receipt: await auditReceipt(uow, p, subject) };
      }),
  );

  route(
    {
      method: 'get',
      path: '/v1/requests/{id}/answer',
      summary:
        "Unseal the answer: the requesting unit's copy, or the answering provider's kept copy (every read is audited)",
      params: IdParam,
      ok: OpenedAnswer,
      also: { ...purgedResponse },
    },
    (c, { param }) => call(c, readAnswer, param.id),
  );

  route(
    {
      method: 'post',
      path: '/v1/requests/{id}/answer-preview',
      summary:
        'Exactly what will leave the provider if it answers with this content (nothing is stored); the answer ' +
        'names its digest',
      params: IdParam,
      body: 'AnswerPreviewRequest',
      ok: z.object({ answer: AnswerContent, canonical: z.string(), digest: z.string() }).meta({ id: 'AnswerPreview' }),
    },
    (c, { param, body }) => call(c, answerPreview, param.id, body),
  );

  route.list(
    {
      method: 'get',
      path: '/v1/requests/{id}/audit',
      summary: 'Every audit event of a request (the provider sees it from the signing on)',
      params: IdParam,
      item: AuditItem,
    },
    (c, { param }) => call(c, requestTimeline, param.id),
  );

  route(
    {
      method: 'get',
      path: '/v1/requests/{id}/envelope',
      summary: 'The signed envelope',
      params: IdParam,
      ok: z.object({ envelope: orNull(SignedEnvelope) }),
    },
    async (c, { param }) => ({ envelope: await call(c, readEnvelope, param.id) }),
  );

  route(
    {
      method: 'get',
      path: '/v1/requests/{id}/verification',
      summary: 'Verify the received envelope again, now',
      params: IdParam,
      ok: Verification,
    },
    (c, { param }) => call(c, reverify, param.id),
  );

  route(
    {
      method: 'post',
      path: '/v1/intake',
      summary: 'A provider receives a signed envelope from outside; it is verified before anything is read',
      body: 'Intake',
      ok: RequestDetail,
      status: 201,
      description: 'Received and verified',
    },
    (c, { body }) => call(c, async (uow, p) => detailAfterChange(uow, p, (await intakeEnvelope(uow, p, body)).row)),
  );

  route(
    {
      method: 'get',
      path: '/v1/requests/{id}/mlat-package',
      summary:
        'The outgoing MLAT package: the signed request, the public keys that verify it offline, and a summary in ' +
        'English and Japanese',
      params: IdParam,
      ok: MlatPackage,
    },
    async (c, { param }) => {
      const pkg = await call(c, mlatPackage, param.id);
      c.header('Content-Disposition', contentDisposition(`${pkg.envelope.payload.reference}-mlat-package.json`));
      return pkg;
    },
  );

  route(
    {
      method: 'get',
      path: '/v1/requests/{id}/mlat-withdrawal',
      summary:
        'The withdrawal letter of an outgoing MLAT request withdrawn after issue: the request digest its package ' +
        "carries, the reason and the instant, signed with the withdrawing person's own passkey, verifiable offline",
      params: IdParam,
      ok: MlatWithdrawalLetter,
    },
    async (c, { param }) => {
      const letter = await call(c, mlatWithdrawalLetter, param.id);
      c.header('Content-Disposition', contentDisposition(`${letter.reference}-mlat-withdrawal.json`));
      return letter;
    },
  );
}

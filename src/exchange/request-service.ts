import { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import { actorOf, hasRole, type Principal, requireRole } from '../app/principal.ts';
import { type Audit, inTransaction, newId } from '../app/unit-of-work.ts';
import { canonicalJson, sha256Hex } from '../crypto/canonical.ts';
import { open, SealedBoxSchema, seal } from '../crypto/seal.ts';
import { SIGNATURE_PURPOSES, signCanonical, verifyCanonical } from '../crypto/signatures.ts';
import { currentPolicy, getOrganisation, type Organisation } from '../directory/directory-service.ts';
import { keyById, requireCurrentKey, unwrapPrivateKey } from '../directory/keys.ts';
import { type AnswerContent, AnswerContentSchema, validateAnswerContent } from '../domain/answer-content.ts';
import { opinionDeadline, preservationExpiry, responseDeadline } from '../domain/deadlines.ts';
import { DomainError } from '../domain/errors.ts';
import { ACTION_SIDE, type LifecycleAction, nextState } from '../domain/lifecycle.ts';
import { assertRequestAllowed, type ProviderPolicy, requiresOpinionHearing } from '../domain/policy.ts';
import {
  emergencyBasisOf,
  providerOf,
  type RequestContent,
  RequestContentSchema,
  validateRequestContent,
} from '../domain/request-content.ts';
import { parseOrThrow } from '../domain/validation.ts';
import { DECLINE_REASONS, type RequestKind, type RequestState } from '../domain/vocabulary.ts';
import type { Tx } from '../store/database.ts';
import type { RequestRow } from '../store/schema.ts';
import {
  approvalDigest,
  type EnvelopePayload,
  payloadDigest,
  type SignedEnvelope,
  SignedEnvelopeSchema,
} from './envelope.ts';
import { findRequest, nextCounter, requireRequest, updateRequest } from './request-repository.ts';
import { type VerificationReport, verifyEnvelope } from './verification.ts';

// ---------- inputs ----------
export const CreateRequestInput = z.strictObject({
  content: z.unknown(),
  caseId: z.string().min(1).max(200).optional(),
});
export const UpdateRequestInput = z.strictObject({ content: z.unknown() });
const Text = z.string().trim().min(1).max(10000);
export const TransitionInput = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('submit') }),
  z.strictObject({
    action: z.literal('approve'),
    digest: z.string().regex(/^[0-9a-f]{64}$/, 'digest: the SHA-256 from the signing preview'),
  }),
  z.strictObject({ action: z.literal('reject_approval'), reason: Text }),
  z.strictObject({ action: z.literal('start_review') }),
  z.strictObject({ action: z.literal('request_clarification'), message: Text }),
  z.strictObject({ action: z.literal('clarify'), message: Text }),
  z.strictObject({ action: z.literal('start_opinion_hearing'), message: Text.optional() }),
  z.strictObject({ action: z.literal('record_opinion'), opinion: Text, objection: z.boolean() }),
  z.strictObject({ action: z.literal('answer'), answer: z.unknown() }),
  z.strictObject({
    action: z.literal('decline'),
    reason: z.enum(DECLINE_REASONS),
    note: z.string().max(5000).optional(),
  }),
  z.strictObject({ action: z.literal('withdraw'), reason: Text }),
  z.strictObject({ action: z.literal('extend_preservation') }),
  z.strictObject({ action: z.literal('close') }),
]);
export type TransitionInput = z.infer<typeof TransitionInput>;

export interface Idempotency {
  key: string;
  bodyHash: string;
}

// ---------- helpers ----------
function parseContent(raw: unknown): RequestContent {
  return parseOrThrow(RequestContentSchema, raw, 'content');
}

function contentOf(row: RequestRow): RequestContent {
  return RequestContentSchema.parse(JSON.parse(row.content));
}

function requireAgencyMember(p: Principal): string {
  if (p.organisationKind !== 'agency' || !p.unitId) {
    throw new DomainError('FORBIDDEN', {
      ja: '捜査機関の所属に属する利用者のみが要請を起案できます',
      en: 'only members of an agency unit can draft requests',
    });
  }
  return p.unitId;
}

async function requireProviderOrg(tx: Tx, id: string): Promise<Organisation> {
  const org = await getOrganisation(tx, id);
  if (org.kind !== 'provider') {
    throw new DomainError(
      'NOT_A_PROVIDER',
      { ja: `宛先 ${org.nameJa} は事業者ではありません`, en: `the addressee ${org.nameEn} is not a provider` },
      { field: 'content.providerOrganisationId', value: id },
    );
  }
  return org;
}

/** Content rules + the default matrix + the addressee's published policy, all before anyone signs. */
async function checkContent(
  tx: Tx,
  content: RequestContent,
  now: Date,
): Promise<{ provider: Organisation; policy: ProviderPolicy } | null> {
  validateRequestContent(content, now);
  const providerId = providerOf(content);
  if (content.kind === 'mlat' || !providerId) return null;
  const provider = await requireProviderOrg(tx, providerId);
  const { policy } = await currentPolicy(tx, provider);
  const basis = emergencyBasisOf(content);
  assertRequestAllowed(
    { kind: content.kind, categories: content.categories, ...(basis ? { emergencyBasis: basis } : {}) },
    { isTelecomCarrier: provider.isTelecomCarrier, policy },
  );
  return { provider, policy };
}

async function resolveCase(
  tx: Tx,
  audit: Audit,
  p: Principal,
  now: Date,
  caseId: string | undefined,
  reference: string,
): Promise<string> {
  if (caseId) {
    const c = await tx
      .selectFrom('cases')
      .select(['id', 'organisation_id'])
      .where('id', '=', caseId)
      .executeTakeFirst();
    if (!c || c.organisation_id !== p.organisationId) {
      throw new DomainError(
        'NOT_FOUND',
        { ja: `事件 ${caseId} は存在しません`, en: `case ${caseId} does not exist` },
        { field: 'caseId', value: caseId },
      );
    }
    return c.id;
  }
  // Insert-or-get, atomic under concurrency: a parallel draft naming the same case waits, then finds it.
  const id = newId('case');
  const inserted = await tx
    .insertInto('cases')
    .values({ id, organisation_id: p.organisationId, reference, title: reference, created_at: now.toISOString() })
    .onConflict((oc) => oc.columns(['organisation_id', 'reference']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) {
    await audit({
      actor: actorOf(p),
      action: 'case.created',
      subjectType: 'case',
      subjectId: id,
      details: { reference },
    });
    return id;
  }
  const existing = await tx
    .selectFrom('cases')
    .select('id')
    .where('organisation_id', '=', p.organisationId)
    .where('reference', '=', reference)
    .executeTakeFirstOrThrow();
  return existing.id;
}

/** The side a principal acts on for a request; null when the request is not theirs to see. */
export function sideOf(p: Principal, row: RequestRow): 'agency' | 'provider' | 'oversight' | null {
  if (p.organisationId === row.agency_organisation_id && row.origin === 'local') return 'agency';
  // Visibility to the provider follows delivery, not state: a draft withdrawn before approval never reaches it.
  if (row.provider_organisation_id && p.organisationId === row.provider_organisation_id && row.received_at !== null)
    return 'provider';
  if (p.organisationKind === 'oversight' && hasRole(p, 'auditor')) return 'oversight';
  return null;
}

/** Loads a request the principal may see; another organisation's request is simply not found. */
export async function loadVisible(
  tx: Tx | AppContext['store']['db'],
  p: Principal,
  id: string,
): Promise<{ row: RequestRow; side: 'agency' | 'provider' | 'oversight' }> {
  const row = await findRequest(tx, id);
  const side = row ? sideOf(p, row) : null;
  if (!row || !side)
    throw new DomainError(
      'NOT_FOUND',
      { ja: `要請 ${id} は存在しません`, en: `request ${id} does not exist` },
      { field: 'id', value: id },
    );
  return { row, side };
}

const PROVIDER_ROLES = ['provider_intake', 'provider_legal', 'provider_operator'] as const;

/** Which of the principal's roles may perform an action (beyond being on the right side). */
function mayPerform(p: Principal, row: RequestRow, action: LifecycleAction): boolean {
  switch (action) {
    case 'submit':
      return p.id === row.drafted_by || (p.unitId === row.unit_id && hasRole(p, 'investigator'));
    case 'approve':
    case 'reject_approval':
      return hasRole(p, 'unit_head') && p.unitId === row.unit_id && p.id !== row.drafted_by;
    case 'clarify':
    case 'withdraw':
    case 'extend_preservation':
      return p.unitId === row.unit_id && hasRole(p, 'investigator', 'unit_head');
    case 'close':
      return (
        (p.organisationId === row.agency_organisation_id && p.unitId === row.unit_id) || hasRole(p, ...PROVIDER_ROLES)
      );
    case 'start_review':
    case 'request_clarification':
    case 'decline':
      return hasRole(p, ...PROVIDER_ROLES);
    case 'start_opinion_hearing':
    case 'record_opinion':
      return hasRole(p, 'provider_legal');
    case 'answer':
      return hasRole(p, 'provider_legal', 'provider_operator');
    case 'deliver':
      return false;
  }
}

/** A side takes its own actions; either party may close a settled request. */
function sideMayAct(action: LifecycleAction, side: 'agency' | 'provider' | 'oversight' | null): boolean {
  return ACTION_SIDE[action] === side || (action === 'close' && (side === 'agency' || side === 'provider'));
}

/** The actions this principal could take now (for the UI); the service re-checks everything. */
export function actionsFor(p: Principal, row: RequestRow, allowed: LifecycleAction[]): LifecycleAction[] {
  const side = sideOf(p, row);
  return allowed.filter((a) => sideMayAct(a, side) && mayPerform(p, row, a));
}

async function addMessage(
  tx: Tx,
  row: RequestRow,
  p: Principal | null,
  side: string,
  purpose: string,
  body: string,
  now: Date,
): Promise<void> {
  await tx
    .insertInto('messages')
    .values({
      id: newId('msg'),
      request_id: row.id,
      author_user_id: p?.kind === 'user' ? p.id : null,
      side,
      purpose,
      body,
      created_at: now.toISOString(),
    })
    .execute();
}

/** A new request row: the given identity and content, every lifecycle field still empty. */
function newRequestRow(
  at: string,
  f: Pick<
    RequestRow,
    | 'reference'
    | 'kind'
    | 'state'
    | 'agency_organisation_id'
    | 'unit_id'
    | 'provider_organisation_id'
    | 'case_id'
    | 'drafted_by'
    | 'approved_by'
    | 'content'
    | 'envelope'
    | 'issued_at'
    | 'origin'
  >,
): RequestRow {
  return {
    id: newId('req'),
    ...f,
    envelope_id: null,
    verification: null,
    decline_reason: null,
    decline_note: null,
    received_at: null,
    deadline_at: null,
    opinion_deadline_at: null,
    preservation_until: null,
    preservation_extended: 0,
    answered_at: null,
    closed_at: null,
    created_at: at,
    updated_at: at,
    version: 1,
  };
}

// ---------- drafting ----------
export async function createDraft(
  ctx: AppContext,
  p: Principal,
  raw: unknown,
  idem?: Idempotency,
): Promise<RequestRow> {
  requireRole(p, ['investigator'], ['agency']);
  const unitId = requireAgencyMember(p);
  const input = CreateRequestInput.parse(raw);
  const content = parseContent(input.content);
  return inTransaction(ctx, async (tx, audit, now) => {
    if (idem) {
      const key = `${p.id}:${idem.key}`;
      const prior = await tx.selectFrom('idempotency_keys').selectAll().where('key', '=', key).executeTakeFirst();
      if (prior) {
        if (prior.body_hash !== idem.bodyHash) {
          throw new DomainError(
            'IDEMPOTENCY_CONFLICT',
            {
              ja: '同じ冪等キーで異なる内容が送られました',
              en: 'the same idempotency key was used with a different body',
            },
            { idempotencyKey: idem.key },
          );
        }
        return requireRequest(tx, prior.response);
      }
    }
    await checkContent(tx, content, now);
    const caseId = await resolveCase(tx, audit, p, now, input.caseId, content.caseReference);
    const seq = await nextCounter(tx, `request:${now.getUTCFullYear()}`);
    const at = now.toISOString();
    const row = newRequestRow(at, {
      reference: `SHK-${now.getUTCFullYear()}-${String(seq).padStart(6, '0')}`,
      kind: content.kind,
      state: 'draft',
      agency_organisation_id: p.organisationId,
      unit_id: unitId,
      provider_organisation_id: providerOf(content) ?? null,
      case_id: caseId,
      drafted_by: p.id,
      approved_by: null,
      content: JSON.stringify(content),
      envelope: null,
      issued_at: null,
      origin: 'local',
    });
    await tx.insertInto('requests').values(row).execute();
    if (idem) {
      await tx
        .insertInto('idempotency_keys')
        .values({
          key: `${p.id}:${idem.key}`,
          route: 'POST /v1/requests',
          body_hash: idem.bodyHash,
          status: 201,
          response: row.id,
          created_at: at,
        })
        .execute();
    }
    await audit({
      actor: actorOf(p),
      action: 'request.drafted',
      subjectType: 'request',
      subjectId: row.id,
      details: { kind: row.kind, reference: row.reference, providerOrganisationId: row.provider_organisation_id },
    });
    return row;
  });
}

export async function updateDraft(ctx: AppContext, p: Principal, id: string, raw: unknown): Promise<RequestRow> {
  const input = UpdateRequestInput.parse(raw);
  const content = parseContent(input.content);
  return inTransaction(ctx, async (tx, audit, now) => {
    const { row, side } = await loadVisible(tx, p, id);
    if (side !== 'agency' || row.drafted_by !== p.id) {
      throw new DomainError(
        'FORBIDDEN',
        { ja: '起案者のみが下書きを編集できます', en: 'only the drafter can edit a draft' },
        { id },
      );
    }
    if (row.state !== 'draft') {
      throw new DomainError(
        'ILLEGAL_TRANSITION',
        { ja: `状態 ${row.state} の要請は編集できません`, en: `a request in state ${row.state} cannot be edited` },
        { state: row.state },
      );
    }
    if (content.kind !== row.kind) {
      throw new DomainError(
        'VALIDATION_FAILED',
        { ja: '要請の種別は変更できません', en: 'the kind of a request cannot change' },
        { field: 'content.kind', value: content.kind },
      );
    }
    await checkContent(tx, content, now);
    const next = await updateRequest(
      tx,
      row,
      { content: JSON.stringify(content), provider_organisation_id: providerOf(content) ?? null },
      now,
    );
    await audit({ actor: actorOf(p), action: 'request.updated', subjectType: 'request', subjectId: id });
    return next;
  });
}

/** Opens a request for reading: its content names people and their identifiers, so every read is audited. */
export async function viewRequest(
  ctx: AppContext,
  p: Principal,
  id: string,
): Promise<{ row: RequestRow; side: 'agency' | 'provider' | 'oversight' }> {
  return inTransaction(ctx, async (tx, audit) => {
    const seen = await loadVisible(tx, p, id);
    await audit({
      actor: actorOf(p),
      action: 'request.viewed',
      subjectType: 'request',
      subjectId: id,
      details: { side: seen.side },
    });
    return seen;
  });
}

/** What the approver is about to sign: the canonical payload and its digest (also shown in the UI). */
/**
 * What the approver is about to sign: the canonical payload (envelopeId and issuedAt are fixed at the
 * moment of signing) and the digest that approval must name. Reading it is audited.
 */
export async function signingPreview(
  ctx: AppContext,
  p: Principal,
  id: string,
): Promise<{ payload: EnvelopePayload; canonical: string; digest: string }> {
  return inTransaction(ctx, async (tx, audit, now) => {
    const { row, side } = await loadVisible(tx, p, id);
    if (side !== 'agency')
      throw new DomainError('FORBIDDEN', { ja: '発出元のみが参照できます', en: 'only the issuing side can see this' });
    const payload = buildPayload(row, contentOf(row), p.id, '(assigned at signing)', now);
    await audit({
      actor: actorOf(p),
      action: 'request.viewed',
      subjectType: 'request',
      subjectId: id,
      details: { signingPreview: true },
    });
    return { payload, canonical: canonicalJson(payload), digest: approvalDigest(payload) };
  });
}

/** The signed envelope of a request (its content names people): reading it is audited. */
export async function readEnvelope(ctx: AppContext, p: Principal, id: string): Promise<SignedEnvelope | null> {
  return inTransaction(ctx, async (tx, audit) => {
    const { row, side } = await loadVisible(tx, p, id);
    await audit({
      actor: actorOf(p),
      action: 'request.viewed',
      subjectType: 'request',
      subjectId: id,
      details: { envelope: true, side },
    });
    return row.envelope ? SignedEnvelopeSchema.parse(JSON.parse(row.envelope)) : null;
  });
}

/** A court's attestation covers one request: a second use of the same warrant is refused. */
async function useWarrant(
  tx: Tx,
  content: Extract<RequestContent, { kind: 'warrant' }>,
  requestId: string,
  now: Date,
): Promise<void> {
  const key = {
    court_organisation_id: content.warrant.courtOrganisationId,
    warrant_number: content.warrant.warrantNumber,
    provider_organisation_id: content.providerOrganisationId,
  };
  await tx
    .insertInto('used_warrants')
    .values({ ...key, request_id: requestId, used_at: now.toISOString() })
    .onConflict((oc) => oc.columns(['court_organisation_id', 'warrant_number', 'provider_organisation_id']).doNothing())
    .execute();
  const holder = await tx
    .selectFrom('used_warrants')
    .select('request_id')
    .where('court_organisation_id', '=', key.court_organisation_id)
    .where('warrant_number', '=', key.warrant_number)
    .where('provider_organisation_id', '=', key.provider_organisation_id)
    .executeTakeFirstOrThrow();
  if (holder.request_id !== requestId) {
    throw new DomainError(
      'WARRANT_ATTESTATION_INVALID',
      {
        ja: `令状 ${content.warrant.warrantNumber} は既に別の要請で使用されています`,
        en: `warrant ${content.warrant.warrantNumber} was already used by another request`,
      },
      { field: 'content.warrant.warrantNumber', value: content.warrant.warrantNumber },
    );
  }
}

function buildPayload(
  row: RequestRow,
  content: RequestContent,
  approverId: string,
  envelopeId: string,
  issuedAt: Date,
): EnvelopePayload {
  return {
    envelopeId,
    requestId: row.id,
    reference: row.reference,
    kind: row.kind as RequestKind,
    agencyOrganisationId: row.agency_organisation_id,
    unitId: row.unit_id,
    providerOrganisationId: row.provider_organisation_id,
    draftedBy: row.drafted_by,
    approverUserId: approverId,
    issuedAt: issuedAt.toISOString(),
    content,
  };
}

// ---------- transitions ----------
export async function transition(ctx: AppContext, p: Principal, id: string, raw: unknown): Promise<RequestRow> {
  const input = parseOrThrow(TransitionInput, raw);
  return inTransaction(ctx, async (tx, audit, now) => {
    const { row, side } = await loadVisible(tx, p, id);
    const action = input.action;
    const to = nextState(row.kind as RequestKind, row.state as RequestState, action);
    if (!sideMayAct(action, side)) {
      throw new DomainError(
        'FORBIDDEN',
        { ja: `この操作（${action}）は相手方の操作です`, en: `the action ${action} belongs to the other side` },
        { action, side },
      );
    }
    if (!mayPerform(p, row, action)) {
      if (action === 'approve' || action === 'reject_approval') {
        if (p.id === row.drafted_by)
          throw new DomainError(
            'SELF_APPROVAL',
            { ja: '起案者は自分の要請を決裁できません', en: 'the drafter cannot approve their own request' },
            { id },
          );
        throw new DomainError(
          'APPROVER_NOT_AUTHORISED',
          { ja: '決裁できるのは同じ所属の所属長のみです', en: 'only a head of the same unit can approve' },
          { id, unitId: row.unit_id },
        );
      }
      throw new DomainError(
        'FORBIDDEN',
        { ja: `あなたの役割ではこの操作（${action}）はできません`, en: `your role cannot perform ${action}` },
        { action },
      );
    }
    const actor = actorOf(p);
    const changes: Partial<RequestRow> = { state: to };
    // Read once at approval and used again at delivery in the same transaction.
    let addresseePolicy: ProviderPolicy | undefined;
    const details: Record<string, unknown> = { action, from: row.state, to };

    switch (input.action) {
      case 'submit':
        await checkContent(tx, contentOf(row), now);
        break;
      case 'approve': {
        const content = contentOf(row);
        addresseePolicy = (await checkContent(tx, content, now))?.policy;
        const payload = buildPayload(row, content, p.id, newId('env'), now);
        if (approvalDigest(payload) !== input.digest) {
          throw new DomainError(
            'CONFLICT',
            {
              ja: '確認した内容と現在の内容が異なります。署名内容を確認し直してください',
              en: 'the request is not what you reviewed: open the signing preview again',
            },
            { field: 'digest', value: input.digest, expected: approvalDigest(payload) },
          );
        }
        if (content.kind === 'warrant') await useWarrant(tx, content, row.id, now);
        const approverKey = await requireCurrentKey(tx, 'user', p.id, 'signing', now);
        const unitKey = await requireCurrentKey(tx, 'unit', row.unit_id, 'signing', now);
        const envelope: SignedEnvelope = {
          v: 1,
          payload,
          signatures: {
            approver: {
              keyId: approverKey.id,
              signature: signCanonical(unwrapPrivateKey(ctx, approverKey), SIGNATURE_PURPOSES.requestApproval, payload),
            },
            unit: {
              keyId: unitKey.id,
              signature: signCanonical(unwrapPrivateKey(ctx, unitKey), SIGNATURE_PURPOSES.requestUnit, payload),
            },
          },
        };
        Object.assign(changes, {
          approved_by: p.id,
          envelope: JSON.stringify(envelope),
          envelope_id: payload.envelopeId,
          issued_at: now.toISOString(),
        });
        await audit({
          actor,
          action: 'request.signed',
          subjectType: 'request',
          subjectId: id,
          details: {
            envelopeId: payload.envelopeId,
            digest: payloadDigest(payload),
            approverKey: approverKey.fingerprint,
            unitKey: unitKey.fingerprint,
          },
        });
        break;
      }
      case 'reject_approval':
        // Internal to the agency: the provider never sees why a draft was sent back.
        await addMessage(tx, row, p, 'agency', 'internal_note', input.reason, now);
        details.reason = input.reason;
        break;
      case 'request_clarification':
        await addMessage(tx, row, p, 'provider', 'clarification', input.message, now);
        break;
      case 'clarify':
        await addMessage(tx, row, p, 'agency', 'clarified', input.message, now);
        break;
      case 'start_opinion_hearing':
        changes.opinion_deadline_at = opinionDeadline(now).toISOString();
        if (input.message) await addMessage(tx, row, p, 'provider', 'opinion_request', input.message, now);
        break;
      case 'record_opinion':
        await addMessage(tx, row, p, 'subscriber', 'opinion', input.opinion, now);
        details.objection = input.objection;
        break;
      case 'answer': {
        const content = contentOf(row);
        const answer = parseOrThrow(AnswerContentSchema, input.answer, 'answer');
        validateAnswerContent(answer, content);
        const provider = await getOrganisation(tx, row.provider_organisation_id ?? '');
        const { policy } = await currentPolicy(tx, provider);
        if (requiresOpinionHearing(content.kind, content.categories, policy)) {
          const heard = await tx
            .selectFrom('messages')
            .select('id')
            .where('request_id', '=', id)
            .where('purpose', '=', 'opinion')
            .executeTakeFirst();
          if (!heard) {
            throw new DomainError(
              'ILLEGAL_TRANSITION',
              {
                ja: '発信者への意見照会を終えてから回答してください',
                en: "the subscriber's opinion must be heard before answering",
              },
              { action: 'answer' },
            );
          }
        }
        await sealAnswer(ctx, tx, audit, p, row, answer, now);
        changes.answered_at = now.toISOString();
        if (content.kind === 'preservation')
          changes.preservation_until = preservationExpiry(now, content.preservation.days, false).toISOString();
        break;
      }
      case 'decline':
        Object.assign(changes, { decline_reason: input.reason, decline_note: input.note ?? null });
        details.reason = input.reason;
        break;
      case 'withdraw':
        await addMessage(tx, row, p, 'agency', 'note', input.reason, now);
        details.reason = input.reason;
        break;
      case 'extend_preservation': {
        const content = contentOf(row);
        if (content.kind !== 'preservation' || !row.answered_at)
          throw new DomainError('ILLEGAL_TRANSITION', {
            ja: '保全要請ではありません',
            en: 'not a preservation request',
          });
        if (row.preservation_extended) {
          throw new DomainError(
            'PRESERVATION_EXTENSION_USED',
            { ja: '保全期間の延長は一度だけです', en: 'the preservation period can be extended only once' },
            { id },
          );
        }
        if (!row.preservation_until || row.preservation_until <= now.toISOString()) {
          throw new DomainError(
            'ILLEGAL_TRANSITION',
            {
              ja: '保全期間が既に終了しているため延長できません',
              en: 'the preservation period has already ended: it cannot be extended',
            },
            { id, preservationUntil: row.preservation_until },
          );
        }
        Object.assign(changes, {
          preservation_extended: 1,
          preservation_until: preservationExpiry(
            new Date(row.answered_at),
            content.preservation.days,
            true,
          ).toISOString(),
        });
        break;
      }
      case 'close':
        changes.closed_at = now.toISOString();
        break;
      case 'start_review':
        break;
    }
    let next = await updateRequest(tx, row, changes, now);
    await audit({ actor, action: 'request.transition', subjectType: 'request', subjectId: id, details });
    // On this hub the addressee is served here: delivery (verification, receipt) follows at once.
    if (input.action === 'approve' && next.kind !== 'mlat' && next.envelope) {
      next = await deliver(
        tx,
        audit,
        next,
        SignedEnvelopeSchema.parse(JSON.parse(next.envelope)),
        now,
        addresseePolicy,
      );
    }
    return next;
  });
}

async function verificationFacts(tx: Tx, env: SignedEnvelope, receivingProviderId: string) {
  const p = env.payload;
  const parsed = RequestContentSchema.safeParse(p.content);
  const content = parsed.success ? parsed.data : undefined;
  const approverRow = await tx.selectFrom('users').selectAll().where('id', '=', p.approverUserId).executeTakeFirst();
  const courtKeyId = content?.kind === 'warrant' ? content.warrant.attestation.keyId : undefined;
  const courtKey = courtKeyId ? await keyById(tx, courtKeyId) : undefined;
  const courtOrg =
    content?.kind === 'warrant'
      ? await tx
          .selectFrom('organisations')
          .select('kind')
          .where('id', '=', content.warrant.courtOrganisationId)
          .executeTakeFirst()
      : undefined;
  const seen = await tx
    .selectFrom('received_envelopes')
    .select('envelope_id')
    .where('envelope_id', '=', p.envelopeId)
    .executeTakeFirst();
  const warrantUse =
    content?.kind === 'warrant'
      ? await tx
          .selectFrom('used_warrants')
          .select('request_id')
          .where('court_organisation_id', '=', content.warrant.courtOrganisationId)
          .where('warrant_number', '=', content.warrant.warrantNumber)
          .where('provider_organisation_id', '=', content.providerOrganisationId)
          .executeTakeFirst()
      : undefined;
  return {
    warrantUsedElsewhere: !!warrantUse && warrantUse.request_id !== p.requestId,
    approverKey: await keyById(tx, env.signatures.approver.keyId),
    unitKey: await keyById(tx, env.signatures.unit.keyId),
    approver: approverRow
      ? {
          id: approverRow.id,
          organisationId: approverRow.organisation_id,
          unitId: approverRow.unit_id,
          roles: JSON.parse(approverRow.roles) as string[],
          disabled: approverRow.disabled === 1,
        }
      : undefined,
    courtKey,
    courtIsCourt: courtOrg?.kind === 'court',
    alreadySeen: !!seen,
    receivingProviderId,
    content,
  };
}

/** Receipt on the provider side: verify before anyone reads, record the envelope against replay, start the clock. */
async function deliver(
  tx: Tx,
  audit: Audit,
  row: RequestRow,
  env: SignedEnvelope,
  now: Date,
  policy?: ProviderPolicy,
): Promise<RequestRow> {
  const providerId = row.provider_organisation_id ?? '';
  const report = verifyEnvelope(env, await verificationFacts(tx, env, providerId), now);
  await tx
    .insertInto('received_envelopes')
    .values({
      envelope_id: env.payload.envelopeId,
      provider_organisation_id: providerId,
      digest: payloadDigest(env.payload),
      request_id: row.id,
      received_at: now.toISOString(),
    })
    .execute();
  return receive(tx, audit, row, report, now, { type: 'system', id: null, organisationId: null }, policy);
}

async function receive(
  tx: Tx,
  audit: Audit,
  row: RequestRow,
  report: VerificationReport,
  now: Date,
  actor: Parameters<Audit>[0]['actor'],
  knownPolicy?: ProviderPolicy,
): Promise<RequestRow> {
  const content = contentOf(row);
  const policy =
    knownPolicy ?? (await currentPolicy(tx, await getOrganisation(tx, row.provider_organisation_id ?? ''))).policy;
  const requestedBy = 'requestedBy' in content && content.requestedBy ? new Date(content.requestedBy) : undefined;
  const changes: Partial<RequestRow> = {
    received_at: now.toISOString(),
    verification: JSON.stringify(report),
    deadline_at: responseDeadline(content.kind, now, policy, requestedBy)?.toISOString() ?? null,
  };
  if (report.ok) {
    changes.state = nextState(content.kind, row.state as RequestState, 'deliver');
  } else {
    // A request that fails verification is never read: it is declined as invalid at once.
    const failed = report.checks.filter((c) => c.status === 'fail');
    const note = `${failed.map((c) => c.message.ja).join('／')}\n${failed.map((c) => c.message.en).join('; ')}`;
    Object.assign(changes, { state: 'declined', decline_reason: 'invalid_request', decline_note: note });
  }
  const next = await updateRequest(tx, row, changes, now);
  await audit({
    actor,
    action: 'request.received',
    subjectType: 'request',
    subjectId: row.id,
    details: { verified: report.ok, failed: report.checks.filter((c) => c.status === 'fail').map((c) => c.name) },
  });
  return next;
}

/**
 * Intake of a signed envelope presented from outside (another shokai server, or a provider's own
 * system): verified before anything is read. A replay is refused and logged; a forged or otherwise
 * failing envelope is kept as declined/invalid_request with its failed checks (so staff see it), and
 * the call answers with the failing code.
 */
export async function intakeEnvelope(
  ctx: AppContext,
  p: Principal,
  raw: unknown,
): Promise<{ row: RequestRow; report: VerificationReport }> {
  requireRole(p, [...PROVIDER_ROLES], ['provider']);
  const env = parseOrThrow(z.strictObject({ envelope: SignedEnvelopeSchema }), raw).envelope;
  const result = await inTransaction(ctx, async (tx, audit, now) => {
    const facts = await verificationFacts(tx, env, p.organisationId);
    const report = verifyEnvelope(env, facts, now);
    const failed = report.checks.filter((c) => c.status === 'fail').map((c) => c.name);
    if (facts.alreadySeen) {
      await audit({
        actor: actorOf(p),
        action: 'request.intake_rejected',
        subjectType: 'envelope',
        subjectId: env.payload.envelopeId,
        details: { reason: 'replay', failed },
      });
      return { kind: 'replay' as const, report };
    }
    const pl = env.payload;
    const [agency, unit, drafter] = await Promise.all([
      tx
        .selectFrom('organisations')
        .select('id')
        .where('id', '=', pl.agencyOrganisationId)
        .where('kind', '=', 'agency')
        .executeTakeFirst(),
      tx
        .selectFrom('units')
        .select('id')
        .where('id', '=', pl.unitId)
        .where('organisation_id', '=', pl.agencyOrganisationId)
        .executeTakeFirst(),
      tx.selectFrom('users').select('id').where('id', '=', pl.draftedBy).executeTakeFirst(),
    ]);
    if (!agency || !unit || !drafter || !facts.content || pl.providerOrganisationId !== p.organisationId) {
      await audit({
        actor: actorOf(p),
        action: 'request.intake_rejected',
        subjectType: 'envelope',
        subjectId: pl.envelopeId,
        details: { reason: 'unknown_sender_or_addressee', failed },
      });
      return { kind: 'unknown' as const, report };
    }
    const at = now.toISOString();
    const row = newRequestRow(at, {
      reference: pl.reference,
      kind: pl.kind,
      state: 'issued',
      agency_organisation_id: pl.agencyOrganisationId,
      unit_id: pl.unitId,
      provider_organisation_id: p.organisationId,
      case_id: null,
      drafted_by: pl.draftedBy,
      approved_by: facts.approver ? pl.approverUserId : null,
      content: JSON.stringify(facts.content),
      envelope: JSON.stringify(env),
      issued_at: pl.issuedAt,
      origin: 'intake',
    });
    await tx.insertInto('requests').values(row).execute();
    // Only a genuinely signed envelope reserves its id: a forgery cannot block the real one.
    const signed = report.checks.every((c) => !c.name.startsWith('signature') || c.status === 'pass');
    if (signed) {
      await tx
        .insertInto('received_envelopes')
        .values({
          envelope_id: pl.envelopeId,
          provider_organisation_id: p.organisationId,
          digest: payloadDigest(pl),
          request_id: row.id,
          received_at: at,
        })
        .execute();
    }
    if (report.ok && facts.content.kind === 'warrant') {
      const w = facts.content.warrant;
      await tx
        .insertInto('used_warrants')
        .values({
          court_organisation_id: w.courtOrganisationId,
          warrant_number: w.warrantNumber,
          provider_organisation_id: p.organisationId,
          request_id: pl.requestId,
          used_at: at,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    const next = await receive(tx, audit, row, report, now, actorOf(p));
    return { kind: 'stored' as const, row: next, report };
  });
  if (result.kind === 'replay') {
    throw new DomainError(
      'REPLAY',
      {
        ja: 'この署名済み要請は既に受け付けています（リプレイ）',
        en: 'this signed request was already received (replay)',
      },
      { envelopeId: env.payload.envelopeId },
    );
  }
  if (result.kind === 'unknown') {
    throw new DomainError(
      'SIGNATURE_INVALID',
      {
        ja: '差出人または宛先を確認できない要請です',
        en: 'the sender or addressee of this request cannot be verified',
      },
      { envelopeId: env.payload.envelopeId, checks: result.report.checks },
    );
  }
  if (!result.report.ok) {
    const failed = result.report.checks.filter((c) => c.status === 'fail');
    const code = failed.some((c) => c.name.startsWith('signature'))
      ? 'SIGNATURE_INVALID'
      : failed.some((c) => c.name === 'revocation')
        ? 'KEY_REVOKED'
        : failed.some((c) => c.name === 'key_validity')
          ? 'KEY_NOT_VALID'
          : failed.some((c) => c.name === 'warrant_attestation')
            ? 'WARRANT_ATTESTATION_INVALID'
            : failed.some((c) => c.name === 'approver_authority')
              ? 'APPROVER_NOT_AUTHORISED'
              : 'SIGNATURE_INVALID';
    throw new DomainError(
      code,
      {
        ja: `検証に失敗しました: ${failed.map((c) => c.message.ja).join('／')}`,
        en: `verification failed: ${failed.map((c) => c.message.en).join('; ')}`,
      },
      { requestId: result.row.id, checks: failed },
    );
  }
  return { row: result.row, report: result.report };
}

/** Re-runs verification of a received request's envelope now (for the provider's page). */
export async function reverify(ctx: AppContext, p: Principal, id: string): Promise<VerificationReport> {
  const { row, side } = await loadVisible(ctx.store.db, p, id);
  if (side !== 'provider' || !row.envelope)
    throw new DomainError('FORBIDDEN', {
      ja: '受領側のみが検証できます',
      en: 'only the receiving provider can verify',
    });
  return ctx.store.transaction(async (tx) => {
    const env = SignedEnvelopeSchema.parse(JSON.parse(row.envelope ?? 'null'));
    const facts = await verificationFacts(tx, env, p.organisationId);
    // The envelope was recorded at receipt; that record is this request, not a replay.
    const seen = await tx
      .selectFrom('received_envelopes')
      .select('request_id')
      .where('envelope_id', '=', env.payload.envelopeId)
      .executeTakeFirst();
    return verifyEnvelope(env, { ...facts, alreadySeen: !!seen && seen.request_id !== row.id }, ctx.clock());
  });
}

// ---------- answers: signed by the provider, sealed to the requesting unit ----------
async function sealAnswer(
  ctx: AppContext,
  tx: Tx,
  audit: Audit,
  p: Principal,
  row: RequestRow,
  answer: AnswerContent,
  now: Date,
): Promise<void> {
  const providerKey = await requireCurrentKey(tx, 'organisation', p.organisationId, 'signing', now);
  const unitKey = await requireCurrentKey(tx, 'unit', row.unit_id, 'encryption', now);
  const providerPrivate = unwrapPrivateKey(ctx, providerKey);
  const signed = {
    requestId: row.id,
    reference: row.reference,
    providerOrganisationId: p.organisationId,
    answeredAt: now.toISOString(),
    answer,
  };
  // The provider's signature over the plaintext travels INSIDE the sealed box: a signature kept in
  // clear would let anyone with a dump and the provider's public key confirm a guessed answer.
  const inner = {
    signed,
    signature: signCanonical(providerPrivate, SIGNATURE_PURPOSES.answer, signed),
    keyId: providerKey.id,
  };
  const box = seal(unitKey.public_key, unitKey.id, canonicalJson(inner), row.id);
  // Outside, the provider signs the ciphertext, so the routing server can check integrity blind.
  const outer = signCanonical(providerPrivate, SIGNATURE_PURPOSES.answer, { requestId: row.id, sealed: box });
  await tx
    .insertInto('answers')
    // Nothing derived from the plaintext sits beside the box: not even full/partial.
    .values({
      id: newId('ans'),
      request_id: row.id,
      outcome: 'sealed',
      sealed: JSON.stringify(box),
      signature: outer,
      signing_key_id: providerKey.id,
      answered_by: p.id,
      created_at: now.toISOString(),
    })
    .execute();
  await audit({
    actor: actorOf(p),
    action: 'answer.sealed',
    subjectType: 'request',
    subjectId: row.id,
    details: { sealedTo: unitKey.fingerprint, sealedDigest: sha256Hex(canonicalJson(box)) },
  });
}

export interface OpenedAnswer {
  answer: AnswerContent;
  answeredAt: string;
  signatureValid: boolean;
  signedBy: { organisationId: string; keyFingerprint: string };
  readAt: string;
}

/** Unseals an answer for a member of the requesting unit; the read is audited in the same transaction. */
export async function readAnswer(ctx: AppContext, p: Principal, id: string): Promise<OpenedAnswer> {
  return inTransaction(ctx, async (tx, audit, now) => {
    const { row, side } = await loadVisible(tx, p, id);
    if (side !== 'agency' || p.unitId !== row.unit_id || !hasRole(p, 'investigator', 'unit_head')) {
      throw new DomainError(
        'FORBIDDEN',
        {
          ja: '回答を開封できるのは要請元所属の捜査員・所属長のみです',
          en: 'only investigators and heads of the requesting unit can open the answer',
        },
        { id },
      );
    }
    const stored = await tx.selectFrom('answers').selectAll().where('request_id', '=', id).executeTakeFirst();
    if (!stored)
      throw new DomainError(
        'NOT_FOUND',
        { ja: 'この要請にはまだ回答がありません', en: 'this request has no answer yet' },
        { id },
      );
    const box = SealedBoxSchema.parse(JSON.parse(stored.sealed));
    const unitKey = await keyById(tx, box.recipientKeyId);
    if (!unitKey)
      throw new DomainError(
        'KEY_UNKNOWN',
        { ja: '封印に使われた鍵が見つかりません', en: 'the key the answer was sealed to is missing' },
        { keyId: box.recipientKeyId },
      );
    const plain = open(unwrapPrivateKey(ctx, unitKey), box, row.id);
    const inner = JSON.parse(plain.toString('utf8')) as {
      signed: { answeredAt: string; answer: unknown; requestId: string };
      signature: string;
      keyId: string;
    };
    const signed = inner.signed;
    const providerKey = await keyById(tx, inner.keyId);
    const answeredAtIso = new Date(signed.answeredAt).toISOString();
    const signatureValid =
      !!providerKey &&
      providerKey.owner_type === 'organisation' &&
      providerKey.owner_id === row.provider_organisation_id &&
      providerKey.valid_from <= answeredAtIso &&
      (providerKey.valid_to === null || providerKey.valid_to > answeredAtIso) &&
      (providerKey.revoked_at === null ||
        (providerKey.revoked_at > answeredAtIso && providerKey.revocation_reason !== 'compromised')) &&
      signed.requestId === row.id &&
      verifyCanonical(providerKey.public_key, SIGNATURE_PURPOSES.answer, signed, inner.signature);
    await audit({
      actor: actorOf(p),
      action: 'answer.read',
      subjectType: 'request',
      subjectId: id,
      details: { signatureValid },
    });
    return {
      answer: AnswerContentSchema.parse(signed.answer),
      answeredAt: signed.answeredAt,
      signatureValid,
      signedBy: { organisationId: row.provider_organisation_id ?? '', keyFingerprint: providerKey?.fingerprint ?? '' },
      readAt: now.toISOString(),
    };
  });
}

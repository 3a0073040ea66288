import { canonicalJson } from '../crypto/canonical.ts';
import { findOrganisation } from '../directory/directory.repository.ts';
import { keyById, toPublicKey } from '../directory/key.repository.ts';
import { currentPolicy, requireProvider } from '../directory/lookups.ts';
import type { Organisation } from '../directory/model.ts';
import { declaredDomains, declaredDomainsAt } from '../directory/networks.ts';
import { actionRefusal, type Principal, type RequestAccessFacts, requestSide, type Side } from '../domain/access.ts';
import { checkCivilTargetsFor } from '../domain/civil-disclosure.ts';
import { doNotNotifyOf } from '../domain/confidentiality.ts';
import { courtOrderStatus } from '../domain/disclosure-order.ts';
import { DomainError } from '../domain/errors.ts';
import { assertRequestAllowed, type ProviderPolicy } from '../domain/policy.ts';
import {
  emergencyBasisOf,
  providerOf,
  type RequestContent,
  RequestContentSchema,
  validateRequestContent,
} from '../domain/request-content.ts';
import { contentRetained } from '../domain/retained.ts';
import { shownInput } from '../domain/shown-text.ts';
import { anyNonAsciiHost, refuseKnownLookalikes } from '../domain/targets.ts';
import { type ThreadNotice, ThreadNoticeSchema } from '../domain/thread-notice.ts';
import { ownerSignatureProblem, type SecondCheck } from '../domain/verification.ts';
import {
  type LifecycleAction,
  lifecycleActionLabel,
  type MessagePurpose,
  type MessageSide,
} from '../domain/vocabulary.ts';
import type { RequestChanged } from '../kernel/events.ts';
import { newId } from '../kernel/ids.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { Db, Tx } from '../store/database.ts';
import type { RequestRow } from '../store/schema.ts';
import { requestKindOf, requestStateOf, STORED, storedOptional } from '../store/stored-values.ts';
import { accessOf, findRequest, insertMessage, updateRequestVersion } from './request.repository.ts';

// What the request use cases share: loading a request the caller may see, the content rules run
// before anyone signs, saving a change under optimistic concurrency, and thread messages.

export function accessFacts(
  row: RequestRow,
  viewer: { shared: boolean; breakGlass: boolean } = { shared: false, breakGlass: false },
): RequestAccessFacts {
  return {
    agencyOrganisationId: row.agency_organisation_id,
    unitId: row.unit_id,
    providerOrganisationId: row.provider_organisation_id,
    draftedBy: row.drafted_by,
    origin: row.origin,
    receivedAt: row.received_at,
    sharedWithViewer: viewer.shared,
    breakGlassForViewer: viewer.breakGlass,
  };
}

/**
 * The request's access facts for this viewer: whether the issuing unit shared it with them, or they
 * (an auditor) hold a live break-glass — asked only of those outside the issuing unit.
 */
export async function viewerFacts(db: Db | Tx, p: Principal, row: RequestRow, at: Date): Promise<RequestAccessFacts> {
  const outsider =
    (p.organisationKind === 'agency' && p.organisationId === row.agency_organisation_id && p.unitId !== row.unit_id) ||
    p.organisationKind === 'oversight';
  return accessFacts(row, outsider ? await accessOf(db, row.id, p.id, at.toISOString()) : undefined);
}

/**
 * The second check recorded on a request (an emergency signed with a new credential), if any; for a reader
 * the content is withheld from, without its number and note.
 */
export function secondCheckOf(row: RequestRow, readable = true): SecondCheck | null {
  const check = row.second_check ? (JSON.parse(row.second_check) as SecondCheck) : null;
  return check && !readable ? { ...check, callbackPhone: null, note: null } : check;
}

export function contentOf(row: RequestRow): RequestContent {
  const raw = JSON.parse(row.content) as RequestContent;
  // Retention emptied a closed request's targets and text (retainedContent, src/domain/retention.ts): what
  // is left was validated when written and reads as it is, '' where a person's words were.
  if (row.state === 'closed' && contentRetained(raw)) return raw;
  return RequestContentSchema.parse(raw);
}

const notFound = (id: string) =>
  new DomainError(
    'NOT_FOUND',
    // The same words whether it does not exist or is another's: which of the two is not told.
    {
      ja: `照会 ${shownInput(id)} はありません（存在しないか、閲覧できる範囲にありません）`,
      en: `request ${shownInput(id)} does not exist, or is not one you may see`,
    },
    {
      field: 'id',
      value: id,
    },
  );

/**
 * Loads a request the principal may see; another organisation's request — or another unit's that was
 * not shared — is simply not found. `facts` say what the viewer may read of it.
 */
export async function loadVisible(
  db: Db | Tx,
  p: Principal,
  id: string,
  at: Date = new Date(),
): Promise<{ row: RequestRow; side: Side; facts: RequestAccessFacts }> {
  const row = await findRequest(db, id);
  if (!row) throw notFound(id);
  const facts = await viewerFacts(db, p, row, at);
  const side = requestSide(p, facts);
  if (!side) throw notFound(id);
  return { row, side, facts };
}

/** A request row by id (the caller has already decided it may act on it). */
export async function requireRequest(db: Db | Tx, id: string): Promise<RequestRow> {
  const row = await findRequest(db, id);
  if (!row) throw notFound(id);
  return row;
}

/**
 * The rules a request meets before anyone signs, and again at a provider's door: content validation,
 * the default legal matrix and the addressee's published policy. With `signedAt` (a signed envelope's check),
 * a target's host is compared with the providers' domains as they were declared then, not now: the approver
 * signed what the directory said at that moment, and a domain declared since must not turn a lawful request sent
 * before it into a forgery.
 */
export async function checkContent(
  db: Db | Tx,
  content: RequestContent,
  now: Date,
  presenter?: string,
  signedAt?: Date,
): Promise<{ provider: Organisation; policy: ProviderPolicy } | null> {
  validateRequestContent(content, now);
  // The directory's domains are read only for a host holding a character outside ASCII (no ASCII name is compared).
  if (anyNonAsciiHost(content.targets)) {
    const known = signedAt ? await declaredDomainsAt(db, signedAt) : await declaredDomains(db);
    refuseKnownLookalikes(content.targets, known);
  }
  if (content.kind === 'civil_disclosure' && content.civil.courtOrder) {
    await requireCourt(db, content.civil.courtOrder.courtOrganisationId);
    if (presenter) await checkSignedOrder(db, content, presenter);
  }
  const providerId = providerOf(content);
  if (content.kind === 'mlat' || !providerId) return null;
  const provider = await requireProvider(db, providerId, 'content.providerOrganisationId');
  if (content.kind === 'civil_disclosure') checkCivilTargetsFor(provider, content.civil, content.targets);
  const { policy } = await currentPolicy(db, provider);
  const basis = emergencyBasisOf(content);
  assertRequestAllowed(
    {
      kind: content.kind,
      categories: content.categories,
      ...(basis ? { emergencyBasis: basis } : {}),
      doNotNotify: doNotNotifyOf(content) !== undefined,
    },
    { isTelecomCarrier: provider.isTelecomCarrier, policy },
  );
  return { provider, policy };
}

/** The court that made a presented order must be a court of the directory: the provider checks it there. */
async function requireCourt(db: Db | Tx, id: string): Promise<void> {
  const court = await findOrganisation(db, id);
  if (court?.kind === 'court') return;
  throw new DomainError(
    'VALIDATION_FAILED',
    {
      ja: '命令を出した裁判所は、ディレクトリに登録された裁判所から選んでください',
      en: 'the court that made the order must be one of the courts in the directory',
    },
    { field: 'civil.courtOrder.courtOrganisationId', value: id },
  );
}

/**
 * A court order carrying a judge's signature must verify for the office presenting it, with this
 * provider, claimant, posts and sender information — checked at drafting as the provider will check
 * it, so an altered order is refused before anyone signs. A hand-entered order (no signature) passes
 * here and is shown to the provider as unverified.
 */
async function checkSignedOrder(
  db: Db | Tx,
  content: Extract<RequestContent, { kind: 'civil_disclosure' }>,
  presenter: string,
): Promise<void> {
  const order = content.civil.courtOrder;
  if (!order?.attestation) return;
  const key = await keyById(db, order.attestation.keyId);
  const court = await findOrganisation(db, order.courtOrganisationId);
  const status = courtOrderStatus(
    content,
    presenter,
    key ? toPublicKey(key) : undefined,
    court?.kind === 'court',
    (k, d, sig) => ownerSignatureProblem(k, d, sig) === null,
  );
  if (status === 'verified') return;
  throw new DomainError(
    'VALIDATION_FAILED',
    {
      ja: `裁判所の命令（${order.caseNumber}）の裁判官の署名が、この請求の内容（請求者・投稿・発信者情報・宛先）と一致しません。発令された命令をそのまま選んでください`,
      en:
        `the judge's signature over the order (${order.caseNumber}) does not match this ` +
        `request (claimant, posts, sender information, provider); pick the issued order as it is`,
    },
    { field: 'civil.courtOrder.attestation', value: order.attestation.keyId },
  );
}

/** Tells open screens, once the change has committed, that a request changed. */
export function announce(uow: UnitOfWork, next: RequestRow, previousState: string | null): void {
  const event: RequestChanged = {
    type: 'request.changed',
    requestId: next.id,
    reference: next.reference,
    kind: requestKindOf(next),
    state: requestStateOf(next),
    previousState: storedOptional(STORED.requestState, previousState, next.id),
    at: uow.now.toISOString(),
    agencyOrganisationId: next.agency_organisation_id,
    unitId: next.unit_id,
    providerOrganisationId: next.provider_organisation_id,
    draftedBy: next.drafted_by,
    origin: next.origin,
    receivedAt: next.received_at,
  };
  uow.afterCommit(() => uow.ctx.events.publish(event));
}

/** Applies changes to the version read; CONFLICT when someone else changed the request meanwhile. */
export async function saveRequest(uow: UnitOfWork, row: RequestRow, changes: Partial<RequestRow>): Promise<RequestRow> {
  const next = { ...row, ...changes, updated_at: uow.now.toISOString(), version: row.version + 1 };
  const ok = await updateRequestVersion(uow.tx, row.id, row.version, {
    ...changes,
    updated_at: next.updated_at,
    version: next.version,
  });
  if (!ok) {
    throw new DomainError(
      'CONFLICT',
      {
        ja: '要請が同時に更新されました。読み込み直してください',
        en: 'the request was changed concurrently: reload and try again',
      },
      { id: row.id },
    );
  }
  announce(uow, next, row.state);
  return next;
}

/** A new request row: the given identity and content, every lifecycle field still empty. */
export function newRequestRow(
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
    clarification_asked_at: null,
    opinion_deadline_at: null,
    preservation_until: null,
    preservation_extended: 0,
    answered_at: null,
    closed_at: null,
    second_check: null,
    created_at: at,
    updated_at: at,
    version: 1,
  };
}

/** A message in a request's thread (the provider never sees internal notes). */
export async function addMessage(
  uow: UnitOfWork,
  row: RequestRow,
  p: Principal | null,
  side: MessageSide,
  purpose: MessagePurpose,
  said: string | ThreadNotice,
  words = '',
): Promise<void> {
  // What a person wrote is kept as written; the system's notice as its code, rendered per reader, with
  // the person's `words` beside it (the reason of an extension).
  const notice = typeof said === 'string' ? null : canonicalJson(ThreadNoticeSchema.parse(said));
  await insertMessage(uow.tx, {
    id: newId('msg'),
    request_id: row.id,
    author_user_id: p?.kind === 'user' ? p.id : null,
    side,
    purpose,
    body: typeof said === 'string' ? said : words,
    notice,
    created_at: uow.now.toISOString(),
  });
}

/**
 * Refuses `action` on `row` to a principal the access rules do not let take it, in words saying why (the
 * lifecycle move itself, and a preview of what the move will sign).
 */
export function refuseAction(p: Principal, row: RequestRow, action: LifecycleAction, onDuty: boolean): void {
  const refusal = actionRefusal(p, accessFacts(row), action, { covers: onDuty });
  if (refusal === null) return;
  const label = lifecycleActionLabel(action, requestKindOf(row));
  switch (refusal) {
    case 'other_side':
      throw new DomainError(
        'FORBIDDEN',
        { ja: `「${label.ja}」は相手方の操作です`, en: `"${label.en}" belongs to the other side` },
        { action },
      );
    case 'self_approval':
      throw new DomainError(
        'SELF_APPROVAL',
        { ja: '起案者は自分の要請を決裁できません', en: 'the drafter cannot approve their own request' },
        { id: row.id },
      );
    case 'other_unit':
    case 'no_permission':
      if (action === 'approve' || action === 'reject_approval') {
        throw new DomainError(
          'APPROVER_NOT_AUTHORISED',
          {
            ja: '決裁できるのは同じ所属の所属長（指定期間中の当直責任者を含む）のみです',
            en: 'only a head of the same unit (or a duty approver within their designation) can approve',
          },
          { id: row.id, unitId: row.unit_id },
        );
      }
      throw new DomainError(
        'FORBIDDEN',
        { ja: `あなたの役割では「${label.ja}」はできません`, en: `your role cannot "${label.en}"` },
        { action },
      );
  }
}

/** The content of a request is withheld from this reader (the oversight body, until it records a reason). */
export const contentWithheld = (id: string) =>
  new DomainError(
    'FORBIDDEN',
    {
      ja: '要請の内容は、閲覧の理由を記録してから表示されます（監督機関）',
      en: 'the content of a request is shown once a reason for reading it is recorded (oversight)',
    },
    { id },
  );

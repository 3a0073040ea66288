import { z } from 'zod';
import { canonicalJson, sha256Hex } from '../crypto/canonical.ts';
import { type Caller, type Principal, requirePermission, SYSTEM_CALLER } from '../domain/access.ts';
import { type AnswerContent, AnswerContentSchema, validateAnswerContent } from '../domain/answer-content.ts';
import { DomainError } from '../domain/errors.ts';
import { type RequestContent, RequestContentSchema } from '../domain/request-content.ts';
import { parseOrThrow } from '../domain/validation.ts';
import { type Bilingual, DECLINE_REASONS, type FindingVerdict } from '../domain/vocabulary.ts';
import { type PreparedTarget, prepareFindings } from '../holders/findings.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { AgentRequestRow } from '../store/schema.ts';
import { listAgentRequests, moveAgentRequest } from './agent.repository.ts';
import { answerFilesOf } from './answer-files.repository.ts';
import { type AgentFileView, answerWithFiles, type FileSealer, fileViewOf, sealAnswerFiles } from './answer-files.ts';
import {
  approvedUnderStageRule,
  breaksContentRule,
  type HeldContentRule,
  heldContentRule,
  requireContentRulesMet,
} from './content-rules-held.ts';
import { keepsVerdicts, requireEditedDatesRead } from './edit-rules.ts';
import { type HubEndedView, hubEndedOf, requireNotEndedAtHub } from './hub-ended-texts.ts';
import { type OrderLogView, orderLogView, requireOrderAnswerable } from './order-set-aside.ts';
import { heldForCallBack, pinForAge } from './own-call-back.ts';
import { type OwnCategory, type OwnStage, ownStage } from './own-category.ts';
import { type RequestFileView, requestFileViews } from './request-files.ts';
import { contentOfRow, draftOfRow, envelopeOf, notIn, requireAgentRequest, requireOpenDraft } from './request-row.ts';
import { type Requester, requesterOf, requireDeclineReasonFor } from './review-facts.ts';
import { draftFromForm } from './review-form.ts';
import { type SendRefusal, sendRefusalOf } from './send-refusal.ts';

// What a person does with a request in the provider's own installation: the findings are prepared from
// the installation's own records (src/holders), a legal officer reviews them, may edit the answer or
// decline, and approves; only then is the answer signed with the installation key and sealed (seal.ts)
// to the requesting unit and to the provider itself. Nothing leaves without a person except what the
// provider's policy lets go automatically (answers whose every finding is `none`), off by default.

export interface AgentPolicy {
  /** Let an answer whose every target's finding is `none` go without a person. */
  autoNone: boolean;
}

/** What the installation knows of a request (and only its own people see). */
export interface AgentRequestView {
  requestId: string;
  envelopeId: string;
  reference: string;
  kind: string;
  state: string;
  source: string;
  receivedAt: string;
  content: RequestContent;
  agencyOrganisationId: string;
  unitId: string;
  /** Who asks, as the pinned directory names the agency and the unit (null: not in the pin), and when it was signed. */
  requester: Requester;
  findings: PreparedTarget[] | null;
  draft: AnswerContent | null;
  /** The SHA-256 of the canonical draft: an approval names it, so what is approved is what was reviewed. */
  draftDigest: string | null;
  /** The files attached to the draft (named in the answer, covered by its digest). */
  files: AgentFileView[];
  /** The requester's files: those the signed envelope names, as checked here, and any it does not name. */
  requestFiles: RequestFileView[];
  editedBy: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  declineReason: string | null;
  automatic: boolean;
  sentAt: string | null;
  attempts: number;
  /** The hub refused to take what was approved or declined here: its words (needs a person). */
  sendRefused: SendRefusal | null;
  /** Held here before its send, on the installation's own ask (./held-here.ts): why, in its words. */
  heldHere?: Bilingual | null;
  /** Withdrawn or closed at the hub since it was taken in, per the hub (kept; no longer answered here). */
  hubEnded: HubEndedView | null;
  /** What the pinned log says against answering it (its order set aside or contested, records ignored). */
  orderLog: OrderLogView | null;
  /** Taken in before intake ran the content rules, it breaks one: why, in intake's words (not answered). */
  contentRule: HeldContentRule | null;
  /** Approved before the category was told, and breaking the stage rule now: for information (sent as approved). */
  approvedStageNote?: Bilingual | null;
}

export const draftDigest = (draft: AnswerContent): string => sha256Hex(canonicalJson(draft));

/** The draft of a request as it would be signed now (naming its files), and its digest. */
async function reviewedDraft(uow: UnitOfWork, row: AgentRequestRow) {
  const files = await answerFilesOf(uow.tx, row.request_id);
  const draft = draftOfRow(row);
  const answer = draft ? answerWithFiles(draft, files) : null;
  const requestFiles = await requestFileViews(uow.tx, row);
  return { draft, files, answer, requestFiles, digest: answer ? draftDigest(answer) : null };
}

function viewOf(
  row: AgentRequestRow,
  reviewed: Awaited<ReturnType<typeof reviewedDraft>>,
  orderLog: OrderLogView | null,
  requester: Requester,
  stage: OwnStage | undefined,
): AgentRequestView {
  const env = envelopeOf(row);
  const { draft } = reviewed;
  return {
    requestId: row.request_id,
    envelopeId: row.envelope_id,
    reference: row.reference,
    kind: row.kind,
    state: row.state,
    source: row.source,
    receivedAt: row.received_at,
    content: RequestContentSchema.parse(env.payload.content),
    agencyOrganisationId: env.payload.agencyOrganisationId,
    unitId: env.payload.unitId,
    requester,
    findings: row.findings ? (JSON.parse(row.findings) as PreparedTarget[]) : null,
    draft,
    draftDigest: reviewed.digest,
    files: reviewed.files.map(fileViewOf),
    requestFiles: reviewed.requestFiles,
    editedBy: row.edited_by,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    declineReason: row.decline_reason,
    automatic: row.automatic === 1,
    sentAt: row.sent_at,
    attempts: row.attempts,
    sendRefused: sendRefusalOf(row),
    hubEnded: hubEndedOf(row),
    orderLog,
    contentRule: heldContentRule(row, stage),
  };
}

/** The verdict of every prepared target (null where nothing was looked up). */
export function verdictsOf(findings: readonly PreparedTarget[]): Array<FindingVerdict | null> {
  return findings.map((t) => t.finding?.verdict ?? null);
}

/**
 * Prepares the answer of a received request from this installation's own records. Runs as the
 * installation's operator; the lookups are audited one per target by the holders' use cases. Not while
 * the pinned log shows its court order set aside or contested. Returns whether the provider's policy lets
 * it go without a person. `own`: the category this process runs with (the civil stage rule, ./own-category.ts).
 */
export async function prepareRequest(
  uow: UnitOfWork,
  caller: Caller,
  requestId: string,
  policy: AgentPolicy,
  own: OwnCategory,
): Promise<{ verdicts: Array<FindingVerdict | null>; automatic: boolean }> {
  const row = await requireAgentRequest(uow.tx, requestId);
  if (row.state !== 'received') throw notIn(row, 'received');
  await requireOrderAnswerable(uow, caller, row);
  await requireContentRulesMet(uow, caller, row, 'prepare', own);
  const prepared = await prepareFindings(uow, caller, { request: contentOfRow(row) });
  const verdicts = verdictsOf(prepared.targets);
  const automatic =
    policy.autoNone &&
    prepared.answer !== null &&
    prepared.answer.outcome === 'full' &&
    verdicts.length > 0 &&
    verdicts.every((v) => v === 'none');
  const at = uow.now.toISOString();
  const moved = await moveAgentRequest(uow.tx, requestId, 'received', {
    state: 'prepared',
    findings: JSON.stringify(prepared.targets),
    draft: prepared.answer ? JSON.stringify(prepared.answer) : null,
    updated_at: at,
  });
  if (!moved) throw notIn(row, 'received');
  await uow.auditBy(caller, 'agent.prepared', ['request', requestId], { verdicts, automatic });
  return { verdicts, automatic };
}

/** The requests of this installation for its people: state and reference only (no personal data). */
export async function listForReview(
  uow: UnitOfWork,
  p: Principal | Caller,
  own: OwnCategory,
  states?: readonly string[],
): Promise<
  Array<
    Pick<
      AgentRequestView,
      'requestId' | 'reference' | 'kind' | 'state' | 'receivedAt' | 'automatic' | 'hubEnded' | 'sendRefused'
    > & { breaksContentRule: boolean; heldHere: boolean }
  >
> {
  // The installation's own operator sees the list too (states and references: no personal data).
  if (p.kind !== 'system') requirePermission(p, 'request.review');
  const rows = await listAgentRequests(uow.tx, states, 500);
  const [stage, pin] = [await ownStage(uow, own), pinForAge(uow)];
  const out = [];
  for (const r of rows) {
    out.push({
      requestId: r.request_id,
      reference: r.reference,
      kind: r.kind,
      state: r.state,
      receivedAt: r.received_at,
      automatic: r.automatic === 1,
      hubEnded: hubEndedOf(r),
      sendRefused: sendRefusalOf(r),
      // Held from before intake ran the content rules and breaking one: it needs a person (declined as invalid).
      breaksContentRule: (r.state === 'received' || r.state === 'prepared') && breaksContentRule(r, stage),
      // Approved, and held here until a call-back is recorded here: worked out as the request's page does.
      heldHere: (await heldForCallBack(uow, r, pin)) !== null,
    });
  }
  return out;
}

/** One request with its findings and draft answer (personal data: the read is audited). */
export async function viewForReview(
  uow: UnitOfWork,
  p: Principal,
  requestId: string,
  own: OwnCategory,
): Promise<AgentRequestView> {
  requirePermission(p, 'request.answer');
  const row = await requireAgentRequest(uow.tx, requestId);
  const [orderLog, requester] = [await orderLogView(uow, row), await requesterOf(uow, row)];
  // The stage rule by this process's category is a hold on answering while the request is still open; on an
  // answer approved and not yet sent, a line for information only.
  const open = row.state === 'received' || row.state === 'prepared';
  const stage = open || row.state === 'approved' ? await ownStage(uow, own) : undefined;
  const view = viewOf(row, await reviewedDraft(uow, row), orderLog, requester, open ? stage : undefined);
  view.heldHere = await heldForCallBack(uow, row);
  view.approvedStageNote = approvedUnderStageRule(row, stage);
  // A request that breaks the content rules intake runs now: the opening records which rule.
  await uow.auditBy(p, 'agent.viewed', ['request', requestId], {
    state: row.state,
    ...(view.contentRule ? { contentRule: view.contentRule.reason } : {}),
  });
  return view;
}

export const EditInput = z.strictObject({ answer: AnswerContentSchema });

/** A person changes the draft answer (checked against the request as a draft at the hub would be). */
export async function editDraft(uow: UnitOfWork, p: Principal, requestId: string, raw: unknown): Promise<string> {
  requirePermission(p, 'request.answer');
  const { answer } = parseOrThrow(EditInput, raw, 'answer');
  const row = await requireOpenDraft(uow.tx, requestId);
  if (answer.attachments !== undefined) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: '回答のファイルは回答案の「ファイルを添付」（または shokai agent attach）で添付してください',
        en: "attach the answer's files with the draft's file control (or shokai agent attach)",
      },
      { field: 'answer.attachments' },
    );
  }
  validateAnswerContent(answer, contentOfRow(row));
  requireEditedDatesRead(answer, draftOfRow(row));
  keepsVerdicts(answer, row.findings ? (JSON.parse(row.findings) as PreparedTarget[]) : []);
  const moved = await moveAgentRequest(uow.tx, requestId, 'prepared', {
    draft: JSON.stringify(answer),
    edited_by: p.displayName,
    updated_at: uow.now.toISOString(),
  });
  if (!moved) throw notIn(row, 'prepared');
  const digest = draftDigest(answerWithFiles(answer, await answerFilesOf(uow.tx, requestId)));
  await uow.auditBy(p, 'agent.edited', ['request', requestId], { digest });
  return digest;
}

/**
 * A person edits the draft through the review pages' form: `form` is the posted form, `digest` names
 * the draft it was filled in against (a draft changed meanwhile is refused, not overwritten).
 */
export async function editDraftFields(
  uow: UnitOfWork,
  p: Principal,
  requestId: string,
  form: Record<string, unknown>,
): Promise<string> {
  requirePermission(p, 'request.answer');
  // Ended at the hub is said before a draft changed since the page was shown.
  const row = await requireOpenDraft(uow.tx, requestId);
  const { draft: current, digest } = await reviewedDraft(uow, row);
  if (!current || form.digest !== digest) {
    throw new DomainError(
      'CONFLICT',
      {
        ja: '回答案はこの画面を開いた後に変更されています。開き直してから編集してください',
        en: 'the draft changed after this page was opened: open it again, then edit',
      },
      { field: 'digest', value: form.digest },
    );
  }
  return editDraft(uow, p, requestId, { answer: draftFromForm(current, form) });
}

export const DeclineInput = z.strictObject({
  reason: z.enum(DECLINE_REASONS),
  note: z.string().trim().max(5000).optional(),
});

/** A person declines to answer: the decline (a reason, no data) is what will be sent. */
export async function declineRequest(uow: UnitOfWork, p: Principal, requestId: string, raw: unknown): Promise<void> {
  requirePermission(p, 'request.answer');
  const input = parseOrThrow(DeclineInput, raw);
  const row = await requireAgentRequest(uow.tx, requestId);
  if (row.state !== 'prepared' && row.state !== 'received') throw notIn(row, 'prepared');
  requireNotEndedAtHub(row);
  requireDeclineReasonFor(row, input.reason);
  const at = uow.now.toISOString();
  const moved = await moveAgentRequest(uow.tx, requestId, row.state, {
    state: 'declined',
    decided_by: p.displayName,
    decided_at: at,
    decline_reason: input.reason,
    submission: JSON.stringify({
      action: 'decline',
      reason: input.reason,
      ...(input.note ? { note: input.note } : {}),
    }),
    updated_at: at,
  });
  if (!moved) throw notIn(row, row.state);
  await uow.auditBy(p, 'agent.declined', ['request', requestId], { reason: input.reason });
}

/**
 * Builds the signed, sealed submission of an approved answer (seal.ts): the installation key signs;
 * `file` seals each of its files to the same keys.
 */
export interface Sealer {
  answer(row: AgentRequestRow, answer: AnswerContent, answeredAt: string): Promise<unknown>;
  file: FileSealer;
}

export const ApproveInput = z.strictObject({
  digest: z.string().regex(/^[0-9a-f]{64}$/, 'digest: the SHA-256 of the draft as reviewed'),
});

/**
 * A person approves the draft they reviewed (named by its digest): it is signed with the installation
 * key and sealed to the requesting unit and to the provider, and waits in the outbox to be sent.
 * `p` null is the provider's policy (automatic `none` answers), recorded as such.
 */
export async function approveAnswer(
  uow: UnitOfWork,
  p: Principal | null,
  requestId: string,
  raw: unknown,
  seal: Sealer,
  own: OwnCategory,
): Promise<void> {
  if (p) requirePermission(p, 'request.answer');
  const { digest } = parseOrThrow(ApproveInput, raw);
  const row = await requireAgentRequest(uow.tx, requestId);
  if (row.state !== 'prepared') throw notIn(row, 'prepared');
  await requireOrderAnswerable(uow, p ?? SYSTEM_CALLER, row);
  requireNotEndedAtHub(row);
  await requireContentRulesMet(uow, p ?? SYSTEM_CALLER, row, 'approve', own);
  const reviewed = await reviewedDraft(uow, row);
  if (!reviewed.answer) {
    throw new DomainError(
      'VALIDATION_FAILED',
      { ja: '回答案がありません。先に回答を記入してください', en: 'there is no draft answer: write one first' },
      { field: 'answer' },
    );
  }
  if (reviewed.digest !== digest) {
    throw new DomainError(
      'CONFLICT',
      {
        ja: '確認した回答案と現在の回答案が異なります。もう一度確認してください',
        en: 'the draft is not the one you reviewed: review it again',
      },
      { field: 'digest', value: digest },
    );
  }
  const at = uow.now.toISOString();
  const submission = await seal.answer(row, reviewed.answer, at);
  await sealAnswerFiles(uow, requestId, seal.file);
  const moved = await moveAgentRequest(uow.tx, requestId, 'prepared', {
    state: 'approved',
    decided_by: p ? p.displayName : null,
    decided_at: at,
    automatic: p ? 0 : 1,
    submission: JSON.stringify(submission),
    updated_at: at,
  });
  if (!moved) throw notIn(row, 'prepared');
  await uow.auditBy(p ?? SYSTEM_CALLER, 'agent.approved', ['request', requestId], {
    digest,
    automatic: p === null,
    files: reviewed.files.length,
  });
}

import { z } from 'zod';
import { AssertionInput } from '../directory/credentials.ts';
import { type Principal, requireRequestKindOf } from '../domain/access.ts';
import { AnswerContentSchema } from '../domain/answer-content.ts';
import { SealedAnswerSubmissionSchema } from '../domain/answer-signing.ts';
import { assertMayTellSubscriber } from '../domain/confidentiality.ts';
import { opinionDeadline } from '../domain/days-off.ts';
import { deadlineAfterClarification, preservationExpiry, refuseOpinionBeforeDeadline } from '../domain/deadlines.ts';
import { DomainError } from '../domain/errors.ts';
import { InstantSchema } from '../domain/instant.ts';
import { nextState } from '../domain/lifecycle.ts';
import type { ProviderPolicy } from '../domain/policy.ts';
import type { ThreadNotice } from '../domain/thread-notice.ts';
import { parseOrThrow } from '../domain/validation.ts';
import type { SecondCheck } from '../domain/verification.ts';
import { DECLINE_REASONS } from '../domain/vocabulary.ts';
import { assertAddresseeHolds } from '../evidence/whom/addressee.ts';
import { hearingHeldInSystem } from '../hearing/hearing.repository.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import { indexIssuedRequest } from '../overlap/deconfliction.ts';
import type { RequestRow } from '../store/schema.ts';
import { requestKindOf, requestStateOf } from '../store/stored-values.ts';
import { answerRequest } from './answers.ts';
import { approve, dutyCoverOf } from './approval.ts';
import { deliver } from './delivery.ts';
import {
  addMessage,
  checkContent,
  contentOf,
  loadVisible,
  refuseAction,
  saveRequest,
  secondCheckOf,
} from './requests.ts';
import { WithdrawalReason, withdrawalColumns } from './withdrawal.ts';

// Every move of a request through its lifecycle: the lifecycle says whether the action is legal in
// the state, the access rules whether this principal may take it, and each action's own rules what
// else must hold. One audit entry per move.

const Text = z.string().trim().min(1).max(10000);
export const TransitionInput = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('submit') }),
  z.strictObject({
    action: z.literal('approve'),
    digest: z.string().regex(/^[0-9a-f]{64}$/, 'digest: the SHA-256 from the signing preview'),
    /** The approver's own credential's assertion over the digest (required once they registered one). */
    assertion: AssertionInput.optional(),
  }),
  z.strictObject({ action: z.literal('reject_approval'), reason: Text }),
  z.strictObject({ action: z.literal('start_review') }),
  z.strictObject({ action: z.literal('request_clarification'), message: Text }),
  z.strictObject({ action: z.literal('clarify'), message: Text }),
  z.strictObject({ action: z.literal('start_opinion_hearing'), message: Text.optional() }),
  z.strictObject({
    action: z.literal('record_opinion'),
    /** The opinion as the provider writes it (the hearing's own decision writes a notice instead). */
    opinion: Text.optional(),
    objection: z.boolean(),
    /** With an opinion written by hand: whether the subscriber replied (no reply stands only after the deadline). */
    replied: z.boolean().optional(),
  }),
  z.strictObject({
    action: z.literal('answer'),
    /**
     * The answer signed and sealed on the provider's side (src/client/answer-seal.ts): the hub sees
     * ciphertext only. Required once the provider holds its own credential.
     */
    sealed: SealedAnswerSubmissionSchema.optional(),
    /** LEGACY (stores not yet migrated): the answer in clear, signed and sealed by the hub. */
    answer: AnswerContentSchema.optional(),
    /** The digest of the answer preview the provider reviewed (the web always sends it). */
    digest: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'digest: the SHA-256 from the answer preview')
      .optional(),
  }),
  z.strictObject({
    action: z.literal('decline'),
    reason: z.enum(DECLINE_REASONS),
    note: z.string().max(5000).optional(),
  }),
  z.strictObject({
    action: z.literal('withdraw'),
    reason: WithdrawalReason,
    /** The instant the withdrawal preview fixed (with its offset): signed with the rest, given with the assertion. */
    withdrawnAt: InstantSchema.optional(),
    /**
     * The withdrawing person's passkey assertion over the preview's digest (POST …/withdrawal-preview), so
     * the provider can verify the withdrawal; without it the withdrawal is recorded unsigned (never blocked).
     */
    assertion: AssertionInput.optional(),
  }),
  /** An approved act: the unit head extends, saying why; the provider is told in the thread. */
  z.strictObject({ action: z.literal('extend_preservation'), reason: Text }),
  z.strictObject({
    action: z.literal('confirm_second_check'),
    /** Whom the provider called back on the registered number, and what they confirmed. */
    note: Text,
  }),
  z.strictObject({ action: z.literal('close') }),
]);
export type TransitionInput = z.infer<typeof TransitionInput>;

/** Recording an opinion says what it was: in the provider's words, or the hearing's notice. */
function noOpinion(): never {
  throw new DomainError(
    'VALIDATION_FAILED',
    { ja: '発信者の意見を書いてください', en: "write the subscriber's opinion" },
    { field: 'opinion' },
  );
}

/**
 * An opinion written by hand (the API's `opinion`) stands for a hearing held outside the system. Once the
 * hearing is the system's (a letter with its reply link, or a record that none could be held), only its
 * decision records the opinion: by hand it would skip the subscriber's two weeks and leave the link open.
 */
async function refuseOpinionByHand(uow: UnitOfWork, requestId: string): Promise<void> {
  if (!(await hearingHeldInSystem(uow.tx, requestId))) return;
  throw new DomainError(
    'CONFLICT',
    {
      ja: 'この要請の意見照会は照会書で行っています。発信者の意見は意見照会の判断として記録してください',
      en: "this request's hearing is held through its letter: record the opinion by deciding on the hearing",
    },
    { field: 'action', value: 'record_opinion' },
  );
}

/** Preservation (CCP 197(4)) is extended once, while it still runs. */
function extendPreservation(
  uow: UnitOfWork,
  row: RequestRow,
): { preservation_extended: 1; preservation_until: string } {
  const content = contentOf(row);
  if (content.kind !== 'preservation' || !row.answered_at) {
    throw new DomainError('ILLEGAL_TRANSITION', { ja: '保全要請ではありません', en: 'not a preservation request' });
  }
  if (row.preservation_extended) {
    throw new DomainError(
      'PRESERVATION_EXTENSION_USED',
      { ja: '保全期間の延長は一度だけです', en: 'the preservation period can be extended only once' },
      { id: row.id },
    );
  }
  if (!row.preservation_until || row.preservation_until <= uow.now.toISOString()) {
    throw new DomainError(
      'ILLEGAL_TRANSITION',
      {
        ja: '保全期間が既に終了しているため延長できません',
        en: 'the preservation period has already ended: it cannot be extended',
      },
      { id: row.id, preservationUntil: row.preservation_until },
    );
  }
  return {
    preservation_extended: 1,
    preservation_until: preservationExpiry(new Date(row.answered_at), content.preservation.days, true).toISOString(),
  };
}

/** The provider records the call-back it made for an emergency signed with a new credential. */
function confirmSecondCheck(uow: UnitOfWork, p: Principal, row: RequestRow, note: string): SecondCheck {
  const check = secondCheckOf(row);
  if (!check?.required) {
    throw new DomainError('ILLEGAL_TRANSITION', {
      ja: 'この要請には折り返し確認は求められていません',
      en: 'no call-back check is asked for this request',
    });
  }
  if (check.confirmedAt) {
    throw new DomainError('CONFLICT', {
      ja: '折り返し確認は記録済みです',
      en: 'the call-back check is already recorded',
    });
  }
  return { ...check, confirmedBy: p.displayName, confirmedAt: uow.now.toISOString(), note };
}

/**
 * The deadline once the requester clarifies: pushed back by the days the request waited on it (a provider
 * cannot answer a request it asked to be clarified), a warrant's never past the warrant's end.
 */
function clarifiedDeadline(
  uow: UnitOfWork,
  row: RequestRow,
): Pick<RequestRow, 'clarification_asked_at'> & Partial<Pick<RequestRow, 'deadline_at'>> {
  if (row.deadline_at === null || row.clarification_asked_at === null) return { clarification_asked_at: null };
  const content = contentOf(row);
  const validUntil = content.kind === 'warrant' ? new Date(content.warrant.validUntil) : undefined;
  const deadline = deadlineAfterClarification(
    new Date(row.deadline_at),
    new Date(row.clarification_asked_at),
    uow.now,
    validUntil,
  );
  return { clarification_asked_at: null, deadline_at: deadline.toISOString() };
}

/**
 * One move of the lifecycle. `notice` is what the system writes to the thread for the move (the hearing's
 * letter sent, or the opinion recorded), in place of text: it is rendered in each reader's language.
 */
export async function transition(
  uow: UnitOfWork,
  p: Principal,
  id: string,
  raw: unknown,
  notice?: ThreadNotice,
): Promise<RequestRow> {
  const input = parseOrThrow(TransitionInput, raw);
  const { row } = await loadVisible(uow.tx, p, id, uow.now);
  const action = input.action;
  const to = nextState(requestKindOf(row), requestStateOf(row), action);
  // A duty approver (当直責任者) approves only under a designation that covers this request now.
  const duty = action === 'approve' || action === 'reject_approval' ? await dutyCoverOf(uow, p, row) : undefined;
  refuseAction(p, row, action, duty !== undefined);
  const changes: Partial<RequestRow> = { state: to };
  const details: Record<string, unknown> = { action, from: row.state, to };
  // The addressee's policy, read once at approval and used again at delivery.
  let addresseePolicy: ProviderPolicy | undefined;

  switch (input.action) {
    case 'submit':
      // A civil disclosure drafted by the police before issue 15 is not sent on: the drafter withdraws it.
      requireRequestKindOf(p.organisationKind, requestKindOf(row));
      await checkContent(uow.tx, contentOf(row), uow.now);
      await assertAddresseeHolds(uow, contentOf(row));
      break;
    case 'approve': {
      requireRequestKindOf(p.organisationKind, requestKindOf(row));
      const r = await approve(uow, p, row, input.digest, input.assertion, duty);
      if (duty) details.dutyDesignatedBy = duty.designation.designatedBy;
      Object.assign(changes, r.changes);
      addresseePolicy = r.policy;
      break;
    }
    case 'reject_approval':
      // Internal to the agency: the provider never sees why a draft was sent back.
      await addMessage(uow, row, p, 'agency', 'internal_note', input.reason);
      details.reason = input.reason;
      break;
    case 'request_clarification':
      await addMessage(uow, row, p, 'provider', 'clarification', input.message);
      // The deadline stands still from now until the requester clarifies.
      changes.clarification_asked_at = uow.now.toISOString();
      break;
    case 'clarify':
      await addMessage(uow, row, p, 'agency', 'clarified', input.message);
      Object.assign(changes, clarifiedDeadline(uow, row));
      details.deadlineAt = changes.deadline_at ?? row.deadline_at;
      break;
    case 'start_opinion_hearing': {
      assertMayTellSubscriber(contentOf(row), 'hearing');
      changes.opinion_deadline_at = opinionDeadline(uow.now).toISOString();
      const said = notice ?? input.message;
      if (said) await addMessage(uow, row, p, 'provider', 'opinion_request', said);
      break;
    }
    case 'record_opinion':
      if (!notice) {
        await refuseOpinionByHand(uow, row.id);
        refuseOpinionBeforeDeadline(input, row.opinion_deadline_at, uow.now);
        details.replied = input.replied;
      }
      await addMessage(uow, row, p, 'subscriber', 'opinion', notice ?? input.opinion ?? noOpinion());
      details.objection = input.objection;
      break;
    case 'answer':
      Object.assign(changes, await answerRequest(uow, p, row, input));
      break;
    case 'decline':
      Object.assign(changes, { decline_reason: input.reason, decline_note: input.note ?? null });
      details.reason = input.reason;
      break;
    case 'withdraw': {
      const withdrawal = await withdrawalColumns(uow, p, row, input);
      Object.assign(changes, withdrawal);
      await addMessage(uow, row, p, 'agency', 'note', input.reason);
      details.reason = input.reason;
      details.signed = withdrawal.withdrawal_key_id !== null;
      if (withdrawal.withdrawal_key_id) details.keyId = withdrawal.withdrawal_key_id;
      break;
    }
    case 'extend_preservation': {
      const extended = extendPreservation(uow, row);
      Object.assign(changes, extended);
      const until = extended.preservation_until;
      // The new end as a notice, read in each reader's language and zone; the reason as written.
      await addMessage(uow, row, p, 'agency', 'extension', { code: 'preservation_extended', until }, input.reason);
      details.reason = input.reason;
      details.until = until;
      break;
    }
    case 'confirm_second_check':
      // The note is the provider's words on the request (whom it called, what was said): it stays with the
      // request, which retention empties, not in the audit log, which is never rewritten.
      changes.second_check = JSON.stringify(confirmSecondCheck(uow, p, row, input.note));
      break;
    case 'close':
      changes.closed_at = uow.now.toISOString();
      break;
    case 'start_review':
      break;
  }
  let next = await saveRequest(uow, row, changes);
  await uow.auditBy(p, 'request.transition', ['request', id], details);
  // Deconfliction between forces: the issued request's identifiers, keyed-hashed, meet the others'.
  // A law office's civil request is the claimant's business, not a force's: it is not indexed.
  if (input.action === 'approve' && p.organisationKind === 'agency') {
    await indexIssuedRequest(uow, next, contentOf(next).targets);
  }
  // On this hub the addressee is served here: delivery (verification, receipt) follows at once.
  if (input.action === 'approve' && next.kind !== 'mlat' && next.envelope) {
    next = await deliver(uow, next, addresseePolicy);
  }
  return next;
}

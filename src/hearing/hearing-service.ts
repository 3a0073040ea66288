import { randomBytes, randomInt } from 'node:crypto';
import { z } from 'zod';
import { getOrganisation } from '../directory/lookups.ts';
import { type Principal, requirePermission } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import type { ThreadNotice } from '../domain/thread-notice.ts';
import { parseOrThrow, text } from '../domain/validation.ts';
import { HEARING_DECISIONS, HEARING_REPLIES, WITHHOLD_REASONS } from '../domain/vocabulary.ts';
import { contentOf, loadVisible, requireRequest } from '../exchange/requests.ts';
import { refuseHearingAfterRetention } from '../exchange/retention.ts';
import { transition } from '../exchange/transitions.ts';
import { newId } from '../kernel/ids.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { HearingRow } from '../store/schema.ts';
import { STORED, storedValue } from '../store/stored-values.ts';
import {
  findHearingOfRequest,
  findImpossibility,
  insertHearing,
  updateHearing,
  updateImpossibility,
} from './hearing.repository.ts';
import { type Hearing, type HearingState, toHearing } from './hearing-view.ts';
import { hearingLetter } from './letter.ts';
import { codeDigits, replyCodeHash } from './reply-code.ts';

// The subscriber's hearing (意見照会) as use cases: the provider sends the letter with a reply link and
// a one-time code; the subscriber replies through the link (consent, or objection with reasons) within
// two weeks; the reply, or its absence once the two weeks are over, leads to the provider's decision.

export const SendHearingInput = z.strictObject({
  subscriberName: text(1, 200),
  subscriberAddress: text(1, 500).optional(),
});

/** The code's digits as typed: full-width digits and dashes (a Japanese input method) read as the letter's. */

export const HearingReplyInput = z.strictObject({
  /** Eight digits; one that is not is refused as such, before it is counted as an attempt. */
  code: z
    .string()
    .trim()
    .min(1)
    .max(20)
    .refine((c) => codeDigits(c).length === 8, {
      message: 'the reply code is the 8 digits printed on the letter (as 1234-5678)',
      params: { code: 'VALIDATION_FAILED', ja: '回答コードは書面に記載の8桁の数字です（1234-5678 の形）' },
    }),
  reply: z.enum(HEARING_REPLIES),
  /** Why the subscriber objects (required with an objection). */
  reasons: text(1, 5000).optional(),
});

export const HearingDecisionInput = z.strictObject({
  decision: z.enum(HEARING_DECISIONS),
  /** Why the provider withholds (with `withhold`; the subscriber's objection upheld when not given). */
  reason: z.enum(WITHHOLD_REASONS).optional(),
  note: text(1, 2000).optional(),
});

export interface SentHearing extends Hearing {
  letter: string;
  sentAt: string;
  dueAt: string;
  /** The reply link and the one-time code, shown once to print on the letter; only a hash is kept. */
  replyPath: string;
  code: string;
  letterWithCode: string;
}

const noHearing = (id: string) =>
  new DomainError(
    'NOT_FOUND',
    { ja: 'この要請の意見照会はありません', en: 'this request has no hearing' },
    { field: 'id', value: id },
  );

/** The provider sends the hearing letter: the request moves to awaiting the subscriber's opinion. */
export async function sendHearingLetter(
  uow: UnitOfWork,
  p: Principal,
  requestId: string,
  raw: unknown,
  origin: string,
): Promise<SentHearing> {
  requirePermission(p, 'request.hear_subscriber');
  const input = parseOrThrow(SendHearingInput, raw);
  if ((await findHearingOfRequest(uow.tx, requestId)) || (await findImpossibility(uow.tx, requestId))) {
    throw new DomainError('CONFLICT', {
      ja: '意見照会書は送付済みです',
      en: 'the hearing letter has already been sent',
    });
  }
  // The lifecycle decides whether a hearing may start now (and refuses a request marked do-not-notify).
  const row = await transition(uow, p, requestId, { action: 'start_opinion_hearing' }, { code: 'hearing_letter_sent' });
  const token = randomBytes(18).toString('base64url');
  const digits = String(randomInt(0, 100_000_000)).padStart(8, '0');
  const code = `${digits.slice(0, 4)}-${digits.slice(4)}`;
  const provider = await getOrganisation(uow.tx, p.organisationId);
  const dueAt = row.opinion_deadline_at ?? uow.now.toISOString();
  const replyPath = `/hearing/${token}`;
  const letterOf = (shownCode: string) =>
    hearingLetter({
      content: contentOf(row),
      reference: row.reference,
      provider,
      subscriberName: input.subscriberName,
      ...(input.subscriberAddress ? { subscriberAddress: input.subscriberAddress } : {}),
      sentAt: uow.now,
      dueAt: new Date(dueAt),
      replyUrl: `${origin}${replyPath}`,
      code: shownCode,
    });
  const hearing: HearingRow = {
    id: newId('hear'),
    request_id: row.id,
    provider_organisation_id: p.organisationId,
    token,
    code_hash: replyCodeHash(uow.ctx.kek, token, code),
    failed_attempts: 0,
    letter: letterOf('（送付した書面に記載 / on the letter as sent）'),
    sent_by: p.id,
    sent_at: uow.now.toISOString(),
    due_at: dueAt,
    reply: null,
    reply_reasons: null,
    replied_at: null,
    decision: null,
    decision_note: null,
    decided_by: null,
    decided_at: null,
  };
  await insertHearing(uow.tx, hearing);
  await uow.auditBy(p, 'hearing.letter_sent', ['request', row.id], { dueAt });
  return {
    ...toHearing(row.id, { letter: hearing }, uow.now),
    letter: hearing.letter,
    sentAt: hearing.sent_at,
    dueAt: hearing.due_at,
    replyPath,
    code,
    letterWithCode: letterOf(code),
  };
}

/** The hearing of a request as its provider sees it: the reply is the subscriber's, so the read is audited. */
export async function hearingOfRequest(uow: UnitOfWork, p: Principal, requestId: string): Promise<Hearing> {
  requirePermission(p, 'request.hear_subscriber');
  const { side } = await loadVisible(uow.tx, p, requestId, uow.now);
  const state = await hearingStateOf(uow, p, requestId);
  if (side !== 'provider') throw noHearing(requestId);
  // Retention emptied it with the request's personal data: said as plainly as for the answer.
  await refuseHearingAfterRetention(uow.tx, requestId);
  await uow.auditBy(p, 'hearing.viewed', ['request', requestId]);
  return toHearing(requestId, state, uow.now);
}

/**
 * The request's letter and its record of an impossible hearing, if they are this provider's;
 * NOT_FOUND without either.
 */
export async function hearingStateOf(uow: UnitOfWork, p: Principal, requestId: string): Promise<HearingState> {
  const letter = await findHearingOfRequest(uow.tx, requestId);
  const impossible = await findImpossibility(uow.tx, requestId);
  const mine = (r: { provider_organisation_id: string } | undefined) =>
    r?.provider_organisation_id === p.organisationId;
  if (!mine(letter) && !mine(impossible)) throw noHearing(requestId);
  return {
    letter: mine(letter) ? letter : undefined,
    impossible: mine(impossible) ? impossible : undefined,
    closed: await requestMovedOn(uow, requestId),
  };
}

/** Whether the request no longer awaits the subscriber's opinion: withdrawn, declined or closed meanwhile. */
export async function requestMovedOn(uow: UnitOfWork, requestId: string): Promise<boolean> {
  return (await requireRequest(uow.tx, requestId)).state !== 'awaiting_opinion';
}

/**
 * The provider decides after the reply, or after two weeks without one: the opinion (or its absence)
 * is recorded on the request; withholding declines it (the subscriber's objection upheld).
 */
export async function decideAfterHearing(
  uow: UnitOfWork,
  p: Principal,
  requestId: string,
  raw: unknown,
): Promise<Hearing> {
  requirePermission(p, 'request.hear_subscriber');
  const state = await hearingStateOf(uow, p, requestId);
  const { letter: h, impossible } = state;
  const input = parseOrThrow(HearingDecisionInput, raw);
  const status = toHearing(requestId, state, uow.now).status;
  if (status === 'decided') {
    throw new DomainError('CONFLICT', { ja: '判断は記録済みです', en: 'the decision is already recorded' });
  }
  if (status === 'awaiting_reply') {
    throw new DomainError(
      'CONFLICT',
      {
        ja: '発信者の回答か、回答期限の経過を待ってから判断してください',
        en: "decide after the subscriber's reply, or once the deadline has passed without one",
      },
      { dueAt: h?.due_at },
    );
  }
  if (input.decision === 'disclose' && input.reason) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: '不開示の理由は「開示しない」の判断にだけ付けます',
        en: 'a reason is given only with a decision to withhold',
      },
      { field: 'reason', value: input.reason },
    );
  }
  // The thread (which the requester reads) says what the subscriber answered, never their reasons:
  // those are the subscriber's own words, kept with the hearing for the provider (docs/decisions.md).
  const reply = h?.reply ?? null;
  const heard: ThreadNotice = impossible
    ? {
        code: 'opinion_not_heard',
        reason: storedValue(STORED.hearingImpossibleReason, impossible.reason, impossible.request_id),
      }
    : reply === null
      ? { code: 'opinion_none' }
      : reply === 'consent'
        ? { code: 'opinion_consent' }
        : { code: 'opinion_objection' };
  await transition(uow, p, requestId, { action: 'record_opinion', objection: reply === 'objection' }, heard);
  if (input.decision === 'withhold') {
    await transition(uow, p, requestId, {
      action: 'decline',
      reason: input.reason ?? 'subscriber_objection_upheld',
      ...(input.note ? { note: input.note } : {}),
    });
  }
  const changes = {
    decision: input.decision,
    decision_note: input.note ?? null,
    decided_by: p.id,
    decided_at: uow.now.toISOString(),
  };
  if (h) await updateHearing(uow.tx, h.id, changes);
  else await updateImpossibility(uow.tx, requestId, changes);
  await uow.auditBy(p, 'hearing.decided', ['request', requestId], {
    decision: input.decision,
    reply: reply ?? (impossible ? 'impossible' : 'none'),
    ...(input.reason ? { reason: input.reason } : {}),
  });
  return toHearing(
    requestId,
    {
      letter: h ? { ...h, ...changes } : undefined,
      impossible: h || !impossible ? impossible : { ...impossible, ...changes },
    },
    uow.now,
  );
}

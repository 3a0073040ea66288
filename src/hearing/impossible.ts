import { z } from 'zod';
import { type Principal, requirePermission } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { parseOrThrow, text } from '../domain/validation.ts';
import { HEARING_IMPOSSIBLE_REASONS } from '../domain/vocabulary.ts';
import { loadVisible, requireRequest, saveRequest } from '../exchange/requests.ts';
import { transition } from '../exchange/transitions.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { HearingImpossibilityRow } from '../store/schema.ts';
import { findHearingOfRequest, findImpossibility, insertImpossibility } from './hearing.repository.ts';
import { type Hearing, toHearing } from './hearing-view.ts';

// A hearing that cannot be held (意見照会不能). The Act has the provider ask the sender's opinion
// "except where it cannot contact the sender or there are other special circumstances" (art. 6(1)):
// a content provider often holds no contact details at all, and a letter may come back undelivered.
// The provider records why (a closed list) and its own note; the decision then proceeds as after a
// lapsed hearing. The requester reads only that no opinion could be heard and the listed reason — the
// note may name the subscriber's address and stays with the provider.

export const HearingImpossibleInput = z.strictObject({
  reason: z.enum(HEARING_IMPOSSIBLE_REASONS),
  /** What the provider did and why it cannot ask (kept with the provider, not shown to the requester). */
  note: text(1, 2000),
});

/**
 * The provider records that it cannot ask the subscriber's opinion: before any letter (no contact
 * details held; the request moves to the hearing stage with that said in the thread) or after one
 * (returned undelivered, the contact failed; the reply link closes). Once recorded the provider decides.
 */
export async function recordHearingImpossible(
  uow: UnitOfWork,
  p: Principal,
  requestId: string,
  raw: unknown,
): Promise<Hearing> {
  requirePermission(p, 'request.hear_subscriber');
  const { side } = await loadVisible(uow.tx, p, requestId, uow.now);
  if (side !== 'provider') {
    throw new DomainError(
      'FORBIDDEN',
      { ja: '意見照会は宛先の事業者のみが行えます', en: 'only the addressed provider holds the hearing' },
      { field: 'id', value: requestId },
    );
  }
  const input = parseOrThrow(HearingImpossibleInput, raw);
  if (await findImpossibility(uow.tx, requestId)) {
    throw new DomainError('CONFLICT', { ja: '意見照会不能は記録済みです', en: 'this is already recorded' });
  }
  const letter = await findHearingOfRequest(uow.tx, requestId);
  if (letter && (letter.reply || letter.decision)) {
    throw new DomainError(
      'CONFLICT',
      {
        ja: '発信者の回答または判断が記録済みのため、照会不能とはできません',
        en: "the subscriber's reply or the decision is already recorded; the hearing was not impossible",
      },
      { field: 'reason', value: input.reason },
    );
  }
  if (!letter && input.reason === 'returned_undelivered') {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: '照会書を送付していないため「返送された」は選べません',
        en: 'no hearing letter was sent, so it cannot have been returned',
      },
      { field: 'reason', value: input.reason },
    );
  }
  if (!letter) {
    // The lifecycle decides whether a hearing stage may start now, as for a letter.
    await transition(
      uow,
      p,
      requestId,
      { action: 'start_opinion_hearing' },
      { code: 'hearing_impossible', reason: input.reason },
    );
  }
  const row: HearingImpossibilityRow = {
    request_id: requestId,
    provider_organisation_id: p.organisationId,
    reason: input.reason,
    note: input.note,
    recorded_by: p.id,
    recorded_at: uow.now.toISOString(),
    decision: null,
    decision_note: null,
    decided_by: null,
    decided_at: null,
  };
  await insertImpossibility(uow.tx, row);
  // No reply is awaited: the two weeks a letter gives the subscriber no longer run. Written as every
  // change of a request is (its version checked and moved, the change announced to open screens).
  await saveRequest(uow, await requireRequest(uow.tx, requestId), { opinion_deadline_at: null });
  await uow.auditBy(p, 'hearing.impossible', ['request', requestId], {
    reason: input.reason,
    letterSent: letter !== undefined,
  });
  return toHearing(requestId, { letter, impossible: row }, uow.now);
}

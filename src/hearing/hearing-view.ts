import type { HearingDecision, HearingImpossibleReason, HearingReply } from '../domain/vocabulary.ts';
import type { HearingImpossibilityRow, HearingRow } from '../store/schema.ts';
import { STORED, storedOptional, storedValue } from '../store/stored-values.ts';

// A hearing as the provider reads it: from the letter's row, the record that none could be held
// (意見照会不能), or both.

/** Wrong codes allowed before the link is locked (the provider then sends a new letter by post). */
export const HEARING_MAX_ATTEMPTS = 5;
/**
 * Reply links one client address may fail at (wrong codes, locked links) in 15 minutes; past it the address
 * is refused for the window. A subscriber fails at one link, their own, however many times they retry (the
 * link's own lock bounds that), so it takes twenty subscribers behind one shared address, each at a failing
 * link of their own within the same quarter hour, to reach it: letters are a few a day at a provider, so
 * only someone trying links they hold that are not theirs does (src/hearing/reply-link.ts).
 */
export const HEARING_CLIENT_LINKS = 20;

export interface Hearing {
  requestId: string;
  /** The letter as sent; null when none could be sent (no contact details held). */
  letter: string | null;
  sentAt: string | null;
  dueAt: string | null;
  status: 'awaiting_reply' | 'replied' | 'lapsed' | 'impossible' | 'decided' | 'closed';
  reply: HearingReply | null;
  reasons: string | null;
  repliedAt: string | null;
  decision: HearingDecision | null;
  decisionNote: string | null;
  decidedAt: string | null;
  locked: boolean;
  /** The provider could not ask the subscriber's opinion (意見照会不能): why, its note, when. */
  impossible: { reason: HearingImpossibleReason; note: string; recordedAt: string } | null;
}

/** Where a hearing stands: its letter's row, or only the record that none could be held, or both. */
export interface HearingState {
  letter?: HearingRow | undefined;
  impossible?: HearingImpossibilityRow | undefined;
  /** The request no longer awaits the opinion (withdrawn, declined, closed): no reply is taken. */
  closed?: boolean;
}

export function statusOf(r: HearingRow, now: Date, impossible = false, closed = false): Hearing['status'] {
  if (r.decision) return 'decided';
  if (r.reply) return 'replied';
  if (impossible) return 'impossible';
  if (closed) return 'closed';
  return r.due_at <= now.toISOString() ? 'lapsed' : 'awaiting_reply';
}

export function toHearing(requestId: string, { letter: r, impossible: i, closed }: HearingState, now: Date): Hearing {
  // Without a letter the decision is kept with the record of the impossible hearing.
  const decided = r ?? i;
  const decision = decided?.decision ?? null;
  return {
    requestId,
    letter: r?.letter ?? null,
    sentAt: r?.sent_at ?? null,
    dueAt: r?.due_at ?? null,
    status: r ? statusOf(r, now, i !== undefined, closed) : decision ? 'decided' : 'impossible',
    reply: storedOptional(STORED.hearingReply, r?.reply ?? null, requestId),
    reasons: r?.reply_reasons ?? null,
    repliedAt: r?.replied_at ?? null,
    decision: storedOptional(STORED.hearingDecision, decision, requestId),
    decisionNote: decided?.decision_note ?? null,
    decidedAt: decided?.decided_at ?? null,
    locked: (r?.failed_attempts ?? 0) >= HEARING_MAX_ATTEMPTS,
    impossible: i
      ? {
          reason: storedValue(STORED.hearingImpossibleReason, i.reason, requestId),
          note: i.note,
          recordedAt: i.recorded_at,
        }
      : null,
  };
}

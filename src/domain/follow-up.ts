import { DAY_MS, HOUR_MS } from './time.ts';
import type { DeadlineStatus } from './vocabulary.ts';

/**
 * What must follow an answer: the paperwork after an emergency (the provider disclosed under
 * necessity; the agency then sends the ordinary inquiry or warrant that covers it), and the end of a
 * preservation (the data is kept only so long: a warrant must come, or the extension, before it ends).
 * Pure: the status is computed at read time from `now`, like every other deadline.
 */

/** The paperwork follows an emergency answer within three days; a day late it escalates to the unit head. */
export const PAPERWORK_DAYS = 3;
export const PAPERWORK_ESCALATION_MS = DAY_MS;
/** A preservation's end is announced a week ahead. */
export const PRESERVATION_REMINDER_MS = 7 * DAY_MS;

export function paperworkDue(answeredAt: Date): Date {
  return new Date(answeredAt.getTime() + PAPERWORK_DAYS * DAY_MS);
}

/**
 * The status of a follow-up due at `due`: none once done; due soon in the last `soonMs`; overdue once
 * passed; escalated when overdue by more than `escalateMs` (null: never escalates).
 */
export function followUpStatus(
  due: Date,
  now: Date,
  done: boolean,
  soonMs: number,
  escalateMs: number | null,
): { status: DeadlineStatus; remainingMs: number | null } {
  if (done) return { status: 'none', remainingMs: null };
  const remainingMs = due.getTime() - now.getTime();
  if (remainingMs >= soonMs) return { status: 'on_time', remainingMs };
  if (remainingMs >= 0) return { status: 'due_soon', remainingMs };
  if (escalateMs !== null && -remainingMs > escalateMs) return { status: 'escalated', remainingMs };
  return { status: 'overdue', remainingMs };
}

export const PAPERWORK_DUE_SOON_MS = 12 * HOUR_MS;

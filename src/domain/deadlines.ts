import { EMERGENCY_DUE_SOON_MS, EMERGENCY_ESCALATION_MS } from './emergency.ts';
import { DomainError } from './errors.ts';
import { isOpen } from './lifecycle.ts';
import { OPINION_HEARING_DAYS, type ProviderPolicy } from './policy.ts';
import { DAY_MS, formatDate, formatDateTime, HOUR_MS, JAPAN_ZONE, zonedWall } from './time.ts';
import type { DeadlineStatus, Locale, RequestKind, RequestState } from './vocabulary.ts';

/**
 * Deadlines are computed from instants and the provider's published policy, never set by hand; the
 * status (on time, due soon, overdue, escalated) is computed at read time from `now`. Periods are
 * elapsed time (days of 24 h, emergency in hours), not business days: a provider that needs
 * business days publishes a longer period.
 */

export { OPINION_HEARING_DAYS };

/** Without a known period start, an overdue request escalates after this long. */
export const DEFAULT_ESCALATION_MS = 7 * DAY_MS;
/** The fixed "due soon" window of non-emergency deadlines (widened to 20% of a longer period). */
export const DUE_SOON_MS = DAY_MS;
export const DUE_SOON_FRACTION = 0.2;

/** Where a policy states each kind's response period, and its unit (days; hours for an emergency). */
const RESPONSE_PERIOD: Record<Exclude<RequestKind, 'mlat'>, [keyof ProviderPolicy['deadlines'], number]> = {
  inquiry: ['inquiryDays', DAY_MS],
  warrant: ['warrantDays', DAY_MS],
  preservation: ['preservationDays', DAY_MS],
  emergency: ['emergencyHours', HOUR_MS],
  civil_disclosure: ['civilDisclosureDays', DAY_MS],
  cafe_records: ['cafeRecordsDays', DAY_MS],
};

/** The response period a policy grants for a kind, in ms; null for mlat (no provider answers it). */
export function responsePeriodMs(kind: RequestKind, policy: ProviderPolicy): number | null {
  if (kind === 'mlat') return null;
  const [field, unit] = RESPONSE_PERIOD[kind];
  return policy.deadlines[field] * unit;
}

/**
 * When the provider's answer is due: `issuedAt` (the service passes the time of delivery) plus the
 * policy's period for the kind — or the requester's `requestedBy` if that is LATER. A requester may
 * grant more time than the provider's policy but cannot shorten it: urgency has its own kind
 * (emergency). A warrant is carried out while it is valid: its answer is due by `validUntil` at the latest,
 * whatever the policy's period (an answer due after the warrant's end would be one given without it).
 * mlat has no response deadline (null).
 */
export function responseDeadline(
  kind: Exclude<RequestKind, 'mlat'>,
  issuedAt: Date,
  policy: ProviderPolicy,
  requestedBy?: Date,
  validUntil?: Date,
): Date;
export function responseDeadline(
  kind: RequestKind,
  issuedAt: Date,
  policy: ProviderPolicy,
  requestedBy?: Date,
  validUntil?: Date,
): Date | null;
export function responseDeadline(
  kind: RequestKind,
  issuedAt: Date,
  policy: ProviderPolicy,
  requestedBy?: Date,
  validUntil?: Date,
): Date | null {
  const period = responsePeriodMs(kind, policy);
  if (period === null) return null;
  const byPolicy = issuedAt.getTime() + period;
  const requested = requestedBy?.getTime();
  const due = requested !== undefined && requested > byPolicy ? requested : byPolicy;
  const end = validUntil?.getTime();
  return new Date(end !== undefined && end < due ? end : due);
}

/**
 * A hearing's reply deadline as a letter states it: the day it ends (令和8年（2026年）12月15日), when it is the
 * end of a day in `zone` as opinionDeadline (days-off.ts) sets it; a deadline set before that rule (an instant
 * within its day) keeps its time and offset, never stated as a day it does not cover.
 */
export function replyDeadlineText(dueAt: Date, locale: Locale, zone: string): string {
  const w = zonedWall(dueAt.getTime() + 1, zone);
  const dayEnds = w.h === 0 && w.mi === 0 && w.s === 0 && w.ms === 0;
  return dayEnds ? formatDate(dueAt, locale, zone) : formatDateTime(dueAt, locale, zone);
}

/**
 * An opinion recorded by hand, for a hearing held outside the system (a letter on paper): it must say whether
 * the subscriber replied. Without a reply it is "no opinion", which stands only once the hearing's period has
 * run: recorded earlier it would cut the subscriber's two weeks short. A reply that objects is a reply.
 */
export function refuseOpinionBeforeDeadline(
  input: { replied?: boolean | undefined; objection: boolean },
  deadlineAt: string | null,
  now: Date,
): void {
  if (input.replied === undefined) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: '発信者から回答があったかどうかを選んでください',
        en: 'say whether the subscriber replied',
      },
      { field: 'replied' },
    );
  }
  if (input.replied) return;
  if (input.objection) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: '回答がない場合、異議ありとは記録できません',
        en: 'with no reply, no objection can be recorded',
      },
      { field: 'objection', value: true },
    );
  }
  if (deadlineAt !== null && Date.parse(deadlineAt) > now.getTime()) {
    const due = (locale: 'ja' | 'en') => formatDateTime(new Date(deadlineAt), locale, JAPAN_ZONE);
    throw new DomainError(
      'CONFLICT',
      {
        ja: `回答がないことは、意見照会の期限（${due('ja')}）を過ぎてから記録してください`,
        en: `record that no reply came only after the hearing's deadline (${due('en')})`,
      },
      { field: 'replied', value: false, dueAt: deadlineAt },
    );
  }
}

/**
 * Until when data stays preserved: `days` after preservation, or twice that after the one extension
 * (CCP 197(4): one extension of up to the same length, 60 days in all).
 */
export function preservationExpiry(preservedAt: Date, days: number, extended: boolean): Date {
  if (!Number.isInteger(days) || days < 1) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: `保全日数 ${days} は 1 以上の整数でなければなりません`,
        en: `preservation days ${days} must be a positive integer`,
      },
      { field: 'days', value: days },
    );
  }
  return new Date(preservedAt.getTime() + days * (extended ? 2 : 1) * DAY_MS);
}

export type { DeadlineStatus } from './vocabulary.ts';

export type DeadlineContext = {
  /** The kind: an emergency uses the hour windows. */
  kind?: RequestKind;
  /** When the period began (delivery), so that "due soon" and "escalated" scale with its length. */
  startedAt?: Date;
  /** Since when the request waits on the requester's clarification (state clarification_requested). */
  clarificationAskedAt?: Date;
};

/**
 * The deadline once the requester has clarified: pushed back by the time the request waited on it (the
 * provider cannot answer a request it asked to be clarified), but never past `validUntil` — a warrant's
 * answer is due by the warrant's end at the latest, as responseDeadline says. A request already late when
 * the provider asked stays as late: asking does not undo lateness, so its deadline does not move.
 */
export function deadlineAfterClarification(deadline: Date, askedAt: Date, clarifiedAt: Date, validUntil?: Date): Date {
  if (askedAt.getTime() > deadline.getTime()) return deadline;
  const waited = Math.max(0, clarifiedAt.getTime() - askedAt.getTime());
  const moved = deadline.getTime() + waited;
  const end = validUntil?.getTime();
  return new Date(end !== undefined && end < moved ? Math.max(end, deadline.getTime()) : moved);
}

/** What a deadline's clock reads at `now`: the instant the provider asked, while the request waits on it. */
export function clockAt(now: Date, clarificationAskedAt?: Date | null): Date {
  return clarificationAskedAt && clarificationAskedAt < now ? clarificationAskedAt : now;
}

/**
 * Whether a request is past its deadline at `now`, with the clock stopped while it waits on a clarification:
 * a waiting request is late only if it was already late when the provider asked.
 */
export function pastDeadline(deadline: Date, now: Date, clarificationAskedAt?: Date | null): boolean {
  return clockAt(now, clarificationAskedAt).getTime() > deadline.getTime();
}

/**
 * The status of a deadline at `now`:
 * - none: no deadline, or the request is settled (answered, declined, withdrawn, closed);
 * - on_time, then due_soon in the last max(20% of the period, 24 h) — emergency: last hour;
 * - overdue once now > deadline; escalated when overdue by more than the period's length (when
 *   `context.startedAt` is not given: 7 days) — emergency: by more than 2 hours;
 * - paused while the request waits on the requester's clarification (`context.clarificationAskedAt`): the
 *   clock stands still at the instant the provider asked, and remainingMs is what was left then. One already
 *   late when it asked stays overdue (or escalated), as of that instant: asking does not undo lateness.
 * remainingMs = deadline − now (negative when overdue), null for none.
 */
export function deadlineStatus(
  deadline: Date | null,
  now: Date,
  state: RequestState,
  context: DeadlineContext = {},
): { status: DeadlineStatus; remainingMs: number | null } {
  if (deadline === null || !isOpen(state)) return { status: 'none', remainingMs: null };
  const asked = state === 'clarification_requested' ? context.clarificationAskedAt : undefined;
  if (asked !== undefined && asked < now) {
    const { clarificationAskedAt: _asked, ...running } = context;
    const then = deadlineStatus(deadline, asked, state, running);
    return then.status === 'overdue' || then.status === 'escalated' ? then : { ...then, status: 'paused' };
  }
  const remainingMs = deadline.getTime() - now.getTime();
  const periodMs =
    context.startedAt === undefined ? null : Math.max(0, deadline.getTime() - context.startedAt.getTime());
  const emergency = context.kind === 'emergency';
  if (remainingMs < 0) {
    const escalateAfter = emergency ? EMERGENCY_ESCALATION_MS : (periodMs ?? DEFAULT_ESCALATION_MS);
    return { status: -remainingMs > escalateAfter ? 'escalated' : 'overdue', remainingMs };
  }
  const dueSoonWindow = emergency
    ? EMERGENCY_DUE_SOON_MS
    : Math.max(DUE_SOON_MS, periodMs === null ? 0 : periodMs * DUE_SOON_FRACTION);
  return { status: remainingMs <= dueSoonWindow ? 'due_soon' : 'on_time', remainingMs };
}

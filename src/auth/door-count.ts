import { createHash } from 'node:crypto';
import type { AppContext } from '../kernel/context.ts';
import {
  countSignInAttempt,
  forgetEmptySignInAttempts,
  forgetSignInAttemptsBefore,
  refundSignInAttempt,
  type SignInScope,
  signInAttemptsNow,
} from './session.repository.ts';

// The one counter of tries at a door that must not go on without end (in the store, one statement per
// try, so parallel tries and every process count together). A counter is a scope of the sign-in attempts'
// table, the window its scope keeps, and what its key is kept as: a hash for a key that says something of
// a person (an address, a login, a link), the key itself for one that is no secret (a user id, which the
// lists read back). Its users: the reply links of hearings (src/hearing/reply-link.ts) and a person's
// one-time codes after their right password (src/auth/second-factor-lock.ts).

/** The window of sign-in's doors and the reply links' counters. */
export const ATTEMPT_WINDOW_MS = 15 * 60 * 1000;

/** How long each scope's window lasts: every door 15 minutes, a person's failed codes a day. */
export const WINDOW_MS: Readonly<Record<SignInScope, number>> = {
  login: ATTEMPT_WINDOW_MS,
  client: ATTEMPT_WINDOW_MS,
  device: ATTEMPT_WINDOW_MS,
  hearing_client: ATTEMPT_WINDOW_MS,
  hearing_link: ATTEMPT_WINDOW_MS,
  second_factor: 24 * 3600_000,
};

/** The scopes whose windows last `windowMs`: the rows one counter forgets when they expired. */
export const scopesOfWindow = (windowMs: number): SignInScope[] =>
  (Object.keys(WINDOW_MS) as SignInScope[]).filter((s) => WINDOW_MS[s] === windowMs);

/** The subject a counter keeps for a key (a login, an address, a device cookie's nonce): its hash. */
export const counterSubject = (scope: SignInScope, value: string) =>
  createHash('sha256').update(`shokai/v1 sign-in ${scope}\n${value}`).digest('hex');

/** A counter: its scope (and so its window), and whether its keys are kept hashed. */
export interface DoorCounter {
  readonly scope: SignInScope;
  readonly hashed: boolean;
}

const subjectOf = (c: DoorCounter, key: string) => (c.hashed ? counterSubject(c.scope, key) : key);
const expiredAt = (c: DoorCounter, now: Date) => new Date(now.getTime() - WINDOW_MS[c.scope]).toISOString();

/**
 * Counts one try of `key` and returns the tries of the current window (a window that started at or before
 * its length ago starts afresh); the expired windows of every scope of the same length are forgotten.
 */
export async function countTry(ctx: AppContext, counter: DoorCounter, key: string, now: Date): Promise<number> {
  const expired = expiredAt(counter, now);
  await forgetSignInAttemptsBefore(ctx.store.db, expired, scopesOfWindow(WINDOW_MS[counter.scope]));
  return countSignInAttempt(ctx.store.db, counter.scope, subjectOf(counter, key), now.toISOString(), expired);
}

/** The tries of `key` in the current window, without counting one. */
export async function triesNow(ctx: AppContext, counter: DoorCounter, key: string, now: Date): Promise<number> {
  return signInAttemptsNow(ctx.store.db, counter.scope, subjectOf(counter, key), expiredAt(counter, now));
}

/**
 * Gives a try back (one that succeeded does not count against its key); with `forgetEmpty`, a window left
 * with none is forgotten, so that the next is dated from its own first try.
 */
export async function giveTryBack(ctx: AppContext, counter: DoorCounter, key: string, forgetEmpty = false) {
  await refundSignInAttempt(ctx.store.db, counter.scope, subjectOf(counter, key));
  if (forgetEmpty) await forgetEmptySignInAttempts(ctx.store.db, counter.scope, subjectOf(counter, key));
}

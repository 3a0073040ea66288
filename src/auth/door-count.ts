import { createHash } from 'node:crypto';
import type { AppContext } from '../kernel/context.ts';
import {
  countSignInAttempt,
  forgetSignInAttemptsBefore,
  refundSignInAttempt,
  type SignInScope,
} from './session.repository.ts';

// Tries at a door other than sign-in that must not go on without end, counted like sign-in's (in the store,
// one statement per try, so parallel tries and every process count together): the reply link of a hearing,
// per client address. What is counted is a hash of the key, never the address itself.

/** The window every door's counter keeps (sign-in's too). */
export const ATTEMPT_WINDOW_MS = 15 * 60 * 1000;

/** The subject a counter keeps for a key (a login, an address, a device cookie's nonce): its hash. */
export const counterSubject = (scope: SignInScope, value: string) =>
  createHash('sha256').update(`shokai/v1 sign-in ${scope}\n${value}`).digest('hex');

/** Counts one try of `key` at the door `scope` and returns the tries of the current window. */
export async function countTry(ctx: AppContext, scope: SignInScope, key: string, now: Date): Promise<number> {
  const expiredAt = new Date(now.getTime() - ATTEMPT_WINDOW_MS).toISOString();
  await forgetSignInAttemptsBefore(ctx.store.db, expiredAt);
  return countSignInAttempt(ctx.store.db, scope, counterSubject(scope, key), now.toISOString(), expiredAt);
}

/** Gives a try back (one that succeeded does not count against its key). */
export async function giveTryBack(ctx: AppContext, scope: SignInScope, key: string): Promise<void> {
  await refundSignInAttempt(ctx.store.db, scope, counterSubject(scope, key));
}

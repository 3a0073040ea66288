import type { AppContext } from '../kernel/context.ts';
import type { Db, Tx } from '../store/database.ts';
import { countTry, type DoorCounter, giveTryBack, WINDOW_MS } from './door-count.ts';
import { longAttemptsAtLeast } from './session.repository.ts';

// A person's one-time codes tried after their right password, counted over a day. Whoever sends the right
// password and a wrong code either mistyped or knows the password without the authenticator: five tries per
// 15 minutes, three codes accepted each, guessed a code at about 0.14 % a day, unseen. Past ten failed codes
// in the window, the second factor is locked for sign-ins from anywhere but the person's usual browser
// (its device cookie, src/auth/device-cookie.ts), the refusal the same as any wrong code (a guesser learns
// nothing of the password); the person (on their own screen) and their organisation's administrators (the
// list of its people) are told, and the crossing is audited as the person's. The counter is the sign-in
// attempts' table, under the person's id (not a secret: no hash is needed to keep it from the table).

/** Failed codes after the right password within the window that lock the second factor. */
export const SECOND_FACTOR_FAILURES = 10;
export const SECOND_FACTOR_WINDOW_MS = WINDOW_MS.second_factor;
/** The counter: the person's id, no secret, kept as it is (the lists read it back). */
const SECOND_FACTOR: DoorCounter = { scope: 'second_factor', hashed: false };

/** A person's second factor locked: the codes that failed in the window, and since when it counts. */
export interface SecondFactorLock {
  failures: number;
  since: string;
}

/**
 * Counts one code about to be compared for the person (before it is, so that parallel tries count too) and
 * returns the tries of the window; `giveSecondFactorTryBack` when the code was right.
 */
export function countSecondFactorTry(ctx: AppContext, userId: string, now: Date): Promise<number> {
  return countTry(ctx, SECOND_FACTOR, userId, now);
}

/** Gives back the try of a right code; a window left with none is forgotten (its start is no failure's). */
export function giveSecondFactorTryBack(ctx: AppContext, userId: string): Promise<void> {
  return giveTryBack(ctx, SECOND_FACTOR, userId, true);
}

/** The people whose second factor is locked now, by user id. */
export async function secondFactorLocks(db: Db | Tx, now: Date): Promise<Map<string, SecondFactorLock>> {
  const since = new Date(now.getTime() - SECOND_FACTOR_WINDOW_MS).toISOString();
  const rows = await longAttemptsAtLeast(db, since, SECOND_FACTOR_FAILURES);
  return new Map(rows.map((r) => [r.subject, { failures: Number(r.attempts), since: r.window_start }]));
}

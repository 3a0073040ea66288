import type { Db, Tx } from '../store/database.ts';
import type { SecondFactorUnlockRow, SessionRow } from '../store/schema.ts';

// All SQL of sign-in: sessions, machine clients' keys and nonces.

type Q = Db | Tx;

export async function insertSession(tx: Q, row: SessionRow): Promise<void> {
  await tx.insertInto('sessions').values(row).execute();
}

export async function deleteSession(tx: Q, id: string): Promise<void> {
  await tx.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteSessionsOfUser(tx: Q, userId: string): Promise<void> {
  await tx.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** A session with its user and the user's organisation kind, by token hash. */
export async function findSessionPrincipal(db: Q, tokenHash: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select([
      'u.id',
      'u.login',
      'u.organisation_id',
      'u.unit_id',
      'u.roles',
      'u.display_name',
      'u.disabled',
      'o.kind as organisation_kind',
      's.expires_at',
    ])
    .where('s.id', '=', tokenHash)
    .executeTakeFirst();
}

/** A machine client's key with its client and the client's organisation kind. */
export async function findClientKey(db: Q, keyId: string) {
  return db
    .selectFrom('keys as k')
    .innerJoin('clients as c', 'c.id', 'k.owner_id')
    .innerJoin('organisations as o', 'o.id', 'c.organisation_id')
    .select(['k.public_key', 'k.revoked_at', 'c.id', 'c.name', 'c.roles', 'c.disabled', 'c.organisation_id', 'o.kind'])
    .where('k.id', '=', keyId)
    .where('k.owner_type', '=', 'client')
    .executeTakeFirst();
}

/** Remembers a machine client's nonce; false when it was seen before (a replay). */
export async function rememberNonce(tx: Q, keyId: string, nonce: string, at: string): Promise<boolean> {
  const r = await tx
    .insertInto('client_nonces')
    .values({ key_id: keyId, nonce, seen_at: at })
    .onConflict((oc) => oc.columns(['key_id', 'nonce']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function forgetNoncesBefore(tx: Q, before: string): Promise<void> {
  await tx.deleteFrom('client_nonces').where('seen_at', '<', before).execute();
}

// ---- sign-in attempts (one counting window per login, client or device cookie) ----

/**
 * What a window counts: a login, a client address, or a browser's device cookie (its nonce); the reply
 * links of hearings, per client address (the links it failed at) and per address and link
 * (src/hearing/reply-link.ts); and a person's failed one-time codes after their right password, over a day
 * (src/auth/second-factor-lock.ts), the one long window. Each scope's window: src/auth/door-count.ts.
 */
export type SignInScope = 'login' | 'client' | 'device' | 'hearing_client' | 'hearing_link' | 'second_factor';
const LONG_WINDOW: SignInScope = 'second_factor';

/**
 * Counts one attempt and returns the attempts of the current window, in one upsert (safe when
 * processes count in parallel): a window that started at or before `expiredAt` starts afresh.
 */
export async function countSignInAttempt(
  db: Q,
  scope: SignInScope,
  subject: string,
  at: string,
  expiredAt: string,
): Promise<number> {
  const r = await db
    .insertInto('sign_in_attempts')
    .values({ scope, subject, window_start: at, attempts: 1 })
    .onConflict((oc) =>
      oc.columns(['scope', 'subject']).doUpdateSet((eb) => {
        const expired = eb('sign_in_attempts.window_start', '<=', expiredAt);
        return {
          attempts: eb
            .case()
            .when(expired)
            .then(1)
            .else(eb('sign_in_attempts.attempts', '+', 1))
            .end(),
          window_start: eb.case().when(expired).then(at).else(eb.ref('sign_in_attempts.window_start')).end(),
        };
      }),
    )
    .returning('attempts')
    .executeTakeFirstOrThrow();
  return Number(r.attempts);
}

/** The attempts of the subject's window, 0 when it has none or it started at or before `expiredAt`. */
export async function signInAttemptsNow(db: Q, scope: SignInScope, subject: string, expiredAt: string) {
  const r = await db
    .selectFrom('sign_in_attempts')
    .select('attempts')
    .where('scope', '=', scope)
    .where('subject', '=', subject)
    .where('window_start', '>', expiredAt)
    .executeTakeFirst();
  return r ? Number(r.attempts) : 0;
}

/** Takes one attempt back (a successful sign-in from a client does not count against it). */
export async function refundSignInAttempt(db: Q, scope: SignInScope, subject: string): Promise<void> {
  await db
    .updateTable('sign_in_attempts')
    .set((eb) => ({ attempts: eb('attempts', '-', 1) }))
    .where('scope', '=', scope)
    .where('subject', '=', subject)
    .where('attempts', '>', 0)
    .execute();
}

/** Forgets a window that counts nothing (every attempt in it given back): it would date the next from its start. */
export async function forgetEmptySignInAttempts(db: Q, scope: SignInScope, subject: string): Promise<void> {
  await db
    .deleteFrom('sign_in_attempts')
    .where('scope', '=', scope)
    .where('subject', '=', subject)
    .where('attempts', '<=', 0)
    .execute();
}

export async function forgetSignInAttempts(db: Q, scope: SignInScope, subject: string): Promise<void> {
  await db.deleteFrom('sign_in_attempts').where('scope', '=', scope).where('subject', '=', subject).execute();
}

/** Windows of `scopes` (ones of one length) that started at or before `expiredAt` count nothing any more. */
export async function forgetSignInAttemptsBefore(db: Q, expiredAt: string, scopes: SignInScope[]): Promise<void> {
  await db.deleteFrom('sign_in_attempts').where('window_start', '<=', expiredAt).where('scope', 'in', scopes).execute();
}

/** The day-long windows that started after `since` and hold at least `atLeast` attempts: subject and count. */
export async function longAttemptsAtLeast(db: Q, since: string, atLeast: number) {
  return db
    .selectFrom('sign_in_attempts')
    .select(['subject', 'attempts', 'window_start'])
    .where('scope', '=', LONG_WINDOW)
    .where('window_start', '>', since)
    .where('attempts', '>=', atLeast)
    .execute();
}

// ---- second-factor locks lifted by an administrator (the latest per person) ----

export async function recordSecondFactorUnlock(db: Q, row: SecondFactorUnlockRow): Promise<void> {
  const { user_id: _, ...rest } = row;
  await db
    .insertInto('second_factor_unlocks')
    .values(row)
    .onConflict((oc) => oc.column('user_id').doUpdateSet(rest))
    .execute();
}

/** The latest lift of the person's lock made after `since`, if any, with the lifter's name. */
export async function findSecondFactorUnlock(db: Q, userId: string, since: string) {
  return db
    .selectFrom('second_factor_unlocks as s')
    .leftJoin('users as u', 'u.id', 's.unlocked_by')
    .select(['s.unlocked_at', 's.unlocked_by', 's.failures', 's.since', 'u.display_name'])
    .where('s.user_id', '=', userId)
    .where('s.unlocked_at', '>', since)
    .executeTakeFirst();
}

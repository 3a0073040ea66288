import { SECOND_FACTOR_WINDOW_MS, secondFactorLocks } from '../auth/second-factor-lock.ts';
import { findSecondFactorUnlock, forgetSignInAttempts, recordSecondFactorUnlock } from '../auth/session.repository.ts';
import { type Caller, requirePermission } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { Db, Tx } from '../store/database.ts';
import { getOwnUser } from './lookups.ts';
import type { User } from './model.ts';

// A person's second factor locked after ten failed codes with their right password
// (src/auth/second-factor-lock.ts) lasts its day; an administrator of their organisation — who may disable
// them, per the one permission table — may lift it sooner, once the person has said the codes were theirs
// (a mistyping, a phone's clock). The failures are forgotten, the lift is audited with who lifted it, and
// the person is told on their screen, where the lock was told, for a day: who lifted it, when, and what it
// had counted, so that codes that were not theirs still lead them to ask for a reset (the remedy for a
// known password, which lifting is not).

/**
 * A lift of the person's lock within the last day: when, by whom (their name; null for the installation's
 * operator), and what the lock had counted.
 */
export interface SecondFactorUnlock {
  at: string;
  byName: string | null;
  failures: number;
  since: string;
}

/** Lifts the second-factor lock of a person of the caller's organisation; CONFLICT when it is not locked. */
export async function unlockSecondFactor(uow: UnitOfWork, caller: Caller, userId: string): Promise<User> {
  requirePermission(caller, 'user.unlock_second_factor');
  const user = await getOwnUser(uow.tx, caller, userId);
  const lock = (await secondFactorLocks(uow.tx, uow.now)).get(userId);
  if (!lock) {
    throw new DomainError(
      'CONFLICT',
      {
        ja: `${user.login}（${user.displayName}）の二要素目は停止されていません`,
        en: `the second factor of ${user.login} (${user.displayName}) is not locked`,
      },
      { field: 'userId', value: userId },
    );
  }
  await forgetSignInAttempts(uow.tx, 'second_factor', userId);
  await recordSecondFactorUnlock(uow.tx, {
    user_id: userId,
    unlocked_at: uow.now.toISOString(),
    unlocked_by: caller.kind === 'system' ? null : caller.id,
    failures: lock.failures,
    since: lock.since,
  });
  await uow.auditBy(caller, 'user.second_factor_unlocked', ['user', userId], { login: user.login, ...lock });
  return { ...user, secondFactorLock: null };
}

/** The lift of the person's lock told on their screen: one within the last day, null otherwise. */
export async function recentSecondFactorUnlock(
  db: Db | Tx,
  userId: string,
  now: Date,
): Promise<SecondFactorUnlock | null> {
  const since = new Date(now.getTime() - SECOND_FACTOR_WINDOW_MS).toISOString();
  const r = await findSecondFactorUnlock(db, userId, since);
  if (!r) return null;
  return { at: r.unlocked_at, byName: r.display_name ?? null, failures: Number(r.failures), since: r.since };
}

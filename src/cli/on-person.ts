// Commands that act on one person named by login: the service takes the person's user id first after
// the caller (disable, end or grant a role, reissue the enrolment code, lift the second-factor lock).
import { principalOfLogin, unknownLogin } from '../auth/auth-service.ts';
import { findUserByLogin } from '../directory/directory.repository.ts';
import type { Caller, Principal } from '../domain/access.ts';
import { DomainError, isDomainError } from '../domain/errors.ts';
import { run } from '../kernel/unit-of-work.ts';
import { type Service, withCaller, withContext } from './context.ts';

/**
 * One service on the person `login`, in one unit of work on the local store (--store), as the person the
 * required --as names. Both logins are found as principals.
 */
export function runAsLoginOn<A extends unknown[], T>(
  o: { store?: string; as: string },
  login: string,
  service: Service<Principal, [string, ...A], T>,
  ...args: A
): Promise<T> {
  return withContext(o.store, async (ctx) => {
    const caller = await principalOfLogin(ctx.store.db, o.as);
    const target = await principalOfLogin(ctx.store.db, login);
    return namedByLogin(run(ctx, service, caller, target.id, ...args), target.id, login);
  });
}

/**
 * One service on the person `login`, found by their row so that a disabled person is refused by the
 * service in its words; as the login --as names, else the local operator.
 */
export function runLocalOn<A extends unknown[], T>(
  o: { store?: string; as?: string },
  login: string,
  service: Service<Caller, [string, ...A], T>,
  ...args: A
): Promise<T> {
  return withCaller(o, async (ctx, caller) => {
    const target = await findUserByLogin(ctx.store.db, login);
    if (!target) throw unknownLogin(login);
    return namedByLogin(run(ctx, service, caller, target.id, ...args), target.id, login);
  });
}

/**
 * A refusal about the person (the service's `userId`) is about the login the command line named: said so,
 * never as the service's field and the person's id (`user unlock LOGIN` when nothing is locked).
 */
async function namedByLogin<T>(work: Promise<T>, userId: string, login: string): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (!isDomainError(e) || e.details?.field !== 'userId' || e.details.value !== userId) throw e;
    throw new DomainError(e.code, e.messages, { ...e.details, field: 'login', value: login }, { cause: e });
  }
}

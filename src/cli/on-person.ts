// Commands that act on one person named by login: the service takes the person's user id first after
// the caller (disable, end or grant a role, reissue the enrolment code, lift the second-factor lock).
import { principalOfLogin, unknownLogin } from '../auth/auth-service.ts';
import { findUserByLogin } from '../directory/directory.repository.ts';
import type { Caller, Principal } from '../domain/access.ts';
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
    return run(ctx, service, caller, target.id, ...args);
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
    return run(ctx, service, caller, target.id, ...args);
  });
}

import { randomBytes } from 'node:crypto';
import { createUser } from '../directory/users.ts';
import type { Caller } from '../domain/access.ts';
import type { AppContext } from '../kernel/context.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import { liveDemoLogins, markDemoAccount } from './demo.repository.ts';

// The demo's accounts share one password per installation: drawn at random when the demo is seeded,
// printed with the logins and kept beside the store (logins-file.ts), never written in the source.
// Each account is marked as the demo's, so that a store holding one is served only in demo mode.

/** A new random password for one installation's demo accounts (96 bits). */
export function newDemoPassword(): string {
  return `demo-${randomBytes(12).toString('base64url')}`;
}

/** Creates a user through the directory's service and marks the account as the demo's, in one unit of work. */
export async function createDemoUser(uow: UnitOfWork, caller: Caller, raw: unknown) {
  const r = await createUser(uow, caller, raw);
  await markDemoAccount(uow.tx, r.user.id, uow.now.toISOString());
  return r;
}

/** The logins of the demo's accounts in this store that can still sign in. */
export async function liveDemoAccounts(ctx: AppContext): Promise<string[]> {
  return liveDemoLogins(ctx.store.db);
}

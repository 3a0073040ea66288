// The hub's log of roles made to say something else for a while: a hub that lies, or a judge's role that
// took effect later than it did (role_grants changed at the store level, then put back).
import type { TestHub } from './exchange.ts';

const tick = () => new Promise((r) => setTimeout(r, 5));

/**
 * `fn` run while the hub's log of roles says what `change` makes it say of the grant of `login` holding
 * `role`; the grant as it was afterwards.
 */
export async function withGrant<T>(
  hub: Pick<TestHub, 'ctx'>,
  grantOf: { login: string; role: string },
  change: object,
  fn: () => Promise<T>,
): Promise<T> {
  const db = hub.ctx.store.db;
  const grant = await db
    .selectFrom('role_grants as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .select(['g.id', 'g.role', 'g.decided_at'])
    .where('u.login', '=', grantOf.login)
    .where('g.role', '=', grantOf.role)
    .executeTakeFirstOrThrow();
  await tick(); // the log gives only what has happened by now
  await db.updateTable('role_grants').set(change).where('id', '=', grant.id).execute();
  try {
    return await fn();
  } finally {
    const { role: was, decided_at } = grant;
    await db.updateTable('role_grants').set({ role: was, decided_at }).where('id', '=', grant.id).execute();
  }
}

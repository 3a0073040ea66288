import type { Db, Tx } from '../store/database.ts';

// All SQL of the demo's own bookkeeping: which accounts the demo created.

type Q = Db | Tx;

export async function markDemoAccount(tx: Q, userId: string, at: string): Promise<void> {
  await tx.insertInto('demo_accounts').values({ user_id: userId, marked_at: at }).execute();
}

/** The logins of the demo's accounts that can still sign in (not disabled), in login order. */
export async function liveDemoLogins(db: Q): Promise<string[]> {
  const rows = await db
    .selectFrom('demo_accounts as d')
    .innerJoin('users as u', 'u.id', 'd.user_id')
    .select('u.login')
    .where('u.disabled', '=', 0)
    .orderBy('u.login')
    .execute();
  return rows.map((r) => r.login);
}

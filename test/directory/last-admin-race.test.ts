// An organisation's only administrator cannot lose the `admin` role (src/directory/role-ends.ts). The check
// read the organisation's people before the change was written; on PostgreSQL (READ COMMITTED) two
// administrators ending each other's `admin` at the same moment each saw the other still holding it, and
// both ends went through: the organisation was left with none. Every transaction that writes takes the
// audit log's head row (FOR UPDATE) when it audits; the check is made again once that row is held, when the
// other end, committed, is seen. Here the row is held by the test while both ends wait for it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { principalOfLogin } from '../../src/auth/auth-service.ts';
import { endRole } from '../../src/directory/role-ends.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks } from '../support/exchange.ts';

for (const dialect of testDialects().filter((d) => d === 'postgres')) {
  describe(`two administrators end each other's role at once (${dialect})`, () => {
    const { hub } = hubWithHooks(dialect, []);

    test('one end goes through, the other is refused: an administrator stays', async () => {
      const db = hub.ctx.store.db;
      await db
        .updateTable('users')
        .set({ roles: JSON.stringify(['admin']) })
        .where('login', '=', 'mpd.keys')
        .execute();
      const a = await principalOfLogin(db, 'mpd.admin');
      const b = await principalOfLogin(db, 'mpd.keys');
      const waiting = async () =>
        Number(
          (
            await sql<{ n: string }>`SELECT count(*) AS n FROM pg_stat_activity
              WHERE wait_event_type = 'Lock' AND query LIKE '%audit_head%'`.execute(db)
          ).rows[0]?.n ?? 0,
        );
      let ends: Array<PromiseSettledResult<unknown>> = [];
      await db.transaction().execute(async (tx) => {
        await sql`SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE`.execute(tx);
        const both = Promise.allSettled([
          run(hub.ctx, endRole, a, b.id, { role: 'admin' }),
          run(hub.ctx, endRole, b, a.id, { role: 'admin' }),
        ]);
        for (let i = 0; i < 200 && (await waiting()) < 2; i++) await new Promise((r) => setTimeout(r, 25));
        assert.equal(await waiting(), 2, 'both ends wait for the audit head');
        // released when this transaction commits, below
        void both.then((r) => {
          ends = r;
        });
      });
      for (let i = 0; i < 200 && ends.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
      assert.equal(ends.length, 2);
      assert.equal(ends.filter((e) => e.status === 'fulfilled').length, 1, JSON.stringify(ends));
      const refused = ends.find((e) => e.status === 'rejected');
      assert.match(String((refused as PromiseRejectedResult | undefined)?.reason), /only administrator/);
      const mpd = await db
        .selectFrom('users')
        .select('roles')
        .where('login', 'in', ['mpd.admin', 'mpd.keys'])
        .execute();
      assert.equal(mpd.filter((u) => (JSON.parse(u.roles) as string[]).includes('admin')).length, 1);
    });
  });
}

// An organisation's only administrator cannot lose the `admin` role (src/directory/role-ends.ts). The check
// read the organisation's people before the change was written; on PostgreSQL (READ COMMITTED) two
// administrators ending each other's `admin` at the same moment each saw the other still holding it, and
// both ends went through: the organisation was left with none. Every transaction that writes takes the
// audit log's head row (FOR UPDATE) when it audits; the check is made again once that row is held, when the
// other end, committed, is seen. Here the row is held by the test while both ends wait for it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { principalOfLogin } from '../../src/auth/auth-service.ts';
import { endRole } from '../../src/directory/role-ends.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { twoAtTheAuditHead } from '../support/audit-head-race.ts';
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
      const ends = await twoAtTheAuditHead(db, () => [
        run(hub.ctx, endRole, a, b.id, { role: 'admin' }),
        run(hub.ctx, endRole, b, a.id, { role: 'admin' }),
      ]);
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

// Two changes to one person's roles at once must both stay (src/directory/directory.repository.ts
// `changeUserRoles`). Each used to write back the list its service had read earlier; on PostgreSQL (READ
// COMMITTED) two grants made at the same moment each wrote the list they had read, and one role was lost
// from `users.roles` while both grants stayed active. The roles are now read with the row held (FOR
// UPDATE) and changed from what is stored. Here the first change is held open while the second starts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { principalOfLogin } from '../../src/auth/auth-service.ts';
import { changeUserRoles } from '../../src/directory/directory.repository.ts';
import type { Role } from '../../src/domain/vocabulary.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks } from '../support/exchange.ts';

for (const dialect of testDialects().filter((d) => d === 'postgres')) {
  describe(`two changes to one person's roles at once (${dialect})`, () => {
    const { hub } = hubWithHooks(dialect, []);

    test('the second waits for the first and changes what it left: both roles are held', async () => {
      const db = hub.ctx.store.db;
      const legal = await principalOfLogin(db, 'board.legal');
      const add = (role: Role) => (held: Role[]) => (held.includes(role) ? held : [...held, role]);
      let second: Promise<unknown> | undefined;
      await db.transaction().execute(async (first) => {
        await changeUserRoles(first, dialect, legal.id, add('provider_intake'));
        second = db.transaction().execute((tx) => changeUserRoles(tx, dialect, legal.id, add('provider_operator')));
        // the second has read nothing yet: it waits for the row this transaction holds
        await new Promise((r) => setTimeout(r, 300));
      });
      await second;
      const row = await db.selectFrom('users').select('roles').where('id', '=', legal.id).executeTakeFirstOrThrow();
      const roles = JSON.parse(row.roles) as string[];
      assert.ok(roles.includes('provider_intake') && roles.includes('provider_operator'), row.roles);
    });
  });
}

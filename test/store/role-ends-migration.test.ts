// Migration 074 keeps the ends of roles (a judge moved court, a legal officer moved department). Its down
// dropped the table whatever it held: the code before 074 knows no end but a disabling, so a store taken
// back would log an ended grant not at all (every provider's pin refusing the log as rewritten) and a role
// the person was made with, ended and granted again, as held from their making with no end (what they
// signed between the two counting again). Nothing said so. Now down refuses while any end is kept, in both
// languages, and takes nothing; a store with none goes down and up as before.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { migrate, undoMigration } from '../../src/store/database.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks } from '../support/exchange.ts';

for (const dialect of testDialects()) {
  describe(`migration 074's down with ends kept (${dialect})`, () => {
    const {
      hub,
      people: [admin],
    } = hubWithHooks(dialect, ['mpd.admin']);
    const ends = () => hub.ctx.store.db.selectFrom('role_ends').selectAll().execute();

    test('without an end it goes down and up; with one it refuses and keeps it', async () => {
      await undoMigration(hub.ctx.store, '075-second-factor-unlocks');
      await undoMigration(hub.ctx.store, '074-role-ends');
      assert.deepEqual(await migrate(hub.ctx.store), ['074-role-ends', '075-second-factor-unlocks']);

      const sato = await hub.ctx.store.db
        .selectFrom('users')
        .select('id')
        .where('login', '=', 'sato')
        .executeTakeFirstOrThrow();
      const ended = await admin.call('POST', `/v1/users/${sato.id}/end-role`, { role: 'investigator' });
      assert.equal(ended.status, 200, JSON.stringify(ended.body));
      assert.equal((await ends()).length, 1);

      await undoMigration(hub.ctx.store, '075-second-factor-unlocks');
      await assert.rejects(undoMigration(hub.ctx.store, '074-role-ends'), (e: Error & { ja?: string }) => {
        assert.match(e.message, /1 role end/);
        assert.match((e as { messages?: { ja: string } }).messages?.ja ?? '', /役割の終了/);
        return true;
      });
      assert.equal((await ends()).length, 1, 'the end is kept');
      assert.deepEqual(await migrate(hub.ctx.store), ['075-second-factor-unlocks']);
    });
  });
}

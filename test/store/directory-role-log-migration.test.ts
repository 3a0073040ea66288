import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { exportDirectory } from '../../src/directory/transparency.ts';
import { createUser, disableUser } from '../../src/directory/users.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { migrate, undoMigration } from '../../src/store/database.ts';
import { scratchLocations, testDialects } from '../support/dialects.ts';
import { storeWithUnit } from '../support/migration-store.ts';

// Migration 038: the directory log begins to carry the grants of approving roles. The grants active at
// the upgrade enter the log at the migration's instant, after everything a provider may have pinned
// (so an old pin is extended, not rewritten), each with its real start; a user disabled before disabling
// was dated is left out; a later disabling ends the grant in the log.
const scratch = scratchLocations('shokai-role-log-');

for (const dialect of testDialects()) {
  describe(`the directory log carries approving roles after migration 038 (${dialect})`, () => {
    test('active grants are logged at the upgrade with their start; a disabled head is left out', async () => {
      const { store, ctx, police, unit } = await storeWithUnit(dialect, scratch);
      try {
        const head = async (login: string) =>
          run(ctx, createUser, SYSTEM_CALLER, {
            organisationId: police.id,
            unitId: unit.id,
            login,
            displayName: login,
            roles: ['unit_head'],
          });
        const [kept, gone] = [await head('kept.head'), await head('gone.head')];
        await undoMigration(store, '038-directory-role-log');
        // As a store before the change: two heads' grants countersigned long ago, one head since disabled.
        const long = '2025-04-01T00:00:00.000Z';
        await store.db.updateTable('role_grants').set({ state: 'active', decided_at: long }).execute();
        await store.db.updateTable('users').set({ disabled: 1 }).where('id', '=', gone.user.id).execute();
        const upgradeStart = new Date().toISOString();
        assert.deepEqual(await migrate(store), ['038-directory-role-log']);

        const d = await run(ctx, exportDirectory, SYSTEM_CALLER);
        const roles = d.entries.filter((e) => e.type === 'role');
        assert.equal(roles.length, 1, JSON.stringify(roles));
        const [r] = roles;
        assert.ok(r?.type === 'role');
        assert.equal(r.userId, kept.user.id);
        assert.equal(r.from, long, 'the grant keeps its real start');
        assert.ok(r.at >= upgradeStart, 'and enters the log at the upgrade');
        assert.equal(d.entries.at(-1), r, 'after every entry an old pin holds');

        // Disabled from now on: the log appends the end of the grant.
        await run(ctx, disableUser, SYSTEM_CALLER, kept.user.id);
        const later = await run(ctx, exportDirectory, SYSTEM_CALLER);
        assert.deepEqual(later.entries.slice(0, d.entries.length), d.entries, 'only appended');
        const ended = later.entries.find((e) => e.type === 'role.ended');
        assert.ok(ended?.type === 'role.ended' && ended.grantId === r.id);
      } finally {
        await store.close();
      }
    });
  });
}

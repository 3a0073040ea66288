import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createOrganisation } from '../../src/directory/organisations.ts';
import { exportDirectory } from '../../src/directory/transparency.ts';
import { createUser, disableUser } from '../../src/directory/users.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { checkExtends } from '../../src/domain/pinned-directory.ts';
import { pinnedJudgeGrants, pinnedJudgeRefusal } from '../../src/domain/pinned-judges.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { migrate, undoMigration } from '../../src/store/database.ts';
import { scratchLocations, testDialects } from '../support/dialects.ts';
import { freshStore } from '../support/migration-store.ts';

// Migration 068: the directory log begins to carry the grants of the judge's role. The judges active at
// the upgrade enter the log at the migration's instant, after everything a provider may have pinned (so
// an old pin is extended, not rewritten), each with its real start, so a warrant a judge signed before
// the upgrade still counts; a judge disabled before the upgrade is left out; a later disabling ends the
// grant in the log. An old pin, which has no judge, shows none: the provider is told to pin anew.
const scratch = scratchLocations('shokai-judge-log-');

for (const dialect of testDialects()) {
  describe(`the directory log carries judges after migration 068 (${dialect})`, () => {
    test('active judges are logged at the upgrade with their start; an old pin is only extended', async () => {
      const { store, ctx } = await freshStore(dialect, scratch);
      try {
        const court = await run(ctx, createOrganisation, SYSTEM_CALLER, {
          kind: 'court',
          nameJa: '旧地裁',
          nameEn: 'Old District Court',
        });
        const judge = async (login: string) =>
          run(ctx, createUser, SYSTEM_CALLER, {
            organisationId: court.id,
            unitId: null,
            login,
            displayName: login,
            roles: ['judge'],
          });
        const [kept, gone] = [await judge('kept.judge'), await judge('gone.judge')];
        // What a provider pinned before the upgrade: the log as it was, with no judge in it.
        const pinned = await run(ctx, exportDirectory, SYSTEM_CALLER);
        await undoMigration(store, '068-judges-in-directory-log');
        // As a store before the change: both judges countersigned long ago, one disabled since (dated).
        const long = '2025-04-01T00:00:00.000Z';
        await store.db
          .updateTable('role_grants')
          .set({ state: 'active', decided_at: long })
          .where('role', '=', 'judge')
          .execute();
        await store.db
          .updateTable('users')
          .set({ disabled: 1, disabled_at: '2025-05-01T00:00:00.000Z' })
          .where('id', '=', gone.user.id)
          .execute();
        const upgradeStart = new Date().toISOString();
        assert.deepEqual(await migrate(store), ['068-judges-in-directory-log']);

        const d = await run(ctx, exportDirectory, SYSTEM_CALLER);
        assert.equal(checkExtends(pinned, d), null, 'the old pin is extended, not rewritten');
        const roles = d.entries.filter((e) => e.type === 'role');
        assert.equal(roles.length, 1, JSON.stringify(roles));
        const [r] = roles;
        assert.ok(r?.type === 'role');
        assert.equal(r.userId, kept.user.id);
        assert.equal(r.role, 'judge');
        assert.equal(r.from, long, 'the grant keeps its real start');
        assert.ok(r.at >= upgradeStart, 'and enters the log at the upgrade');
        assert.equal(d.entries.at(-1), r, 'after every entry an old pin holds');
        assert.ok(!d.entries.some((e) => e.type === 'role.ended'), 'the judge disabled before is left out');

        // A warrant the judge signed before the upgrade counts; the old pin knows no judge.
        const key = { ownerType: 'user', ownerId: kept.user.id };
        const signedAt = '2025-06-01T00:00:00.000Z';
        const judges = pinnedJudgeGrants(d.entries);
        assert.equal(pinnedJudgeRefusal(judges, key, court.id, signedAt, d.head.at), null);
        const other = { ownerType: 'user', ownerId: gone.user.id };
        assert.equal(pinnedJudgeRefusal(judges, other, court.id, signedAt, d.head.at), 'not_judge');
        const old = pinnedJudgeGrants(pinned.entries);
        assert.equal(pinnedJudgeRefusal(old, key, court.id, signedAt, pinned.head.at), 'judges_unpinned');

        // Disabled from now on: the log appends the end of the grant.
        await run(ctx, disableUser, SYSTEM_CALLER, kept.user.id);
        const later = await run(ctx, exportDirectory, SYSTEM_CALLER);
        assert.equal(checkExtends(d, later), null, 'only appended');
        const ended = later.entries.find((e) => e.type === 'role.ended');
        assert.ok(ended?.type === 'role.ended' && ended.grantId === r.id);
      } finally {
        await store.close();
      }
    });
  });
}

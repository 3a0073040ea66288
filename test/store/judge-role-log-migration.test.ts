import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createOrganisation, createUnit } from '../../src/directory/organisations.ts';
import { exportDirectory } from '../../src/directory/transparency.ts';
import { createUser, disableUser } from '../../src/directory/users.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { checkExtends } from '../../src/domain/pinned-directory.ts';
import { pinnedJudgeGrants, pinnedJudgeRefusal } from '../../src/domain/pinned-judges.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { migrate, undoMigration } from '../../src/store/database.ts';
import { scratchLocations, testDialects } from '../support/dialects.ts';
import { disabledLongAgo, freshStore, organisationOf } from '../support/migration-store.ts';

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
        const oldCourt = { kind: 'court', nameJa: '旧地裁', nameEn: 'Old District Court' } as const;
        const { org: court, person: judge } = await organisationOf(ctx, oldCourt, ['judge']);
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
        await disabledLongAgo(store, gone.user.id);
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

    test("judges 038 dated enter the log at the upgrade, in one batch; down puts 038's dates back", async () => {
      const { store, ctx } = await freshStore(dialect, scratch);
      try {
        const police = await run(ctx, createOrganisation, SYSTEM_CALLER, {
          kind: 'agency',
          nameJa: '旧県警',
          nameEn: 'Old Prefectural Police',
        });
        const unit = await run(ctx, createUnit, SYSTEM_CALLER, police.id, { nameJa: '旧課', nameEn: 'Old Unit' });
        const court = await run(ctx, createOrganisation, SYSTEM_CALLER, {
          kind: 'court',
          nameJa: '旧地裁',
          nameEn: 'Old District Court',
        });
        const user = async (organisationId: string, unitId: string | null, login: string, role: string) =>
          run(ctx, createUser, SYSTEM_CALLER, { organisationId, unitId, login, displayName: login, roles: [role] });
        const head = await user(police.id, unit.id, 'old.head', 'unit_head');
        const [early, between] = [
          await user(court.id, null, 'early.judge', 'judge'),
          await user(court.id, null, 'between.judge', 'judge'),
        ];
        await undoMigration(store, '068-judges-in-directory-log');
        // As a store upgraded by 038 long ago: 038 dated every active grant, the judge's too (the log then
        // left judges out); a judge granted after 038 has no such date.
        const at038 = '2025-03-01T00:00:00.000Z';
        const grant = (userId: string, set: { decided_at: string; logged_at: string | null }) =>
          store.db
            .updateTable('role_grants')
            .set({ state: 'active', ...set })
            .where('user_id', '=', userId)
            .execute();
        await grant(head.user.id, { decided_at: '2025-01-10T00:00:00.000Z', logged_at: at038 });
        // What a provider pinned since: the approver logged by 038, everything created after, no judge.
        const pinned = await run(ctx, exportDirectory, SYSTEM_CALLER);
        assert.ok(pinned.entries.some((e) => e.type === 'role' && e.at === at038));
        assert.ok(pinned.head.at > at038);
        await grant(early.user.id, { decided_at: '2025-01-10T00:00:00.000Z', logged_at: at038 });
        await grant(between.user.id, { decided_at: '2025-04-01T00:00:00.000Z', logged_at: null });
        const upgradeStart = new Date().toISOString();
        assert.deepEqual(await migrate(store), ['068-judges-in-directory-log']);

        const d = await run(ctx, exportDirectory, SYSTEM_CALLER);
        assert.equal(checkExtends(pinned, d), null, 'every pin is extended, not rewritten');
        const judges = d.entries.filter((e) => e.type === 'role' && e.role === 'judge');
        assert.equal(judges.length, 2, JSON.stringify(judges));
        assert.deepEqual(d.entries.slice(-2), judges, 'after every entry an old pin holds');
        const batch = new Set(judges.map((e) => e.at));
        assert.equal(batch.size, 1, 'one batch, at the upgrade');
        assert.ok([...batch].every((at) => at >= upgradeStart));
        // Warrants both judges signed before the upgrade count: each from when the grant took effect.
        const grants = pinnedJudgeGrants(d.entries);
        const refusal = (ownerId: string, signedAt: string) =>
          pinnedJudgeRefusal(grants, { ownerType: 'user', ownerId }, court.id, signedAt, d.head.at);
        assert.equal(refusal(early.user.id, '2025-02-01T00:00:00.000Z'), null);
        assert.equal(refusal(between.user.id, '2025-05-01T00:00:00.000Z'), null);
        assert.equal(refusal(between.user.id, '2025-03-15T00:00:00.000Z'), 'not_judge', 'not before its start');

        // Down puts back what 038 left: its date on the early judge's grant, none on the later one's.
        await undoMigration(store, '068-judges-in-directory-log');
        const loggedAt = async (userId: string) =>
          (
            await store.db
              .selectFrom('role_grants')
              .select('logged_at')
              .where('user_id', '=', userId)
              .executeTakeFirstOrThrow()
          ).logged_at ?? null;
        assert.equal(await loggedAt(early.user.id), at038);
        assert.equal(await loggedAt(between.user.id), null);
        assert.equal(await loggedAt(head.user.id), at038);
        // And up again extends the pin as the first time.
        assert.deepEqual(await migrate(store), ['068-judges-in-directory-log']);
        assert.equal(checkExtends(pinned, await run(ctx, exportDirectory, SYSTEM_CALLER)), null);
      } finally {
        await store.close();
      }
    });
  });
}

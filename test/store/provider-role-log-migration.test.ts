import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { exportDirectory } from '../../src/directory/transparency.ts';
import { disableUser } from '../../src/directory/users.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { checkExtends, type DirectoryExport } from '../../src/domain/pinned-directory.ts';
import { NOTICE_SIGNING_ROLES, noticeSignerProblem } from '../../src/domain/provision-notice.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { migrate, undoMigration } from '../../src/store/database.ts';
import { scratchLocations, testDialects } from '../support/dialects.ts';
import { disabledLongAgo, freshStore, organisationOf } from '../support/migration-store.ts';

// Migration 072: the directory log begins to carry the roles that carry out a provision order (a content
// provider's legal officer and operator), which a person holds from when they were made. The people
// existing at the upgrade enter the log at the migration's instant, after everything a provider may have
// pinned (an old pin is extended, not rewritten), each with their real start, so a notice an officer
// signed before the upgrade still counts; a person disabled before the upgrade is left out; a later
// disabling ends the role in the log. `down` drops what `up` added; up again extends the pin as before.
const scratch = scratchLocations('shokai-provider-role-log-');
const MIGRATION = '072-provider-roles-in-directory-log';

/** What the log says of a notice `userId` signed for `providerId` at `signedAt`. */
const signerProblem = (d: DirectoryExport, userId: string, providerId: string, signedAt: string) =>
  noticeSignerProblem(
    { ownerType: 'user', ownerId: userId },
    { contentProviderOrganisationId: providerId, signedAt },
    { entries: d.entries.filter((e) => e.type === 'role' || e.type === 'role.ended'), at: d.head.at },
  );

for (const dialect of testDialects()) {
  describe(`the directory log carries the roles that sign provision notices after 072 (${dialect})`, () => {
    test('people held them at the upgrade are logged then with their start; the pin is only extended', async () => {
      const { store, ctx } = await freshStore(dialect, scratch);
      try {
        assert.deepEqual([...NOTICE_SIGNING_ROLES].sort(), ['provider_legal', 'provider_operator']);
        const oldBoard = { kind: 'provider', nameJa: '旧掲示板', nameEn: 'Old Board' } as const;
        const { org: board, person } = await organisationOf(ctx, oldBoard, ['provider_intake']);
        const [legal, ops, gone] = [await person('old.legal'), await person('old.ops'), await person('gone.legal')];
        // What a provider pinned before the upgrade: the log as it was, carrying no such role (an intake
        // clerk's role is not one the log carries, before or after).
        const pinned = await run(ctx, exportDirectory, SYSTEM_CALLER);
        assert.ok(!pinned.entries.some((e) => e.type === 'role'));
        await undoMigration(store, MIGRATION);
        // As a store before the change: the officers made long ago, one of them disabled since (dated).
        const long = '2025-04-01T00:00:00.000Z';
        const made = (id: string, roles: string[]) =>
          store.db
            .updateTable('users')
            .set({ roles: JSON.stringify(roles), created_at: long })
            .where('id', '=', id);
        await made(legal.user.id, ['provider_legal']).execute();
        await made(ops.user.id, ['provider_intake', 'provider_operator']).execute();
        await made(gone.user.id, ['provider_legal']).execute();
        await disabledLongAgo(store, gone.user.id);
        const upgradeStart = new Date().toISOString();
        assert.deepEqual(await migrate(store), [MIGRATION]);

        const d = await run(ctx, exportDirectory, SYSTEM_CALLER);
        assert.equal(checkExtends(pinned, d), null, 'the old pin is extended, not rewritten');
        const roles = d.entries.filter((e) => e.type === 'role');
        const shown = (r: (typeof roles)[number]) => (r.type === 'role' ? `${r.userId} ${r.role} ${r.from}` : '');
        assert.deepEqual(
          roles.map(shown).sort(),
          [`${legal.user.id} provider_legal ${long}`, `${ops.user.id} provider_operator ${long}`].sort(),
        );
        assert.ok(
          roles.every((r) => r.at >= upgradeStart),
          'they enter the log at the upgrade',
        );
        assert.deepEqual(d.entries.slice(-2), roles, 'after every entry an old pin holds');
        assert.ok(!d.entries.some((e) => e.type === 'role.ended'), 'the officer disabled before is left out');

        // A notice the officer signed before the upgrade counts; one signed before they were made does not.
        const before = '2025-06-01T00:00:00.000Z';
        assert.equal(signerProblem(d, legal.user.id, board.id, before), null);
        assert.equal(signerProblem(d, ops.user.id, board.id, before), null);
        assert.equal(signerProblem(d, legal.user.id, board.id, '2025-03-01T00:00:00.000Z'), 'signer_role');
        assert.equal(signerProblem(d, gone.user.id, board.id, '2025-04-15T00:00:00.000Z'), 'signer_role');
        assert.equal(signerProblem(d, legal.user.id, 'org_other', before), 'signer_role', 'at the provider only');

        // Disabled from now on: the log appends the end of the role; a notice signed after it is refused.
        await run(ctx, disableUser, SYSTEM_CALLER, legal.user.id);
        const later = await run(ctx, exportDirectory, SYSTEM_CALLER);
        assert.equal(checkExtends(d, later), null, 'only appended');
        const ended = later.entries.find((e) => e.type === 'role.ended');
        const legalRole = roles.find((r) => r.type === 'role' && r.userId === legal.user.id);
        assert.ok(ended?.type === 'role.ended' && ended.grantId === legalRole?.id, JSON.stringify(ended));
        assert.equal(signerProblem(later, legal.user.id, board.id, later.head.at), 'signer_role');
        assert.equal(signerProblem(later, legal.user.id, board.id, before), null, 'what it signed before stands');

        // Down drops the column and nothing else; up again dates them at its own instant, after what the
        // old pin holds: the log verifies and extends that pin as the first time.
        await undoMigration(store, MIGRATION);
        assert.deepEqual(await migrate(store), [MIGRATION]);
        assert.equal(checkExtends(pinned, await run(ctx, exportDirectory, SYSTEM_CALLER)), null);
      } finally {
        await store.close();
      }
    });
  });
}

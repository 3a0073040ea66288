// `shokai user end-role`: an administrator of the person's organisation ends one of their roles on the
// command line while the account stays (on SQLite and PostgreSQL); the end is stored with its instant and
// audited; another organisation's administrator does not find the person. `user grant-role` grants it again;
// `user roles` prints both periods.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openStore } from '../../src/store/database.ts';
import { parseStoreLocation } from '../../src/store/location.ts';
import { auditEntries } from '../support/audit.ts';
import { organisationAtCli, shokaiSync } from '../support/cli.ts';
import { suiteLocation, testDialects } from '../support/dialects.ts';

for (const dialect of testDialects()) {
  describe(`a role ended on the command line (${dialect})`, () => {
    const { freshForCli } = suiteLocation(dialect, 'shokai-user-end-role-');

    test("only the person's own administrator ends it; the account stays", async () => {
      const { env, url } = await freshForCli();
      const ja = { ...env, SHOKAI_LANG: 'ja' };
      const person = (org: string, login: string, roles: string) =>
        shokaiSync(['user', 'create', '--org', org, '--login', login, '--name', login, '--roles', roles], ja);
      const board = organisationAtCli(ja, 'provider', '掲示板', 'Board');
      const other = organisationAtCli(ja, 'provider', '別の社', 'Other');
      for (const [org, login, roles] of [
        [board, 'p.admin', 'admin'],
        [board, 'p.legal', 'provider_legal,provider_operator'],
        [other, 'q.admin', 'admin'],
      ] as const) {
        assert.equal(person(org, login, roles).status, 0, login);
      }

      const foreign = shokaiSync(['user', 'end-role', 'p.legal', '--role', 'provider_legal', '--as', 'q.admin'], ja);
      assert.notEqual(foreign.status, 0, foreign.stdout);
      assert.match(foreign.stderr, /存在しません|見つかりません/);

      const ended = shokaiSync(['user', 'end-role', 'p.legal', '--role', 'provider_legal', '--as', 'p.admin'], ja);
      assert.equal(ended.status, 0, ended.stderr);
      assert.match(ended.stdout, /p\.legal（p\.legal）の「.+」の役割を終了しました（アカウントは有効のままです）/);
      const again = shokaiSync(['user', 'end-role', 'p.legal', '--role', 'provider_legal', '--as', 'p.admin'], ja);
      assert.notEqual(again.status, 0);
      assert.match(again.stderr, /役割を持っていません/);

      const back = shokaiSync(['user', 'grant-role', 'p.legal', '--role', 'provider_legal', '--as', 'p.admin'], ja);
      assert.equal(back.status, 0, back.stderr);
      assert.match(back.stdout, /p\.legal に「.+」を付与しました（有効: grant_/);

      // Its periods as the people page shows them: in the zone asked for, with offset; who acted by name, no id.
      const roles = shokaiSync(['user', 'roles', 'p.legal', '--as', 'p.admin', '--zone', 'Asia/Tokyo'], ja);
      assert.equal(roles.status, 0, roles.stderr);
      const lines = roles.stdout.trim().split('\n');
      const legal = lines.filter((l) => l.startsWith('法務担当'));
      assert.equal(legal.length, 2, roles.stdout);
      assert.match(
        legal[0] ?? '',
        /^法務担当: \S+ \S+ \+09:00 から（利用者の登録時から） — \S+ \S+ \+09:00 に終了（p\.admin（p\.admin））$/,
      );
      assert.match(legal[1] ?? '', /^法務担当: \S+ \S+ \+09:00 から（付与: p\.admin（p\.admin）） — 現在も保持$/);
      assert.doesNotMatch(roles.stdout, /usr_|grant_|provider_legal/);
      const en = shokaiSync(['user', 'roles', 'p.legal', '--zone', 'UTC'], { ...env, SHOKAI_LANG: 'en' });
      assert.equal(en.status, 0, en.stderr);
      assert.match(
        en.stdout,
        /held since the person was registered\) — ended .+ \+00:00 \(by: p\.admin \(p\.admin\)\)/,
      );
      const foreignRead = shokaiSync(['user', 'roles', 'p.legal', '--as', 'q.admin'], ja);
      assert.notEqual(foreignRead.status, 0, foreignRead.stdout);

      // A privileged role granted and awaiting its countersignature: apart from the periods, not held.
      const admin = shokaiSync(['user', 'grant-role', 'p.legal', '--role', 'admin', '--as', 'p.admin'], ja);
      assert.equal(admin.status, 0, admin.stderr);
      const waiting = shokaiSync(['user', 'roles', 'p.legal', '--as', 'p.admin', '--zone', 'Asia/Tokyo'], ja);
      assert.equal(waiting.status, 0, waiting.stderr);
      const [heldPart, pendingPart] = waiting.stdout.split('副署待ち（保持していない）:\n');
      assert.doesNotMatch(heldPart ?? '', /^管理者/m, waiting.stdout);
      assert.match(
        pendingPart ?? '',
        /^管理者: \S+ \S+ \+09:00 に付与（p\.admin（p\.admin））、二人目の管理者か鍵管理責任者の副署待ち — まだ保持していません$/m,
      );
      // The organisation's first administrator, registered by the operator: said as such in the grants list.
      const grants = shokaiSync(['user', 'grants', '--org', board], { ...env, SHOKAI_LANG: 'en' });
      assert.equal(grants.status, 0, grants.stderr);
      const first = grants.stdout.split('\n').find((l) => /\bp\.admin\b/.test(l)) ?? assert.fail(grants.stdout);
      assert.match(first, /the organisation's first administrator, given the role at registration/);
      assert.doesNotMatch(grants.stdout, /before the two-person rule/);

      const store = await openStore(parseStoreLocation(url));
      try {
        const user = await store.db
          .selectFrom('users')
          .select(['id', 'roles', 'disabled'])
          .where('login', '=', 'p.legal')
          .executeTakeFirstOrThrow();
        assert.deepEqual(JSON.parse(user.roles), ['provider_operator', 'provider_legal'], 'granted again');
        assert.equal(user.disabled, 0);
        const ends = await store.db.selectFrom('role_ends').selectAll().execute();
        assert.equal(ends.length, 1);
        assert.equal(ends[0]?.grant_id, `${user.id}:provider_legal`);
        assert.ok(!Number.isNaN(Date.parse(ends[0]?.ended_at ?? '')), 'an instant');
        const audited = await auditEntries(store.db, 'role.ended', user.id);
        assert.equal(audited.length, 1);
      } finally {
        await store.close();
      }
    });
  });
}

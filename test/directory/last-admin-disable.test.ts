// An organisation's only administrator does not disable themselves (src/directory/users.ts `disableUser`,
// the rule of src/directory/role-ends.ts `keepAnotherAdmin`): the organisation would be left with no one to
// make its people. The installation's operator still may (a compromised account is disabled at once). On
// PostgreSQL two administrators disabling each other at once: the second is refused once the audit head is
// held, as for ending each other's role.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { principalOfLogin } from '../../src/auth/auth-service.ts';
import { disableUser } from '../../src/directory/users.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { twoAtTheAuditHead } from '../support/audit-head-race.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks } from '../support/exchange.ts';

interface Refusal {
  error: { code: string; message: { ja: string; en: string } };
}

const disabled = async (db: ReturnType<typeof hubWithHooks>['hub']['ctx']['store']['db'], login: string) =>
  (await db.selectFrom('users').select('disabled').where('login', '=', login).executeTakeFirstOrThrow()).disabled;

const makeAdmin = (db: ReturnType<typeof hubWithHooks>['hub']['ctx']['store']['db'], login: string) =>
  db
    .updateTable('users')
    .set({ roles: JSON.stringify(['admin']) })
    .where('login', '=', login)
    .execute();

for (const dialect of testDialects()) {
  describe(`the only administrator disabled (${dialect})`, () => {
    const { hub } = hubWithHooks(dialect, []);

    test('refused when they disable themselves; done by another administrator or the operator', async () => {
      const db = hub.ctx.store.db;
      const me = await principalOfLogin(db, 'mpd.admin');
      const admin = await hub.as('mpd.admin');
      const self = await admin.call<Refusal>('POST', `/v1/users/${me.id}/disable`);
      assert.equal(self.status, 409, JSON.stringify(self.body));
      assert.match(self.body.error.message.en, /only administrator/);
      assert.match(self.body.error.message.ja, /ただ一人の管理者/);
      assert.equal(await disabled(db, 'mpd.admin'), 0, 'nothing was changed');

      await makeAdmin(db, 'mpd.keys');
      const keys = await principalOfLogin(db, 'mpd.keys');
      const other = await run(hub.ctx, disableUser, keys, me.id);
      assert.equal(other.disabled, true, 'another administrator stays');

      const last = await run(hub.ctx, disableUser, SYSTEM_CALLER, keys.id);
      assert.equal(last.disabled, true, 'the operator may disable the last one');
    });
  });
}

for (const dialect of testDialects().filter((d) => d === 'postgres')) {
  describe(`two administrators disable each other at once (${dialect})`, () => {
    const { hub } = hubWithHooks(dialect, []);

    test('one goes through, the other is refused: an administrator stays', async () => {
      const db = hub.ctx.store.db;
      await makeAdmin(db, 'mpd.keys');
      const a = await principalOfLogin(db, 'mpd.admin');
      const b = await principalOfLogin(db, 'mpd.keys');
      const results = await twoAtTheAuditHead(db, () => [
        run(hub.ctx, disableUser, a, b.id),
        run(hub.ctx, disableUser, b, a.id),
      ]);
      assert.equal(results.filter((e) => e.status === 'fulfilled').length, 1, JSON.stringify(results));
      const refused = results.find((e) => e.status === 'rejected') as PromiseRejectedResult | undefined;
      assert.match(String(refused?.reason), /only administrator/);
      const left = (await disabled(db, 'mpd.admin')) + (await disabled(db, 'mpd.keys'));
      assert.equal(left, 1, 'exactly one of the two is disabled');
    });
  });
}

// A login with a control or unseen character, on SQLite and PostgreSQL: no login holds one (user creation
// allows a-z 0-9 . _ -), so sign-in refuses it at the door naming the field — the same refusal whether or not
// the rest of it is a login that exists — and records nothing: a newline in a recorded login would start a
// forged line of `shokai audit list`. User creation refuses it too.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { testDialects } from '../support/dialects.ts';
import { call, hubWithHooks } from '../support/exchange.ts';
import type { ApiError } from '../support/replies.ts';

for (const dialect of testDialects()) {
  describe(`a login with a control character is refused at sign-in (${dialect})`, () => {
    const {
      hub,
      people: [admin],
      orgs,
    } = hubWithHooks(dialect, ['mpd.admin']);
    const failures = async () =>
      Number(
        (
          await hub.ctx.store.db
            .selectFrom('audit_entries')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('action', '=', 'user.login_failed')
            .executeTakeFirstOrThrow()
        ).n,
      );

    test('refused naming the login, the same for any login, and nothing recorded', async () => {
      const before = await failures();
      const answers: Array<{ status: number; code: string; message: unknown }> = [];
      for (const login of [
        'zz\n#9  2026-12-03 09:59:00 +09:00  system  nothing to see',
        'sa\nto',
        'sato\u0007',
        'sa\u200bto',
        'nobody\u001b[2J',
      ]) {
        const r = await call<ApiError>(hub.url, 'POST', '/v1/auth/login', {
          login,
          password: 'correct horse battery staple',
          totp: '123456',
        });
        assert.equal(r.status, 400, `${JSON.stringify(login)}: ${JSON.stringify(r.body)}`);
        assert.equal(r.body.error.details?.field, 'login');
        assert.match(r.body.error.message.en, /control or unseen character/);
        assert.match(r.body.error.message.ja, /制御文字/);
        answers.push({ status: r.status, code: r.body.error.code, message: r.body.error.message });
      }
      assert.equal(new Set(answers.map((a) => JSON.stringify(a))).size, 1, 'one answer whatever the login');
      assert.equal(await failures(), before, 'no sign-in failure recorded with the login');
      // A login of a real person with its trailing newline is that login (trimmed, as before): a wrong code.
      const trimmed = await call<ApiError>(hub.url, 'POST', '/v1/auth/login', {
        login: 'sato\n',
        password: 'wrong password',
        totp: '123456',
      });
      assert.equal(trimmed.status, 401);
    });

    test('user creation refuses a login with a control character, naming it', async () => {
      const r = await admin.call<ApiError>('POST', '/v1/users', {
        organisationId: orgs.mpd,
        login: 'mpd.x\n#1',
        displayName: 'x',
        roles: ['investigator'],
      });
      assert.equal(r.status, 400, JSON.stringify(r.body));
      assert.equal(r.body.error.details?.field, 'login');
    });
  });
}

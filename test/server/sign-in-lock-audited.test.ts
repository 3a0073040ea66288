// A sign-in refused by the throttle (five tries on a login, thirty failed from an address, in fifteen
// minutes) left nothing in the audit log: the tries within the limit were recorded, then silence. A person
// kept out of their account, or an address guessing on, did not show. Now the first refusal of each window
// is recorded, with the login as typed and why; the refusals after it are not (nobody fills the log by
// knocking). Enrolment counts with sign-in and is recorded as an enrolment refusal.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CLIENT_ATTEMPTS, LOGIN_ATTEMPTS } from '../../src/auth/auth-service.ts';
import { auditEntries } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { call, hubWithHooks } from '../support/exchange.ts';

for (const dialect of testDialects()) {
  describe(`the sign-in throttle's refusals in the audit log (${dialect})`, () => {
    // X-Forwarded-For is believed from 127.0.0.1, so each try may come from its own address.
    const { hub } = hubWithHooks(dialect, [], { trustedProxies: ['127.0.0.1'] });
    const signIn = (login: string, address: string) =>
      call(
        hub.url,
        'POST',
        '/v1/auth/login',
        { login, password: 'not-the-password', totp: '123456' },
        { 'x-forwarded-for': address },
      );
    const recorded = async (action: string, reason: string) =>
      (await auditEntries(hub.ctx.store.db, action))
        .map((e) => ({
          actor: e.actorId,
          subject: e.subjectId,
          details: e.details as { login: string; reason: string; client?: string },
        }))
        .filter((e) => e.details.reason === reason);

    test('a login locked is recorded once, as the person whose login it is', async () => {
      for (let i = 0; i < LOGIN_ATTEMPTS + 3; i++) {
        assert.equal((await signIn('tanaka', `198.51.100.${i + 1}`)).status, 401);
      }
      const locked = await recorded('user.login_failed', 'login_locked');
      assert.equal(locked.length, 1, 'once for the window, not for each knock');
      assert.equal(locked[0]?.details.login, 'tanaka');
      const tanaka = await hub.ctx.store.db
        .selectFrom('users')
        .select('id')
        .where('login', '=', 'tanaka')
        .executeTakeFirstOrThrow();
      assert.equal(locked[0]?.actor, tanaka.id);
      assert.equal(locked[0]?.details.client, '198.51.100.6', 'the address that crossed the limit');
    });

    test("an address locked out of a person's login is the system's act, naming the address", async () => {
      const tries = [...Array(CLIENT_ATTEMPTS + 1).keys()].map((i) => `someone-${i}`);
      tries[CLIENT_ATTEMPTS] = 'osaka';
      for (const login of tries) assert.equal((await signIn(login, '203.0.113.88')).status, 401);
      const locked = (await recorded('user.login_failed', 'address_locked')).filter((e) => e.details.login === 'osaka');
      const osaka = await hub.ctx.store.db
        .selectFrom('users')
        .select('id')
        .where('login', '=', 'osaka')
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        locked.map((e) => [e.actor, e.subject, e.details.client]),
        [[null, osaka.id, '203.0.113.88']],
      );
    });

    test('an address locked is recorded once, with the login it tried', async () => {
      for (let i = 0; i < CLIENT_ATTEMPTS + 3; i++) {
        assert.equal((await signIn(`nobody-${i}`, '203.0.113.77')).status, 401);
      }
      const locked = (await recorded('user.login_failed', 'address_locked')).filter((e) =>
        e.details.login.startsWith('nobody-'),
      );
      assert.equal(locked.length, 1);
      assert.equal(locked[0]?.details.login, `nobody-${CLIENT_ATTEMPTS}`);
      assert.equal(locked[0]?.actor, null, 'no one holds that login');
    });

    test('an enrolment locked is recorded as an enrolment refusal', async () => {
      for (let i = 0; i < LOGIN_ATTEMPTS + 2; i++) {
        const r = await call(
          hub.url,
          'POST',
          '/v1/enrolment',
          { login: 'osaka', code: 'ABCD-EFGH-IJKL-MNOP-QRST', password: 'a long enough password' },
          { 'x-forwarded-for': `192.0.2.${100 + i}` },
        );
        assert.notEqual(r.status, 200);
      }
      const locked = await recorded('user.enrolment_failed', 'login_locked');
      assert.equal(locked.length, 1, JSON.stringify(await recorded('user.enrolment_failed', 'wrong_code')));
      assert.equal(locked[0]?.details.login, 'osaka');
    });
  });
}

// With a stolen password, one-time codes could be guessed at about 0.14 % a day (five tries per fifteen
// minutes, three codes accepted each), every try audited and nothing stopping or telling anyone. Now codes
// that fail after the right password are counted per person over a day: the tenth locks the second factor
// for every browser but the person's usual one (its device cookie), the refusal the same as a wrong code (a
// guesser learns nothing of the password); the lock is audited as the person's, with the address, and shown
// to the person on their screen and to their organisation's administrators in the list of its people.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SECOND_FACTOR_FAILURES } from '../../src/auth/second-factor-lock.ts';
import { auditEntries } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks, nextTotp, totpNow } from '../support/exchange.ts';
import type { ApiError } from '../support/replies.ts';

interface Lock {
  failures: number;
  since: string;
}

for (const dialect of testDialects()) {
  describe(`failed one-time codes after the right password (${dialect})`, () => {
    let offsetMs = 0;
    const clock = () => new Date(Date.now() + offsetMs);
    // X-Forwarded-For is believed from 127.0.0.1, so the guesser and the person are different addresses.
    const { hub } = hubWithHooks(dialect, [], { clock, trustedProxies: ['127.0.0.1'] });
    const sato = () => hub.demo.logins.find((x) => x.login === 'sato') ?? assert.fail('sato');

    /** sato's right password from `address` with a code (the right one of a fresh step unless given). */
    async function signIn(address: string, options: { code?: string; device?: string } = {}) {
      // Past the login's five tries in fifteen minutes: each try comes in a window of its own.
      offsetMs += 16 * 60_000;
      const r = await fetch(`${hub.url}/v1/auth/login`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-forwarded-for': address,
          ...(options.device ? { cookie: `shokai_device=${options.device}` } : {}),
        },
        body: JSON.stringify({
          login: 'sato',
          password: sato().password,
          totp: options.code ?? (await nextTotp(sato().totpSecret, () => clock().getTime())),
          returnToken: true,
        }),
      });
      const set = r.headers.getSetCookie().find((c) => c.startsWith('shokai_device='));
      return {
        status: r.status,
        body: (await r.json()) as ApiError & { token?: string },
        device: set?.replace(/^shokai_device=/, '').split(';')[0] ?? '',
      };
    }
    /** A code that is not the right one at any step the hub accepts now. */
    const wrongCode = () => {
      const near = [-1, 0, 1].map((d) => totpNow(sato().totpSecret, clock().getTime() + d * 30_000));
      let code = 0;
      while (near.includes(String(code).padStart(6, '0'))) code++;
      return String(code).padStart(6, '0');
    };
    const me = async (token: string) =>
      (await (await fetch(`${hub.url}/v1/me`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
        secondFactorLock: Lock | null;
      };

    test('ten wrong codes lock the second factor but for the usual browser; person and admins are told', async () => {
      const usual = await signIn('192.0.2.10');
      assert.equal(usual.status, 200);
      assert.equal((await me(usual.body.token ?? '')).secondFactorLock, null, 'nothing to tell yet');
      const usualAt = clock().getTime();
      for (let i = 1; i <= SECOND_FACTOR_FAILURES; i++) {
        const r = await signIn(`198.51.100.${i}`, { code: wrongCode() });
        assert.equal(r.status, 401, `wrong code ${i}`);
      }
      const lockedAt = (await auditEntries(hub.ctx.store.db, 'user.login_failed'))
        .map((e) => e.details)
        .filter((d) => d.reason === 'second_factor_locked');
      assert.deepEqual(lockedAt, [{ login: 'sato', reason: 'second_factor_locked', client: '198.51.100.10' }]);

      // The right password and the right code, from elsewhere: refused as any wrong code is.
      const elsewhere = await signIn('203.0.113.5');
      assert.equal(elsewhere.status, 401);
      assert.equal(elsewhere.body.error.message.en, 'wrong login, password or code');
      assert.equal(elsewhere.body.error.message.ja, 'ログイン名、パスワードまたは確認コードが違います');

      // From the usual browser the person gets in, and is told.
      const back = await signIn('192.0.2.10', { device: usual.device });
      assert.equal(back.status, 200, JSON.stringify(back.body));
      const told = (await me(back.body.token ?? '')).secondFactorLock;
      assert.equal(told?.failures, SECOND_FACTOR_FAILURES + 1);
      // Counted from the first wrong code, not from the right one before it (given back, and forgotten).
      assert.ok(Date.parse(told?.since ?? '') > usualAt + 15 * 60_000, told?.since);
      // Their organisation's administrator sees it in the list of its people.
      const admin = await hub.as('mpd.admin');
      const users = await admin.call<{ items: { login: string; secondFactorLock: Lock | null }[] }>('GET', '/v1/users');
      const listed = users.body.items.find((u) => u.login === 'sato');
      assert.equal(listed?.secondFactorLock?.failures, SECOND_FACTOR_FAILURES + 1);
      assert.equal(users.body.items.find((u) => u.login !== 'sato')?.secondFactorLock, null);

      // A day after the window began, the count starts afresh.
      offsetMs += 24 * 3600_000;
      assert.equal((await signIn('203.0.113.5')).status, 200);
    });
  });
}

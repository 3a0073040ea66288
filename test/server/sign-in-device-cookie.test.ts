// Five wrong tries from anywhere locked a login for fifteen minutes, the right password and code included:
// whoever knew a unit head's login could keep them out, during an emergency request too. Now a browser the
// person signed in from holds a device cookie (signed by the hub, naming the login); a sign-in presenting it
// is counted on the cookie's own counter, so the lock-out of untrusted clients does not keep the person out
// of their usual browser. A cookie of another login, or altered, counts as none; a cookie that fails too
// often is itself locked, and that is recorded once.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEVICE_ATTEMPTS, LOGIN_ATTEMPTS } from '../../src/auth/auth-service.ts';
import { auditDetails } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks, nextTotp } from '../support/exchange.ts';
import type { ApiError } from '../support/replies.ts';

for (const dialect of testDialects()) {
  describe(`the sign-in device cookie (${dialect})`, () => {
    let offsetMs = 0;
    const clock = () => new Date(Date.now() + offsetMs);
    // X-Forwarded-For is believed from 127.0.0.1, so the attacker and the person are different addresses.
    const { hub } = hubWithHooks(dialect, [], { clock, trustedProxies: ['127.0.0.1'] });
    const secretOf = (login: string) => {
      const l = hub.demo.logins.find((x) => x.login === login);
      assert.ok(l, login);
      return l;
    };

    /** A sign-in from `address`, with the device cookie `device` if given: its answer and the cookie set. */
    async function signIn(
      login: string,
      password: string | 'right',
      address: string,
      device?: string,
      headers: Record<string, string> = {},
    ) {
      const l = secretOf(login);
      // Each try with the right password takes a fresh code: the clock moves on a step.
      offsetMs += 30_000;
      const r = await fetch(`${hub.url}/v1/auth/login`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-forwarded-for': address,
          ...(device ? { cookie: `shokai_device=${device}` } : {}),
          ...headers,
        },
        body: JSON.stringify({
          login,
          password: password === 'right' ? l.password : password,
          totp: await nextTotp(l.totpSecret, () => clock().getTime()),
        }),
      });
      const set = r.headers.getSetCookie().find((c) => /^(__Host-)?shokai_device=/.test(c));
      return {
        status: r.status,
        body: (await r.json()) as ApiError,
        setCookie: set ?? '',
        device: set?.replace(/^(__Host-)?shokai_device=/, '').split(';')[0] ?? '',
      };
    }
    const lockFromElsewhere = async (login: string) => {
      for (let i = 0; i <= LOGIN_ATTEMPTS; i++) {
        assert.equal((await signIn(login, `guess-${i}`, `198.51.100.${10 + i}`)).status, 401);
      }
    };
    const recorded = async (reason: string) =>
      (await auditDetails(hub.ctx.store.db, 'user.login_failed'))
        .map((d) => d as { login: string; reason: string })
        .filter((d) => d.reason === reason);

    test('a login locked by tries from elsewhere lets its person in from the browser they signed in from', async () => {
      const first = await signIn('tanaka', 'right', '192.0.2.10');
      assert.equal(first.status, 200, JSON.stringify(first.body));
      assert.match(first.device, /^d1\./, first.setCookie);
      assert.match(first.setCookie, /; HttpOnly/);
      assert.match(first.setCookie, /; SameSite=Strict/);
      await lockFromElsewhere('tanaka');
      const untrusted = await signIn('tanaka', 'right', '192.0.2.10');
      assert.equal(untrusted.status, 401, 'without the device cookie, the right password is locked out too');
      assert.match(untrusted.body.error.message.en, /locked/);
      const trusted = await signIn('tanaka', 'right', '192.0.2.10', first.device);
      assert.equal(trusted.status, 200, JSON.stringify(trusted.body));
      assert.match(trusted.device, /^d1\./, 'a fresh device cookie');
      // The person's own sign-in leaves the lock on tries from elsewhere standing.
      assert.equal((await signIn('tanaka', 'right', '192.0.2.11')).status, 401);
      assert.equal((await signIn('tanaka', 'right', '192.0.2.10', trusted.device)).status, 200);
    });

    test("another login's device cookie, or an altered one, counts as none", async () => {
      offsetMs += 16 * 60_000;
      const osaka = await signIn('osaka', 'right', '192.0.2.20');
      assert.equal(osaka.status, 200);
      const mine = await signIn('sato', 'right', '192.0.2.21');
      assert.equal(mine.status, 200);
      await lockFromElsewhere('sato');
      const others = await signIn('sato', 'right', '192.0.2.21', osaka.device);
      assert.equal(others.status, 401, "osaka's cookie does not name sato");
      assert.match(others.body.error.message.en, /locked/);
      const last = mine.device.at(-1) === '0' ? '1' : '0';
      const altered = await signIn('sato', 'right', '192.0.2.21', `${mine.device.slice(0, -1)}${last}`);
      assert.equal(altered.status, 401, 'an altered cookie');
      assert.equal((await signIn('sato', 'right', '192.0.2.21', mine.device)).status, 200);
    });

    test('a device cookie that fails too often is locked itself, and recorded once', async () => {
      offsetMs += 16 * 60_000;
      const first = await signIn('board.intake', 'right', '192.0.2.30');
      assert.equal(first.status, 200);
      for (let i = 0; i < DEVICE_ATTEMPTS; i++) {
        const r = await signIn('board.intake', `wrong-${i}`, '192.0.2.30', first.device);
        assert.equal(r.status, 401);
        assert.doesNotMatch(r.body.error.message.en, /locked/);
      }
      for (const password of ['wrong-again', 'right']) {
        const r = await signIn('board.intake', password, '192.0.2.30', first.device);
        assert.equal(r.status, 401);
        assert.match(r.body.error.message.en, /this browser: login is locked/);
      }
      const locked = (await recorded('device_locked')).filter((d) => d.login === 'board.intake');
      assert.equal(locked.length, 1, 'once for the window');
      // The login's own counter was not touched: another browser still signs in.
      assert.equal((await signIn('board.intake', 'right', '192.0.2.31')).status, 200);
      offsetMs += 16 * 60_000;
      assert.equal((await signIn('board.intake', 'right', '192.0.2.30', first.device)).status, 200);
    });

    test('over https the device cookie is __Host-: Secure, host-only, the whole path', async () => {
      const r = await signIn('isp.legal', 'right', '192.0.2.40', undefined, { 'x-forwarded-proto': 'https' });
      assert.equal(r.status, 200);
      assert.match(r.setCookie, /^__Host-shokai_device=d1\./);
      assert.match(r.setCookie, /; Secure/);
      assert.match(r.setCookie, /; Path=\//);
      assert.doesNotMatch(r.setCookie, /Domain=/i);
    });
  });
}

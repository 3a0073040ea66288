// The session cookie over https is `__Host-shokai_session`: Secure, this host only, the whole path. A site
// on a sibling name (other.example.jp beside the hub's example.jp name) can set a cookie for the parent
// domain; one of the plain name with a longer path is sent first, and the hub read the first: the person,
// signed in as themselves, went on in a session the other site chose (drafting, attaching evidence, in an
// account its owner reads). A browser refuses a `__Host-` cookie from anywhere but the hub itself.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { overHttps, parseTrustedProxies } from '../../src/server/client-address.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks, nextTotp } from '../support/exchange.ts';

interface Me {
  user: { displayName: string; id: string };
}

for (const dialect of testDialects()) {
  describe(`the session cookie (${dialect})`, () => {
    const {
      hub,
      people: [other],
    } = hubWithHooks(dialect, ['tanaka'], { trustedProxies: ['127.0.0.1'] });

    async function signIn(login: string, headers: Record<string, string>) {
      const l = hub.demo.logins.find((x) => x.login === login);
      assert.ok(l);
      const r = await fetch(`${hub.url}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({
          login,
          password: l.password,
          totp: await nextTotp(l.totpSecret, () => hub.ctx.clock().getTime()),
          returnToken: true,
        }),
      });
      assert.equal(r.status, 200);
      const body = (await r.json()) as { token: string };
      return { setCookie: r.headers.get('set-cookie') ?? '', token: body.token };
    }
    const me = (cookie: string, headers: Record<string, string> = {}) =>
      fetch(`${hub.url}/v1/me`, { headers: { cookie, ...headers } });
    const https = { 'x-forwarded-proto': 'https' };

    test('over https it is __Host-: Secure, host-only, the whole path; a tossed plain cookie is not read', async () => {
      const sato = await signIn('sato', https);
      assert.match(sato.setCookie, /^__Host-shokai_session=/, sato.setCookie);
      assert.match(sato.setCookie, /; Secure/);
      assert.match(sato.setCookie, /; HttpOnly/);
      assert.match(sato.setCookie, /; SameSite=Strict/);
      assert.match(sato.setCookie, /; Path=\//);
      assert.doesNotMatch(sato.setCookie, /Domain=/i);
      // The other site's cookie (another account's session), sent first as its longer path makes it.
      const tossed = await me(`shokai_session=${other.token}; __Host-shokai_session=${sato.token}`, https);
      assert.equal(tossed.status, 200);
      const mine = (await tossed.json()) as Me;
      const satoMe = (await (await me(`__Host-shokai_session=${sato.token}`, https)).json()) as Me;
      assert.equal(mine.user.id, satoMe.user.id, 'the person stays in their own session');
      assert.equal((await me(`shokai_session=${other.token}`, https)).status, 401, 'the plain name is not read');
      // Signing out over https ends the prefixed cookie (Secure, so the browser takes the deletion).
      const out = await fetch(`${hub.url}/v1/auth/logout`, {
        method: 'POST',
        headers: { cookie: `__Host-shokai_session=${sato.token}`, ...https },
      });
      assert.equal(out.status, 200);
      assert.match(out.headers.get('set-cookie') ?? '', /^__Host-shokai_session=; .*Secure/);
      assert.equal((await me(`__Host-shokai_session=${sato.token}`, https)).status, 401);
    });

    test('over plain http (a hub on localhost) the plain name, as browsers refuse the prefix there', async () => {
      const osaka = await signIn('osaka', {});
      assert.match(osaka.setCookie, /^shokai_session=/);
      assert.doesNotMatch(osaka.setCookie, /Secure/);
      assert.equal((await me(`shokai_session=${osaka.token}`)).status, 200);
    });
  });
}

test('X-Forwarded-Proto is believed only from a proxy the operator named', () => {
  const proxies = parseTrustedProxies(['10.0.0.0/8']);
  assert.equal(overHttps('https://hub.example.jp/v1/me', '192.0.2.1', undefined, proxies), true, 'its own TLS');
  assert.equal(overHttps('http://10.0.0.5/v1/me', '10.0.0.9', 'https', proxies), true, 'the proxy says so');
  assert.equal(overHttps('http://10.0.0.5/v1/me', '::ffff:10.0.0.9', 'HTTPS', proxies), true, 'mapped, any case');
  assert.equal(overHttps('http://hub/v1/me', '192.0.2.1', 'https', proxies), false, 'a direct caller is not');
  assert.equal(overHttps('http://hub/v1/me', '192.0.2.1', 'https', []), false, 'no proxy named');
  assert.equal(overHttps('http://10.0.0.5/v1/me', '10.0.0.9', 'http', proxies), false);
});

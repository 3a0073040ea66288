// The sign-in answered every caller with the session token in its body: a browser too, where any script
// on the page reading that answer held the session the HttpOnly cookie keeps from scripts. Now the token
// is in the body only for a client that asks (`returnToken`, a client without a browser); a browser's
// session is its cookie alone.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks, postDemoLogin } from '../support/exchange.ts';

for (const dialect of testDialects()) {
  describe(`the session token in the sign-in answer (${dialect})`, () => {
    const { hub } = hubWithHooks(dialect, []);

    async function signIn(login: string, extra: Record<string, unknown>) {
      const r = await postDemoLogin(hub, login, () => hub.ctx.clock().getTime(), extra);
      assert.equal(r.status, 200);
      const session = r.headers.getSetCookie().find((c) => c.startsWith('shokai_session='));
      return {
        body: (await r.json()) as { token?: string; user: { id: string }; expiresAt: string },
        cookie: session?.split(';')[0] ?? '',
      };
    }
    const me = (headers: Record<string, string>) => fetch(`${hub.url}/v1/me`, { headers });

    test("a browser's sign-in is answered without the token; its cookie is the session", async () => {
      const browser = await signIn('sato', {});
      assert.equal('token' in browser.body, false, JSON.stringify(browser.body));
      assert.ok(browser.body.user.id);
      assert.ok(browser.body.expiresAt);
      assert.match(browser.cookie, /^shokai_session=./);
      assert.equal((await me({ cookie: browser.cookie })).status, 200);
    });

    test('a client that asks for the token gets it, and it serves as a bearer token', async () => {
      const cli = await signIn('tanaka', { returnToken: true });
      assert.ok(cli.body.token);
      assert.equal((await me({ authorization: `Bearer ${cli.body.token}` })).status, 200);
      const notAsked = await signIn('osaka', { returnToken: false });
      assert.equal('token' in notAsked.body, false);
    });
  });
}

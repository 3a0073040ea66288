// A session of the review pages lasts only as long as the access code it began with. Giving a reviewer a
// new code is how the operator cuts a leaked one off; a reviewer showed that a session opened with the old
// code went on for its eight hours, and with the records role the new grant no longer gave.
import assert from 'node:assert/strict';
import { after, describe, mock, test } from 'node:test';
import { addReviewer } from '../../src/agent/reviewers.ts';
import { agentPagesApp } from '../../src/agent/web.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { readyInstallation, runtime, type TestAgent } from '../support/agent.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks } from '../support/exchange.ts';

for (const dialect of testDialects()) {
  describe(`review pages: a session ends with its code (${dialect})`, () => {
    const { hub } = hubWithHooks(dialect, ['sato']);
    let agent: TestAgent | undefined;
    after(async () => agent?.close());

    test('a new code ends the sessions of the old one; roles are the reviewer’s of now', async () => {
      const ready = await readyInstallation(hub, dialect, 'Sakura Board K.K.');
      agent = ready.agent;
      const app = agentPagesApp(runtime(ready.agent, ready.key.signer, ready.agent.link()));
      const signIn = async (code: string) => {
        const r = await app.request('/login', { method: 'POST', body: new URLSearchParams({ code }) });
        return { status: r.status, cookie: (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '' };
      };
      const page = async (path: string, cookie: string) => (await app.request(path, { headers: { cookie } })).status;

      const first = await run(ready.agent.ctx, addReviewer, SYSTEM_CALLER, '運用 佐々木', { records: true });
      const old = await signIn(first.code);
      assert.equal(old.status, 303);
      assert.equal(await page('/records', old.cookie), 200);

      // The code leaked: a new one, without the records role.
      const second = await run(ready.agent.ctx, addReviewer, SYSTEM_CALLER, '運用 佐々木');
      assert.equal((await signIn(first.code)).status, 401, 'the old code no longer signs in');
      assert.equal(await page('/', old.cookie), 303, 'the session of the old code has ended');
      assert.equal(await page('/records', old.cookie), 303);

      const fresh = await signIn(second.code);
      assert.equal(await page('/', fresh.cookie), 200);
      assert.equal(await page('/records', fresh.cookie), 403, 'no records role any more');
      // Given back (every grant comes with a new code), the role counts from that code's sign-in.
      const again = await run(ready.agent.ctx, addReviewer, SYSTEM_CALLER, '運用 佐々木', { records: true });
      assert.equal(await page('/', fresh.cookie), 303, 'a new code again ends that session too');
      const last = await signIn(again.code);
      assert.equal(await page('/records', last.cookie), 200);

      // Eight hours on, the session has ended, whatever the code (checked once, before the route).
      const signedInAt = Date.now();
      mock.timers.enable({ apis: ['Date'], now: signedInAt + 8 * 3600_000 - 1000 });
      try {
        assert.equal(await page('/', last.cookie), 200, 'still within its eight hours');
        mock.timers.tick(2 * 3600_000);
        assert.equal(await page('/', last.cookie), 303, 'past them: signed out');
        assert.equal(await page('/records', last.cookie), 303);
      } finally {
        mock.timers.reset();
      }
    });
  });
}

// Every answer of the hub carries its security headers — a JSON answer with personal data, a refusal (an
// unknown URL, a body over its limit, a write from another site), a download, the page and its built files:
// nosniff, no referrer, never framed, a policy that loads and runs nothing outside the page, and no cache
// keeping personal data (a shared terminal's disk cache, the back button after signing out, a proxy).
// Before, only nosniff and Referrer-Policy were set, after the body limit (a 413 had neither), the page
// alone had a CSP, and no JSON answer said `no-store`.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createApp, MAX_BODY_BYTES } from '../../src/server/app.ts';
import { API_CONTENT_SECURITY_POLICY } from '../../src/server/security-headers.ts';
import { CONTENT_SECURITY_POLICY, serveWeb } from '../../src/server/static.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks } from '../support/exchange.ts';

/** The headers every answer carries, whatever it is. */
function assertAlways(r: Response, what: string): void {
  const h = (name: string) => r.headers.get(name);
  assert.equal(h('x-content-type-options'), 'nosniff', `${what}: nosniff`);
  assert.equal(h('referrer-policy'), 'no-referrer', `${what}: no referrer (URLs carry ids and reply tokens)`);
  assert.equal(h('x-frame-options'), 'DENY', `${what}: never framed`);
  assert.match(h('content-security-policy') ?? '', /frame-ancestors 'none'/, `${what}: never framed (CSP)`);
  assert.equal(h('cross-origin-opener-policy'), 'same-origin', what);
  assert.equal(h('cross-origin-resource-policy'), 'same-origin', what);
}

/** And those of an answer that may hold personal data: nothing runs in it and no cache keeps it. */
function assertPrivate(r: Response, what: string, csp = API_CONTENT_SECURITY_POLICY): void {
  assertAlways(r, what);
  assert.equal(r.headers.get('content-security-policy'), csp, `${what}: its policy`);
  assert.equal(r.headers.get('cache-control'), 'no-store', `${what}: kept by no cache`);
}

for (const dialect of testDialects()) {
  describe(`security headers on every answer (${dialect})`, () => {
    const {
      hub,
      people: [sato],
    } = hubWithHooks(dialect, ['sato']);
    const get = (path: string, headers: Record<string, string> = {}) =>
      fetch(hub.url + path, { headers: { authorization: `Bearer ${sato.token}`, ...headers } });

    test('JSON answers, refusals and downloads', async () => {
      const me = await get('/v1/me');
      assert.equal(me.status, 200);
      assertPrivate(me, 'GET /v1/me');
      const missing = await get('/v1/no-such-route');
      assert.equal(missing.status, 404);
      assertPrivate(missing, 'an unknown URL');
      const signedOut = await fetch(`${hub.url}/v1/me`);
      assert.equal(signedOut.status, 401);
      assertPrivate(signedOut, 'not signed in');
      // In process: over a socket the hub answers before the body is all sent, and closes.
      const tooLarge = await createApp(hub.ctx, { web: false }).request('/v1/cases', {
        method: 'POST',
        headers: { authorization: `Bearer ${sato.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ reference: 'x'.repeat(MAX_BODY_BYTES + 1) }),
      });
      assert.equal(tooLarge.status, 413);
      assertPrivate(tooLarge, 'a body over its limit');
      const crossSite = await fetch(`${hub.url}/v1/cases`, {
        method: 'POST',
        headers: {
          cookie: `shokai_session=${sato.token}`,
          'content-type': 'application/json',
          origin: 'https://x.example',
        },
        body: '{}',
      });
      assert.equal(crossSite.status, 403);
      assertPrivate(crossSite, 'a write from another site');
      const csv = await get('/v1/search/export');
      assert.equal(csv.status, 200, await csv.clone().text());
      assertPrivate(csv, 'a download');
      assert.match(csv.headers.get('content-disposition') ?? '', /^attachment; /);
      const health = await fetch(`${hub.url}/healthz`);
      assertAlways(health, '/healthz');
    });

    test('the page, its reply link and its built files', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'shokai-headers-'));
      try {
        mkdirSync(join(dir, 'assets'));
        writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
        writeFileSync(join(dir, 'assets', 'app-1a2b.js'), 'console.log(1);\n');
        const app = createApp(hub.ctx, { web: false });
        serveWeb(app, { root: dir });
        for (const path of ['/', '/requests/req_1', '/hearing/abcdefghijklmnopqrstuvwx']) {
          const page = await app.request(path);
          assert.equal(page.status, 200);
          assertPrivate(page, path, CONTENT_SECURITY_POLICY);
        }
        // Nothing inline runs or styles the page: injected markup could neither script nor restyle it.
        const policy = CONTENT_SECURITY_POLICY.split('; ');
        assert.ok(!CONTENT_SECURITY_POLICY.includes('unsafe-'), CONTENT_SECURITY_POLICY);
        assert.ok(policy.includes("style-src 'self'") && policy.includes("default-src 'self'"));
        assert.ok(policy.includes("object-src 'none'"));
        const asset = await app.request('/assets/app-1a2b.js');
        assert.equal(asset.status, 200);
        assertAlways(asset, 'a built file');
        assert.equal(asset.headers.get('cache-control'), null, 'a built file (its name hashes it) may be kept');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test('served over TLS, browsers are told to keep to https', async () => {
      const app = createApp(hub.ctx, { web: false });
      const secure = await app.request('https://hub.example/healthz');
      assert.equal(secure.headers.get('strict-transport-security'), 'max-age=31536000');
      const plain = await app.request('http://hub.example/healthz');
      assert.equal(plain.headers.get('strict-transport-security'), null, 'not over plain http (a local hub)');
    });
  });
}

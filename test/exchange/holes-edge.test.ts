// Regressions for the holes at the edge (issue 10, items 5–8): the sign-in oracle and its throttle,
// demo accounts in production, bad input that gave a 500 or an unsignable draft, the approval digest
// handed out, cross-site writes, the page's policy and source maps. Each failed on the code before.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { OpenAPIHono } from '@hono/zod-openapi';
import { CLIENT_ATTEMPTS } from '../../src/auth/auth-service.ts';
import { generateKekSecret } from '../../src/crypto/key-wrap.ts';
import { liveDemoAccounts } from '../../src/demo/accounts.ts';
import * as seedModule from '../../src/demo/seed.ts';
import { createOrganisation } from '../../src/directory/organisations.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { clientAddress, parseTrustedProxies } from '../../src/server/client-address.ts';
import type { AppEnv } from '../../src/server/env.ts';
import { CONTENT_SECURITY_POLICY, serveWeb } from '../../src/server/static.ts';
import { migrate, undoMigration } from '../../src/store/database.ts';
import { MIGRATIONS } from '../../src/store/migrations/index.ts';
import viteConfig from '../../web/vite.config.ts';
import { SHOKAI_BIN, shokaiSync } from '../support/cli.ts';
import { freshLocation, scratchLocations, testDialects } from '../support/dialects.ts';
import { madeAndEnrolled } from '../support/enrolment.ts';
import { approve, call, hubWithHooks, nextTotp } from '../support/exchange.ts';
import { THREAT } from '../support/flow.ts';
import { freshStore } from '../support/migration-store.ts';
import type { ApiError, RequestDetail, SigningPreview } from '../support/replies.ts';

const base = { caseReference: '令和8年 第88号', ...THREAT };

for (const dialect of testDialects()) {
  describe(`holes at the edge (${dialect})`, () => {
    // The hub believes X-Forwarded-For from 127.0.0.1 (as behind a local reverse proxy), so each test
    // can be its own client; its clock can be moved on.
    let offsetMs = 0;
    const clock = () => new Date(Date.now() + offsetMs);
    const {
      hub,
      people: [sato],
      orgs,
    } = hubWithHooks(dialect, ['sato'], { clock, trustedProxies: ['127.0.0.1'] });
    const from = (address: string) => ({ 'x-forwarded-for': address });
    const password = (login: string) => {
      const l = hub.demo.logins.find((x) => x.login === login);
      assert.ok(l, login);
      return l;
    };
    const signIn = (body: Record<string, unknown>, headers: Record<string, string>, url = hub.url) =>
      call<ApiError>(url, 'POST', '/v1/auth/login', body, headers);

    const inquiry = (extra: Record<string, unknown> = {}) => ({
      kind: 'inquiry',
      providerOrganisationId: orgs.board,
      ...base,
      targets: [{ type: 'url', url: 'https://sakura-board.example/t/88' }],
      categories: ['subscriber'],
      ...extra,
    });

    // ---- 5. the sign-in oracle and the throttle ----

    test('sign-in answers the same whether or not the password was right', async () => {
      const l = password('osaka');
      const at = from('192.0.2.10');
      const right = await signIn({ login: 'osaka', password: l.password }, at);
      const wrong = await signIn({ login: 'osaka', password: 'not-the-password' }, at);
      const nobody = await signIn({ login: 'nobody-here', password: 'not-the-password' }, at);
      assert.equal(right.status, 401);
      assert.deepEqual(wrong, right, 'no code: the same answer for a wrong password');
      assert.deepEqual(nobody, right, 'no code: the same answer for an unknown login');
      assert.equal(right.body.error.code, 'SECOND_FACTOR_REQUIRED');
      const rightBadCode = await signIn({ login: 'osaka', password: l.password, totp: '000000' }, at);
      const wrongBadCode = await signIn({ login: 'osaka', password: 'not-the-password', totp: '000000' }, at);
      assert.equal(rightBadCode.status, 401);
      assert.deepEqual(wrongBadCode, rightBadCode, 'with a code: the same answer for a wrong password');
      assert.equal(rightBadCode.body.error.code, 'UNAUTHENTICATED');
    });

    test('the per-login throttle is kept in the store: another process and a restart see it', async () => {
      const l = password('board.intake');
      const guesses = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          signIn({ login: 'board.intake', password: `guess-${i}-wrong`, totp: '123456' }, from(`192.0.2.${20 + i}`)),
        ),
      );
      assert.ok(guesses.every((g) => g.status === 401));
      // Another process over the same store (its own memory, as after a restart) refuses the right
      // password and code to a client without a device cookie (a browser that signed in before is
      // counted apart: test/server/sign-in-device-cookie.test.ts).
      const other = await startChild(
        ['serve', '--demo'],
        {
          DATABASE_URL: hub.storeUrl,
          SHOKAI_MASTER_KEY: hub.masterKey,
          SHOKAI_DATA_DIR: join(hub.dir, 'other-process'),
          PORT: '0',
          HOST: '127.0.0.1',
        },
        /is running: (http:\/\/127\.0\.0\.1:\d+)/,
      );
      try {
        const code = await nextTotp(l.totpSecret, () => clock().getTime());
        const locked = await signIn({ login: 'board.intake', password: l.password, totp: code }, {}, other.match[1]);
        assert.equal(locked.status, 401, 'the other process refuses the right password and code');
        assert.match(locked.body.error.message.en, /locked/);
      } finally {
        await other.stop();
      }
      // The window ends: fifteen minutes on, the right password and code sign in.
      offsetMs += 16 * 60_000;
      const later = await signIn(
        { login: 'board.intake', password: l.password, totp: await nextTotp(l.totpSecret, () => clock().getTime()) },
        from('192.0.2.30'),
      );
      assert.equal(later.status, 200, JSON.stringify(later.body));
    });

    test('the per-client throttle counts an address across logins; another address still signs in', async () => {
      const attacker = from('198.51.100.66');
      const spray = await Promise.all(
        Array.from({ length: CLIENT_ATTEMPTS }, (_, i) =>
          signIn({ login: `ghost-${i}`, password: 'spray-password', totp: '123456' }, attacker),
        ),
      );
      assert.ok(spray.every((r) => r.status === 401));
      const l = password('isp.legal');
      const fromAttacker = await signIn(
        { login: 'isp.legal', password: l.password, totp: await nextTotp(l.totpSecret, () => clock().getTime()) },
        attacker,
      );
      assert.equal(fromAttacker.status, 401, 'the address is locked, whichever login it tries');
      assert.match(fromAttacker.body.error.message.en, /locked/);
      const elsewhere = await signIn(
        { login: 'isp.legal', password: l.password, totp: await nextTotp(l.totpSecret, () => clock().getTime()) },
        from('198.51.100.67'),
      );
      assert.equal(elsewhere.status, 200, JSON.stringify(elsewhere.body));
    });

    // ---- 6. demo accounts ----

    test("the demo's password is drawn per installation and its accounts are marked", async () => {
      assert.equal('DEMO_PASSWORD' in seedModule, false, 'no demo password in the source');
      const passwords = new Set(hub.demo.logins.map((l) => l.password));
      assert.equal(passwords.size, 1, 'one password for the installation');
      const [pw] = [...passwords];
      assert.ok(pw && pw.length >= 20 && pw !== 'shokai-demo-2026', pw);
      const live = await liveDemoAccounts(hub.ctx);
      assert.deepEqual(live, hub.demo.logins.map((l) => l.login).sort());
    });

    // The old store of the next test, dropped after the suite.
    const scratch = scratchLocations('shokai-legacy-');
    test('a store seeded with the published demo password has its accounts found and marked', async () => {
      const { store, ctx } = await freshStore(dialect, scratch);
      try {
        const org = await run(ctx, createOrganisation, SYSTEM_CALLER, {
          kind: 'agency',
          nameJa: '旧デモ',
          nameEn: 'Old demo',
        });
        const user = (login: string, pw: string) =>
          madeAndEnrolled(
            ctx,
            SYSTEM_CALLER,
            { organisationId: org.id, unitId: null, login, displayName: login, roles: ['admin'] },
            pw,
          );
        await user('sato', 'shokai-demo-2026');
        await user('tanaka', 'a-real-password-of-his');
        assert.deepEqual(await liveDemoAccounts(ctx), [], 'created outside the demo: not marked');
        // As if the store had been seeded before the demo's accounts were marked: undo the migration and run it again.
        const m = MIGRATIONS.find((x) => x.name.endsWith('-demo-accounts'));
        assert.ok(m?.down);
        await undoMigration(store, m.name);
        assert.deepEqual(await migrate(store), [m.name]);
        assert.deepEqual(await liveDemoAccounts(ctx), ['sato']);
      } finally {
        await store.close();
      }
    });

    const demoStoreTitle =
      'serve refuses a demo store without --demo (even in production); --demo prints the kept password';
    test(demoStoreTitle, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'shokai-demo-serve-'));
      const loc = await freshLocation(dialect, dir);
      const env = {
        DATABASE_URL: loc.url,
        SHOKAI_DATA_DIR: join(dir, 'data'),
        SHOKAI_MASTER_KEY: generateKekSecret(),
        PORT: '0',
        HOST: '127.0.0.1',
      };
      try {
        const seeded = shokaiSync(['demo', '--json'], env);
        assert.equal(seeded.status, 0, seeded.stderr);
        const demo = JSON.parse(seeded.stdout) as { logins: { login: string; password: string }[] };
        const pw = demo.logins[0]?.password ?? '';
        assert.notEqual(pw, hub.demo.logins[0]?.password, 'another installation, another password');
        const file = join(dir, 'data', 'demo-logins.json');
        assert.equal(statSync(file).mode & 0o777, 0o600);
        assert.equal(JSON.parse(readFileSync(file, 'utf8')).logins[0].password, pw);

        const refused = shokaiSync(['serve'], { ...env, NODE_ENV: 'production' });
        assert.notEqual(refused.status, 0, 'serve without --demo refuses the store');
        assert.match(refused.stderr, /demo's accounts/);
        assert.match(refused.stderr, /serve --demo/);
        assert.doesNotMatch(refused.stdout, /is running/);

        const served = await startChild(['serve', '--demo'], { ...env, NODE_ENV: 'production' }, /user totp <login>/);
        await served.stop();
        const out = served.out();
        assert.match(out, /is running: http:\/\/127\.0\.0\.1:\d+/);
        assert.ok(out.includes(`Password (every demo login): ${pw}\n`), out);
        assert.ok(out.includes(file), 'says where the logins are kept');
      } finally {
        await loc.drop();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    // ---- 7. bad input at the door; the digest is not handed out ----

    test('a refused approval does not hand out the digest it expected', async () => {
      const d = await sato.call<RequestDetail>('POST', '/v1/requests', { content: inquiry() });
      assert.equal(d.status, 201, JSON.stringify(d.body));
      assert.equal(
        (await sato.call('POST', `/v1/requests/${d.body.id}/transitions`, { action: 'submit' })).status,
        200,
      );
      const tanaka = await hub.as('tanaka');
      const guess = 'a'.repeat(64);
      const refused = await tanaka.call<ApiError>('POST', `/v1/requests/${d.body.id}/transitions`, {
        action: 'approve',
        digest: guess,
      });
      assert.equal(refused.status, 409);
      assert.equal(refused.body.error.details?.field, 'digest');
      const preview = await tanaka.call<SigningPreview>('GET', `/v1/requests/${d.body.id}/signing-preview`);
      assert.equal(
        JSON.stringify(refused.body).includes(preview.body.digest),
        false,
        'the digest is not in the refusal',
      );
      assert.equal((await approve(tanaka, d.body.id)).status, 200);
    });

    test('deeply nested JSON with an Idempotency-Key is a 400 naming the problem, not a 500', async () => {
      const depth = 10_000;
      const body = `{"content":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
      const r = await sato.call<ApiError>('POST', '/v1/requests', body, { 'idempotency-key': `deep-${dialect}` });
      assert.equal(r.status, 400, JSON.stringify(r.body).slice(0, 300));
      assert.equal(r.body.error.code, 'VALIDATION_FAILED');
      assert.match(r.body.error.message.en, /nested too deeply/);
      assert.match(String(r.body.error.details?.field), /^content\.a\.a/);
      // The same refusal for any write, with or without the key.
      const plain = await sato.call('POST', '/v1/requests', body);
      assert.equal(plain.status, 400);
    });

    test('a lone UTF-16 surrogate is refused at the door, naming the field', async () => {
      const r = await sato.call<ApiError>('POST', '/v1/requests', { content: inquiry({ facts: 'ok \ud800 broken' }) });
      assert.equal(r.status, 400, JSON.stringify(r.body));
      assert.equal(r.body.error.code, 'VALIDATION_FAILED');
      assert.equal(r.body.error.details?.field, 'content.facts');
      // The path is for programs; the message a person reads says what is wrong in words.
      assert.doesNotMatch(r.body.error.message.ja, /content\.facts/);
      assert.match(r.body.error.message.ja, /サロゲート/);
      const target = await sato.call<ApiError>('POST', '/v1/requests', {
        content: inquiry({ targets: [{ type: 'url', url: 'https://sakura-board.example/\udc00' }] }),
      });
      assert.equal(target.status, 400);
      assert.equal(target.body.error.details?.field, 'content.targets.0.url');
      // A well-formed pair (an emoji) is text like any other.
      const fine = await sato.call<RequestDetail>('POST', '/v1/requests', {
        content: inquiry({ facts: '絵文字 😀 入り' }),
      });
      assert.equal(fine.status, 201, JSON.stringify(fine.body));
      assert.equal(
        (await sato.call('POST', `/v1/requests/${fine.body.id}/transitions`, { action: 'submit' })).status,
        200,
      );
      const preview = await (await hub.as('tanaka')).call('GET', `/v1/requests/${fine.body.id}/signing-preview`);
      assert.equal(preview.status, 200, 'it can be signed');
    });

    const duplicateKeyTitle =
      'a key twice in one object of a body is refused at the door, naming the field; sibling keys pass';
    test(duplicateKeyTitle, async () => {
      const body = (targets: string) =>
        JSON.stringify({ content: inquiry() }).replace(/"targets":\[[^\]]*\]/, `"targets":${targets}`);
      const twice = await sato.call<ApiError>(
        'POST',
        '/v1/requests',
        body('[{"type":"account","service":"sakura-board","id":"yamada_taro","id":"suzuki_jiro"}]'),
      );
      assert.equal(twice.status, 400, JSON.stringify(twice.body));
      assert.equal(twice.body.error.code, 'VALIDATION_FAILED');
      assert.equal(twice.body.error.details?.field, 'content.targets.0.id');
      assert.match(twice.body.error.message.en, /the key "id" appears twice in the same object/);
      assert.match(twice.body.error.message.ja, /項目「id」が同じまとまりの中に2回あります/);
      // At the top, and written with an escape (the same key once parsed): refused the same way.
      const top = await sato.call<ApiError>('POST', '/v1/requests', `{"content":{},"\\u0063ontent":{}}`);
      assert.equal(top.status, 400, JSON.stringify(top.body));
      assert.equal(top.body.error.details?.field, 'content');
      // The same key in sibling objects of an array, and in an object and its child, is no repetition.
      const siblings = await sato.call<RequestDetail>(
        'POST',
        '/v1/requests',
        body(
          '[{"type":"url","url":"https://sakura-board.example/t/1"},' +
            '{"type":"url","url":"https://sakura-board.example/t/2"}]',
        ),
      );
      assert.equal(siblings.status, 201, JSON.stringify(siblings.body));
      assert.equal(siblings.body.content?.targets.length, 2);
    });

    test('a not-found error repeats the id made safe to show: hidden characters written out, cut short', async () => {
      const hidden = 'req_\u202e1fe\u200b\u0007';
      const r = await sato.call<ApiError>('GET', `/v1/requests/${encodeURIComponent(hidden)}`);
      assert.equal(r.status, 404, JSON.stringify(r.body));
      assert.equal(
        r.body.error.message.en,
        'request req_\\u202e1fe\\u200b\\u0007 does not exist, or is not one you may see',
      );
      assert.equal(
        r.body.error.message.ja,
        '照会 req_\\u202e1fe\\u200b\\u0007 はありません（存在しないか、閲覧できる範囲にありません）',
      );
      assert.equal(r.body.error.details?.value, hidden, 'the details keep the id as given, for programs');
      const long = `req_${'x'.repeat(196)}`;
      const cut = await sato.call<ApiError>('GET', `/v1/requests/${long}`);
      assert.equal(cut.status, 404);
      assert.equal(
        cut.body.error.message.en,
        `request ${long.slice(0, 79)}… does not exist, or is not one you may see`,
      );
      // Every message at the door is made safe, also where a service put the input in as it came.
      const key = await sato.call<ApiError>('POST', '/v1/requests', { content: inquiry(), 'x\u202ey': 1 });
      assert.equal(key.status, 400, JSON.stringify(key.body));
      const texts = JSON.stringify([key.body.error.message, key.body.error.details?.issues]);
      assert.doesNotMatch(texts, /\u202e/);
    });

    // ---- 8. cross-site writes ----

    test('a cookie-borne write from another site is refused; bearer tokens are not affected', async () => {
      const cookie = { cookie: `shokai_session=${sato.token}` };
      const draft = () => ({ content: inquiry() });
      const evil = await call<ApiError>(hub.url, 'POST', '/v1/requests', draft(), {
        ...cookie,
        origin: 'https://evil.example',
      });
      assert.equal(evil.status, 403);
      assert.equal(evil.body.error.code, 'FORBIDDEN');
      const crossSite = await call(hub.url, 'POST', '/v1/requests', draft(), {
        ...cookie,
        'sec-fetch-site': 'cross-site',
        origin: new URL(hub.url).origin,
      });
      assert.equal(crossSite.status, 403, 'Sec-Fetch-Site decides when the browser sends it');
      const sameSite = await call(hub.url, 'POST', '/v1/requests', draft(), {
        ...cookie,
        'sec-fetch-site': 'same-site',
      });
      assert.equal(sameSite.status, 403, 'a sibling site is another origin');
      const ours = await call(hub.url, 'POST', '/v1/requests', draft(), { ...cookie, 'sec-fetch-site': 'same-origin' });
      assert.equal(ours.status, 201, JSON.stringify(ours.body));
      const ourOrigin = await call(hub.url, 'POST', '/v1/requests', draft(), {
        ...cookie,
        origin: new URL(hub.url).origin,
      });
      assert.equal(ourOrigin.status, 201, 'an old browser: Origin names this host');
      const noBrowser = await call(hub.url, 'POST', '/v1/requests', draft(), cookie);
      assert.equal(noBrowser.status, 201, 'neither header: not a browser');
      const bearer = await sato.call('POST', '/v1/requests', draft(), { origin: 'https://evil.example' });
      assert.equal(bearer.status, 201, 'a bearer token is not sent by a browser on its own');
      const readsStay = await call(hub.url, 'GET', '/v1/me', undefined, { ...cookie, 'sec-fetch-site': 'cross-site' });
      assert.equal(readsStay.status, 200, 'reads are not writes');
      const loginCsrf = await signIn({ login: 'x', password: 'y', totp: '123456' }, { 'sec-fetch-site': 'cross-site' });
      assert.equal(loginCsrf.status, 403, 'nor can another site sign a browser in');
    });
  });
}

describe('the client address behind proxies', () => {
  test('X-Forwarded-For counts only from a trusted proxy, read from the right', () => {
    const none = parseTrustedProxies([]);
    const proxies = parseTrustedProxies(['127.0.0.1', '10.0.0.0/8']);
    assert.equal(clientAddress('127.0.0.1', '203.0.113.5', none), '127.0.0.1', 'not configured: ignored');
    assert.equal(clientAddress('192.0.2.9', '203.0.113.5', proxies), '192.0.2.9', 'an untrusted peer: ignored');
    assert.equal(clientAddress('127.0.0.1', '203.0.113.5', proxies), '203.0.113.5');
    assert.equal(clientAddress('127.0.0.1', 'spoofed, 203.0.113.5, 10.1.2.3', proxies), '203.0.113.5');
    assert.equal(clientAddress('::ffff:127.0.0.1', '198.51.100.1', proxies), '198.51.100.1', 'IPv4-mapped');
    assert.equal(
      clientAddress('2001:db8:1:2::1', undefined, none),
      clientAddress('2001:db8:1:2:ffff::9', undefined, none),
      'one IPv6 /64 is one client',
    );
    assert.notEqual(
      clientAddress('2001:db8:1:2::1', undefined, none),
      clientAddress('2001:db8:1:3::1', undefined, none),
    );
    assert.throws(() => parseTrustedProxies(['10.0.0.0/8', 'proxy.example']), /SHOKAI_TRUSTED_PROXIES.*proxy\.example/);
  });
});

describe("the page's policy and source maps", () => {
  test('the CSP forbids <base> and foreign form targets', async () => {
    const { app, dir } = webApp(false);
    try {
      const r = await app.request('/');
      assert.equal(r.status, 200);
      const csp = r.headers.get('content-security-policy') ?? '';
      assert.equal(csp, CONTENT_SECURITY_POLICY);
      assert.match(csp, /base-uri 'none'/);
      assert.match(csp, /form-action 'self'/);
      assert.match(csp, /frame-ancestors 'none'/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('source maps are neither built nor served outside development', async () => {
    const config = (env: { mode: string }) =>
      (viteConfig as (e: { mode: string; command: 'build' }) => { build?: { sourcemap?: unknown } })({
        ...env,
        command: 'build',
      });
    assert.equal(config({ mode: 'production' }).build?.sourcemap, false);
    assert.equal(config({ mode: 'development' }).build?.sourcemap, true);
    const prod = webApp(false);
    const dev = webApp(true);
    try {
      assert.equal((await prod.app.request('/assets/app.js')).status, 200);
      assert.equal((await prod.app.request('/assets/app.js.map')).status, 404);
      assert.equal((await dev.app.request('/assets/app.js.map')).status, 200);
    } finally {
      rmSync(prod.dir, { recursive: true, force: true });
      rmSync(dev.dir, { recursive: true, force: true });
    }
  });
});

/** A web app over a temporary build (index.html, one script and its map). */
function webApp(development: boolean): { app: OpenAPIHono<AppEnv>; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'shokai-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>shokai</title>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1);\n');
  writeFileSync(join(dir, 'assets', 'app.js.map'), '{"version":3,"sources":["secret.tsx"]}');
  const app = new OpenAPIHono<AppEnv>();
  serveWeb(app, { root: dir, development });
  return { app, dir };
}

/** Starts a server command and waits until its output matches; stop() ends it (by its own pid). */
function startChild(
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
): Promise<{ out: () => string; match: RegExpExecArray; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [SHOKAI_BIN, ...args], {
    env: { ...process.env, SHOKAI_LANG: 'en', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no match within 60 s\n${out}\n${err}`));
    }, 60_000);
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`exited (${child.exitCode}) before it was ready\n${out}\n${err}`));
    });
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = ready.exec(out);
      if (!m) return;
      clearTimeout(timer);
      resolve({ out: () => out, match: m, stop });
    });
  });
}

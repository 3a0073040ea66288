// The installation's pages when no page answers as asked, in their own layout and the viewer's language
// (Japanese by default, English with ?lang=en): an address with no page is a 404 page in words; a form
// posted from another origin a 403 page in words, with nothing else done (no session, no cookie); a
// failure nobody expected (the installation's store gone) a 500 page in words with a reference, the
// error itself in the installation's log and never on the page; a refusal no route caught keeps the
// refusal's own page.
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { describe, mock, test } from 'node:test';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { agentPagesApp, startAgentPages } from '../../src/agent/web.ts';
import { registerErrorPages } from '../../src/agent/web-errors.ts';
import { CryptoError } from '../../src/crypto/errors.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { boardDeskHooks, startAgent } from '../support/agent.ts';
import { testDialects } from '../support/dialects.ts';
import { DEMO_ORGS, hubWithHooks } from '../support/exchange.ts';

const SECURITY_HEADERS = ['x-frame-options', 'content-security-policy', 'cache-control'];

/** The lines `agent.page_failed` the logger wrote to stderr while `act` ran. */
async function logged<T>(act: () => T | Promise<T>): Promise<{ result: T; lines: Array<Record<string, unknown>> }> {
  let text = '';
  const write = mock.method(process.stderr, 'write', (chunk: string | Uint8Array) => {
    text += String(chunk);
    return true;
  });
  try {
    const result = await act();
    return { result, lines: parsedLines(text).filter((l) => l.msg === 'agent.page_failed') };
  } finally {
    write.mock.restore();
  }
}
const parsedLines = (text: string): Array<Record<string, unknown>> =>
  text
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** A 500 page as a person reads it: in words, with the reference the log has, nothing of the error. */
function assertUnexpected(html: string, lang: 'ja' | 'en', line: Record<string, unknown> | undefined) {
  assert.ok(line, 'the error is in the log');
  assert.match(html, new RegExp(`<html lang="${lang}">`));
  assert.match(html, /<nav>/, "the pages' own layout");
  if (lang === 'ja') {
    assert.match(html, /<h1>処理を完了できませんでした<\/h1>/);
    assert.match(html, /予期しない問題が起きたため/);
    assert.match(html, /照合番号: <code id="error-reference">/);
  } else {
    assert.match(html, /<h1>Something went wrong<\/h1>/);
    assert.match(html, /An unexpected problem occurred/);
    assert.match(html, /Reference: <code id="error-reference">/);
  }
  const reference = /id="error-reference">([^<]+)</.exec(html)?.[1];
  assert.equal(reference, line.reference, 'the page names the log line');
  const error = String(line.error);
  const message = error.slice(error.indexOf(': ') + 2);
  assert.ok(message.length > 0);
  assert.ok(!html.includes(message), `the page does not show the error's message (${message})`);
  assert.ok(!html.includes(String(line.error).split(':')[0] ?? '?'), "nor the error's name");
  assert.doesNotMatch(html, /\bat .*\.ts:\d+/, 'nor its stack');
  assert.match(String(line.stack), /\.ts:\d+/, 'the stack is in the log');
}

describe('the error pages, as the handlers answer them', () => {
  const app = new Hono();
  registerErrorPages(
    app,
    (c) => (new URL(c.req.url).searchParams.get('lang') === 'en' ? 'en' : 'ja'),
    () => false,
  );
  app.get('/seal', () => {
    throw new CryptoError('SEAL_OPEN_FAILED', 'wrapped key 3f9a under /srv/shokai/installation.key did not open');
  });
  app.get('/refused', () => {
    throw new DomainError('FORBIDDEN', { ja: 'この操作の権限がありません', en: 'you may not do this' });
  });
  app.get('/gone', () => {
    throw new DomainError('NOT_FOUND', { ja: 'その要請はありません', en: 'there is no such request' });
  });
  app.get('/unreadable', () => {
    throw new HTTPException(400, { message: 'Malformed multipart boundary' });
  });

  test('a CryptoError: 500 in words, logged, its message not shown (ja and en)', async () => {
    for (const lang of ['ja', 'en'] as const) {
      const { result, lines } = await logged(() => app.request(`/seal${lang === 'en' ? '?lang=en' : ''}`));
      assert.equal(result.status, 500);
      assert.match(result.headers.get('content-type') ?? '', /text\/html/);
      const html = await result.text();
      assert.equal(lines.length, 1);
      assert.match(String(lines[0]?.error), /^CryptoError: wrapped key 3f9a/);
      assert.equal(lines[0]?.path, '/seal');
      assertUnexpected(html, lang, lines[0]);
      assert.ok(!html.includes('installation.key'));
    }
  });

  test('a refusal no route caught: its own message, as the routes show one, by its code', async () => {
    const ja = await app.request('/refused');
    assert.equal(ja.status, 403);
    assert.match(await ja.text(), /<p role="alert">この操作の権限がありません<\/p>/);
    const en = await app.request('/refused?lang=en');
    assert.match(await en.text(), /<p role="alert">you may not do this<\/p>/);
    // By the status the hub's API gives its code; drawn as the viewer stands (here signed out: no sign-out).
    const gone = await app.request('/gone');
    assert.equal(gone.status, 404);
    const html = await gone.text();
    assert.match(html, /<p role="alert">その要請はありません<\/p>/);
    assert.doesNotMatch(html, /action="\/logout"/);
  });

  test('a request Hono could not read: its status, in words, nothing logged', async () => {
    const { result, lines } = await logged(() => app.request('/unreadable'));
    assert.equal(result.status, 400);
    const html = await result.text();
    assert.match(html, /<h1>要求を読み取れませんでした<\/h1>/);
    assert.ok(!html.includes('Malformed'));
    assert.equal(lines.length, 0);
    const en = await (await app.request('/unreadable?lang=en')).text();
    assert.match(en, /<h1>The request could not be read<\/h1>/);
  });
});

for (const dialect of testDialects()) {
  describe(`the installation's pages when no page answers (${dialect})`, () => {
    const { hub } = hubWithHooks(dialect, []);
    const desk = boardDeskHooks(hub, dialect);

    test('an address with no page: 404 in words, in Japanese and with ?lang=en in English', async () => {
      const app = agentPagesApp(desk.rt);
      for (const path of ['/no-such-page', '/requests/x/y/z']) {
        const ja = await app.request(path);
        assert.equal(ja.status, 404);
        for (const h of SECURITY_HEADERS) assert.ok(ja.headers.get(h), `${h} on the 404 page`);
        const text = await ja.text();
        assert.match(text, /<html lang="ja">/);
        assert.match(text, /<h1>ページが見つかりません<\/h1>/);
        assert.match(text, /このアドレスのページはありません/);
        assert.doesNotMatch(text, /404 Not Found/);
        const en = await app.request(`${path}?lang=en`);
        assert.equal(en.status, 404);
        const words = await en.text();
        assert.match(words, /<html lang="en">/);
        assert.match(words, /<h1>Page not found<\/h1>/);
        assert.match(words, /There is no page at this address/);
      }
      // Signed in: the same page, with the sign-out button of the pages.
      const signed = await desk.html('/nowhere?lang=en');
      assert.equal(signed.status, 404);
      assert.match(signed.text, /<h1>Page not found<\/h1>/);
      assert.match(signed.text, /action="\/logout"/);
    });

    test('a form from another origin: 403 in words, and nothing else done', async () => {
      const app = agentPagesApp(desk.rt);
      for (const origin of ['https://evil.example', 'null']) {
        for (const lang of ['ja', 'en'] as const) {
          const res = await app.request(`/login${lang === 'en' ? '?lang=en' : ''}`, {
            method: 'POST',
            headers: { origin, host: 'localhost' },
            body: new URLSearchParams({ code: desk.code }),
          });
          assert.equal(res.status, 403, `${origin} ${lang}`);
          assert.equal(res.headers.get('set-cookie'), null, 'no session and no cookie');
          for (const h of SECURITY_HEADERS) assert.ok(res.headers.get(h), `${h} on the 403 page`);
          const text = await res.text();
          assert.doesNotMatch(text, /^forbidden$/);
          if (lang === 'ja') {
            assert.match(text, /<h1>送信を受け付けませんでした<\/h1>/);
            assert.match(text, /別のサイトから送られたため、受け付けませんでした。何も変更していません。/);
          } else {
            assert.match(text, /<h1>The form was not accepted<\/h1>/);
            assert.match(text, /sent from another site, so it was refused and nothing was changed/);
          }
        }
      }
      // From the pages' own origin the same form signs in.
      const own = await app.request('/login', {
        method: 'POST',
        headers: { origin: 'http://localhost', host: 'localhost' },
        body: new URLSearchParams({ code: desk.code }),
      });
      assert.equal(own.status, 303);
      assert.match(own.headers.get('set-cookie') ?? '', /shokai_agent=/);
    });

    test('served on loopback: a request under another name (DNS rebinding) is answered with nothing', async () => {
      const app = agentPagesApp(desk.rt, { loopback: true });
      for (const host of ['rebind.example:8787', 'rebind.example', '10.0.0.5:8787']) {
        for (const path of ['/status.json', '/status', '/login']) {
          const res = await app.request(path, { headers: { host } });
          assert.equal(res.status, 421, `${host} ${path}`);
          assert.match(await res.text(), /この設置のページはこの機械の上でだけ/);
        }
      }
      const en = await app.request('/status.json?lang=en', { headers: { host: 'rebind.example' } });
      assert.match(await en.text(), /open only on this machine, under localhost or 127\.0\.0\.1/);
      for (const host of ['localhost:8787', '127.0.0.1:8787', '[::1]:8787', '127.0.0.1']) {
        assert.equal((await app.request('/status.json', { headers: { host } })).status, 200, host);
      }
      // The pages the command serves on 127.0.0.1 ask it; a real request under another name is refused.
      const pages = await startAgentPages(desk.rt, { host: '127.0.0.1', port: 0 });
      try {
        const status = (host: string) =>
          new Promise<number>((resolve, reject) => {
            const r = httpRequest(`${pages.url}/status.json`, { headers: { host } }, (res) => {
              res.resume();
              resolve(res.statusCode ?? 0);
            });
            r.on('error', reject);
            r.end();
          });
        assert.equal(await status('rebind.example'), 421);
        assert.equal(await status(new URL(pages.url).host), 200);
      } finally {
        await pages.close();
      }
    });

    test("a failure nobody expected (the installation's store gone): 500 in words, logged", async () => {
      const gone = await startAgent(hub, dialect, DEMO_ORGS.board);
      const app = agentPagesApp({ ...desk.rt, ctx: gone.ctx });
      await gone.close();
      for (const [path, lang] of [
        ['/status', 'ja'],
        ['/status?lang=en', 'en'],
      ] as const) {
        const { result, lines } = await logged(() => app.request(path));
        assert.equal(result.status, 500, path);
        for (const h of SECURITY_HEADERS) assert.ok(result.headers.get(h), `${h} on the 500 page`);
        const html = await result.text();
        assert.equal(lines.length, 1, 'logged once');
        assert.equal(lines[0]?.path, '/status');
        assert.doesNotMatch(html, /Internal Server Error/);
        assertUnexpected(html, lang, lines[0]);
      }
    });
  });
}

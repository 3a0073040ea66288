// The installation's own pages were served by the adapter's `serve`: what it wrote before the pages' app
// ran carried none of the security headers — @hono/node-server's empty 400 to a request it could make no
// URL of (a backslash in the path, a Host that is no host), Node's bare 417 to an unknown `Expect:`. They
// now go through the hub's server (src/server/socket-answers.ts): the same headers, and what was wrong in
// Japanese and English as the API's errors say it. The pages themselves keep their own policy and add the
// door's other headers.
import assert from 'node:assert/strict';
import { maxHeaderSize } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { type AgentPages, startAgentPages } from '../../src/agent/web.ts';
import { boardDeskHooks } from '../support/agent.ts';
import { hubWithHooks } from '../support/exchange.ts';
import { assertDoorHeaders, parsed, rawExchange } from '../support/raw-http.ts';

const PAGES_POLICY = "default-src 'self'; style-src 'unsafe-inline'; form-action 'self'";

describe("the installation's pages: answers written before the app carry the headers (sqlite)", () => {
  const { hub } = hubWithHooks('sqlite', []);
  const desk = boardDeskHooks(hub, 'sqlite');
  let pages: AgentPages | undefined;
  before(async () => {
    pages = await startAgentPages(desk.rt, { host: '127.0.0.1', port: 0 });
  });
  after(() => pages?.close());
  const answer = async (text: string) => parsed(await rawExchange(pages?.url ?? assert.fail('no pages'), text));

  test('a path with a backslash, and a Host that is no host: 400 in words, with the headers', async () => {
    for (const [what, text] of [
      ['a backslash in the path', 'GET /a\\b HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'],
      ['a Host that is no host', 'GET /status HTTP/1.1\r\nHost: a@b\r\nConnection: close\r\n\r\n'],
    ] as const) {
      const a = await answer(text);
      assert.equal(a.status, 400, what);
      assert.match(a.type, /application\/json/, what);
      assert.deepEqual(
        a.body,
        {
          error: {
            code: 'VALIDATION_FAILED',
            message: {
              ja: '要求のアドレスまたは Host ヘッダーを読み取れません',
              en: "The request's address or Host header cannot be read",
            },
          },
        },
        what,
      );
      assertDoorHeaders(a.headers, what);
    }
  });

  test('an Expect the server does not know: 417 in words, with the headers', async () => {
    const a = await answer('GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: nothing\r\n\r\n');
    assert.equal(a.status, 417);
    const body = a.body as { error: { code: string; message: { ja: string; en: string } } };
    assert.equal(body.error.code, 'VALIDATION_FAILED');
    assert.match(body.error.message.ja, /Expect ヘッダーには応じられません/);
    assert.match(body.error.message.en, /Expect header cannot be met/);
    assertDoorHeaders(a.headers, 'an unknown expectation');
  });

  test('requests Node cannot read as HTTP: the answer on the socket has the headers', async () => {
    const notHttp = await answer('HELLO THERE\r\n\r\n');
    assert.equal(notHttp.status, 400);
    assertDoorHeaders(notHttp.headers, 'a request line that is not HTTP');
    const cookie = 'a'.repeat(maxHeaderSize + 1024);
    const tooLarge = await answer(`GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: c=${cookie}\r\n\r\n`);
    assert.equal(tooLarge.status, 431);
    assertDoorHeaders(tooLarge.headers, 'headers over the limit');
  });

  test("a page keeps its own policy and referrer policy, with the door's other headers, each once", async () => {
    const request = 'GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n';
    const raw = await rawExchange(pages?.url ?? assert.fail('no pages'), request);
    const head = raw.slice(0, raw.indexOf('\r\n\r\n'));
    assert.match(head, /^HTTP\/1\.1 200 /);
    const headers = new Map<string, string>();
    for (const line of head.split('\r\n').slice(1)) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim().toLowerCase();
      assert.ok(!headers.has(name), `${name} written once`);
      headers.set(name, line.slice(colon + 1).trim());
    }
    // same-origin, not no-referrer: under no-referrer a browser posts the pages' forms with `Origin: null`
    assertDoorHeaders(headers, 'GET /login', { policy: PAGES_POLICY, referrer: 'same-origin' });
  });
});

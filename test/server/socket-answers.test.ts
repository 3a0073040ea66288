// What the server wrote before the app's door carried none of the door's headers: @hono/node-server's empty
// 400 to a request it could make no URL of (a backslash in the path, a Host header that is no host), Node's
// bare 417 to an unknown `Expect:`, and the answer written on the socket to a request Node could not read
// as HTTP. Now each carries them (nosniff, no referrer, never framed, the API's policy, no-store) and says
// what was wrong in Japanese and English, as the API's errors do.
import assert from 'node:assert/strict';
import { maxHeaderSize } from 'node:http';
import { describe, test } from 'node:test';
import { hubHooks } from '../support/exchange.ts';
import { assertDoorHeaders, parsed, rawExchange } from '../support/raw-http.ts';

describe('answers written before the door carry its headers (sqlite)', () => {
  const hub = hubHooks('sqlite');
  const answer = async (text: string) => parsed(await rawExchange(hub.url, text));
  const unreadableAddress = {
    error: {
      code: 'VALIDATION_FAILED',
      message: {
        ja: '要求のアドレスまたは Host ヘッダーを読み取れません',
        en: "The request's address or Host header cannot be read",
      },
    },
  };

  test('a path with a backslash, and a Host that is no host: 400 in words, with the headers', async () => {
    for (const [what, text] of [
      ['a backslash in the path', 'GET /v1\\me HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'],
      ['a Host that is no host', 'GET /v1/me HTTP/1.1\r\nHost: a@b\r\nConnection: close\r\n\r\n'],
    ] as const) {
      const a = await answer(text);
      assert.equal(a.status, 400, what);
      assert.match(a.type, /application\/json/, what);
      assert.deepEqual(a.body, unreadableAddress, what);
      assertDoorHeaders(a.headers, what);
    }
  });

  test('an Expect the server does not know: 417 in words, with the headers', async () => {
    const a = await answer('GET /healthz HTTP/1.1\r\nHost: x\r\nExpect: nothing\r\n\r\n');
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
    const tooLarge = await answer(`GET /v1/me HTTP/1.1\r\nHost: x\r\nCookie: c=${cookie}\r\n\r\n`);
    assert.equal(tooLarge.status, 431);
    assertDoorHeaders(tooLarge.headers, 'headers over the limit');
  });

  test('an ordinary answer keeps its own headers once, the door having set them', async () => {
    const a = await answer('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    assert.equal(a.status, 200);
    assertDoorHeaders(a.headers, 'GET /healthz');
    const raw = await rawExchange(hub.url, 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    assert.equal(raw.toLowerCase().split('x-content-type-options').length, 2, 'written once');
  });
});

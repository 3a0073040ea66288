// What the server wrote before the app's door carried none of the door's headers: @hono/node-server's empty
// 400 to a request it could make no URL of (a backslash in the path, a Host header that is no host), Node's
// bare 417 to an unknown `Expect:`, and the answer written on the socket to a request Node could not read
// as HTTP. Now each carries them (nosniff, no referrer, never framed, the API's policy, no-store) and says
// what was wrong in Japanese and English, as the API's errors do.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hubHooks } from '../support/exchange.ts';
import { assertDoorHeaders, parsed, rawExchange, socketAnswerTests } from '../support/raw-http.ts';

describe('answers written before the door carry its headers (sqlite)', () => {
  const hub = hubHooks('sqlite');
  const answer = async (text: string) => parsed(await rawExchange(hub.url, text));
  socketAnswerTests(answer, '/v1/me', 'x');

  test('an ordinary answer keeps its own headers once, the door having set them', async () => {
    const a = await answer('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    assert.equal(a.status, 200);
    assertDoorHeaders(a.headers, 'GET /healthz');
    const raw = await rawExchange(hub.url, 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    assert.equal(raw.toLowerCase().split('x-content-type-options').length, 2, 'written once');
  });
});

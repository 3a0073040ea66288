// A request the server cannot read as HTTP is answered with the API's error in both languages, not
// Node's empty body (a blank page in a browser): headers over the limit, a malformed request line.
import assert from 'node:assert/strict';
import { createServer, maxHeaderSize } from 'node:http';
import { describe, test } from 'node:test';
import { answerUnreadableRequests, unreadableAnswer } from '../../src/server/unreadable-requests.ts';
import { hubHooks } from '../support/exchange.ts';
import { parsed, rawExchange } from '../support/raw-http.ts';

describe('requests the server cannot read (sqlite)', () => {
  const hub = hubHooks('sqlite');

  test('headers over the limit: 431 with the error in words and the limit', async () => {
    const cookie = 'a'.repeat(maxHeaderSize + 1024);
    const answer = parsed(await rawExchange(hub.url, `GET /v1/me HTTP/1.1\r\nHost: x\r\nCookie: c=${cookie}\r\n\r\n`));
    assert.equal(answer.status, 431);
    assert.match(answer.type, /application\/json/);
    assert.deepEqual(answer.body, {
      error: {
        code: 'HEADERS_TOO_LARGE',
        message: {
          ja:
            `要求のヘッダーが上限（${maxHeaderSize / 1024} KiB）を超えています。` +
            'ブラウザーがこのサイトのクッキーを多く持っている場合は、それを消してからもう一度お試しください',
          en:
            `The request's headers are over the limit (${maxHeaderSize / 1024} KiB). ` +
            'If the browser holds many cookies for this site, clear them and try again',
        },
        details: { limitBytes: maxHeaderSize },
      },
    });
  });

  test('a request line that is not HTTP: 400 in words', async () => {
    const answer = parsed(await rawExchange(hub.url, 'HELLO THERE\r\n\r\n'));
    assert.equal(answer.status, 400);
    assert.deepEqual(answer.body, {
      error: {
        code: 'VALIDATION_FAILED',
        message: { ja: '要求を HTTP として読み取れません', en: 'The request cannot be read as HTTP' },
      },
    });
  });

  test('a connection is let go after the answer, though the client keeps its side open', async () => {
    // A server of its own, to count its connections: none is held once the answers are written.
    const server = createServer((_req, res) => res.end());
    answerUnreadableRequests(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const address = server.address();
      assert.ok(address && typeof address === 'object');
      const url = `http://127.0.0.1:${address.port}`;
      const answers = await Promise.all(Array.from({ length: 5 }, () => rawExchange(url, 'HELLO THERE\r\n\r\n', true)));
      for (const answer of answers) assert.equal(parsed(answer).status, 400);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const held = await new Promise<number>((resolve, reject) =>
        server.getConnections((err, n) => (err ? reject(err) : resolve(n))),
      );
      assert.equal(held, 0, 'half-closed connections are not held');
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  test('a request that timed out gets a bare 408, as Node gives it', () => {
    assert.deepEqual(unreadableAnswer('ERR_HTTP_REQUEST_TIMEOUT'), { status: 408, body: null });
    assert.equal(unreadableAnswer('HPE_CHUNK_EXTENSIONS_OVERFLOW')?.status, 413);
    assert.equal(unreadableAnswer('ECONNRESET'), null);
  });

  test('an ordinary request is answered as before', async () => {
    const r = await fetch(`${hub.url}/healthz`);
    assert.equal(r.status, 200);
  });
});

// Raw HTTP over a socket, for answers the server writes before the app (a request it cannot read, the
// adapter's refusals): the bytes sent as given, the answer read until the server closes.
import assert from 'node:assert/strict';
import { maxHeaderSize } from 'node:http';
import { connect } from 'node:net';
import { test } from 'node:test';
import { API_CONTENT_SECURITY_POLICY } from '../../src/server/security-headers.ts';

/**
 * Writes raw bytes to the server and reads everything it answers until the server closes. With
 * `keepOpen` the client never closes its own side: only the server's close ends the exchange (else the
 * test's timeout does).
 */
export function rawExchange(url: string, text: string, keepOpen = false): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ port: Number(port), host: hostname, allowHalfOpen: keepOpen }, () =>
      keepOpen ? socket.write(text) : socket.end(text),
    );
    let answer = '';
    socket.setEncoding('utf8').on('data', (d: string) => {
      answer += d;
    });
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

/** A raw answer's status, headers (names in lower case), content type and body (JSON, or null when empty). */
export function parsed(answer: string): {
  status: number;
  type: string;
  headers: Map<string, string>;
  body: unknown;
} {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { status, type: headers.get('content-type') ?? '', headers, body: body === '' ? null : JSON.parse(body) };
}

/**
 * The headers the server's door gives every answer (src/server/security-headers.ts), as a raw answer
 * carries them; `what` names the answer in a failure. `own`: what a page sets in place of the door's
 * (the installation's pages: their policy, their referrer policy).
 */
export function assertDoorHeaders(
  headers: Map<string, string>,
  what: string,
  own: { policy?: string; referrer?: string } = {},
): void {
  assert.equal(headers.get('x-content-type-options'), 'nosniff', `${what}: nosniff`);
  assert.equal(headers.get('referrer-policy'), own.referrer ?? 'no-referrer', what);
  assert.equal(headers.get('x-frame-options'), 'DENY', what);
  assert.equal(headers.get('content-security-policy'), own.policy ?? API_CONTENT_SECURITY_POLICY, `${what}: policy`);
  assert.equal(headers.get('cross-origin-opener-policy'), 'same-origin', what);
  assert.equal(headers.get('cross-origin-resource-policy'), 'same-origin', what);
  assert.equal(headers.get('cache-control'), 'no-store', `${what}: kept by no cache`);
}

type RawAnswer = ReturnType<typeof parsed>;

/**
 * The answers a server's socket writes before its app runs (src/server/socket-answers.ts), declared as
 * tests for one server: a URL it cannot make (400 in words), an unknown `Expect:` (417 in words), a request
 * that is not HTTP and headers over Node's limit; each with the door's headers. `path` is one the server
 * serves, `host` the Host header it is sent.
 */
export function socketAnswerTests(answer: (text: string) => Promise<RawAnswer>, path: string, host: string): void {
  test('a path with a backslash, and a Host that is no host: 400 in words, with the headers', async () => {
    for (const [what, text] of [
      ['a backslash in the path', `GET /a\\b HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`],
      ['a Host that is no host', `GET ${path} HTTP/1.1\r\nHost: a@b\r\nConnection: close\r\n\r\n`],
    ] as const) {
      const a = await answer(text);
      assert.equal(a.status, 400, what);
      assert.match(a.type, /application\/json/, what);
      const message = {
        ja: '要求のアドレスまたは Host ヘッダーを読み取れません',
        en: "The request's address or Host header cannot be read",
      };
      assert.deepEqual(a.body, { error: { code: 'VALIDATION_FAILED', message } }, what);
      assertDoorHeaders(a.headers, what);
    }
  });

  test('an Expect the server does not know: 417 in words, with the headers', async () => {
    const a = await answer(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nExpect: nothing\r\n\r\n`);
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
    const tooLarge = await answer(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nCookie: c=${cookie}\r\n\r\n`);
    assert.equal(tooLarge.status, 431);
    assertDoorHeaders(tooLarge.headers, 'headers over the limit');
  });
}

// A large mail body holds one of the two large-analysis slots while it comes: one that comes too slowly is
// cut off with 408 REQUEST_TIMEOUT in both languages and its slot freed, long before Node's own request
// timeout (300 s). Real sockets on 127.0.0.1 against the hub's server, with a short pace for the test.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { after, before, test } from 'node:test';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { type BodyPace, MAX_MAIL_BODY_BYTES, mailAnalysisGate } from '../../src/server/mail-limit.ts';
import { createHubServer } from '../../src/server/socket-answers.ts';
import { parsed } from '../support/raw-http.ts';
import type { ApiError } from '../support/replies.ts';

const KIB = 1024;
const MIB = 1024 * KIB;
/** Half a second's grace, then 1 MiB a second on average. */
const PACE: BodyPace = { graceMs: 500, bytesPerSecond: MIB };

const app = new Hono();
const gate = mailAnalysisGate(
  bodyLimit({ maxSize: MAX_MAIL_BODY_BYTES }),
  { limit: (_c, next) => next(), max: MIB },
  async () => true,
  PACE,
);
app.post('/m', gate, async (c) => c.text(String((await c.req.arrayBuffer()).byteLength)));
const server = createHubServer(app.fetch, { hostname: '127.0.0.1' });
let port = 0;
before(
  () =>
    new Promise<void>((resolve) =>
      server.listen(0, '127.0.0.1', () => {
        port = (server.address() as AddressInfo).port;
        resolve();
      }),
    ),
);
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Without the pace a stopped body would hold its slot for Node's 300 s: each test fails at 20 s instead. */
const BOUND = { timeout: 20_000 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A POST of `length` bytes (Content-Length) written as `steps` say — each a number of bytes and the pause
 * before it — then nothing more; the answer as the server wrote it, and when it came (ms after the start).
 */
function post(length: number, steps: Array<{ bytes: number; after: number }>): Promise<{ answer: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const socket = connect({ port, host: '127.0.0.1' });
    let answer = '';
    let done = false;
    socket.setEncoding('utf8').on('data', (d: string) => {
      answer += d;
    });
    const finish = () => {
      if (done) return;
      done = true;
      resolve({ answer, ms: performance.now() - start });
    };
    socket.on('end', finish);
    socket.on('close', finish);
    socket.on('error', (e: NodeJS.ErrnoException) =>
      e.code === 'ECONNRESET' || e.code === 'EPIPE' ? finish() : reject(e),
    );
    socket.on('connect', async () => {
      socket.write(`POST /m HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${length}\r\nConnection: close\r\n\r\n`);
      for (const step of steps) {
        await sleep(step.after);
        if (done) return;
        socket.write(Buffer.alloc(step.bytes, 0x78));
      }
    });
  });
}

test('a body that stops is cut off with 408 in both languages, and its slot is freed', BOUND, async () => {
  // Two large bodies send 100 KiB each and stop: they hold both slots…
  const slow = [post(4 * MIB, [{ bytes: 100 * KIB, after: 0 }]), post(4 * MIB, [{ bytes: 100 * KIB, after: 0 }])];
  await sleep(150);
  const busy = await post(2 * MIB, []);
  assert.equal(
    parsed(busy.answer).status,
    503,
    `both slots are held: ${JSON.stringify(busy.answer.slice(0, 200))} ${busy.ms}`,
  );
  // …until they fall behind the pace: half a second, and a tenth of one for their 100 KiB.
  for (const r of await Promise.all(slow)) {
    const { status, headers, body } = parsed(r.answer);
    assert.equal(status, 408);
    assert.ok(r.ms < 3000, `cut off after ${Math.round(r.ms)} ms`);
    assert.equal(headers.get('connection'), 'close');
    const reply = body as ApiError;
    assert.equal(reply.error.code, 'REQUEST_TIMEOUT');
    assert.match(reply.error.message.ja, /メールの届くのが遅すぎるため、受け取りを打ち切りました/);
    assert.match(reply.error.message.ja, /送り始めて 0\.5 秒のあとは平均で毎秒 1024 KiB 以上/);
    assert.match(reply.error.message.en, /the message came too slowly and was cut off/);
    assert.match(reply.error.message.en, /shokai mail analyze/);
    assert.equal(reply.error.details?.received, 100 * KIB);
  }
  // The slots are free again: a large body that comes at once is read whole.
  const whole = await post(2 * MIB, [{ bytes: 2 * MIB, after: 0 }]);
  assert.equal(parsed(whole.answer).status, 200);
  assert.match(whole.answer, /\r\n\r\n2097152$/);
});

test('a body that keeps the pace is read whole, however long it takes', BOUND, async () => {
  // 1.5 MiB in 128 KiB steps every 100 ms: 1.25 MiB a second, over the pace, for a little more than a second.
  const steps = Array.from({ length: 12 }, () => ({ bytes: 128 * KIB, after: 100 }));
  const r = await post(12 * 128 * KIB, steps);
  assert.equal(parsed(r.answer).status, 200, r.answer.slice(0, 300));
  assert.match(r.answer, /\r\n\r\n1572864$/);
  assert.ok(r.ms > 1000);
});

test('a body that falls behind on the way is cut off where it fell behind', BOUND, async () => {
  // 1 MiB at once (its second's credit, with the grace), then 64 KiB a second: behind the pace within 2 s.
  const steps = [{ bytes: MIB, after: 0 }, ...Array.from({ length: 40 }, () => ({ bytes: 64 * KIB, after: 1000 }))];
  const r = await post(4 * MIB, steps);
  assert.equal(parsed(r.answer).status, 408);
  assert.ok(r.ms > 1400 && r.ms < 4000, `cut off after ${Math.round(r.ms)} ms`);
});

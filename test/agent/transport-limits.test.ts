// A hostile hub answers without end: a body that never stops (read into memory until the process died, and
// with it the installation's pulls and review pages), or one that trickles a byte at a time (never idle long
// enough for the idle timeout). The installation reads an answer no further than its limit and no longer than
// its deadline, and says which in words; an answer within both is read as before.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { hubFetch, TransportError } from '../../src/agent/transport.ts';

describe("the installation's calls to a hub that answers without end", () => {
  let server: Server;
  let url = '';
  before(async () => {
    server = createServer((req, res) => {
      if (req.url === '/declared') {
        // says it will send 10 MiB, and sends nothing yet
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(10 * 1024 * 1024) });
        res.flushHeaders();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      if (req.url === '/ok') return res.end('{"ok":true}');
      // '/endless' writes for ever, '/trickle' a byte every 20 ms
      const fast = req.url === '/endless';
      const chunk = Buffer.alloc(fast ? 64 * 1024 : 1, 0x20);
      const t = setInterval(() => res.write(chunk), fast ? 1 : 20);
      res.on('close', () => clearInterval(t));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });
  const fetchOf = (o: { maxBodyBytes?: number; deadlineMs?: number } = {}) =>
    hubFetch({ url, pins: [], allowLoopbackHttp: true, ...o });
  const refused = (reason: string) => (e: unknown) => e instanceof TransportError && e.reason === reason;

  test('an endless body is cut off at the limit', async () => {
    const f = fetchOf({ maxBodyBytes: 1024 * 1024 });
    await assert.rejects(f(`${url}/endless`), refused('too_large'));
    await assert.rejects(f(`${url}/declared`), refused('too_large'), 'a declared length over it: not read at all');
    assert.deepEqual(await (await f(`${url}/ok`)).json(), { ok: true }, 'an answer within it is read');
    f.close();
  });

  test('a body that trickles is cut off at the deadline', async () => {
    const f = fetchOf({ deadlineMs: 500 });
    const started = Date.now();
    await assert.rejects(f(`${url}/trickle`), refused('too_slow'));
    assert.ok(Date.now() - started < 10_000);
    f.close();
  });

  test('the words say what happened, in both languages', () => {
    const e = new TransportError('too_large');
    assert.match(e.bilingual.ja, /上限を超えて大きい/);
    assert.match(e.bilingual.en, /larger than the limit/);
  });
});

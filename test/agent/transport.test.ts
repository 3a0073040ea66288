// The agent reaches the hub over TLS only, with the hub's certificate pinned: a wrong pin, a missing
// pin, plain http off loopback and a hub that asks for a client certificate the agent does not have are
// all refused before any request is answered. A locally generated CA stands in for the hub's PKI.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { listOpenRequests } from '../../src/agent/hub.ts';
import { certificatePin, checkHubUrl, spkiPin, TransportError } from '../../src/agent/transport.ts';
import { type RunningServer, startServer } from '../../src/server/start.ts';
import { startAgent, type TestAgent } from '../support/agent.ts';
import { startHub, type TestHub } from '../support/exchange.ts';
import { createTestCa, type Issued, type TestCa } from '../support/tls.ts';

const ISP = 'Nihon Network Communications K.K.';

describe('the agent talks to a pinned hub over TLS', () => {
  let hub: TestHub;
  let agent: TestAgent;
  let ca: TestCa;
  let server: Issued;
  let tlsHub: RunningServer;
  let mtlsHub: RunningServer;
  before(async () => {
    hub = await startHub('sqlite');
    agent = await startAgent(hub, 'sqlite', ISP);
    ca = await createTestCa();
    server = await ca.issue('server', '127.0.0.1');
    tlsHub = await startServer(hub.ctx, { port: 0, host: '127.0.0.1', web: false, tls: server });
    mtlsHub = await startServer(hub.ctx, {
      port: 0,
      host: '127.0.0.1',
      web: false,
      tls: { ...server, clientCa: ca.cert, requireClientCert: true },
    });
  });
  after(async () => {
    await tlsHub.close();
    await mtlsHub.close();
    await agent.close();
    await hub.close();
  });

  test('with the SPKI pin (or the certificate hash) it pulls; with another pin it is refused', async () => {
    assert.match(tlsHub.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    const pinned = agent.link({ url: tlsHub.url, pins: [spkiPin(server.cert)], ca: ca.cert, allowLoopbackHttp: false });
    assert.ok((await listOpenRequests(pinned)).length > 0);
    const byCert = agent.link({ url: tlsHub.url, pins: [certificatePin(server.cert)], ca: ca.cert });
    assert.ok((await listOpenRequests(byCert)).length > 0);

    const other = await ca.issue('server', '127.0.0.1');
    const wrong = agent.link({ url: tlsHub.url, pins: [spkiPin(other.cert)], ca: ca.cert });
    await assert.rejects(listOpenRequests(wrong));
    const why = wrong.lastFailure();
    assert.ok(why instanceof TransportError, String(why));
    assert.equal(why.reason, 'pin_mismatch');
  });

  test('no pin, plain http off loopback, plain http without the test switch: refused at once', () => {
    assert.throws(
      () => checkHubUrl({ url: tlsHub.url, pins: [] }),
      (e: unknown) => e instanceof TransportError && e.reason === 'not_pinned',
    );
    assert.throws(
      () => checkHubUrl({ url: 'http://hub.example.jp', pins: [spkiPin(server.cert)], allowLoopbackHttp: true }),
      (e: unknown) => e instanceof TransportError && e.reason === 'plain_http',
    );
    assert.throws(
      () => checkHubUrl({ url: hub.url, pins: [spkiPin(server.cert)] }),
      (e: unknown) => e instanceof TransportError && e.reason === 'plain_http',
    );
    assert.throws(
      () => checkHubUrl({ url: tlsHub.url, pins: ['sha256/not-a-pin'] }),
      (e: unknown) => e instanceof TransportError && e.reason === 'bad_pin',
    );
  });

  test('mutual TLS: without a client certificate the hub refuses; with one issued by its CA it answers', async () => {
    const pins = [spkiPin(server.cert)];
    const anonymous = agent.link({ url: mtlsHub.url, pins, ca: ca.cert });
    await assert.rejects(listOpenRequests(anonymous));
    assert.ok(anonymous.lastFailure(), 'the TLS handshake failed');
    const client = await ca.issue('client', 'nihon-network-agent');
    const mutual = agent.link({ url: mtlsHub.url, pins, ca: ca.cert, clientCert: client });
    assert.ok((await listOpenRequests(mutual)).length > 0);
  });

  test('a JSON answer that names a key twice in one object is refused, naming the key', async () => {
    // A hub (or what stands between) that answers the open list with "items" twice: JSON.parse would keep
    // the second list, a person reading the answer elsewhere the first.
    const proxy: Server = createServer((req, res) => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
      void fetch(`${hub.url}${req.url ?? '/'}`, { method: req.method ?? 'GET', headers }).then(async (r) => {
        const text = await r.text();
        const twice = req.url?.startsWith('/v1/requests?') ? text.replace(/^\{/, '{"items":[],') : text;
        res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/json' });
        res.end(twice);
      });
    });
    await new Promise<void>((ok) => proxy.listen(0, '127.0.0.1', ok));
    try {
      const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
      const link = agent.link({ url });
      await assert.rejects(listOpenRequests(link));
      const why = link.lastFailure();
      assert.ok(why instanceof TransportError, String(why));
      assert.equal(why.reason, 'repeated_key');
      assert.match(why.message, /: items$/);
      assert.match(why.bilingual.ja, /同じ項目が2回/);
    } finally {
      await new Promise<void>((ok) => proxy.close(() => ok()));
    }
  });
});

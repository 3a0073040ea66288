// One rule for "this machine" in a URL, read by the CLI (the browser URL printed at start), the web (the
// page a passkey works on) and the agent's transport (plain http only to loopback).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { browserUrl } from '../../src/cli/demo.ts';
import { byLocalhostName, isLoopbackAddress, isLoopbackHost } from '../../src/domain/host-names.ts';

test('a loopback address in a URL is named localhost; any other host is not renamed', () => {
  assert.equal(byLocalhostName('http://127.0.0.1:8139/requests?x=1')?.toString(), 'http://localhost:8139/requests?x=1');
  assert.equal(byLocalhostName('http://[::1]:8139/')?.toString(), 'http://localhost:8139/');
  assert.equal(byLocalhostName('http://localhost:8139/'), null);
  assert.equal(byLocalhostName('https://hub.example.jp/'), null);
  assert.equal(byLocalhostName('http://192.0.2.10:8139/'), null);
});

test('loopback hosts: the addresses as a URL gives them, and the name', () => {
  for (const h of ['127.0.0.1', '[::1]']) assert.equal(isLoopbackAddress(h), true, h);
  for (const h of ['127.0.0.1', '[::1]', '::1', 'localhost']) assert.equal(isLoopbackHost(h), true, h);
  for (const h of ['localhost.example.jp', '127.0.0.2', '10.0.0.1', 'hub.example.jp']) {
    assert.equal(isLoopbackHost(h), false, h);
  }
  assert.equal(isLoopbackAddress('localhost'), false);
});

test("the demo's browser line names the hub by host name only where passkeys are bound to localhost", () => {
  assert.equal(browserUrl('http://127.0.0.1:8139', 'localhost'), 'http://localhost:8139');
  assert.equal(browserUrl('http://127.0.0.1:8139', 'hub.example.jp'), null);
  assert.equal(browserUrl('http://localhost:8139', 'localhost'), null);
});

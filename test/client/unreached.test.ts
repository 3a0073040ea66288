// A server that cannot be reached is named, with the reason in words, wherever a client was given its
// address (the CLI, the provider's installation): "the server cannot be reached" alone leaves a person
// guessing which server and why.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { TransportError } from '../../src/agent/transport.ts';
import { ApiError, createApiClient, unwrap } from '../../src/client/client.ts';
import { shokai } from '../support/cli.ts';

/** A loopback port that nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  assert.ok(address && typeof address === 'object');
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return address.port;
}

test('a refused connection names the server and says it was refused, in both languages', async () => {
  const port = await closedPort();
  const api = createApiClient({ baseUrl: `http://127.0.0.1:${port}` });
  await assert.rejects(unwrap(api.GET('/v1/me', {})), (e: unknown) => {
    assert.ok(e instanceof ApiError);
    assert.equal(e.status, 0);
    assert.equal(e.code, 'NETWORK');
    assert.equal(
      e.bilingual.ja,
      `サーバー http://127.0.0.1:${port} に接続できません: 接続を拒否されました（そのポートで待ち受けていません）`,
    );
    assert.equal(
      e.bilingual.en,
      `The server http://127.0.0.1:${port} cannot be reached: connection refused (nothing listens on that port)`,
    );
    return true;
  });
});

/** What the typed client makes of a call whose fetch fails with `error` (the server never answered). */
async function unreachedBy(error: unknown): Promise<ApiError> {
  const api = createApiClient({
    baseUrl: 'https://hub.example',
    fetch: async () => {
      throw error;
    },
  });
  try {
    await unwrap(api.GET('/v1/me', {}));
  } catch (e) {
    assert.ok(e instanceof ApiError && e.status === 0, String(e));
    return e;
  }
  assert.fail('the call succeeded');
}

test("the pinned transport's own reason is kept (a certificate that does not match the pin)", async () => {
  const e = await unreachedBy(new TransportError('pin_mismatch'));
  assert.match(
    e.bilingual.ja,
    /^サーバー https:\/\/hub\.example に接続できません: ハブの証明書が固定したものと一致しません/,
  );
  assert.match(
    e.bilingual.en,
    /^The server https:\/\/hub\.example cannot be reached: the hub's certificate does not match/,
  );
});

test('a failure of no known kind still names the server', async () => {
  assert.equal(
    (await unreachedBy(new Error('something odd'))).bilingual.en,
    'The server https://hub.example cannot be reached',
  );
});

test('shokai remote says which server it could not reach, in the chosen language', async () => {
  const port = await closedPort();
  const dir = mkdtempSync(join(tmpdir(), 'shokai-unreached-'));
  try {
    const keyFile = join(dir, 'machine.json');
    assert.equal((await shokai(['client', 'keygen', '--out', keyFile])).status, 0);
    const args = ['remote', 'requests', '--url', `http://127.0.0.1:${port}`, '--key-file', keyFile, '--key-id', 'k1'];
    const ja = await shokai(args, { SHOKAI_LANG: 'ja' });
    assert.notEqual(ja.status, 0);
    assert.match(
      ja.stderr,
      new RegExp(`サーバー http://127\\.0\\.0\\.1:${port} に接続できません: 接続を拒否されました`),
    );
    const en = await shokai(args, { SHOKAI_LANG: 'en' });
    assert.match(
      en.stderr,
      new RegExp(`The server http://127\\.0\\.0\\.1:${port} cannot be reached: connection refused`),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a call given up after its time says so; a cancelled one gives no reason', async () => {
  const wordsOf = async (error: unknown): Promise<string> => (await unreachedBy(error)).bilingual.en;
  const timedOut = 'The server https://hub.example cannot be reached: no answer before the time ran out';
  assert.equal(await wordsOf(new DOMException('The operation timed out.', 'TimeoutError')), timedOut);
  // The pinned transport's own timeout.
  assert.equal(
    await wordsOf(Object.assign(new Error('no answer from the hub within 30000 ms'), { code: 'ETIMEDOUT' })),
    timedOut,
  );
  assert.equal(
    await wordsOf(new DOMException('This operation was aborted', 'AbortError')),
    'The server https://hub.example cannot be reached',
  );
});

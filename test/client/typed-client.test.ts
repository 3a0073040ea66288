// The typed client (src/client) against a running hub: a person's session, a provider's machine key
// (every request signed), and the CLI's `remote` commands that use it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ApiError, createApiClient, unwrap } from '../../src/client/client.ts';
import { createMachineClient } from '../../src/client/machine.ts';
import { generateSigningKeyPair } from '../../src/crypto/keys.ts';
import { shokai } from '../support/cli.ts';
import { hubHooks, orgId } from '../support/exchange.ts';
import { confirmedByOperator } from '../support/key-registrations.ts';
import type { RegisteredClient } from '../support/replies.ts';

describe('the typed client (sqlite)', () => {
  const hub = hubHooks('sqlite');

  test('a session client reads typed answers; an error answer is an ApiError with its code', async () => {
    const sato = await hub.as('sato');
    const api = createApiClient({ baseUrl: hub.url, token: sato.token });
    const me = await unwrap(api.GET('/v1/me', {}));
    assert.equal(me.user.roles[0], 'investigator');
    assert.equal(me.organisation.kind, 'agency');
    const list = await unwrap(api.GET('/v1/requests', { params: { query: { limit: 3 } } }));
    assert.equal(list.items.length, 3);
    assert.ok(list.items.every((r) => r.agency.id === me.organisation.id));
    await assert.rejects(
      unwrap(api.GET('/v1/requests/{id}', { params: { path: { id: 'req_nope' } } })),
      (e: unknown) => e instanceof ApiError && e.status === 404 && e.code === 'NOT_FOUND' && e.bilingual.ja.length > 0,
    );
    const anonymous = createApiClient({ baseUrl: hub.url });
    await assert.rejects(
      unwrap(anonymous.GET('/v1/me', {})),
      (e: unknown) => e instanceof ApiError && e.code === 'UNAUTHENTICATED',
    );
  });

  test("a provider's machine client signs every call; the CLI's remote commands use it", async () => {
    const admin = await hub.as('board.admin');
    const pair = generateSigningKeyPair();
    const reg = await admin.call<RegisteredClient>('POST', '/v1/clients', {
      name: 'board-bot',
      publicKey: pair.publicKey,
      roles: ['provider_intake'],
    });
    assert.equal(reg.status, 201, JSON.stringify(reg.body));
    await confirmedByOperator(hub, reg.body.registration.id);
    const board = await orgId(hub, 'Sakura Board K.K.');
    const bot = createMachineClient(hub.url, { keyId: reg.body.keyId, privateKey: pair.privateKey });
    const list = await unwrap(bot.GET('/v1/requests', { params: { query: { limit: 50, state: 'received' } } }));
    assert.ok(list.items.length > 0, 'the board has received requests');
    assert.ok(list.items.every((r) => r.provider?.id === board && r.state === 'received'));
    // The same twice: a fresh nonce per call, so a second identical call is not a replay.
    await unwrap(bot.GET('/v1/requests', { params: { query: { limit: 50, state: 'received' } } }));
    // A key the hub does not know is refused.
    const stranger = createMachineClient(hub.url, {
      keyId: reg.body.keyId,
      privateKey: generateSigningKeyPair().privateKey,
    });
    await assert.rejects(
      unwrap(stranger.GET('/v1/requests', {})),
      (e: unknown) => e instanceof ApiError && e.status === 401,
    );

    const keyFile = join(hub.dir, 'bot.key');
    const gen = await shokai(['client', 'keygen', '--out', keyFile]);
    assert.equal(gen.status, 0, gen.stderr);
    const generated = JSON.parse(readFileSync(keyFile, 'utf8')) as { publicKey: string };
    assert.equal(gen.stdout.trim(), generated.publicKey);
    const reg2 = await admin.call<RegisteredClient>('POST', '/v1/clients', {
      name: 'board-cli',
      publicKey: generated.publicKey,
      roles: ['provider_intake'],
    });
    assert.equal(reg2.status, 201);
    await confirmedByOperator(hub, reg2.body.registration.id);
    const r = await shokai([
      'remote',
      'requests',
      '--url',
      hub.url,
      '--key-file',
      keyFile,
      '--key-id',
      reg2.body.keyId,
      '--state',
      'received',
      '--json',
    ]);
    assert.equal(r.status, 0, r.stderr);
    const printed = JSON.parse(r.stdout) as { items: Array<{ id: string }> };
    assert.deepEqual(printed.items.map((i) => i.id).sort(), list.items.map((i) => i.id).sort());
    const noId = await shokai(['remote', 'requests', '--url', hub.url, '--key-file', keyFile]);
    assert.notEqual(noId.status, 0);
    assert.match(noId.stderr, /key id/);
  });
});

import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createApiClient } from '../../src/client/client.ts';
import { enrolDevice, removeAndRotate } from '../../src/client/custody.ts';
import { importDemoDevice } from '../../src/demo/custody.ts';
import { shokai } from '../support/cli.ts';
import { answeredInquiry } from '../support/custody.ts';
import { demoDevice, hubHooks } from '../support/exchange.ts';

describe('shokai device: the command line as a device that opens answers', () => {
  const hub = hubHooks('sqlite');

  test('init writes a 0600 key file; once enrolled by the head, open-answer opens on this machine', async () => {
    const answered = answeredInquiry(hub);
    const sato = await hub.as('sato');
    const keyFile = join(hub.dir, 'sato-cli.key.json');
    const env = { SHOKAI_TOKEN: sato.token };
    const init = await shokai(['device', 'init', '--url', hub.url, '--key-file', keyFile, '--label', 'sato CLI'], env);
    assert.equal(init.status, 0, init.stderr);
    assert.match(init.stdout, /fingerprint SHA-256 ([0-9a-f]{4} ){7}[0-9a-f]{4}/);
    assert.equal(statSync(keyFile).mode & 0o777, 0o600);
    const file = JSON.parse(readFileSync(keyFile, 'utf8')) as { deviceId: string; publicKey: string };

    // Not yet enrolled: nothing opens.
    const early = await shokai(['device', 'open-answer', answered.id, '--url', hub.url, '--key-file', keyFile], env);
    assert.notEqual(early.status, 0);

    // The head's device wraps the key to it (the head compared the printed fingerprint).
    const tanaka = await hub.as('tanaka');
    const headDevice = demoDevice(hub, 'tanaka');
    assert.ok(headDevice);
    await enrolDevice(createApiClient({ baseUrl: hub.url, token: tanaka.token }), await importDemoDevice(headDevice), {
      id: file.deviceId,
      publicKey: file.publicKey,
    });
    const opened = await shokai(
      ['device', 'open-answer', answered.id, '--url', hub.url, '--key-file', keyFile, '--json'],
      env,
    );
    assert.equal(opened.status, 0, opened.stderr);
    const a = JSON.parse(opened.stdout) as {
      signatureValid: boolean;
      answer: { items: Array<{ subscriber?: { account?: string } }> };
    };
    assert.equal(a.signatureValid, true);
    assert.equal(a.answer.items[0]?.subscriber?.account, 'user-77812');
  });

  test('init onto a key file that exists, or into no folder: refused in words, nothing registered', async () => {
    const sato = await hub.as('sato');
    const env = { SHOKAI_TOKEN: sato.token };
    const devices = async () => (await sato.call<{ devices: unknown[] }>('GET', '/v1/custody')).body.devices.length;
    const keyFile = join(hub.dir, 'sato-second.key.json');
    const first = await shokai(['device', 'init', '--url', hub.url, '--key-file', keyFile], env);
    assert.equal(first.status, 0, first.stderr);
    const kept = readFileSync(keyFile, 'utf8');
    const registered = await devices();

    const again = await shokai(['device', 'init', '--url', hub.url, '--key-file', keyFile], {
      ...env,
      SHOKAI_LANG: 'ja',
    });
    assert.notEqual(again.status, 0);
    assert.match(again.stderr, /既にあります/);
    assert.doesNotMatch(again.stderr, /EEXIST/);
    assert.equal(readFileSync(keyFile, 'utf8'), kept, 'the key file is not overwritten');
    const nowhere = join(hub.dir, 'no-such-folder', 'k.json');
    const bad = await shokai(['device', 'init', '--url', hub.url, '--key-file', nowhere], env);
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr, /cannot create .*no such folder/);
    assert.doesNotMatch(bad.stderr, /ENOENT/);
    assert.equal(await devices(), registered, 'no device registered at the hub for either');
  });

  test('a machine enrolled after the key was rotated opens an answer sealed before the rotation', async () => {
    const answered = answeredInquiry(hub);
    const tanaka = await hub.as('tanaka');
    const api = createApiClient({ baseUrl: hub.url, token: tanaka.token });
    const headDemo = demoDevice(hub, 'tanaka');
    const satoDemo = demoDevice(hub, 'sato');
    assert.ok(headDemo && satoDemo);
    const head = await importDemoDevice(headDemo);
    // A device is removed: the key rotates; the demo's answer stays sealed to the earlier key.
    const before = (await api.GET('/v1/custody')).data?.custodyKey?.id;
    const rotated = await removeAndRotate(api, head, { deviceIds: [satoDemo.deviceId] });
    assert.notEqual(rotated.custodyKey?.id, before);

    const keyFile = join(hub.dir, 'tanaka-cli.key.json');
    const env = { SHOKAI_TOKEN: tanaka.token };
    const init = await shokai(
      ['device', 'init', '--url', hub.url, '--key-file', keyFile, '--label', 'tanaka CLI'],
      env,
    );
    assert.equal(init.status, 0, init.stderr);
    const file = JSON.parse(readFileSync(keyFile, 'utf8')) as { deviceId: string; publicKey: string };
    await enrolDevice(api, head, { id: file.deviceId, publicKey: file.publicKey });
    const opened = await shokai(
      ['device', 'open-answer', answered.id, '--url', hub.url, '--key-file', keyFile, '--json'],
      env,
    );
    assert.equal(opened.status, 0, opened.stderr);
    const a = JSON.parse(opened.stdout) as { answer: { items: Array<{ subscriber?: { account?: string } }> } };
    assert.equal(a.answer.items[0]?.subscriber?.account, 'user-77812');
  });
});

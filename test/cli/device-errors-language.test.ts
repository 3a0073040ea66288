// `shokai device …` refusing what the device-side key work refuses — a --public-key that is not a key, a
// key file whose private key is not the enrolled device's — says it in Japanese by default and in
// English with SHOKAI_LANG=en, never in the crypto module's English only.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { DEVICE_KEY_FORMAT } from '../../src/client/device-file.ts';
import {
  bytesToB64u,
  exportDevicePrivateKey,
  exportDevicePublicKey,
  generateDeviceKeyPair,
} from '../../src/crypto/device-seal.ts';
import { shokaiAsPerson } from '../support/cli.ts';
import { answeredInquiry, cliDeviceEnrolledByHead } from '../support/custody.ts';
import { hubHooks } from '../support/exchange.ts';
import { JAPANESE } from '../support/languages.ts';

const run = shokaiAsPerson;

/** A device key file: `deviceId` and `publicKey` as given, the private key of a key pair made here. */
async function keyFile(path: string, deviceId: string, publicKey?: string): Promise<void> {
  const pair = await generateDeviceKeyPair(true);
  const file = {
    format: DEVICE_KEY_FORMAT,
    deviceId,
    publicKey: publicKey ?? (await exportDevicePublicKey(pair.publicKey)),
    privateKey: bytesToB64u(await exportDevicePrivateKey(pair.privateKey)),
  };
  writeFileSync(path, JSON.stringify(file), { mode: 0o600 });
}

describe('shokai device enrol --public-key <typo>', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shokai-device-words-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('is refused in words: Japanese by default, English with SHOKAI_LANG=en (before any hub is called)', async () => {
    const path = join(dir, 'me.key.json');
    await keyFile(path, 'dev_me');
    // No hub listens there: the key is refused before anything is sent.
    const args = ['device', 'enrol', 'dev_new', '--public-key', 'garbage', '--url', 'http://127.0.0.1:9'];
    const env = { SHOKAI_TOKEN: 't' };
    const ja = await run([...args, '--key-file', path], env);
    assert.notEqual(ja.status, 0);
    assert.match(
      ja.stderr,
      /渡す先の端末の公開鍵が、P-256 の公開鍵（65 バイトの点を base64url で書いたもの）ではありません/,
    );
    assert.doesNotMatch(ja.stderr, /not a P-256|65-byte raw point|INVALID_KEY|VALIDATION_FAILED/);
    const en = await run([...args, '--key-file', path], env, 'en');
    assert.notEqual(en.status, 0);
    assert.match(
      en.stderr,
      /the target device's public key is not a P-256 public key \(a 65-byte point in base64url\)/,
    );
    assert.doesNotMatch(en.stderr, JAPANESE);
    assert.doesNotMatch(en.stderr, /INVALID_KEY|VALIDATION_FAILED|raw point/);
  });
});

describe('shokai device open-answer with a key file that is not the enrolled device', () => {
  const hub = hubHooks('sqlite');

  test("says the device's key does not open its wrap: Japanese by default, English with SHOKAI_LANG=en", async () => {
    const answered = answeredInquiry(hub);
    const sato = await hub.as('sato');
    const env = { SHOKAI_TOKEN: sato.token };
    const own = join(hub.dir, 'sato-words.key.json');
    const file = await cliDeviceEnrolledByHead(hub, own, env);
    // The enrolled device's id and public key, with another private key (a file mixed up, or altered).
    const wrong = join(hub.dir, 'sato-words-wrong.key.json');
    await keyFile(wrong, file.deviceId, file.publicKey);
    const args = ['device', 'open-answer', answered.id, '--url', hub.url, '--key-file', wrong];

    const ja = await run(args, env);
    assert.notEqual(ja.status, 0);
    assert.match(ja.stderr, /この端末あてに渡された鍵を、この端末の鍵で開けませんでした/);
    assert.doesNotMatch(ja.stderr, /sealed box|could not|SEAL_OPEN_FAILED|SIGNATURE_INVALID/);
    const en = await run(args, env, 'en');
    assert.notEqual(en.status, 0);
    assert.match(en.stderr, /this device's key could not open the key wrapped to it/);
    assert.doesNotMatch(en.stderr, JAPANESE);
    assert.doesNotMatch(en.stderr, /SEAL_OPEN_FAILED|SIGNATURE_INVALID|aad/);

    // The device's own key file still opens it.
    const right = await run(['device', 'open-answer', answered.id, '--url', hub.url, '--key-file', own, '--json'], env);
    assert.equal(right.status, 0, right.stderr);
  });
});

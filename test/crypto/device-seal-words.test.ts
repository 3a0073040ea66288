// The device-side key work's refusals are read by a person (the browser, `shokai device …`): each says
// itself in Japanese and English, and stays the CryptoError with the code callers branch on.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  bytesToB64u,
  checkDevicePublicKey,
  custodyKeyId,
  deviceKeyFingerprint,
  exportDevicePublicKey,
  generateDeviceKeyPair,
  importDevicePrivateKey,
  openBox,
  sealBox,
  unwrapCustodyKeyBytes,
  wrapCustodyKey,
} from '../../src/crypto/device-seal.ts';
import { CryptoError, type CryptoErrorCode, DeviceKeyError, isCryptoError } from '../../src/crypto/errors.ts';
import { assertInBoth } from '../support/languages.ts';

/** For `assert.rejects`: a CryptoError of `code` with its words in both languages, matching `ja` and `en`. */
const inBoth = (code: CryptoErrorCode, ja: RegExp, en: RegExp) => (e: unknown) => {
  assert.ok(e instanceof CryptoError, 'still a CryptoError');
  assert.ok(isCryptoError(e, code), `code ${code}`);
  assert.ok(e instanceof DeviceKeyError, 'with words in both languages');
  assertInBoth(e.messages, ja, en);
  assert.equal(e.message, e.messages.en);
  return true;
};

const notOnCurve = bytesToB64u(Uint8Array.of(4, ...new Uint8Array(64).fill(1)));

test('a public key that is not one (a typo, a point off the curve) is refused in both languages', async () => {
  for (const bad of ['garbage', 'AAAA', bytesToB64u(new Uint8Array(65))]) {
    await assert.rejects(checkDevicePublicKey(bad), inBoth('INVALID_KEY', /P-256 の公開鍵/, /not a P-256 public key/));
    await assert.rejects(sealBox(bad, 'k', 'x', 'a'), inBoth('INVALID_KEY', /P-256/, /P-256 public key/));
  }
  await assert.rejects(checkDevicePublicKey(notOnCurve), inBoth('INVALID_KEY', /曲線上の点/, /not a point on P-256/));
  await assert.rejects(deviceKeyFingerprint('garbage'), inBoth('INVALID_KEY', /公開鍵/, /public key/));
  await assert.rejects(custodyKeyId('garbage'), inBoth('INVALID_KEY', /公開鍵/, /public key/));
  const good = await exportDevicePublicKey((await generateDeviceKeyPair()).publicKey);
  await checkDevicePublicKey(good);
});

test('a private key that is not one, and a key id out of shape, are refused in both languages', async () => {
  await assert.rejects(
    importDevicePrivateKey(new Uint8Array([1, 2, 3])),
    inBoth('INVALID_KEY', /秘密鍵/, /not a P-256 private key/),
  );
  const pub = await exportDevicePublicKey((await generateDeviceKeyPair()).publicKey);
  await assert.rejects(sealBox(pub, 'no spaces allowed', 'x', 'a'), inBoth('INVALID_INPUT', /鍵の ID/, /key id/));
});

test('a box that does not open, and a wrap this device key does not open, say so in both languages', async () => {
  const right = await generateDeviceKeyPair();
  const wrong = await generateDeviceKeyPair();
  const pub = await exportDevicePublicKey(right.publicKey);
  const box = await sealBox(pub, 'k1', 'secret', 'ctx');
  await assert.rejects(
    openBox(wrong.privateKey, pub, box, 'ctx'),
    inBoth('SEAL_OPEN_FAILED', /封緘を開けませんでした/, /could not be opened/),
  );
  await assert.rejects(openBox(right.privateKey, pub, box, 'other'), inBoth('SEAL_OPEN_FAILED', /封緘/, /opened/));

  // A key file whose private key is not the device's: the wrap to the device does not open with it.
  const device = { id: 'dev_1', publicKey: pub };
  const wrapped = await wrapCustodyKey(new Uint8Array(32).fill(7), 'ck_1', device);
  await assert.rejects(
    unwrapCustodyKeyBytes({ ...device, privateKey: wrong.privateKey }, 'ck_1', wrapped),
    inBoth('SEAL_OPEN_FAILED', /この端末の鍵で開けませんでした/, /this device's key could not open/),
  );
  const opened = await unwrapCustodyKeyBytes({ ...device, privateKey: right.privateKey }, 'ck_1', wrapped);
  assert.deepEqual(opened, new Uint8Array(32).fill(7));
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  deviceKeyFingerprint,
  exportDevicePrivateKey,
  exportDevicePublicKey,
  generateDeviceKeyPair,
  openBox,
  publicKeyOfPrivate,
  sealBox,
  unwrapCustodyKey,
  unwrapCustodyKeyBytes,
  wrapCustodyKey,
} from '../../src/crypto/device-seal.ts';
import { isCryptoError } from '../../src/crypto/errors.ts';

const refused = (e: unknown) => isCryptoError(e, 'SEAL_OPEN_FAILED');

test('a box opens with the recipient key and the same aad, and with nothing else', async () => {
  const pair = await generateDeviceKeyPair();
  const other = await generateDeviceKeyPair();
  const pub = await exportDevicePublicKey(pair.publicKey);
  const box = await sealBox(pub, 'key_1', '回答: 山田太郎', 'req_1');
  assert.equal(box.ct.includes('山田'), false);
  const plain = await openBox(pair.privateKey, pub, box, 'req_1');
  assert.equal(new TextDecoder().decode(plain), '回答: 山田太郎');
  await assert.rejects(openBox(pair.privateKey, pub, box, 'req_2'), refused);
  await assert.rejects(openBox(other.privateKey, pub, box, 'req_1'), refused);
  await assert.rejects(openBox(pair.privateKey, pub, { ...box, recipientKeyId: 'key_2' }, 'req_1'), refused);
  const ct = box.ct.startsWith('A') ? `B${box.ct.slice(1)}` : `A${box.ct.slice(1)}`;
  await assert.rejects(openBox(pair.privateKey, pub, { ...box, ct }, 'req_1'), refused);
  await assert.rejects(openBox(pair.privateKey, pub, { ...box, v: 2 }, 'req_1'), refused);
});

test('a device key is non-extractable unless asked; a key file round-trips', async () => {
  const pair = await generateDeviceKeyPair();
  assert.equal(pair.privateKey.extractable, false);
  await assert.rejects(exportDevicePrivateKey(pair.privateKey));
  const file = await generateDeviceKeyPair(true);
  const pkcs8 = await exportDevicePrivateKey(file.privateKey);
  assert.equal(await publicKeyOfPrivate(pkcs8), await exportDevicePublicKey(file.publicKey));
  assert.match(
    await deviceKeyFingerprint(await exportDevicePublicKey(file.publicKey)),
    /^([0-9a-f]{4}:){7}[0-9a-f]{4}$/,
  );
});

test('a custody key wrapped to one device opens answers there, and cannot be moved to another device', async () => {
  const custody = await generateDeviceKeyPair(true);
  const custodyPub = await exportDevicePublicKey(custody.publicKey);
  const custodyPkcs8 = await exportDevicePrivateKey(custody.privateKey);
  const a = await generateDeviceKeyPair();
  const b = await generateDeviceKeyPair();
  const devA = { id: 'dev_a', publicKey: await exportDevicePublicKey(a.publicKey), privateKey: a.privateKey };
  const devB = { id: 'dev_b', publicKey: await exportDevicePublicKey(b.publicKey), privateKey: b.privateKey };
  const wrapped = await wrapCustodyKey(custodyPkcs8, 'key_u', devA);
  const answer = await sealBox(custodyPub, 'key_u', 'subscriber', 'req_9');
  const unitKey = await unwrapCustodyKey(devA, 'key_u', wrapped);
  assert.equal(unitKey.extractable, false);
  assert.equal(new TextDecoder().decode(await openBox(unitKey, custodyPub, answer, 'req_9')), 'subscriber');
  // The same wrap presented as B's, or as a wrap of another key, does not open.
  await assert.rejects(unwrapCustodyKeyBytes(devB, 'key_u', wrapped), refused);
  await assert.rejects(unwrapCustodyKeyBytes({ ...devA, id: 'dev_b' }, 'key_u', wrapped), refused);
  await assert.rejects(unwrapCustodyKeyBytes(devA, 'key_v', wrapped), refused);
  // A member re-wraps for B from the bytes A holds.
  const bytes = await unwrapCustodyKeyBytes(devA, 'key_u', wrapped);
  const forB = await wrapCustodyKey(bytes, 'key_u', devB);
  const unitKeyB = await unwrapCustodyKey(devB, 'key_u', forB);
  assert.equal(new TextDecoder().decode(await openBox(unitKeyB, custodyPub, answer, 'req_9')), 'subscriber');
});

test('bad keys are refused with INVALID_KEY, not a crash', async () => {
  await assert.rejects(sealBox('AAAA', 'k', 'x', 'a'), (e) => isCryptoError(e, 'INVALID_KEY'));
  const notOnCurve = `BA${'A'.repeat(85)}`;
  await assert.rejects(sealBox(notOnCurve, 'k', 'x', 'a'), (e) => isCryptoError(e, 'INVALID_KEY'));
  await assert.rejects(
    sealBox(await exportDevicePublicKey((await generateDeviceKeyPair()).publicKey), 'k\n', 'x', 'a'),
  );
});
